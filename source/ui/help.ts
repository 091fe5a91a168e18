/**
 * The `?` screen as lines: every key of the screen underneath (from the keymap), the
 * descriptions wrapped to the terminal's width, and the window of them that fits. Pure.
 */
import {screenRowsOf} from './layout.js';
import type {State} from './store.js';

/** One row of help: a binding's keys as written, what it does, whether it writes a tag. */
export type HelpRow = {readonly label: string; readonly description: string; readonly writes: boolean};

export type HelpLine = {readonly keys: string; readonly text: string};

/** The help box's border and padding: two columns each side. */
const FRAME = 4;
/** The key column is as wide as its widest label, up to this; a wider label gets a line of its own. */
const MAX_KEYS = 16;

/** `text` in lines of at most `width` characters, broken between words (a longer word is cut). */
export const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if ([...candidate].length <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while ([...line].length > width) {
      lines.push([...line].slice(0, width).join(''));
      line = [...line].slice(width).join('');
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
};

/** Each key row as lines: the keys, then the description (✎ after a writing key) wrapped beside them. */
export const helpLines = (rows: readonly HelpRow[], width: number): HelpLine[] => {
  const keys = Math.min(MAX_KEYS, Math.max(0, ...rows.map((row) => [...row.label].length)));
  const room = Math.max(10, width - keys - 1);
  return rows.flatMap((row) => {
    const text = wrap(`${row.description}${row.writes ? ' ✎' : ''}`, room);
    const label = [...row.label].length > keys ? [{keys: row.label, text: ''}] : [];
    return [...label, ...text.map((line, i) => ({keys: i === 0 && label.length === 0 ? row.label.padEnd(keys) : ' '.repeat(keys), text: line}))];
  });
};

/** A line of the help box: a line of one key row, or two side by side (the second column's). */
export type HelpBoxLine = readonly [HelpLine] | readonly [HelpLine, HelpLine];

/** Between the two columns. */
export const HELP_GUTTER = 3;
/** Narrower than this, a column wraps descriptions too often: one column, scrolling, reads better. */
const MIN_COLUMN = 44;

/**
 * The help box's lines at `width` × `height`: one column, or — when one column would scroll and
 * two of at least MIN_COLUMN hold everything — two, the second starting at a key (a description
 * never continues in the other column). The left column's text is padded to its width.
 */
export const helpBox = (rows: readonly HelpRow[], width: number, height: number): HelpBoxLine[] => {
  const single = helpLines(rows, width).map((line): HelpBoxLine => [line]);
  const column = Math.floor((width - HELP_GUTTER) / 2);
  if (single.length <= height || column < MIN_COLUMN) return single;
  const lines = helpLines(rows, column);
  let split = Math.ceil(lines.length / 2);
  while (split < lines.length && lines[split]!.keys.trim() === '') split++;
  if (Math.max(split, lines.length - split) > height) return single;
  return lines.slice(0, split).map((line, i): HelpBoxLine => {
    const room = column - [...line.keys].length - 1;
    const left = {keys: line.keys, text: line.text + ' '.repeat(Math.max(0, room - [...line.text].length))};
    const right = lines[split + i];
    return right === undefined ? [left] : [left, right];
  });
};

/** The screen help describes: the one it was opened on. */
export const helpSubject = (state: State) => state.modes.at(-2) ?? 'grid';

/** The width help's lines are wrapped to, and how many of them one screen shows (border, title and footer aside). */
export const helpArea = (state: State): {width: number; rows: number} => ({
  width: state.viewport.columns - FRAME,
  rows: Math.max(1, screenRowsOf(state.viewport.rows) - 4),
});
