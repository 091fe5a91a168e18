/** Every size decision in one place: how many rows and columns each screen gets. Pure. */
import type {TerminalSize} from './hooks/useTerminalSize.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

export const isTooSmall = (size: TerminalSize): boolean => size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;

/** Header (2 lines) + column header (1) + status line (1) + hint bar (1) + filter line (1). */
const CHROME_ROWS = 6;

/** Rows available for the body of a screen (grid rows, list items, history lines). */
export const bodyRows = (size: TerminalSize): number => Math.max(1, size.rows - CHROME_ROWS);

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
