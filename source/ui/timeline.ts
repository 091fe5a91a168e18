/**
 * The timeline on the grid (`t`): the registry as it stood after any event, stepped one event or
 * one day at a time, or sent to a typed moment. Pure data and functions; the grid after a step
 * is made from the grid before it, building again only the rows of the artifacts the events in
 * between touched (registry/timeline.ts builds each of those from its own tags).
 */
import {localMinute, localSeconds} from '../output/time.js';
import {printable} from '../output/messages.js';
import type {Config} from '../registry/config.js';
import type {Artifact} from '../registry/model.js';
import {usedStages} from '../registry/resolve.js';
import type {Timeline} from '../registry/timeline.js';
import {parseWhen, timeSeconds} from '../registry/when.js';
import {buildRow, shortVersion, WidthTally, type GridColumn, type GridModel, type GridRow} from './grid.js';
import {rememberColumnWidths} from './selectors.js';

/** The cells the event at the cursor changed: its artifact's row, and which columns of it. */
export type ChangedCells = {readonly name: string; readonly columns: ReadonlySet<number>};

export type TimelineView = {
  readonly timeline: Timeline;
  readonly config: Config;
  /** Events applied: 0 is before the first event, `timeline.entries.length` is now. */
  readonly position: number;
  /** The moment shown, in seconds: the event's own after an event step, the one asked for otherwise. */
  readonly moment: number;
  readonly model: GridModel;
  readonly changed: ChangedCells | null;
  /** What is typed after `T`. */
  readonly typed: string;
};

const DAY = 86_400;

const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const columnsOf = (stages: readonly string[]): GridColumn[] => [
  {kind: 'name', title: 'name'},
  {kind: 'latest', title: 'latest'},
  ...stages.map((stage): GridColumn => ({kind: 'stage', title: `#${stage}`, stage})),
];

/**
 * The grid as it moves along one timeline: rows in name order at `position`, the column widths
 * as a tally (so a step does not measure every row again), and (without `.gto` stages) how
 * many artifacts use each stage, so the stage columns follow without a full pass.
 */
type GridCursor = {
  position: number;
  stages: readonly string[];
  columns: readonly GridColumn[];
  names: string[];
  /** The row of each of `names`, at the same index. */
  rows: GridRow[];
  widths: WidthTally;
  used: Map<string, readonly string[]>;
  usedCount: Map<string, number>;
  model: GridModel;
};

const cursors = new WeakMap<Timeline, GridCursor>();

/** Rows by the artifact state they show (the timeline keeps built states), for one column list. */
const rows = new WeakMap<Artifact, {readonly stages: readonly string[]; readonly row: GridRow}>();

const rowOf = (artifact: Artifact, stages: readonly string[], head: string | null): GridRow => {
  const known = rows.get(artifact);
  if (known !== undefined && sameList(known.stages, stages)) return known.row;
  const row = buildRow(artifact, stages, head);
  rows.set(artifact, {stages, row});
  return row;
};

const usedBy = (artifact: Artifact | null): readonly string[] =>
  artifact === null ? [] : usedStages({artifacts: new Map([[artifact.name, artifact]])});

const stagesIn = (config: Config, usedCount: ReadonlyMap<string, number>): readonly string[] =>
  config.stages ?? [...usedCount.keys()].sort(compareNames);

/** The model of the cursor's rows now; its column widths come from the tally, not a pass over the rows. */
const modelOf = (cursor: GridCursor): GridModel => {
  const model: GridModel = {columns: cursor.columns, rows: cursor.rows.slice()};
  rememberColumnWidths(model, cursor.widths.widths());
  return model;
};

/** Every row again (the first time, and when the stage columns change). */
const rebuild = (timeline: Timeline, config: Config, position: number, names: readonly string[], used: Map<string, readonly string[]>, usedCount: Map<string, number>): GridCursor => {
  const stages = stagesIn(config, usedCount);
  const columns = columnsOf(stages);
  const sorted = [...names].sort(compareNames);
  const widths = new WidthTally(columns);
  const built = sorted.map((name) => {
    const row = rowOf(timeline.artifactAt(name, position)!, stages, timeline.head);
    widths.add(row);
    return row;
  });
  const cursor: GridCursor = {position, stages, columns, names: sorted, rows: built, widths, used, usedCount, model: {columns: [], rows: []}};
  cursor.model = modelOf(cursor);
  return cursor;
};

