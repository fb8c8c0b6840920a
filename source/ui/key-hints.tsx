import {Box, Text} from 'ink';
import {hintSeparator as separator} from './welcome-text.js';

type KeyHintsProps = {
	hints: string[];
	/** How to scroll, when the screen has more than fits. */
	scroll?: string;
	/** Ctrl-C's hint; false where it is not offered. */
	quit?: string | false;
};

/**
 * The bottom line of every screen: which keys do what here. Each hint is one unit, so a
 * narrow terminal moves whole hints to a second line instead of breaking one.
 */
export function KeyHints({hints, scroll, quit = 'Ctrl-C save and quit'}: KeyHintsProps) {
	const all = [...hints, ...(quit === false ? [] : [quit])];
	return (
		<Box flexDirection="row" flexWrap="wrap">
			{scroll ? <Text color="yellow">{scroll + (all.length > 0 ? separator : '')}</Text> : null}
			{all.map((hint, index) => (
				<Text key={hint} dimColor>
					{hint + (index < all.length - 1 ? separator : '')}
				</Text>
			))}
		</Box>
	);
}
