import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkCronSchedule, describeCronSchedule} from '../../source/core/cron-schedule.js';
import {cronEntriesSchema, parseCronEntries, parseCronEntry} from '../../source/core/inputs.js';

function describe(text: string): string {
	const checked = checkCronSchedule(text);
	assert.ok(checked.ok, text);
	return describeCronSchedule(checked.schedule);
}

test('schedules are described in plain words', () => {
	const expected: Record<string, string> = {
		'15 * * * *': 'at minute 15 of every hour',
		'* * * * *': 'every minute',
		'*/10 * * * *': 'every 10 minutes',
		'0 3 * * *': 'at 03:00 every day',
		'30 2 * * 1': 'at 02:30 on Monday',
		'0 9 * * 1-5': 'at 09:00 on Monday to Friday',
		'0 0 1 * *': 'at 00:00 on day 1 of the month',
		'0 0 1,15 * *': 'at 00:00 on day 1 and 15 of the month',
		'0 12 1 * 0': 'at 12:00 on day 1 of the month or on Sunday',
		'0 */6 * * *': 'at minute 0 of every 6th hour (from 00:00)',
		'0,30 9-17 * * *': 'at minute 0 and 30 of hours 9 to 17 every day',
		'*/10 9-17 * * 1-5': 'every 10 minutes of hours 9 to 17 on Monday to Friday',
		'0 8 * 1-3 *': 'at 08:00 every day in January to March',
	};
	for (const [schedule, words] of Object.entries(expected)) {
		assert.equal(describe(schedule), words, schedule);
	}
});

test('bad schedules are refused with the field named', () => {
	const cases: Record<string, RegExp> = {
		'60 * * * *': /minute field "60" is out of range; use 0 to 59/,
		'0 24 * * *': /hour field "24" is out of range/,
		'0 0 0 * *': /day-of-month field "0" is out of range/,
		'0 0 * 13 *': /month field "13" is out of range/,
		'0 0 * * 8': /day-of-week field "8" is out of range/,
		'5-1 * * * *': /with the smaller number first/,
		'*/0 * * * *': /minute field "\*\/0" is out of range/,
		'5/10 * * * *': /write the minute step as a range, like 5-59\/10/,
		'* * * *': /exactly five fields/,
		'* * * * * *': /exactly five fields/,
		'': /exactly five fields/,
		'@hourly': /instead of a shortcut like @hourly/,
		'0 0 * JAN *': /month field "JAN" is not valid/,
		'$(id) * * * *': /minute field/,
		'1,,2 * * * *': /minute field/,
	};
	for (const [schedule, message] of Object.entries(cases)) {
		const checked = checkCronSchedule(schedule);
		assert.equal(checked.ok, false, schedule);
		assert.match((checked as {message: string}).message, message, schedule);
		assert.match((checked as {message: string}).message, /^Cron schedule: /);
	}
});

test('a job is a schedule, an optional method and a validated route', () => {
	assert.deepEqual(parseCronEntry('15 * * * * /update-forecast'), {
		ok: true,
		entry: {schedule: '15 * * * *', method: 'GET', path: '/update-forecast', description: 'at minute 15 of every hour'},
	});
	const post = parseCronEntry(' 0  3 * * *   post  /retrain ');
	assert.ok(post.ok && post.entry.method === 'POST' && post.entry.schedule === '0 3 * * *');
	for (const [text, message] of [
		['15 * * * * update-forecast', /^Cron route: start with \//],
		['15 * * * * /a/../etc/passwd', /^Cron route:/],
		['15 * * * * /x;id', /^Cron route:/],
		['15 * * * * /x`id`', /^Cron route:/],
		['15 * * * * DELETE /x', /^Cron job: /],
		['15 * * * *', /^Cron job: /],
		['15 * * * * /x\n* * * * * /y', /^Cron (job|route)/],
	] as const) {
		const parsed = parseCronEntry(text);
		assert.equal(parsed.ok, false, text);
		assert.match((parsed as {message: string}).message, message, text);
	}
});

test('several jobs in one answer are separated by ; and normalised', () => {
	const parsed = cronEntriesSchema.safeParse('15 * * * * /a ;  0 3 * * * POST /b; ');
	assert.deepEqual(parsed, {success: true, data: '15 * * * * GET /a; 0 3 * * * POST /b'});
	assert.deepEqual(cronEntriesSchema.safeParse(''), {success: true, data: ''});
	const bad = parseCronEntries('15 * * * * /a; rm -rf /');
	assert.equal(bad.ok, false);
});
