import {useInput} from 'ink';

/** Enter and Esc for a screen; either may be left out where that key does nothing. */
export function useEnterEscape({onEnter, onEscape}: {onEnter?: () => void; onEscape?: () => void}): void {
	useInput((_input, key) => {
		if (key.return) {
			onEnter?.();
		} else if (key.escape) {
			onEscape?.();
		}
	});
}
