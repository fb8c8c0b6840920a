// Heroku Scheduler offers three frequencies, set in its dashboard: every 10 minutes, every
// hour at :00/:10/.../:50, or every day at a full or half hour (UTC). A cron schedule that
// fits one of them maps to it; anything else needs a clock process.

export function herokuSchedulerFrequency(schedule: string): string | undefined {
	const fields = schedule.trim().split(/\s+/);
	if (fields.length !== 5) {
		return undefined;
	}

	const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
	if (day !== '*' || month !== '*' || weekday !== '*') {
		return undefined;
	}

	if (hour === '*' && ['*/10', '0,10,20,30,40,50'].includes(minute)) {
		return 'Every 10 minutes';
	}

	const minuteNumber = /^\d{1,2}$/.test(minute) ? Number(minute) : Number.NaN;
	if (hour === '*' && minuteNumber % 10 === 0 && minuteNumber < 60) {
		return `Every hour at :${String(minuteNumber).padStart(2, '0')}`;
	}

	const hourNumber = /^\d{1,2}$/.test(hour) ? Number(hour) : Number.NaN;
	if (hourNumber < 24 && (minuteNumber === 0 || minuteNumber === 30)) {
		return `Every day at ${String(hourNumber).padStart(2, '0')}:${String(minuteNumber).padStart(2, '0')} UTC`;
	}

	return undefined;
}

/**
 * The command a Scheduler job runs in a one-off dyno of your app's image. Python is there
 * already (it is an ML API); curl may not be in a slim image. POST sends an empty body.
 */
export function schedulerJobCommand(url: string, method: 'GET' | 'POST' = 'GET'): string {
	const request = method === 'POST' ? 'urllib.request.Request(sys.argv[1], data=b\'\', method=\'POST\')' : 'sys.argv[1]';
	return `python -c "import sys, urllib.request; urllib.request.urlopen(${request}, timeout=300)" '${url.replaceAll("'", '')}'`;
}
