// STAND-IN for the heroku CLI (no Heroku backend can run here). It answers like a new
// account and refuses what Heroku refuses where it matters: apps:create for an unverified
// account (Heroku's own text), a taken app name, a retired Postgres plan, a release with no
// image in the registry. `container:login` is what lets the docker stand-in push there.
'use strict';
const {parse, ok, begin} = require('./common.cjs');

const argv = process.argv.slice(2);
const {world, done, stop} = begin('heroku', argv);
const heroku = world.heroku;
const {flags, positionals} = parse(argv);
const app = flags.app;

const refuse = (text, code = 1) => stop(text.split('\n').map(line => ` ▸    ${line}`).join('\n'), code);

const verify = 'To create an app, verify your account by adding payment information. Verify now at https://heroku.com/verify Learn more at\nhttps://devcenter.heroku.com/articles/account-verification\n\nError ID: verification_required';
const retiredPlans = {
	'hobby-dev': 'The heroku-postgresql:hobby-dev plan is no longer available. Choose a different plan. See all available plans in the Elements Marketplace at elements.heroku.com.',
	'hobby-basic': 'The heroku-postgresql:hobby-basic plan is no longer available. Choose a different plan. See all available plans in the Elements Marketplace at elements.heroku.com.',
	mini: 'The mini plan has reached end-of-life. You can try again with a valid plan. See the available plans with: heroku addons:plans heroku-postgresql.',
	basic: 'The basic plan has reached end-of-life. You can try again with a valid plan. See the available plans with: heroku addons:plans heroku-postgresql.',
};

function theApp() {
	if (!heroku.account) {
		refuse('Invalid credentials provided.', 100);
	}

	const found = heroku.apps[app];
	if (!found) {
		refuse('Couldn\'t find that app.');
	}

	return found;
}

if (flags.version === true) {
	ok('heroku/10.0.0 linux-x64 node-v20.18.0 (stand-in)');
}

switch (positionals[0]) {
	case 'auth:whoami': {
		heroku.account ? done(heroku.account) : refuse('Invalid credentials provided.', 100);
		break;
	}

	case 'container:login': {
		if (!heroku.account) {
			refuse('Invalid credentials provided.', 100);
		}

		heroku.registryLogin = true;
		done('Login Succeeded');
		break;
	}

	case 'apps:create': {
		const name = positionals[1];
		if (!heroku.account) {
			refuse('Invalid credentials provided.', 100);
		}

		if (!heroku.verified) {
			process.stderr.write(`Creating ⬢ ${name}... !\n`);
			refuse(verify);
		}

		if (heroku.takenNames.includes(name) || heroku.apps[name]) {
			refuse(`Name ${name} is already taken`);
		}

		heroku.apps[name] = {stack: flags.stack, addons: [], config: {}, releases: 0};
		done(`Creating ⬢ ${name}... done, stack is ${flags.stack}\nhttps://${name}-0123456789ab.herokuapp.com/ | https://git.heroku.com/${name}.git`);
		break;
	}

	case 'apps:info': {
		theApp();
		done(flags.shell === true ? `name=${app}\nweb_url=${heroku.webUrl ?? `https://${app}-0123456789ab.herokuapp.com`}/` : `=== ${app}\nStack: container`);
		break;
	}

	case 'apps:destroy': {
		theApp();
		delete heroku.apps[app];
		done(`Destroying ⬢ ${app} (including all add-ons)... done`);
		break;
	}

	case 'addons:info': {
		const found = theApp();
		found.addons.includes(positionals[1]) ? done(`=== ${positionals[1]}`) : refuse('Couldn\'t find that add on.');
		break;
	}

	case 'addons:create': {
		const found = theApp();
		const [service, plan] = positionals[1].split(':');
		if (service === 'heroku-postgresql') {
			if (retiredPlans[plan]) {
				refuse(retiredPlans[plan]);
			}

			if (!/^(essential-[0-2]|(standard|premium|private|shield)-\d+)$/.test(plan)) {
				refuse(`Couldn't find either the add-on service or the add-on plan of "${positionals[1]}".`);
			}

			found.addons.push('DATABASE');
			found.config.DATABASE_URL = 'postgres://stand-in@db.example/app';
		} else {
			found.addons.push('SCHEDULER');
		}

		done(`Creating ${positionals[1]} on ⬢ ${app}... done`);
		break;
	}

	case 'config:set': {
		const found = theApp();
		const pairs = positionals.slice(1).map(pair => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]);
		for (const [name, value] of pairs) {
			found.config[name] = value;
		}

		found.releases += 1;
		// Like the real CLI, it prints the values it set: the wizard must mask secrets.
		done(`Setting ${pairs.map(([name]) => name).join(', ')} and restarting ⬢ ${app}... done, v${found.releases}\n${pairs.map(([name, value]) => `${name}: ${value}`).join('\n')}`);
		break;
	}

	case 'container:release': {
		const found = theApp();
		if (!world.registry.heroku[`${app}/${positionals[1]}`]) {
			refuse('Expected response to be successful, got 404');
		}

		found.releases += 1;
		done(`Releasing images ${positionals[1]} to ${app}... done`);
		break;
	}

	case 'logs': {
		theApp();
		done('2024-12-06T10:00:00.000000+00:00 app[web.1]: Listening at: http://0.0.0.0:5000');
		break;
	}

	default: {
		refuse(`stand-in heroku does not know: ${positionals.join(' ')}`);
	}
}
