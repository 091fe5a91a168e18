/**
 * The registry grid as plain data: one row per artifact, columns `name | latest | stages…`,
 * each cell with its text and the tags behind it (for the "not pushed" marker). Pure; built
 * once per loaded registry and memoised by the caller.
 */
import type {Config} from '../registry/config.js';
import type {Artifact, Registry, TagEvent, Version} from '../registry/model.js';
import {
  artifactAnnotation,
  DEFAULT_STAGE_QUERY,
  isArtifactActive,
  isArtifactRegistered,
  latestVersion,
  stageAuthoring,
  stageHolders,
  usedStages,
} from '../registry/resolve.js';
import {DEPRECATED_MARKER} from './theme.js';

export {annotatedEvent, artifactAnnotation} from '../registry/resolve.js';

export type GridColumn =
  | {readonly kind: 'name'; readonly title: string}
  | {readonly kind: 'latest'; readonly title: string}
  | {readonly kind: 'stage'; readonly title: string; readonly stage: string};

export type GridCell = {
  readonly text: string;
  /** Tags behind the cell: one of them unpushed makes the cell "not pushed". */
  readonly tags: readonly string[];
  /** The version the cell shows (first holder for a stage), or null. */
  readonly version: string | null;
};

export type GridRow = {
  readonly name: string;
  /** `*name` when the artifact is known only from artifacts.yaml (spec §3.5). */
  readonly label: string;
  readonly active: boolean;
  readonly registered: boolean;
  readonly labels: readonly string[];
  /** The annotation's `type` (artifacts.yaml or dvc.yaml), or null. */
  readonly type: string | null;
  readonly cells: readonly GridCell[];
};

export type GridModel = {
  readonly columns: readonly GridColumn[];
  /** Every artifact, deprecated ones included, sorted by unprefixed name (like `show`). */
  readonly rows: readonly GridRow[];
};

/** Column stages: `.gto` stages as written, else the stages in use (spec §4.5, §3.10). */
export const gridStages = (registry: Registry, config: Config): readonly string[] => config.stages ?? usedStages(registry);

/** Shas (unregistered versions) shortened like `show` does; version names kept whole. */
export const shortVersion = (version: string): string => (/^[0-9a-f]{40}$/.test(version) ? version.slice(0, 7) : version);

/** Every tag event of an artifact, deprecations included. */
export const artifactTagEvents = (artifact: Artifact): TagEvent[] => {
  const events: TagEvent[] = [...artifact.deprecations];
  for (const version of artifact.versions) {
    events.push(...version.registrations, ...version.deregistrations);
    for (const record of version.stages.values()) events.push(...record.assignments, ...record.unassignments);
  }
  return events;
};

const registrationTags = (version: Version | null): string[] => {
  if (version === null) return [];
  const newest = version.registrations.at(-1);
  return newest ? [newest.tag] : [];
};

const stageCell = (holders: readonly Version[] | undefined, stage: string): GridCell => {
  if (!holders || holders.length === 0) return {text: '-', tags: [], version: null};
  const tags: string[] = [];
  for (const holder of holders) {
    const record = holder.stages.get(stage);
    if (!record) continue;
    const authoring = stageAuthoring(record);
    if (authoring.kind !== 'commit') tags.push(authoring.tag);
  }
  return {text: holders.map((v) => shortVersion(v.version)).join(', '), tags, version: holders[0]!.version};
};

const buildRow = (artifact: Artifact, stages: readonly string[], head: string | null): GridRow => {
  const registered = isArtifactRegistered(artifact);
  const latest = latestVersion(artifact);
  const holders = stageHolders(artifact, DEFAULT_STAGE_QUERY);
  const active = isArtifactActive(artifact);
  const name = `${registered ? '' : '*'}${artifact.name}${active ? '' : ` ${DEPRECATED_MARKER}`}`;
  const cells: GridCell[] = [
    {text: name, tags: artifactTagEvents(artifact).map((e) => e.tag), version: null},
    {text: latest ? latest.version : '-', tags: registrationTags(latest), version: latest?.version ?? null},
    ...stages.map((stage) => stageCell(holders.get(stage), stage)),
  ];
  const annotation = artifactAnnotation(artifact, head);
  return {
    name: artifact.name,
    label: cells[0]!.text,
    active,
    registered,
    labels: annotation?.labels ?? [],
    type: annotation?.type ?? null,
    cells,
  };
};

export const buildGridModel = (registry: Registry, config: Config, head: string | null): GridModel => {
  const stages = gridStages(registry, config);
  const columns: GridColumn[] = [
    {kind: 'name', title: 'name'},
    {kind: 'latest', title: 'latest'},
    ...stages.map((stage): GridColumn => ({kind: 'stage', title: `#${stage}`, stage})),
  ];
  const rows = [...registry.artifacts.values()]
    .map((artifact) => buildRow(artifact, stages, head))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {columns, rows};
};

/** Rows shown: deprecated ones only when asked; `query` matches name, labels or type, case-insensitive. */
export const visibleRows = (model: GridModel, showDeprecated: boolean, query: string): readonly GridRow[] => {
  const q = query.trim().toLowerCase();
  if (showDeprecated && q === '') return model.rows;
  return model.rows.filter(
    (row) =>
      (showDeprecated || row.active) &&
      (q === '' ||
        row.name.toLowerCase().includes(q) ||
        row.labels.some((label) => label.toLowerCase().includes(q)) ||
        (row.type !== null && row.type.toLowerCase().includes(q))),
  );
};

/** Whether any of the cell's tags is unpushed (see selectUnpushedTags); null while origin is unknown. */
export const isUnpushed = (cell: GridCell, unpushed: ReadonlySet<string> | null): boolean | null => {
  if (cell.tags.length === 0) return false;
  if (unpushed === null) return null;
  return cell.tags.some((tag) => unpushed.has(tag));
};

/**
 * Column widths from every row (not just the visible ones, so columns don't jump while
 * scrolling), each capped, then fitted to the terminal width.
 */
export const columnWidths = (model: GridModel, maxWidth = 28): number[] =>
  model.columns.map((column, i) => {
    let width = column.title.length;
    for (const row of model.rows) width = Math.max(width, row.cells[i]!.text.length);
    return Math.min(width, maxWidth);
  });

/**
 * Which columns fit in `available` characters, the name column always first, keeping
 * `selected` visible (horizontal scrolling when there are many stages).
 */
export const visibleColumns = (widths: readonly number[], selected: number, available: number, gap = 3): number[] => {
  const fits = (cols: number[]): boolean => cols.reduce((sum, i) => sum + widths[i]! + gap, 0) <= available;
  let first = 1;
  const build = (): number[] => {
    const cols = [0];
    for (let i = first; i < widths.length; i++) {
      if (!fits([...cols, i])) break;
      cols.push(i);
    }
    return cols;
  };
  let cols = build();
  while (selected > 0 && !cols.includes(selected) && first < selected) {
    first++;
    cols = build();
  }
  return cols;
};
