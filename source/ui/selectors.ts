/** Derived data, memoised on the inputs it reads (the store holds only source data). */
import type {GridModel, GridRow} from './grid.js';
import {columnWidths, visibleRows} from './grid.js';

type RowsInput = {readonly model: GridModel | null; readonly showDeprecated: boolean; readonly filter: string};

let rowsCache: {model: GridModel | null; showDeprecated: boolean; filter: string; rows: readonly GridRow[]} | null = null;

export const selectVisibleRows = (state: RowsInput): readonly GridRow[] => {
  if (state.model === null) return [];
  const c = rowsCache;
  if (c && c.model === state.model && c.showDeprecated === state.showDeprecated && c.filter === state.filter) return c.rows;
  const rows = visibleRows(state.model, state.showDeprecated, state.filter);
  rowsCache = {model: state.model, showDeprecated: state.showDeprecated, filter: state.filter, rows};
  return rows;
};

const widthsCache = new WeakMap<GridModel, number[]>();

export const selectColumnWidths = (model: GridModel): number[] => {
  let widths = widthsCache.get(model);
  if (!widths) {
    widths = columnWidths(model);
    widthsCache.set(model, widths);
  }
  return widths;
};

let remoteCache: {tags: ReadonlySet<string> | null; names: readonly string[]; unpushed: string[]} | null = null;

/** Local GTO tags missing on the remote, in name order. */
export const selectUnpushed = (tagNames: readonly string[], remote: ReadonlySet<string> | null, isRegistryTag: (name: string) => boolean): string[] => {
  if (remote === null) return [];
  const c = remoteCache;
  if (c && c.tags === remote && c.names === tagNames) return c.unpushed;
  const unpushed = tagNames.filter((name) => !remote.has(name) && isRegistryTag(name));
  remoteCache = {tags: remote, names: tagNames, unpushed};
  return unpushed;
};
