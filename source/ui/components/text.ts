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

/** Display width as this module counts it: code points of the escaped text. */
export const textWidth = (raw: string): number => [...safe(raw)].length;

/**
 * A list (`staging, prod, dev`) cut to whole items: `staging +2`, never a name cut in the
 * middle; below the first item's width, the ellipsis of fit().
 */
export const fitList = (raw: string, width: number): string => {
  if (textWidth(raw) <= width) return fit(raw, width);
  const items = raw.split(', ');
  for (let keep = items.length - 1; keep >= 1; keep--) {
    const text = `${items.slice(0, keep).join(', ')} +${items.length - keep}`;
    if (textWidth(text) <= width) return fit(text, width);
  }
  return fit(raw, width);
};

/** A table time (`2024-01-01 10:00:00+00:00`) cut by its least parts: the zone, the seconds, the time of day. */
export const fitTime = (raw: string, width: number): string => {
  for (const length of [raw.length, 19, 16, 10]) if (length <= width) return fit(raw.slice(0, length), width);
  return fit(raw, width);
};
