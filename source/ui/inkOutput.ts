/**
 * A faster `get()` for Ink's Output, the step that turns a frame's text into terminal lines.
 *
 * Ink 6 builds every frame from scratch: each written line is cut into graphemes with
 * Intl.Segmenter, each character becomes an object with its own copy of the styles in force,
 * and each screen cell is compared with the one before it to write the style changes. At
 * 120×40 that was 14 ms of a 36 ms timeline step (bench/timeline.tsx --profile), more than
 * React and the registry together. This `get()` makes the same lines (byte for byte:
 * test/ui/inkOutput.test.ts compares it with Ink's own over generated frames) with less work:
 *
 * - a line of printable ASCII, Latin-1 and the few narrow symbols the UI draws, with only SGR
 *   escapes, is one grapheme per code unit: it is read with a plain loop, not the segmenter;
 *   any other line goes through Ink's own tokenizer; each of a plain line's characters is one
 *   column, so no width is measured for it;
 * - characters in the same style share one styles array, so the cell walk compares arrays
 *   by identity and asks for the style difference only where the style changes;
 * - a line seen in a recent frame is not read again (most of a frame is the frame before).
 *
 * Frames with a horizontal clip (a Box with overflowX hidden) keep Ink's own `get()`, which
 * cuts lines with slice-ansi; the UI clips only vertically.
 */
import {ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize, type AnsiCode, type StyledChar, type Token} from '@alcalzone/ansi-tokenize';

type Transformer = (line: string, index: number) => string;
type Operation =
  | {readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[]}
  | {readonly type: 'clip'; readonly clip: Clip}
  | {readonly type: 'unclip'};
type Clip = {readonly x1?: number; readonly x2?: number; readonly y1?: number; readonly y2?: number};

/** What this module reads of an Output instance (ink/build/output.js). */
type OutputLike = {
  width: number;
  height: number;
  operations: Operation[];
  caches: {getStringWidth(text: string): number};
};
export type OutputClass = {prototype: {get(this: OutputLike): {output: string; height: number}}};

const NO_STYLES: AnsiCode[] = [];
const BLANK: StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES};

/**
 * Code units that are a whole grapheme of width 1 on their own, whatever follows (no combining
 * marks, joiners or variation selectors among them): printable ASCII, Latin-1, the spacing
 * letters up to U+02FF, and the arrows, box drawing and shapes the UI's markers use.
 */
const PLAIN = /^(?:[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2190-\u21ff\u2200-\u22ff\u2500-\u25fc]|\x1b\[[0-9;]*m)*$/;

/** SGR sequence → its tokens, as Ink's tokenizer splits it (compound codes into one each). */
const sgrTokens = new Map<string, Token[]>();
const tokensOfSgr = (sequence: string): Token[] => {
  let tokens = sgrTokens.get(sequence);
  if (tokens === undefined) {
    tokens = tokenize(sequence);
    sgrTokens.set(sequence, tokens);
  }
  return tokens;
};

/** A line read: its characters, and whether each is one column wide (a plain line: no width to measure). */
type ReadLine = {readonly chars: StyledChar[]; readonly narrow: boolean};

/** Ink's tokenize + styledCharsFromTokens, with one styles array per run of one style. */
const readLine = (line: string): ReadLine => {
  const chars: StyledChar[] = [];
  let styles: AnsiCode[] = NO_STYLES;
  const style = (token: Token): void => {
    if (token.type === 'ansi') styles = reduceAnsiCodesIncremental(styles, [token]);
  };
  if (PLAIN.test(line)) {
    for (let i = 0; i < line.length; i++) {
      if (line.charCodeAt(i) === 0x1b) {
        const end = line.indexOf('m', i);
        for (const token of tokensOfSgr(line.slice(i, end + 1))) style(token);
        i = end;
      } else {
        chars.push({type: 'char', value: line[i]!, fullWidth: false, styles});
      }
    }
    return {chars, narrow: true};
  }
  for (const token of tokenize(line)) {
    if (token.type === 'char') chars.push({...token, styles});
    else style(token);
  }
  return {chars, narrow: false};
};

/** Lines read in recent frames; dropped whole when full, which a busy screen reaches rarely. */
const LINE_CACHE_SIZE = 4096;
const lineCache = new Map<string, ReadLine>();
const cachedLine = (line: string): ReadLine => {
  let read = lineCache.get(line);
  if (read === undefined) {
    if (lineCache.size >= LINE_CACHE_SIZE) lineCache.clear();
    read = readLine(line);
    lineCache.set(line, read);
  }
  return read;
};

/** Ink's styledCharsToString, skipping the style difference where the styles array is the same. */
const lineToString = (chars: readonly StyledChar[]): string => {
  let out = '';
  let previous: AnsiCode[] = NO_STYLES;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i === 0) out += ansiCodesToString(char.styles);
    else if (char.styles !== previous) out += ansiCodesToString(diffAnsiCodes(previous, char.styles));
    out += char.value;
    previous = char.styles;
  }
  if (chars.length > 0 && previous.length > 0) out += ansiCodesToString(diffAnsiCodes(previous, []));
  return out;
};

