/**
 * Where the cursor goes when the registry is read again underneath it (a tag made or deleted
 * elsewhere, a fetch): on the same artifact and the same column (the same stage, wherever its
 * column is now), at the same height on the screen; in the artifact panel, on the same version.
 * What the cursor was on may be gone: then it keeps its position, as far as the rows allow. Pure.
 */
import {artifactVersions} from './artifactView.js';
import type {GridColumn} from './grid.js';
import {selectVisibleRows} from './selectors.js';
import type {ArtifactView, State} from './store.js';

const columnKey = (column: GridColumn | undefined): string | null => (column === undefined ? null : column.kind === 'stage' ? `stage:${column.stage}` : column.kind);

/** The grid cursor in `next` (same artifact, same column, same screen row when it can); unclamped. */
export const keptCursor = (previous: State, next: Pick<State, 'model' | 'showDeprecated' | 'filter'>): State['cursor'] => {
  const {cursor} = previous;
  const name = selectVisibleRows(previous)[cursor.row]?.name;
  const key = columnKey(previous.model?.columns[cursor.col]);
  const rows = selectVisibleRows(next);
  const row = name === undefined ? -1 : rows.findIndex((r) => r.name === name);
  const col = key === null ? -1 : (next.model?.columns ?? []).findIndex((c) => columnKey(c) === key);
  const kept = row === -1 ? cursor.row : row;
  return {row: kept, col: col === -1 ? cursor.col : col, top: Math.max(0, cursor.top + (kept - cursor.row))};
};

/** The artifact panel on the same version as before, by name (a version added above it moves it down the list). */
export const keptArtifactView = (previous: State, next: Pick<State, 'snapshot'>): ArtifactView | null => {
  const view = previous.artifact;
  if (view === null || previous.snapshot === null || next.snapshot === null) return view;
  const version = artifactVersions(previous.snapshot.registry, view.name)[view.cursor]?.version;
  const versions = artifactVersions(next.snapshot.registry, view.name);
  const found = version === undefined ? -1 : versions.findIndex((v) => v.version === version);
  const cursor = found === -1 ? Math.max(0, Math.min(view.cursor, versions.length - 1)) : found;
  return cursor === view.cursor ? view : {...view, cursor};
};