const count = (usedCount: Map<string, number>, stages: readonly string[], delta: 1 | -1): void => {
  for (const stage of stages) {
    const n = (usedCount.get(stage) ?? 0) + delta;
    if (n === 0) usedCount.delete(stage);
    else usedCount.set(stage, n);
  }
};

/** The grid after `position` events: the registry grid (grid.ts) of the state as of then. */
export const gridAt = (timeline: Timeline, config: Config, position: number): GridModel => {
  let cursor = cursors.get(timeline);
  if (cursor === undefined) {
    const names = timeline.namesAt(position);
    const used = new Map<string, readonly string[]>();
    const usedCount = new Map<string, number>();
    if (config.stages === null) {
      for (const name of names) {
        const stages = usedBy(timeline.artifactAt(name, position));
        used.set(name, stages);
        count(usedCount, stages, 1);
      }
    }
    cursor = rebuild(timeline, config, position, names, used, usedCount);
    cursors.set(timeline, cursor);
    return cursor.model;
  }
  if (cursor.position === position) return cursor.model;
  const touched = timeline.artifactsBetween(cursor.position, position);
  const built = new Map<string, Artifact | null>();
  for (const name of touched) {
    const artifact = timeline.artifactAt(name, position);
    built.set(name, artifact);
    if (config.stages === null) {
      count(cursor.usedCount, cursor.used.get(name) ?? [], -1);
      const stages = usedBy(artifact);
      cursor.used.set(name, stages);
      count(cursor.usedCount, stages, 1);
    }
  }
  const stages = stagesIn(config, cursor.usedCount);
  if (!sameList(stages, cursor.stages)) {
    const names = new Set(cursor.names);
    for (const [name, artifact] of built) {
      if (artifact === null) names.delete(name);
      else names.add(name);
    }
    const next = rebuild(timeline, config, position, [...names], cursor.used, cursor.usedCount);
    cursors.set(timeline, next);
    return next.model;
  }
  for (const [name, artifact] of built) {
    const at = insertionIndex(cursor.names, name);
    const had = cursor.names[at] === name;
    if (had) cursor.widths.remove(cursor.rows[at]!);
    if (artifact === null) {
      if (!had) continue;
      cursor.names.splice(at, 1);
      cursor.rows.splice(at, 1);
    } else {
      const row = rowOf(artifact, stages, timeline.head);
      cursor.widths.add(row);
      if (had) cursor.rows[at] = row;
      else {
        cursor.names.splice(at, 0, name);
        cursor.rows.splice(at, 0, row);
      }
    }
  }
  cursor.position = position;
  cursor.model = modelOf(cursor);
  return cursor.model;
};

/** Where `name` is or would go in the sorted `names`. */
const insertionIndex = (names: readonly string[], name: string): number => {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The row named `name` in rows sorted by name, found by halving. */
const rowNamed = (sorted: readonly GridRow[], name: string): GridRow | undefined => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.name < name) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo]?.name === name ? sorted[lo] : undefined;
};

/** The cells of the event at `position` (the last one applied) that differ from the moment before it. */
export const changedAt = (timeline: Timeline, model: GridModel, position: number): ChangedCells | null => {
  const entry = timeline.entries[position - 1];
  if (entry === undefined) return null;
  const name = entry.artifact;
  const after = rowNamed(model.rows, name);
  if (after === undefined) return null;
  const stages = model.columns.flatMap((column) => (column.kind === 'stage' ? [column.stage] : []));
  const previous = timeline.artifactAt(name, position - 1);
  const before = previous === null ? null : rowOf(previous, stages, timeline.head);
  const columns = new Set<number>();
  after.cells.forEach((cell, i) => {
    // a new row: what it shows is new, its empty cells are not
    if (before === null ? cell.text !== '-' : before.cells[i]!.text !== cell.text || (i === 0 && before.active !== after.active)) columns.add(i);
  });
  return {name, columns};
};

/** The view after `position` events, at `moment`. */
export const viewAt = (timeline: Timeline, config: Config, position: number, moment: number): TimelineView => {
  const model = gridAt(timeline, config, position);
  return {timeline, config, position, moment, model, changed: changedAt(timeline, model, position), typed: ''};
};

/** The timeline at now: after the last event. Null when there is no event to step through. */
export const openTimeline = (timeline: Timeline, config: Config): TimelineView | null => {
  const last = timeline.entries.at(-1);
  return last === undefined ? null : viewAt(timeline, config, timeline.entries.length, last.time.seconds);
};

/** Just before the first event: the registry before anything was tagged. */
const beforeFirst = (timeline: Timeline): number => timeline.entries[0]!.time.seconds - 1;

