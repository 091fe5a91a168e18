/**
 * Tags someone pushed: registry tags origin has and this repository does not (`↓`; `f` fetches
 * them). Each falls in a grid cell by its name alone — a registration or deregistration in
 * the artifact's `latest`, an assignment or unassignment in its stage's column, a deprecation
 * on its name — since its object is not here to read. Pure, memoised on its inputs.
 */
import {parseTag} from '../registry/tag.js';
import type {GridColumn, GridModel} from './grid.js';
import type {RemoteState} from './store.js';

/** Registry tags on origin that are not here, in name order. */
export const incomingTags = (local: ReadonlyMap<string, string>, remote: ReadonlyMap<string, string>): string[] =>
  [...remote.keys()].filter((name) => !local.has(name) && isIncomingKind(name)).sort();

const isIncomingKind = (name: string): boolean => {
  const parsed = parseTag(name);
  return parsed !== null && parsed.action !== 'created';
};

/** The column a tag's event shows in, for `columns`; -1 when none does (a stage without a column). */
const columnOf = (name: string, columns: readonly GridColumn[]): {artifact: string; column: number} | null => {
  const parsed = parseTag(name);
  if (parsed === null) return null;
  switch (parsed.action) {
    case 'register':
    case 'deregister':
      return {artifact: parsed.name, column: columns.findIndex((c) => c.kind === 'latest')};
    case 'assign':
    case 'unassign':
      return {artifact: parsed.name, column: columns.findIndex((c) => c.kind === 'stage' && c.stage === parsed.stage)};
    case 'deprecate':
      return {artifact: parsed.name, column: columns.findIndex((c) => c.kind === 'name')};
    case 'created':
      return null;
  }
};

/** Artifact name → the grid columns with a tag on origin not here. */
export type IncomingCells = ReadonlyMap<string, ReadonlySet<number>>;

export const incomingCells = (tags: readonly string[], columns: readonly GridColumn[]): IncomingCells => {
  const cells = new Map<string, Set<number>>();
  for (const tag of tags) {
    const place = columnOf(tag, columns);
    if (place === null || place.column === -1) continue;
    const set = cells.get(place.artifact) ?? new Set<number>();
    set.add(place.column);
    cells.set(place.artifact, set);
  }
  return cells;
};

let tagsCache: {local: ReadonlyMap<string, string>; remote: ReadonlyMap<string, string>; tags: string[]} | null = null;

/** incomingTags, memoised: the header's count and the cells read it on every frame. */
export const selectIncomingTags = (local: ReadonlyMap<string, string>, remote: ReadonlyMap<string, string>): string[] => {
  if (tagsCache?.local === local && tagsCache.remote === remote) return tagsCache.tags;
  tagsCache = {local, remote, tags: incomingTags(local, remote)};
  return tagsCache.tags;
};

let cellsCache: {tags: readonly string[]; model: GridModel; cells: IncomingCells} | null = null;

const NONE: IncomingCells = new Map();

/** The grid's `↓` cells: nothing until origin has answered (or without one). */
export const selectIncomingCells = (state: {
  readonly remote: RemoteState;
  readonly snapshot: {readonly tagTargets: ReadonlyMap<string, string>} | null;
  readonly model: GridModel | null;
}): IncomingCells => {
  if (state.remote.kind !== 'known' || state.snapshot === null || state.model === null) return NONE;
  const tags = selectIncomingTags(state.snapshot.tagTargets, state.remote.tags);
  if (tags.length === 0) return NONE;
  if (cellsCache?.tags === tags && cellsCache.model === state.model) return cellsCache.cells;
  cellsCache = {tags, model: state.model, cells: incomingCells(tags, state.model.columns)};
  return cellsCache.cells;
};
