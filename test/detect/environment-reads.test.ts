import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeDetection} from '../../source/detect/describe-detection.js';
import {detectProject} from '../../source/detect/detect-project.js';
import {findEnvironmentReads} from '../../source/detect/environment-reads.js';
import {fixturePath} from '../support/generated-project.js';

/** name: optional, in the order found. */
const reads = (text: string) => findEnvironmentReads(text).map(({name, optional}) => `${name}${optional ? '?' : ''}`);

test('os.environ and os.getenv: a default (even None, even after `or`) makes a variable optional', () => {
	const text = [
		'import os',
		'A = os.environ["A_KEY"]',
		'B = os.getenv("B_KEY")',
		'C = os.getenv("C_DIR", "/tmp")',
		'D = os.environ.get(\'D_DIR\', default="x")',
		'E = os.environ.get("E_KEY")',
		'F = os.getenv("F_KEY", None)',
		'G = os.getenv("G_KEY") or "fallback"',
		'H = os.environ.setdefault("H_MODE", "fast")',
		'I = os.getenv(',
		'    "I_LONG",',
		'    "spread over lines",',
		')',
	].join('\n');
	assert.deepEqual(reads(text), ['A_KEY', 'B_KEY', 'C_DIR?', 'D_DIR?', 'E_KEY', 'F_KEY?', 'G_KEY?', 'H_MODE?', 'I_LONG?']);
});

test('writes, comments, other objects\' environ, and names built at run time are not reads', () => {
	const text = [
		'import os',
		'os.environ["SET_HERE"] = "1"',
		'# TOKEN = os.environ["IN_A_COMMENT"]',
		'url = "# not a comment"; key = os.environ["AFTER_A_HASH_IN_A_STRING"]',
		'def wsgi(environ, start_response):',
		'    return environ["PATH_INFO"], request.environ.get("REMOTE_ADDR")',
		'name = os.getenv(f"{PREFIX}_KEY")',
		'os.environ["CHECKED"] == "1"',
	].join('\n');
	assert.deepEqual(reads(text), ['AFTER_A_HASH_IN_A_STRING', 'CHECKED']);
});

test('environ and getenv imported from os count, under their own or another name', () => {
	assert.deepEqual(reads('from os import environ, getenv as env_or\nA = environ["A_KEY"]\nB = environ.get("B_KEY", "")\nC = env_or("C_KEY")\n'), ['A_KEY', 'B_KEY?', 'C_KEY']);
});

test('a pydantic-settings class: upper-cased field names, required without a default, aliases as written', () => {
	const text = `from typing import Annotated, ClassVar, Optional
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """database_url: str in a docstring is no field."""

    model_config = SettingsConfigDict(env_file=".env")

    database_url: str
    debug: bool = False
    secret_key: str = Field(..., validation_alias="SECRET_KEY_V2")
    api_key: str = Field(
        default="dev",
        alias="THE_API_KEY",
    )
    token: str = Field(validation_alias=AliasChoices("TOKEN", "API_TOKEN"))
    workers: int = Field(default_factory=lambda: 2)
    tags: list[str] = []
    region: Annotated[str, Field(alias="AWS_REGION")] = "eu-west-1"
    maybe: Optional[str]
    retries: int = ...
    _cache: dict = {}
    registry: ClassVar[dict] = {}

    def dsn(self) -> str:
        scheme: str = "postgresql"
        return scheme


class NotSettings:
    ignored: str
`;
	assert.deepEqual(reads(text), ['DATABASE_URL', 'DEBUG?', 'SECRET_KEY_V2', 'THE_API_KEY?', 'TOKEN', 'WORKERS?', 'TAGS?', 'AWS_REGION?', 'MAYBE', 'RETRIES']);
});

test('env_prefix from model_config, class Config or class keywords; aliases ignore it; subclasses inherit it', () => {
	const v2 = `from pydantic import Field
import pydantic_settings

class AppSettings(pydantic_settings.BaseSettings):
    model_config = pydantic_settings.SettingsConfigDict(env_prefix="APP_", env_file=".env")
    database_url: str
    redis: str = Field(..., alias="REDIS_URL")

class Production(AppSettings):
    sentry_dsn: str = ""
`;
	assert.deepEqual(reads(v2), ['APP_DATABASE_URL', 'REDIS_URL', 'APP_SENTRY_DSN?']);
	const dictConfig = 'from pydantic_settings import BaseSettings\nclass S(BaseSettings):\n    model_config = {"env_prefix": "SVC_", "case_sensitive": True}\n    Token: str\n';
	assert.deepEqual(reads(dictConfig), ['SVC_Token'], 'case_sensitive keeps the name as written');
	const keywordsConfig = 'from pydantic_settings import BaseSettings as Base\nclass S(Base, env_prefix="KW_"):\n    level: str = "info"\n';
	assert.deepEqual(reads(keywordsConfig), ['KW_LEVEL?']);
});

