import assert from 'node:assert/strict';
import {test} from 'node:test';
import {herokuSchedulerFrequency, schedulerJobCommand} from '../../../source/providers/heroku/heroku-schedule.js';

test('cron schedules that Heroku Scheduler can run map to its frequencies', () => {
	assert.equal(herokuSchedulerFrequency('*/10 * * * *'), 'Every 10 minutes');
	assert.equal(herokuSchedulerFrequency('0 * * * *'), 'Every hour at :00');
	assert.equal(herokuSchedulerFrequency('50 * * * *'), 'Every hour at :50');
	assert.equal(herokuSchedulerFrequency('30 6 * * *'), 'Every day at 06:30 UTC');
	assert.equal(herokuSchedulerFrequency('0 23 * * *'), 'Every day at 23:00 UTC');
});

test('anything else needs a clock process', () => {
	for (const schedule of ['15 * * * *', '*/5 * * * *', '0 6 * * 1', '45 6 * * *', '0 */2 * * *', '0 6 1 * *', 'nonsense']) {
		assert.equal(herokuSchedulerFrequency(schedule), undefined, schedule);
	}
});

test('the job command calls the URL with Python, which an ML image has', () => {
	assert.equal(
		schedulerJobCommand('https://a.herokuapp.com/update'),
		`python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=300)" 'https://a.herokuapp.com/update'`,
	);
	assert.equal(
		schedulerJobCommand('https://a.herokuapp.com/retrain', 'POST'),
		`python -c "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b'', method='POST'), timeout=300)" 'https://a.herokuapp.com/retrain'`,
	);
});
