/**
 * Renders the recorder's asciicast (record.ts: every event a whole screen — SGR colours, then a
 * cursor position) as one animated SVG: each distinct screen row is drawn once and reused, and
 * a CSS animation steps a strip of frames past the window at the cast's times. Written for
 * these casts, not for arbitrary terminal output: no terminal emulator is needed, because
 * tmux has already composed each screen.
 *
 *   node --import tsx scripts/demo/svg.ts demo.cast demo.svg
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

type Style = {fg: string | null; bg: string | null; bold: boolean; dim: boolean; inverse: boolean};
type Run = {readonly column: number; readonly text: string; readonly style: Style};
type Screen = {readonly time: number; readonly rows: readonly string[]; readonly cursor: {x: number; y: number} | null};

const CELL_W = 8.4;
const CELL_H = 17;
const PAD = 12;
const THEME = {background: '#1e2127', foreground: '#d4d7dd', cursor: '#d4d7dd'};
/** xterm's 16 colours, a little softened (One Dark-like), then the 256-colour cube and greys. */
const BASE = ['#3f4451', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#d4d7dd', '#6f7783', '#ff7a85', '#b5e890', '#ffd68a', '#7dc4ff', '#de8ff0', '#6fd6e3', '#ffffff'];
const color256 = (n: number): string => {
  if (n < 16) return BASE[n]!;
  if (n >= 232) {
    const v = (8 + (n - 232) * 10).toString(16).padStart(2, '0');
    return `#${v}${v}${v}`;
  }
  const c = n - 16;
  const level = (i: number) => (i === 0 ? 0 : 55 + i * 40).toString(16).padStart(2, '0');
  return `#${level(Math.floor(c / 36))}${level(Math.floor(c / 6) % 6)}${level(c % 6)}`;
};

const plain = (): Style => ({fg: null, bg: null, bold: false, dim: false, inverse: false});

/** Applies one SGR sequence's parameters to `style`. */
const applySgr = (style: Style, params: number[]): void => {
  if (params.length === 0) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) Object.assign(style, plain());
    else if (p === 1) style.bold = true;
    else if (p === 2) style.dim = true;
    else if (p === 22) style.bold = style.dim = false;
    else if (p === 7) style.inverse = true;
    else if (p === 27) style.inverse = false;
    else if (p >= 30 && p <= 37) style.fg = BASE[p - 30]!;
    else if (p >= 90 && p <= 97) style.fg = BASE[p - 90 + 8]!;
    else if (p === 39) style.fg = null;
    else if (p >= 40 && p <= 47) style.bg = BASE[p - 40]!;
    else if (p >= 100 && p <= 107) style.bg = BASE[p - 100 + 8]!;
    else if (p === 49) style.bg = null;
    else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      const value = color256(params[i + 2] ?? 0);
      if (p === 38) style.fg = value;
      else style.bg = value;
      i += 2;
    } else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      const value = `#${params.slice(i + 2, i + 5).map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
      if (p === 38) style.fg = value;
      else style.bg = value;
      i += 4;
    }
  }
};

/** One screen row: runs of text in one style each, at their columns. */
const parseRow = (row: string): Run[] => {
  const runs: Run[] = [];
  const style = plain();
  let column = 0;
  let text = '';
  let start = 0;
  const flush = (): void => {
    if (text !== '') runs.push({column: start, text, style: {...style}});
    text = '';
    start = column;
  };
  for (const part of row.split(/(\x1b\[[0-9;]*m)/)) {
    const sgr = /^\x1b\[([0-9;]*)m$/.exec(part);
    if (sgr) {
      flush();
      applySgr(style, sgr[1] === '' ? [] : sgr[1]!.split(';').map(Number));
      continue;
    }
    for (const char of part) {
      text += char;
      column += 1;
    }
  }
  flush();
  return runs;
};

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const rowSvg = (runs: readonly Run[]): string =>
  runs
    .map(({column, text, style}) => {
      const fg = style.inverse ? (style.bg ?? THEME.background) : (style.fg ?? THEME.foreground);
      const bg = style.inverse ? (style.fg ?? THEME.foreground) : style.bg;
      const x = (column * CELL_W).toFixed(1);
      const width = [...text].length;
      const rect = bg === null ? '' : `<rect x="${x}" y="0" width="${(width * CELL_W).toFixed(1)}" height="${CELL_H}" fill="${bg}"/>`;
      if (text.trim() === '') return rect;
      const attrs = [fg === THEME.foreground ? '' : ` fill="${fg}"`, style.bold ? ' font-weight="bold"' : '', style.dim ? ' opacity="0.6"' : ''].join('');
      return `${rect}<text x="${x}" y="${CELL_H - 4}" textLength="${(width * CELL_W).toFixed(1)}"${attrs}>${escapeXml(text)}</text>`;
    })
    .join('');

/** The cast's screens: each event's text split into rows and the cursor it ends with. */
export const readCast = (cast: string): {width: number; height: number; screens: Screen[]} => {
  const [head, ...events] = cast.trim().split('\n');
  const {width, height} = JSON.parse(head!) as {width: number; height: number};
  const screens = events.map((line) => {
    const [time, , data] = JSON.parse(line) as [number, string, string];
    const body = data.replace(/^(?:\x1b\[0m)?\x1b\[H\x1b\[2J/, '');
    const cursorAt = /\x1b\[(\d+);(\d+)H(\x1b\[\?25[hl])?$/.exec(body);
    const text = cursorAt ? body.slice(0, cursorAt.index) : body;
    const visible = cursorAt !== null && cursorAt[3] !== '\x1b[?25l';
    return {
      time,
      rows: text.split('\r\n').slice(0, height),
      cursor: visible ? {x: Number(cursorAt![2]) - 1, y: Number(cursorAt![1]) - 1} : null,
    };
  });
  return {width, height, screens};
};

/** `still`: draw that frame alone, unanimated (to look at one screen). */
export const renderSvg = (cast: string, still?: number): string => {
  const {width, height, screens} = readCast(cast);
  const rowIds = new Map<string, string>();
  const defs: string[] = [];
  const idOf = (row: string): string | null => {
    let id = rowIds.get(row);
    if (id === undefined) {
      const runs = parseRow(row);
      // a row that draws nothing is left out (null), not defined
      id = runs.every((r) => r.text.trim() === '' && r.style.bg === null && !r.style.inverse) ? '' : `r${defs.length.toString(36)}`;
      rowIds.set(row, id);
      if (id !== '') defs.push(`<g id="${id}">${rowSvg(runs)}</g>`);
    }
    return id === '' ? null : id;
  };
  const screenW = width * CELL_W;
  const screenH = height * CELL_H;
  const frames = screens.map((screen, index) => {
    if (still !== undefined && index !== still) return '';
    const uses = screen.rows
      .map((row, y) => {
        const id = idOf(row);
        return id === null ? '' : `<use href="#${id}" y="${y * CELL_H}"/>`;
      })
      .join('');
    const cursor = screen.cursor === null ? '' : `<rect x="${(screen.cursor.x * CELL_W).toFixed(1)}" y="${screen.cursor.y * CELL_H}" width="${CELL_W}" height="${CELL_H}" fill="${THEME.cursor}" opacity="0.7"/>`;
    return `<g transform="translate(${(index * screenW).toFixed(1)})">${uses}${cursor}</g>`;
  });
  const total = Math.max(screens.at(-1)?.time ?? 0, 0.001) + 3; // the last screen stays 3 s
  const keyframes = screens
    .map((s, i) => `${((s.time / total) * 100).toFixed(3)}%{transform:translateX(${(-i * screenW).toFixed(1)}px)}`)
    .join('');
  const outerW = screenW + 2 * PAD;
  const outerH = screenH + 2 * PAD;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" width="${outerW.toFixed(0)}" height="${outerH.toFixed(0)}" viewBox="0 0 ${outerW.toFixed(1)} ${outerH.toFixed(1)}">`,
    `<title>gto-tui playing demo.tape</title>`,
    `<style>text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:14px;white-space:pre}text:not([fill]){fill:${THEME.foreground}}`,
    still === undefined ? `#strip{animation:play ${total.toFixed(2)}s steps(1,end) infinite}@keyframes play{${keyframes}}</style>` : '</style>',
    `<rect width="100%" height="100%" rx="6" fill="${THEME.background}"/>`,
    `<defs>${defs.join('')}</defs>`,
    `<svg x="${PAD}" y="${PAD}" width="${screenW.toFixed(1)}" height="${screenH}"><g id="strip"${still === undefined ? '' : ` transform="translate(${(-still * screenW).toFixed(1)})"`}>${frames.join('')}</g></svg>`,
    `</svg>`,
  ].join('\n') + '\n';
};

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const [input = 'demo.cast', output = 'demo.svg', still] = process.argv.slice(2);
  const svg = renderSvg(readFileSync(input, 'utf8'), still === undefined ? undefined : Number(still));
  writeFileSync(output, svg);
  console.log(`${output}: ${(Buffer.byteLength(svg) / 1024).toFixed(1)} KiB`);
}