const clipsHorizontally = (operations: readonly Operation[]): boolean =>
  operations.some((operation) => operation.type === 'clip' && typeof operation.clip.x1 === 'number' && typeof operation.clip.x2 === 'number');

function fastGet(this: OutputLike, original: (this: OutputLike) => {output: string; height: number}): {output: string; height: number} {
  if (clipsHorizontally(this.operations)) return original.call(this);
  const rows: StyledChar[][] = [];
  for (let y = 0; y < this.height; y++) rows.push(new Array<StyledChar>(this.width).fill(BLANK));
  const clips: Clip[] = [];
  for (const operation of this.operations) {
    if (operation.type === 'clip') clips.push(operation.clip);
    else if (operation.type === 'unclip') clips.pop();
    else {
      const {text, transformers} = operation;
      if (!text) continue;
      let {y} = operation;
      const {x} = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
        if (y + lines.length < clip.y1 || y > clip.y2) continue;
        const from = y < clip.y1 ? clip.y1 - y : 0;
        const to = y + lines.length > clip.y2 ? clip.y2 - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1) y = clip.y1;
      }
      // as in Ink: a line past the last row is skipped and the next one tries the same row
      let offsetY = 0;
      for (let index = 0; index < lines.length; index++) {
        const row = rows[y + offsetY];
        if (row === undefined) continue;
        let line = lines[index]!;
        for (const transformer of transformers) line = transformer(line, index);
        let offsetX = x;
        const {chars, narrow} = cachedLine(line);
        if (narrow) {
          for (const char of chars) row[offsetX++] = char;
          offsetY++;
          continue;
        }
        for (const char of chars) {
          row[offsetX] = char;
          const width = Math.max(1, this.caches.getStringWidth(char.value));
          for (let i = 1; i < width; i++) row[offsetX + i] = {type: 'char', value: '', fullWidth: false, styles: char.styles};
          offsetX += width;
        }
        offsetY++;
      }
    }
  }
  const output = rows.map((row) => lineToString(row.filter((cell) => cell !== undefined)).trimEnd()).join('\n');
  return {output, height: rows.length};
}

const installed = new WeakSet<object>();

/** Gives Ink's Output class the faster get(); once per class. */
export const speedUpOutput = (Output: OutputClass): void => {
  const proto = Output.prototype;
  if (installed.has(proto)) return;
  installed.add(proto);
  const original = proto.get;
  proto.get = function get(this: OutputLike) {
    return fastGet.call(this, original);
  };
};

/** Loads Ink's Output (inkOutputLoader.ts) and speeds it up; before the first frame. */
export const speedUpInkOutput = async (): Promise<void> => {
  const {loadInkOutput} = await import('./inkOutputLoader.js');
  speedUpOutput(await loadInkOutput());
};
