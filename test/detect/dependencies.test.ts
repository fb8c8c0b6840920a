// Defect 6 of issue 10: a Poetry-only pyproject.toml made the install line fail, and
// requirements_prod.txt was not found. Each tool is recognised, and installed its own way.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {detectProject} from '../../source/detect/detect-project.js';
import {readDependencies} from '../../source/detect/read-dependencies.js';
import {projectFolder} from './project-folder.js';

const found = (files: Record<string, string>, folders: string[] = []) => {
	const {file, tool, lockFile, packages} = readDependencies(projectFolder(files), folders);
	return {file, tool, lockFile, packages};
};

test('a requirements file made for production wins over requirements.txt; requirements/base.txt is the last resort', () => {
	assert.deepEqual(found({'requirements.txt': 'flask\njupyter\n', 'requirements_prod.txt': 'flask\n'}), {file: 'requirements_prod.txt', tool: 'pip', lockFile: undefined, packages: ['flask']});
	assert.deepEqual(found({'requirements/production.txt': '-r base.txt\ngunicorn\n', 'requirements/base.txt': 'flask\n'}).file, 'requirements/production.txt');
	assert.deepEqual(found({'requirements/base.txt': 'flask\n', 'requirements/dev.txt': 'pytest\n'}).file, 'requirements/base.txt');
	assert.deepEqual(found({'service/requirements.txt': 'fastapi\n'}, ['service']).file, 'service/requirements.txt', 'in the app\'s own folder when the project has none');
});

test('pyproject.toml: Poetry, uv, PDM and plain PEP 621 are told apart by their lock files and tables', () => {
	const poetryTable = '[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "^0.110"\nuvicorn = {extras = ["standard"], version = "^0.29"}\n';
	assert.deepEqual(found({'pyproject.toml': poetryTable}), {file: 'pyproject.toml', tool: 'poetry', lockFile: undefined, packages: ['fastapi', 'uvicorn']});
	assert.deepEqual(found({'pyproject.toml': poetryTable, 'poetry.lock': '# lock\n'}).lockFile, 'poetry.lock');
	const pep621 = '[project]\nname = "x"\ndependencies = [\n  "fastapi>=0.110",\n  "numpy==1.26.4",\n]\n';
	assert.deepEqual(found({'pyproject.toml': pep621}), {file: 'pyproject.toml', tool: 'pep621', lockFile: undefined, packages: ['fastapi', 'numpy']});
	assert.deepEqual(found({'pyproject.toml': pep621, 'uv.lock': 'version = 1\n'}).tool, 'uv');
	assert.deepEqual(found({'pyproject.toml': pep621, 'pdm.lock': '# pdm\n'}).tool, 'pdm');
	assert.deepEqual(found({'pyproject.toml': pep621, 'poetry.lock': '# lock\n'}).tool, 'poetry', 'Poetry 2 keeps [project] and poetry.lock');
	assert.deepEqual(found({'pyproject.toml': '[tool.ruff]\nline-length = 100\n', Pipfile: '[packages]\nflask = "*"\n'}).file, 'Pipfile', 'a pyproject.toml that only configures tools lists nothing');
});

test('exact pins are read from every format, for the Python they need', () => {
	assert.deepEqual(readDependencies(projectFolder({'requirements.txt': 'numpy==1.17.4\nscikit_learn[alldeps]==0.22.1 ; python_version < "3.9"\nflask>=2\n'})).pins, [{name: 'numpy', version: '1.17.4'}, {name: 'scikit-learn', version: '0.22.1'}]);
	assert.deepEqual(readDependencies(projectFolder({'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.8"\npandas = "1.0.5"\nnumpy = {version = "1.18.5"}\nflask = "^2.0"\n'})).pins, [{name: 'pandas', version: '1.0.5'}, {name: 'numpy', version: '1.18.5'}]);
});

test('packages that fail to install in a slim image are named: sklearn, psycopg2', () => {
	const codes = detectProject(projectFolder({'requirements.txt': 'sklearn\npsycopg2==2.9.9\n', '.gitignore': '.env\n'})).warnings.map(warning => warning.code).sort();
	assert.deepEqual(codes, ['no-app-found', 'psycopg2-needs-compiler', 'sklearn-package']);
	const fine = detectProject(projectFolder({'requirements.txt': 'scikit-learn\npsycopg2-binary\n', '.gitignore': '.env\n'})).warnings.map(warning => warning.code);
	assert.ok(!fine.includes('sklearn-package') && !fine.includes('psycopg2-needs-compiler'));
});
