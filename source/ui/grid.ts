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
  stageColumns,
  stageHolders,
} from '../registry/resolve.js';
import {allocateWidths} from './layout.js';
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

export const buildRow = (artifact: Artifact, stages: readonly string[], head: string | null): GridRow => {
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
  const stages = stageColumns(registry, config.stages);
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

/** Column widths from every row (not just the visible ones, so columns don't jump while scrolling): the widest of title and cells. */
export const columnWidths = (model: GridModel): number[] =>
  model.columns.map((column, i) => {
    let width = column.title.length;
    // indexed: this runs over every row on each timeline step (no iterator per pass)
    const rows = model.rows;
    for (let r = 0; r < rows.length; r++) width = Math.max(width, rows[r]!.cells[i]!.text.length);
    return width;
  });

/**
 * columnWidths kept up to date while rows come and go (the timeline's steps): per column, how
 * many rows have each width, so the widest is known without measuring every row again.
 */
export class WidthTally {
  private readonly titles: readonly number[];
  private readonly counts: Map<number, number>[];
  private readonly widest: number[];

  constructor(columns: readonly GridColumn[]) {
    this.titles = columns.map((column) => column.title.length);
    this.counts = columns.map(() => new Map());
    this.widest = [...this.titles];
  }

  add(row: GridRow): void {
    row.cells.forEach((cell, i) => {
      const width = cell.text.length;
      const counts = this.counts[i]!;
      counts.set(width, (counts.get(width) ?? 0) + 1);
      if (width > this.widest[i]!) this.widest[i] = width;
    });
  }

  remove(row: GridRow): void {
    row.cells.forEach((cell, i) => {
      const width = cell.text.length;
      const counts = this.counts[i]!;
      const left = (counts.get(width) ?? 0) - 1;
      if (left > 0) {
        counts.set(width, left);
        return;
      }
      counts.delete(width);
      // the widest row went: the next widest is among the widths still counted
      if (width === this.widest[i]) this.widest[i] = Math.max(this.titles[i]!, ...counts.keys());
    });
  }

  /** What columnWidths gives for the rows now counted. */
  widths(): number[] {
    return [...this.widest];
  }
}

/** The name column is cut no narrower than this while other columns scroll beside it. */
const NAME_MIN = 12;

export type GridLayout = {
  /** The columns shown, the name column first, with the width each gets. */
  readonly shown: readonly {readonly index: number; readonly width: number}[];
  /** Columns scrolled out of view between the name column and the first shown (`← N more`). */
  readonly hiddenLeft: number;
  /** Columns scrolled out of view after the last shown (`N more →`). */
  readonly hiddenRight: number;
  /** The width of a scroll label's slot, its gap included. */
  readonly labelSlot: number;
};

export const leftLabel = (hidden: number): string => `← ${hidden} more`;
export const rightLabel = (hidden: number): string => `${hidden} more →`;

/**
 * Which columns the grid shows in `available` characters (each column costs its width and
 * `gap`), keeping `selected` in view. Everything fits: every column at its natural width.
 * Otherwise the name column keeps its natural width when it leaves room for the widest other
 * column and takes no more than a third of the width (cut, down to NAME_MIN, when not), the
 * others scroll, and a label
 * on each side that hides columns says how many, in a slot reserved for it so it is never cut.
 * Version cells are never cut: a stage cell wider than the room left shows whole versions
 * (fitList). Pure.
 */
export const gridLayout = (widths: readonly number[], selected: number, available: number, gap = 2): GridLayout => {
  const n = widths.length;
  const labelSlot = leftLabel(Math.max(1, n - 1)).length + gap;
  const all = widths.reduce((sum, w) => sum + w + gap, 0);
  if (all <= available || n <= 1) return {shown: widths.map((width, index) => ({index, width})), hiddenLeft: 0, hiddenRight: 0, labelSlot};
  const nameMin = Math.min(widths[0]!, NAME_MIN);
  const widest = Math.max(...widths.slice(1));
  // the name's width while scrolling: room for the widest other column and one label beside
  // it, and a third of the width at most (the stage columns are what the grid is for)
  const [allotted] = allocateWidths(
    [
      {natural: widths[0]!, min: nameMin, cut: 1, optional: false},
      {natural: widest, min: widest, cut: 0, optional: false},
    ],
    available - labelSlot - gap,
    gap,
  ) as [number];
  const named = Math.min(allotted, Math.max(nameMin, Math.floor(available / 3)));
  const cap = Math.max(1, available - named - 2 * gap - labelSlot);
  const width = (i: number): number => Math.min(widths[i]!, cap);
  const cost = (cols: readonly number[], name = named): number => {
    const first = cols[1] ?? 1;
    const last = cols.at(-1)!;
    return name + gap + cols.slice(1).reduce((sum, i) => sum + width(i) + gap, 0) + (first > 1 ? labelSlot : 0) + (last < n - 1 ? labelSlot : 0);
  };
  const build = (first: number): number[] => {
    const cols = [0];
    for (let i = first; i < n; i++) {
      if (cost([...cols, i]) > available) break;
      cols.push(i);
    }
    return cols;
  };
  let first = 1;
  let cols = build(first);
  while (selected > 0 && !cols.includes(selected) && first < selected) cols = build(++first);
  if (selected > 0 && !cols.includes(selected)) cols = [0, selected];
  // a column between two labels may need the name narrower still (never below NAME_MIN)
  const name = Math.max(nameMin, named - Math.max(0, cost(cols) - available));
  const last = cols.at(-1)!;
  return {
    shown: cols.map((index) => ({index, width: index === 0 ? name : width(index)})),
    hiddenLeft: cols.length > 1 ? cols[1]! - 1 : 0,
    hiddenRight: last === 0 ? n - 1 : n - 1 - last,
    labelSlot,
  };
};
