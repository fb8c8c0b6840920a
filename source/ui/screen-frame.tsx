import {Box, type DOMElement, measureElement, useInput} from 'ink';
import {createElement, type ReactNode, useEffect, useRef, useState} from 'react';
import {KeyHints} from './key-hints.js';
import {useTerminalSize} from './use-terminal-size.js';

/** Below this width the step list beside a step would leave too little room for the step. */
export const asideMinimumColumns = 100;
export const asideWidth = 34;

/** What every screen of a step shares: its heading and, on a wide terminal, the step list. */
export type FrameParts = {header: ReactNode; aside?: ReactNode; lead?: ReactNode};

type ScreenFrameProps = {
	/** Always at the top: where the person is. */
	header?: ReactNode;
	/** The part that scrolls when it is taller than the room left for it. */
	children?: ReactNode;
	/** Shown first in the scrolling part (a learner's explanation). */
	lead?: ReactNode;
	/** Always visible under the scrolling part: the question, the list to choose from. */
	controls?: ReactNode;
	/** The keys of this screen; the scroll keys are added when there is something to scroll. */
	hints: string[];
	/** Beside everything, on the left, when the terminal is wide enough (the step list). */
	aside?: ReactNode;
	/** Keep the end in view as it grows (a running step's log). */
	follow?: boolean;
	/** ↑↓ scroll too (screens without a list to move through). */
	arrowsScroll?: boolean;
	/** Ctrl-C's hint; false on a screen where it is not offered. */
	quitHint?: string | false;
};

/**
 * Every screen in one frame one line shorter than the terminal: Ink redraws a frame as tall
 * as the terminal by clearing the whole screen, and one taller leaves stale copies above.
 * The header, the controls and the key hints always show; the body scrolls in between.
 */
export function ScreenFrame({header, children, lead, controls, hints, aside, follow = false, arrowsScroll = false, quitHint}: ScreenFrameProps) {
	const {columns, rows} = useTerminalSize();
	const viewport = useRef<DOMElement>(null);
	const content = useRef<DOMElement>(null);
	const [sizes, setSizes] = useState({viewport: 0, content: 0});
	const [offset, setOffset] = useState(0);
	const [pinned, setPinned] = useState(follow);
	useEffect(() => {
		if (!viewport.current || !content.current) {
			return;
		}

		const next = {viewport: measureElement(viewport.current).height, content: measureElement(content.current).height};
		if (next.viewport !== sizes.viewport || next.content !== sizes.content) {
			setSizes(next);
		}
	});

	const hidden = Math.max(0, sizes.content - sizes.viewport);
	const top = pinned ? hidden : Math.min(offset, hidden);
	const scrollTo = (next: number) => {
		const clamped = Math.max(0, Math.min(hidden, next));
		setOffset(clamped);
		setPinned(follow && clamped === hidden);
	};

	const page = Math.max(1, sizes.viewport - 1);
	useInput((_input, key) => {
		if (hidden === 0) {
			return;
		}

		if (key.pageDown || (arrowsScroll && key.downArrow)) {
			scrollTo(top + (key.pageDown ? page : 1));
		} else if (key.pageUp || (arrowsScroll && key.upArrow)) {
			scrollTo(top - (key.pageUp ? page : 1));
		} else if (key.home) {
			scrollTo(0);
		} else if (key.end) {
			scrollTo(hidden);
		}
	});

	const scrollHint = hidden > 0 ? `${arrowsScroll ? '↑↓/' : ''}PgUp/PgDn scroll (${top + 1}–${top + sizes.viewport} of ${sizes.content})` : undefined;
	const main = (
		<Box flexDirection="column" flexGrow={1} flexShrink={1}>
			{header ? (
				<Box flexDirection="column" flexShrink={0} marginBottom={1}>
					{header}
				</Box>
			) : null}
			<Box ref={viewport} flexDirection="column" flexShrink={1} overflowY="hidden">
				<Box ref={content} flexDirection="column" flexShrink={0} marginTop={-top}>
					{lead}
					{children}
				</Box>
			</Box>
			{controls ? (
				<Box flexDirection="column" flexShrink={0} marginTop={children || lead ? 1 : 0}>
					{controls}
				</Box>
			) : null}
			<Box flexShrink={0} marginTop={1}>
				<KeyHints hints={hints} scroll={scrollHint} quit={quitHint} />
			</Box>
		</Box>
	);
	const wide = aside !== undefined && columns >= asideMinimumColumns;
	return (
		<BreakSpaceTrimmer>
			<Box flexDirection="row" width={columns} height={Math.max(1, rows - 1)} gap={2} overflow="hidden">
				{wide ? (
					<Box width={asideWidth} flexShrink={0} flexDirection="column" overflow="hidden">
						{aside}
					</Box>
				) : null}
				{main}
			</Box>
		</BreakSpaceTrimmer>
	);
}

/**
 * Ink wraps long lines with the space it broke at leading the next row (" the rest"). A row
 * after the first that starts with exactly one space followed by text is such a row; the
 * space goes. Rows indented on purpose use two spaces or more and are left alone.
 */
export function trimBreakSpace(line: string, index: number): string {
	return index === 0 ? line : line.replace(/^((?:\u001B\[[\d;]*m)*) (?=[^\s\u001B])/, '$1');
}

// Ink applies a node's transform to the text of everything inside it; only its own host
// element takes one for a whole tree of boxes.
function BreakSpaceTrimmer({children}: {children: ReactNode}) {
	return createElement('ink-box', {style: {flexDirection: 'column', flexShrink: 0}, internal_transform: trimBreakSpace}, children);
}
