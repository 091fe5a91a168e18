/** Derived data, memoised on the inputs it reads (the store holds only source data). */
import type {GridModel, GridRow} from './grid.js';
import {columnWidths, visibleRows} from './grid.js';
import type {RemoteState} from './store.js';

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

/** Widths known for a model without measuring it (the timeline tallies them as it steps). */
export const rememberColumnWidths = (model: GridModel, widths: number[]): void => {
  widthsCache.set(model, widths);
};

export const selectColumnWidths = (model: GridModel): number[] => {
  let widths = widthsCache.get(model);
  if (!widths) {
    widths = columnWidths(model);
    widthsCache.set(model, widths);
  }
  return widths;
};

let unpushedCache: {local: ReadonlyMap<string, string>; remote: ReadonlyMap<string, string>; tags: ReadonlySet<string>} | null = null;

/**
 * Local tags that origin lacks or has at another object: a tag moved locally (deleted and
 * re-created) is as unpushed as a new one. null until origin has answered.
 */
export const selectUnpushedTags = (local: ReadonlyMap<string, string>, remote: ReadonlyMap<string, string> | null): ReadonlySet<string> | null => {
  if (remote === null) return null;
  const c = unpushedCache;
  if (c && c.local === local && c.remote === remote) return c.tags;
  const tags = new Set<string>();
  for (const [name, target] of local) if (remote.get(name) !== target) tags.add(name);
  unpushedCache = {local, remote, tags};
  return tags;
};

let listCache: {unpushed: ReadonlySet<string>; list: string[]} | null = null;

/** The unpushed registry tags (what `p` offers), in name order. */
export const selectUnpushed = (
  local: ReadonlyMap<string, string>,
  remote: ReadonlyMap<string, string> | null,
  isRegistryTag: (name: string) => boolean,
): string[] => {
  const unpushed = selectUnpushedTags(local, remote);
  if (unpushed === null) return [];
  if (listCache?.unpushed === unpushed) return listCache.list;
  const list = [...unpushed].filter(isRegistryTag);
  listCache = {unpushed, list};
  return list;
};

const NO_MARKERS: ReadonlySet<string> = new Set();

/**
 * What the grid's ↑ markers know: the unpushed tags once origin answered; nothing yet (null, a
 * `?`) only while it is being asked; no marker at all without an origin, with an unreachable one
 * (the header says so, once) or under --no-remote until p or f asks.
 */
export const selectGridMarkers = (state: {
  readonly remote: RemoteState;
  readonly snapshot: {readonly tagTargets: ReadonlyMap<string, string>} | null;
}): ReadonlySet<string> | null => {
  switch (state.remote.kind) {
    case 'known':
      return state.snapshot ? selectUnpushedTags(state.snapshot.tagTargets, state.remote.tags) : null;
    case 'checking':
      return null;
    case 'none':
    case 'off':
    case 'error':
      return NO_MARKERS;
  }
};
