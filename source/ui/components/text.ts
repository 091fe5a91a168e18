/** Text for the screen: escaped, fixed-width. Pure. */
import {printable} from '../../output/messages.js';

/** One line of text as the terminal may show it: controls, bidi overrides, tabs and newlines as escapes. */
export const safe = (text: string): string => printable(text, {oneLine: true});

/** Multi-line text (a full error) as escaped lines. */
export const safeLines = (text: string): string[] => text.split(/\r?\n/).map(safe);

/** Fixed-width cell text, escaped first so the width is the width shown. */
export const fit = (raw: string, width: number): string => {
  if (width <= 0) return '';
  const chars = [...safe(raw)];
  if (chars.length <= width) return chars.join('') + ' '.repeat(width - chars.length);
  return chars.slice(0, Math.max(0, width - 1)).join('') + '…';
};

export const shortSha = (sha: string): string => sha.slice(0, 7);
