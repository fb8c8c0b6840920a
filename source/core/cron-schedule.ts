// The classic five-field cron schedule, checked strictly and described in words. Pure: the
// same checks guard the crontab on a VPS, Cloud Scheduler's schedule and the files we write.

type FieldSpec = {name: string; min: number; max: number};

const fieldSpecs: FieldSpec[] = [
	{name: 'minute', min: 0, max: 59},
	{name: 'hour', min: 0, max: 23},
	{name: 'day-of-month', min: 1, max: 31},
	{name: 'month', min: 1, max: 12},
	{name: 'day-of-week', min: 0, max: 7},
];

/** One comma-separated part of a field: a value, a range, or a stepped range. */
export type CronPart = {from: number; to: number; step: number; any: boolean};
export type CronField = CronPart[];
export type CronSchedule = {text: string; fields: CronField[]};

export type CronCheck = {ok: true; schedule: CronSchedule} | {ok: false; message: string};

const partPattern = /^(\*|\d{1,2}(?:-\d{1,2})?)(?:\/(\d{1,2}))?$/;

/** Checks a schedule like "15 * * * *"; the message names the field that is wrong. */
export function checkCronSchedule(text: string): CronCheck {
	const trimmed = text.trim();
	if (trimmed.startsWith('@')) {
		return {ok: false, message: 'Cron schedule: write the five fields instead of a shortcut like @hourly (for example 0 * * * *).'};
	}

	const words = trimmed.split(/[ \t]+/);
	if (words.length !== 5 || trimmed === '') {
		return {ok: false, message: 'Cron schedule: give exactly five fields (minute hour day-of-month month day-of-week), like 15 * * * *.'};
	}

	const fields: CronField[] = [];
	for (const [index, word] of words.entries()) {
		const spec = fieldSpecs[index]!;
		const field = parseField(word, spec);
		if (typeof field === 'string') {
			return {ok: false, message: field};
		}

		fields.push(field);
	}

	return {ok: true, schedule: {text: words.join(' '), fields}};
}

function parseField(word: string, spec: FieldSpec): CronField | string {
	const problem = `Cron schedule: the ${spec.name} field "${word}" is not valid; use numbers from ${spec.min} to ${spec.max}, *, lists (1,2), ranges (1-5) or steps (*/10).`;
	const parts: CronField = [];
	for (const piece of word.split(',')) {
		const match = partPattern.exec(piece);
		if (!match) {
			return problem;
		}

		const [, base, stepText] = match;
		const any = base === '*';
		const [fromText, toText] = any ? [] : base!.split('-');
		const from = any ? spec.min : Number(fromText);
		const to = any ? spec.max : Number(toText ?? fromText);
		const step = stepText === undefined ? 1 : Number(stepText);
		if (from < spec.min || to > spec.max || from > to || step < 1 || step > spec.max) {
			return `Cron schedule: the ${spec.name} field "${word}" is out of range; use ${spec.min} to ${spec.max}${from > to ? ', with the smaller number first' : ''}.`;
		}

		// "5/10" is read differently by different crons; ask for the unambiguous "5-59/10".
		if (stepText !== undefined && !any && toText === undefined) {
			return `Cron schedule: write the ${spec.name} step as a range, like ${from}-${spec.max}/${step}.`;
		}

		parts.push({from, to, step, any});
	}

	return parts;
}

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const monthNames = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const isAny = (field: CronField) => field.length === 1 && field[0]!.any && field[0]!.step === 1;
const single = (field: CronField) => (field.length === 1 && !field[0]!.any && field[0]!.from === field[0]!.to ? field[0]!.from : undefined);
const everyN = (field: CronField) => (field.length === 1 && field[0]!.any && field[0]!.step > 1 ? field[0]!.step : undefined);
const twoDigits = (value: number) => String(value).padStart(2, '0');

function joinWords(words: string[]): string {
	return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

function listField(field: CronField, name: (value: number) => string): string {
	return joinWords(field.map(part => {
		const range = part.any ? '' : part.from === part.to ? name(part.from) : `${name(part.from)} to ${name(part.to)}`;
		if (part.step === 1) {
			return range;
		}

		return part.any ? `every ${part.step}th` : `every ${part.step}th from ${range}`;
	}));
}

function describeTime(minute: CronField, hour: CronField): string {
	const m = single(minute);
	const h = single(hour);
	if (m !== undefined && h !== undefined) {
		return `at ${twoDigits(h)}:${twoDigits(m)}`;
	}

	const minutePart = isAny(minute)
		? 'every minute'
		: everyN(minute) === undefined
			? `at minute ${listField(minute, String)}`
			: `every ${everyN(minute)!} minutes`;
	if (isAny(hour)) {
		return m === undefined ? minutePart : `${minutePart} of every hour`;
	}

	const hourPart = everyN(hour) === undefined ? `of hour${single(hour) === undefined ? 's' : ''} ${listField(hour, String)}` : `of every ${everyN(hour)!}th hour (from 00:00)`;
	return `${minutePart} ${hourPart}`;
}

/** "15 * * * *" becomes "at minute 15 of every hour". */
export function describeCronSchedule(schedule: CronSchedule): string {
	const [minute, hour, dayOfMonth, month, dayOfWeek] = schedule.fields as [CronField, CronField, CronField, CronField, CronField];
	const time = describeTime(minute, hour);
	const days: string[] = [];
	if (!isAny(dayOfMonth)) {
		days.push(`on day ${listField(dayOfMonth, String)} of the month`);
	}

	if (!isAny(dayOfWeek)) {
		days.push(`on ${listField(dayOfWeek, value => dayNames[value]!)}`);
	}

	// When both day fields are set, cron runs on either (an OR, not an AND).
	let text = time;
	if (days.length > 0) {
		text += ` ${days.join(' or ')}`;
	} else if (single(hour) !== undefined || (!isAny(hour) && everyN(hour) === undefined)) {
		text += ' every day';
	}

	if (!isAny(month)) {
		text += ` in ${listField(month, value => monthNames[value]!)}`;
	}

	return text;
}
