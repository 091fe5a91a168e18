/** Every size decision in one place: how many rows and columns each screen gets. Pure. */
import type {TerminalSize} from './hooks/useTerminalSize.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

export const isTooSmall = (size: TerminalSize): boolean => size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;

/** Header (2 lines) + status line (1) + hint bar (1). */
const CHROME_ROWS = 4;
/** The grid's own lines besides its rows: column titles (1) + filter line (1). */
const GRID_LINES = 2;

/** Rows between the header and the status line: what a screen's body is drawn in. */
export const screenRows = (size: TerminalSize): number => Math.max(1, size.rows - CHROME_ROWS);

/** Rows of artifacts the grid shows (what the store keeps as `viewport.rows`). */
export const bodyRows = (size: TerminalSize): number => Math.max(1, screenRows(size) - GRID_LINES);

/** A screen's body rows from the grid's (`viewport.rows`), for key handlers that page. */
export const screenRowsOf = (gridRows: number): number => gridRows + GRID_LINES;

/**
 * The first row to show so that `cursor` is visible, moving the window as little as possible
 * from `top` (the previous first row).
 */
export const scrollTop = (top: number, cursor: number, visible: number, total: number): number => {
  const maxTop = Math.max(0, total - visible);
  let next = Math.min(Math.max(0, top), maxTop);
  if (cursor < next) next = cursor;
  else if (cursor >= next + visible) next = cursor - visible + 1;
  return Math.min(Math.max(0, next), maxTop);
};

/** A column of a table, as the width allocation sees it. */
export type ColumnSpec = {
  /** The width that shows the title and every cell whole. */
  readonly natural: number;
  /** The narrowest it may be cut to; `natural` for a column that is never cut (versions, tags). */
  readonly min: number;
  /** The order columns are cut in when the table does not fit: the highest first. */
  readonly cut: number;
  /** Whether the column may be left out when even its `min` does not fit. */
  readonly optional: boolean;
};

/**
 * The width of each column of a table in `width` characters, `gap` between columns shown; 0
 * for a column left out. What fits is shown whole. When the table is too wide, columns are
 * cut towards their `min` in `cut` order (highest first), then optional ones are left out in
 * the same order, then what was cut gets back any room the leaving out made. A column whose
 * `min` is its `natural` width is never cut: the caller puts such columns (versions) first,
 * so that a row too wide even then loses its end, never them. Pure.
 */
export const allocateWidths = (columns: readonly ColumnSpec[], width: number, gap = 1): number[] => {
  const widths = columns.map((c) => c.natural);
  const total = (): number => {
    const shown = widths.filter((w) => w > 0);
    return shown.reduce((sum, w) => sum + w, 0) + gap * Math.max(0, shown.length - 1);
  };
  const order = columns.map((_, i) => i).sort((a, b) => columns[b]!.cut - columns[a]!.cut || b - a);
  for (const i of order) {
    const excess = total() - width;
    if (excess <= 0) break;
    widths[i] = Math.max(Math.min(columns[i]!.min, columns[i]!.natural), widths[i]! - excess);
  }
  for (const i of order) {
    if (total() <= width) break;
    if (columns[i]!.optional) widths[i] = 0;
  }
  for (const i of [...order].reverse()) {
    const room = width - total();
    if (room <= 0) break;
    if (widths[i]! > 0) widths[i] = Math.min(columns[i]!.natural, widths[i]! + room);
  }
  return widths;
};

/**
 * The rows of a list shown in a window: where it starts, how many items, and how many items the
 * "N more above/below" rows count (0: no such row).
 */
export type ListWindow = {readonly top: number; readonly count: number; readonly above: number; readonly below: number};

/**
 * The window of a list of `total` items in `rows` rows that shows `cursor`, moved as little as
 * possible from `top`. When items are hidden, a row at that end says how many ("3 more
 * above"): those rows come out of `rows`. Pure.
 */
export const listWindow = (top: number, cursor: number, total: number, rows: number): ListWindow => {
  if (total <= rows || rows < 3) {
    // too few rows to give one to a marker: the list's position (`3/40`) says where it is
    const visible = Math.max(1, rows);
    const first = scrollTop(top, cursor, visible, total);
    return {top: first, count: Math.min(visible, total - first), above: 0, below: 0};
  }
  const at = (first: number): ListWindow => {
    const room = rows - (first > 0 ? 1 : 0);
    const count = first + room >= total ? total - first : room - 1;
    return {top: first, count, above: first, below: total - first - count};
  };
  const last = total - (rows - 1);
  const target = Math.max(0, Math.min(total - 1, cursor));
  let first = Math.max(0, Math.min(top, last));
  if (target < first) first = target === 0 ? 0 : target;
  while (target >= first + at(first).count && first < last) first++;
  return at(first);
};
