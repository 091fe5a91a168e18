/** Ink's (input, key) pair as one key name, so the keymap can be plain data. Pure. */
import type {Key} from 'ink';

/** `up`, `down`, `left`, `right`, `return`, `escape`, `pageup`, `pagedown`, `home`, `end`,
 * `tab`, `backspace`, `space`, `ctrl+x`, or the typed character itself (`j`, `G`, `?`). */
export type KeyName = string;

export const keyName = (input: string, key: Key): KeyName => {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input.length === 1) return `ctrl+${input}`;
  if (input === ' ') return 'space';
  return input;
};

const GLYPHS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  return: 'Enter',
  escape: 'Esc',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  space: 'Space',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
  backspace: 'Bksp',
};

/** How a key is written in the help and the hint bar. */
export const keyLabel = (name: KeyName): string => GLYPHS[name] ?? (name.startsWith('ctrl+') ? `^${name.slice(5)}` : name);

/**
 * Keys typed faster than the app reads them arrive as one string (a slow terminal, ssh, key
 * repeat). Ink splits escape sequences off, not the rest: here each character becomes the key it
 * is — `j`, then `return` for the CR after it, `ctrl+z` for 0x1a.
 */
export const burstKeys = (input: string): KeyName[] =>
  [...input].map((char) => {
    if (char === '\r' || char === '\n') return 'return';
    if (char === '\t') return 'tab';
    if (char === '\x7f' || char === '\b') return 'backspace';
    if (char === ' ') return 'space';
    const code = char.charCodeAt(0);
    if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
    return char;
  });

/** Printable text typed into a field (a paste arrives as one string). */
export const isPrintable = (input: string, key: Key): boolean =>
  input !== '' && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab && !/[\x00-\x1f\x7f]/.test(input);