test('pydantic v1 BaseSettings: class Config, Field(env=...), and Optional fields default to None', () => {
	const text = `from typing import Optional, Union
from pydantic import BaseSettings, Field

class Settings(BaseSettings):
    database_url: str
    maybe: Optional[str]
    either: Union[str, None]
    piped: str | None
    forced: Optional[str] = Field(...)
    redis: str = Field(..., env="REDIS_URL")
    level: str = "info"

    class Config:
        env_prefix = "SVC_"
        env_file = ".env"
`;
	assert.deepEqual(reads(text), ['SVC_DATABASE_URL', 'SVC_MAYBE?', 'SVC_EITHER?', 'SVC_PIPED?', 'SVC_FORCED', 'REDIS_URL', 'SVC_LEVEL?']);
});

test('Starlette config: the default is the third positional argument (the second is the cast)', () => {
	const text = `from starlette.config import Config
from starlette.datastructures import Secret

config = Config(".env")
DEBUG = config("DEBUG", cast=bool, default=False)
DATABASE_URL = config("DATABASE_URL")
SECRET = config("SECRET_KEY", Secret)
WORKERS = config("WORKERS", int, 4)
HOSTS = config.get("ALLOWED_HOSTS", default="*")
`;
	assert.deepEqual(reads(text), ['DEBUG?', 'DATABASE_URL', 'SECRET_KEY', 'WORKERS?', 'ALLOWED_HOSTS?']);
});

test('python-decouple: the default is the second positional argument; a config() not from decouple is no read', () => {
	const text = `from decouple import Csv, config

SECRET_KEY = config("SECRET_KEY")
DEBUG = config("DEBUG", default=False, cast=bool)
HOSTS = config("ALLOWED_HOSTS", "localhost", cast=Csv())
RATE = config("RATE", cast=float)
`;
	assert.deepEqual(reads(text), ['SECRET_KEY', 'DEBUG?', 'ALLOWED_HOSTS?', 'RATE']);
	assert.deepEqual(reads('from .settings import config\nX = config("NOT_AN_ENV_READ")\n'), []);
	assert.deepEqual(reads('import decouple\nKEY = decouple.config("KEY")\n'), ['KEY']);
	assert.deepEqual(reads('from decouple import Config, RepositoryEnv\nsettings = Config(RepositoryEnv(".env"))\nA = settings("A_KEY", "x")\n'), ['A_KEY?']);
});

test('environs: env("X"), env.str("X"), env.int("X", 5), env.bool("X", default=False)', () => {
	const text = `from environs import Env

env = Env()
env.read_env()
A = env("ENV_A")
B = env.str("ENV_B")
C = env.int("ENV_C", 5)
D = env.bool("ENV_D", default=False)
E = env.list("ENV_E", subcast=int)
`;
	assert.deepEqual(reads(text), ['ENV_A', 'ENV_B', 'ENV_C?', 'ENV_D?', 'ENV_E']);
});

test('across files: read anywhere without a default is required, the first file is the source, PORT is left out', () => {
	const detection = detectProject(fixturePath('fastapi-settings'));
	assert.deepEqual(detection.environmentVariables, [
		{name: 'DATABASE_URL', optional: false, source: 'app/config.py'},
		{name: 'ENTSOE_API_KEY', optional: false, source: 'app/config.py'},
		{name: 'LOG_LEVEL', optional: true, source: 'app/config.py'},
		{name: 'MODEL_PATH', optional: true, source: 'app/config.py'},
		{name: 'SENTRY_DSN', optional: true, source: 'app/main.py'},
	]);
	assert.ok(describeDetection(detection).includes(
		'Settings from the environment: DATABASE_URL, ENTSOE_API_KEY (no default); LOG_LEVEL, MODEL_PATH, SENTRY_DSN (with a default); read in app/config.py, app/main.py',
	));
});
