import {Text, useInput} from 'ink';
import {useContext, useRef, useState} from 'react';
import {PlainStyle} from './plain-style.js';

type TextFieldProps = {
	value: string;
	/** Shown instead of each character (a secret). */
	mask?: string;
	onChange: (value: string) => void;
	onSubmit: () => void;
};

/**
 * A one-line text box. The cursor starts at the end of the text it is given (key the field
 * by question, so each question starts afresh); ← → Home End move it. Without colour an
 * inverted cell is invisible, so the cursor is drawn as a bar.
 */
export function TextField({value, mask, onChange, onSubmit}: TextFieldProps) {
	const plain = useContext(PlainStyle);
	const [, redraw] = useState(0);
	// Keys typed faster than the screen redraws must each see the text the one before made,
	// not the text of the last frame, or a fast typist (or a paste split in pieces) loses
	// characters. The text box keeps its own latest text; the answer catches up behind it.
	const latest = useRef({value, cursor: value.length, sent: [] as string[]});
	const state = latest.current;
	if (value === state.value) {
		state.sent = [];
	} else if (!state.sent.includes(value)) {
		// Changed from outside, not a value this box sent on its way: take it.
		latest.current = {value, cursor: value.length, sent: []};
	}

	useInput((input, key) => {
		const {value: text, cursor} = latest.current;
		const update = (next: string, nextCursor: number) => {
			latest.current = {value: next, cursor: nextCursor, sent: next === text ? latest.current.sent : [...latest.current.sent, next]};
			redraw(count => count + 1);
			if (next !== text) {
				onChange(next);
			}
		};

		if (key.return) {
			onSubmit();
		} else if (key.leftArrow) {
			update(text, Math.max(0, cursor - 1));
		} else if (key.rightArrow) {
			update(text, Math.min(text.length, cursor + 1));
		} else if (key.home || (key.ctrl && input === 'a')) {
			update(text, 0);
		} else if (key.end || (key.ctrl && input === 'e')) {
			update(text, text.length);
		} else if (key.backspace || key.delete) {
			// Terminals send DEL (0x7f) for Backspace, which Ink reports as delete: both erase to the left.
			if (cursor > 0) {
				update(text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1);
			}
		} else if (input && !key.ctrl && !key.meta && !key.tab && !key.escape && !key.upArrow && !key.downArrow && !key.pageUp && !key.pageDown) {
			// A paste arrives as one input; a line break in it would end the answer mid-way.
			const typed = input.replaceAll(/[\r\n]/g, '');
			update(text.slice(0, cursor) + typed + text.slice(cursor), cursor + typed.length);
		}
	});
	const {value: text, cursor} = latest.current;
	const shown = mask ? mask.repeat(text.length) : text;
	const before = shown.slice(0, cursor);
	const under = shown.slice(cursor, cursor + 1);
	const after = shown.slice(cursor + 1);
	if (plain) {
		return (
			<Text>
				{before}|{under}
				{after}
			</Text>
		);
	}

	return (
		<Text>
			{before}
			<Text inverse>{under || ' '}</Text>
			{after}
		</Text>
	);
}
