/**
 * What reaches the terminal. Ink hands over every frame whole: after erasing the previous one
 * (`eraseLines`), or, when the frame is as tall as the terminal, after clearing the screen
 * (`ESC[2J ESC[3J ESC[H`, then everything again: a flicker on terminals without synchronized
 * output, kilobytes per key over ssh). This writer stands between Ink and the terminal and
 * writes only the rows that changed, each at its place: a cursor move in the grid rewrites the
 * two rows the cursor left and entered.
 *
 * Ink 6's own `incrementalRendering` writes changed lines too, but one row too low whenever the
 * frame ends in a newline (it moves up one row short of the top), so the app does not use it.
 *
 * Anything else Ink writes (cursor visibility, synchronized-output brackets) passes unchanged.
 */
import type {WriteStream} from 'node:tty';

const CSI = '\x1b[';
/** ansi-escapes' eraseLines(n): erase a line, up one, …, then column 1. */
const ERASE_LINES = /^(?:\x1b\[2K(?:\x1b\[1A)?)*(?:\x1b\[G)?/;
/** ansi-escapes' clearTerminal (not on Windows). */
const CLEAR_TERMINAL = '\x1b[2J\x1b[3J\x1b[H';
/** A frame's body is text and colours: SGR is the only escape sequence in it. */
const FRAME_BODY = /^(?:[^\x1b]|\x1b\[[0-9;:]*m)*$/;

/** The rows of a frame Ink writes, or null when the write is not a frame. Pure. */
export const frameRows = (chunk: string): string[] | null => {
  const body = chunk.startsWith(CLEAR_TERMINAL) ? chunk.slice(CLEAR_TERMINAL.length) : chunk.slice(ERASE_LINES.exec(chunk)![0].length);
  if (body.length === chunk.length && chunk.length > 0 && !chunk.includes('\n')) return null; // no erase, no clear: not a whole frame
  if (!FRAME_BODY.test(body)) return null;
  if (body === '') return [];
  const rows = body.split('\n');
  if (body.endsWith('\n')) rows.pop();
  return rows;
};

/** SGR parameters that make a blank cell look different from an erased one, and those that end them. */
const SHOWS_BLANKS = (code: number): boolean => code === 4 || code === 7 || code === 9 || code === 21 || (code >= 40 && code <= 48) || (code >= 100 && code <= 107);
const HIDES_BLANKS = new Set([0, 24, 27, 29, 49]);
/** A run of blanks this long or longer is skipped over (`ESC[nC`, 4–5 bytes) rather than written. */
const SKIP_FROM = 6;

/**
 * A row as it is written after its line was erased: runs of plain blanks become cursor moves
 * and trailing plain blanks go (the erase left them blank already). Blanks under a background,
 * inverse, underline or strike stay written, since they show. Pure.
 */
export const compactRow = (row: string): string => {
  let out = '';
  let blanks = 0;
  /** Attributes under which a blank shows, open at this point of the row. */
  const open = new Set<number>();
  const flush = (): void => {
    out += blanks >= SKIP_FROM ? `${CSI}${blanks}C` : ' '.repeat(blanks);
    blanks = 0;
  };
  for (const part of row.split(/(\x1b\[[0-9;:]*m)/)) {
    if (part.startsWith('\x1b[')) {
      const codes = part.slice(2, -1).split(/[;:]/).map((c) => (c === '' ? 0 : Number(c)));
      // 38/48 and 58 take sub-parameters (5;n or 2;r;g;b): only their first number is an attribute
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!;
        if (code === 0) open.clear();
        else if (HIDES_BLANKS.has(code)) open.delete(code === 49 ? 40 : code === 24 ? 4 : code - 20);
        else if (SHOWS_BLANKS(code)) open.add(code >= 40 ? 40 : code === 21 ? 4 : code);
        if (code === 38 || code === 48 || code === 58) i += codes[i + 1] === 5 ? 2 : 4;
      }
      if (blanks > 0) flush();
      out += part;
      continue;
    }
    for (const char of part) {
      if (char === ' ' && open.size === 0) blanks++;
      else {
        if (blanks > 0) flush();
        out += char;
      }
    }
  }
  return out; // trailing plain blanks: not written
};

/**
 * The bytes that turn the screen showing `previous` (null: nothing known, a blank screen)
 * into `next`: each changed row erased and written at its place, rows no longer used erased.
 * Pure.
 */
export const rowChanges = (previous: readonly string[] | null, next: readonly string[]): string => {
  const before = previous ?? [];
  let out = '';
  for (let row = 0; row < Math.max(before.length, next.length); row++) {
    const text = next[row] ?? '';
    if (previous !== null && before[row] === text) continue;
    if (previous === null && text === '') continue;
    // erase first, then write: erasing after a row that reaches the last column would erase
    // that column's character (the cursor waits there to wrap)
    out += `${CSI}${row + 1};1H${CSI}2K${compactRow(text)}`;
  }
  return out;
};

export type ScreenWriter = {
  /** The stream to hand Ink as its stdout: the terminal's, with frames written as row changes. */
  readonly stream: WriteStream;
  /** The last frame again, every row (the screen was cleared behind Ink's back: `fg` after Ctrl+Z). */
  readonly repaint: () => void;
  /** Stops following resizes. */
  readonly dispose: () => void;
};

type Terminal = Pick<WriteStream, 'write' | 'on' | 'off'> & {columns?: number; rows?: number};

export const createScreenWriter = (out: Terminal): ScreenWriter => {
  /** What the screen shows now, row by row; null when unknown. */
  let shown: string[] | null = null;
  let last: string[] = [];
  let size = `${out.columns}x${out.rows}`;
  let pending: NodeJS.Timeout | null = null;

  const paint = (frame: string[]): void => {
    // a frame laid out before the app saw a resize can be taller than the screen: what does
    // not fit is not written (positioned past the last row, it would land on the last row)
    const rows = out.rows ? frame.slice(0, out.rows) : frame;
    const changes = rowChanges(shown, rows);
    shown = rows;
    last = frame;
    if (changes !== '') out.write(changes);
  };

  const repaint = (): void => {
    shown = null;
    paint(last);
  };

  // A resized terminal may have moved or cut what it showed: the screen is cleared and the
  // next frame written whole. Ink draws that frame as the app re-renders for the new size; if
  // none comes (nothing in it changed), the last one is drawn again.
  const onResize = (): void => {
    const now = `${out.columns}x${out.rows}`;
    if (now === size) return;
    size = now;
    out.write(`${CSI}H${CSI}2J`);
    shown = [];
    if (pending) clearTimeout(pending);
    const before = last;
    pending = setTimeout(() => {
      pending = null;
      if (last === before) repaint();
    }, 100);
    pending.unref?.();
  };
  out.on('resize', onResize);

  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : null;
    const rows = text === null ? null : frameRows(text);
    if (rows === null) return (out.write as (...args: unknown[]) => boolean)(chunk, ...rest);
    paint(rows);
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };

  const stream = new Proxy(out, {
    get(target, key) {
      if (key === 'write') return write;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as WriteStream;

  return {
    stream,
    repaint,
    dispose: () => {
      out.off('resize', onResize);
      if (pending) clearTimeout(pending);
    },
  };
};
