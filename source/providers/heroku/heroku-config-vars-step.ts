import {setConfigVars} from '../../commands/heroku.js';
import type {Action} from '../../core/action.js';
import {configVarEntries, configVarsSchema} from '../../core/cloud-inputs.js';
import type {Step} from '../../core/step.js';

export const herokuConfigVarsStep: Step = {
	id: 'heroku-config',
	title: 'Set config vars',
	summary: 'Sets your app\'s settings as Heroku config vars; secret values are typed without echo and never saved.',
	learn:
		'Config vars are environment variables Heroku gives your app at start-up. They keep settings and secrets out of your code and image. '
		+ 'Heroku chooses the port and passes it in $PORT; your app must listen on it, on 0.0.0.0 (HOST), or Heroku cannot reach it.',
	inputs: [
		{
			name: 'herokuConfigVars',
			label: 'Settings (not secret)',
			help: 'NAME=value pairs separated by ";". Example: MODEL_PATH=models/model.onnx; LOG_LEVEL=info. Leave empty for none.',
			schema: configVarsSchema,
			defaultValue: () => '',
		},
		{
			name: 'herokuSecretVars',
			label: 'Secrets',
			help: 'NAME=value pairs separated by ";", typed without echo and never saved. Example: API_TOKEN=... Leave empty for none.',
			schema: configVarsSchema,
			defaultValue: () => '',
			secret: true,
		},
	],
	available: true,
	plan({answers}) {
		const app = String(answers.herokuApp);
		const plain = configVarEntries(answers.herokuConfigVars);
		const secrets = configVarEntries(answers.herokuSecretVars);
		const actions: Action[] = [
			{
				kind: 'run-local',
				label: 'Set HOST and your settings',
				argv: setConfigVars([['HOST', '0.0.0.0'], ...plain.filter(([name]) => name !== 'HOST')], app),
			},
		];
		if (secrets.length > 0) {
			actions.push({
				kind: 'run-local',
				label: 'Set your secrets',
				argv: setConfigVars(secrets, app),
				secretValues: secrets.map(([, value]) => value),
			});
		}

		return actions;
	},
};
