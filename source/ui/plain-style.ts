import {createContext} from 'react';

/**
 * True when colour and styles are off (NO_COLOR, TERM=dumb): what styles would show (the
 * text cursor) must then be drawn with characters.
 */
export const PlainStyle = createContext(false);