/** One event back (-1) or forward (1): the moment is that event's. */
export const stepEvent = (view: TimelineView, delta: -1 | 1): TimelineView => {
  const {timeline} = view;
  const position = Math.max(0, Math.min(timeline.entries.length, view.position + delta));
  if (position === view.position && view.moment === momentOf(timeline, position)) return view;
  return viewAt(timeline, view.config, position, momentOf(timeline, position));
};

const momentOf = (timeline: Timeline, position: number): number =>
  position === 0 ? beforeFirst(timeline) : timeline.entries[position - 1]!.time.seconds;

/** One day back (-1) or forward (1), kept between just before the first event and the last one. */
export const stepDay = (view: TimelineView, delta: -1 | 1): TimelineView => {
  const {timeline} = view;
  const moment = Math.max(beforeFirst(timeline), Math.min(timeline.entries.at(-1)!.time.seconds, view.moment + delta * DAY));
  if (moment === view.moment) return view;
  return viewAt(timeline, view.config, timeline.positionAt(moment), moment);
};

export type GoTo = {readonly kind: 'view'; readonly view: TimelineView} | {readonly kind: 'error'; readonly message: string};

/** `T`: a date or time (local unless it has a zone), or the name of a registry tag. */
export const goTo = (view: TimelineView, text: string): GoTo => {
  const {timeline} = view;
  const typed = text.trim();
  const when = parseWhen(typed);
  if (when.kind === 'time') {
    const moment = timeSeconds(when, localSeconds);
    return {kind: 'view', view: viewAt(timeline, view.config, timeline.positionAt(moment), moment)};
  }
  const position = when.kind === 'ref' ? timeline.positionOfTag(typed.replace(/^refs\/tags\//, '')) : null;
  if (position === null) return {kind: 'error', message: `'${printable(typed)}' is neither a date (YYYY-MM-DD[THH:MM]) nor a registry tag`};
  return {kind: 'view', view: viewAt(timeline, view.config, position, momentOf(timeline, position))};
};

/** `Carol Diaz assigned churn v3.0.0 to prod`: the event after `position - 1` events, as the state then named it. */
export const eventSentence = (timeline: Timeline, position: number): string | null => {
  const entry = timeline.entries[position - 1];
  if (entry === undefined) return null;
  const who = printable(entry.record.tagger.name);
  const artifact = printable(entry.artifact);
  const {action} = entry;
  switch (action.action) {
    case 'deprecate':
      return `${who} deprecated ${artifact}`;
    case 'register':
      return `${who} registered ${artifact} ${printable(action.version)}`;
    case 'deregister':
      return `${who} deregistered ${artifact} ${printable(action.version)}`;
    case 'assign':
    case 'unassign': {
      // a stage tag names a commit; the version is whatever the state holds there (§3.1 step 4)
      const version = printable(shortVersion(stageVersion(timeline.artifactAt(entry.artifact, position), action.stage, entry.record.name) ?? entry.record.target));
      const stage = printable(action.stage);
      return action.action === 'assign' ? `${who} assigned ${artifact} ${version} to ${stage}` : `${who} unassigned ${stage} from ${artifact} ${version}`;
    }
  }
};

const stageVersion = (artifact: Artifact | null, stage: string, tag: string): string | null => {
  for (const version of artifact?.versions ?? []) {
    const record = version.stages.get(stage);
    if (record && (record.assignments.some((e) => e.tag === tag) || record.unassignments.some((e) => e.tag === tag))) return version.version;
  }
  return null;
};

/** The header's line: the moment, and the event the grid is after. */
export const timelineLine = (view: TimelineView): string => {
  const {timeline, position} = view;
  const at = `as of ${localMinute(view.moment)}`;
  const sentence = eventSentence(timeline, position);
  if (sentence === null) return `${at} · before the first registry event`;
  const moment = localMinute(view.moment);
  const event = localMinute(timeline.entries[position - 1]!.time.seconds);
  // after a day step or a typed moment the last event can be older: say when it was
  const when = event === moment ? '' : `last event at ${event.slice(0, 10) === moment.slice(0, 10) ? event.slice(11) : event}: `;
  return `${at} · ${when}${sentence} · event ${position}/${timeline.entries.length}`;
};

/** The header's line while a moment is typed after `T`. */
export const typingLine = (view: TimelineView): string => `go to: ${printable(view.typed)}▏ (YYYY-MM-DD[THH:MM] or a tag · Enter go · Esc cancel)`;
