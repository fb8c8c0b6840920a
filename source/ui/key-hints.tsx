import {Text} from 'ink';

/** The bottom line of every screen: which keys do what here. */
export function KeyHints({hints}: {hints: string[]}) {
	return <Text dimColor>{[...hints, 'Ctrl-C save and quit'].join('  ·  ')}</Text>;
}
