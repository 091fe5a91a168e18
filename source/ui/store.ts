/**
 * The one store: state with explicit modes, a pure reducer, and a tiny subscribe/dispatch
 * container (React reads it with useSyncExternalStore; the controller dispatches from async
 * git work). No I/O here.
 */
import type {ChangedFile, Comparison, Endpoint} from '../registry/compare.js';
import type {Form} from './forms.js';
import type {GridModel} from './grid.js';
import {keptArtifactView, keptCursor} from './keepPlace.js';
import {listWindow, scrollTop} from './layout.js';
import {selectVisibleRows} from './selectors.js';
import type {RepoInfo, Snapshot, TagSignature, WritePlan, WriteRequest} from './services.types.js';
import type {TimelineView} from './timeline.js';

export type Mode =
  | 'grid'
  | 'artifact'
  | 'register'
  | 'assign'
  | 'deprecate'
  | 'push'
  | 'confirm'
  | 'help'
  | 'filter'
  | 'error'
  | 'diff'
  | 'diffFile'
  | 'timeline'
  | 'moment';

export type RemoteState =
  | {readonly kind: 'none'} // no `origin`
  /** `--no-remote`: origin is asked only when the user pushes or fetches. */
  | {readonly kind: 'off'}
  | {readonly kind: 'checking'}
  /** origin's tags, name → peeled target. */
  | {readonly kind: 'known'; readonly tags: ReadonlyMap<string, string>}
  | {readonly kind: 'error'; readonly message: string};

export type Status = {readonly kind: 'info' | 'ok' | 'error'; readonly text: string};

export type HistoryFilter =
  | {readonly kind: 'all'}
  | {readonly kind: 'stage'; readonly stage: string}
  | {readonly kind: 'version'; readonly version: string};

export type ArtifactView = {
  readonly name: string;
  readonly focus: 'versions' | 'history';
  /** The selected version, and the first version shown. */
  readonly cursor: number;
  readonly top: number;
  /** The selected history event, and the first event shown. */
  readonly historyCursor: number;
  readonly historyTop: number;
  readonly filter: HistoryFilter;
};

/** What a confirmation will do when accepted. */
export type PendingWrite =
  /** `title`: the confirmation's, before any override; accepting plans `request` again and compares. */
  | {readonly kind: 'apply'; readonly request: WriteRequest; readonly plan: Extract<WritePlan, {kind: 'plan'}>; readonly title: string}
  | {readonly kind: 'undo'; readonly operation: number; readonly tags: readonly string[]}
  /** The write again after another writer took `taken` on origin: create, then push. */
  | {readonly kind: 'race'; readonly taken: string; readonly plan: Extract<WritePlan, {kind: 'plan'}>}
  /** Quit although tags made in this run are not pushed (nothing is written). */
  | {readonly kind: 'quit'; readonly tags: readonly string[]};

/** Why the app shows a demo registry, when the user did not ask for one. */
export type DemoNotice = {readonly reason: 'not-a-repository'; readonly directory: string};

export type Confirm = {
  readonly title: string;
  readonly lines: readonly string[];
  readonly pending: PendingWrite;
  /** Destructive confirmations start on Cancel. */
  readonly focus: 'cancel' | 'confirm';
  /** `deprecate` for deprecate/deregister/unassign, `confirm` for everything else. */
  readonly mode: 'confirm' | 'deprecate';
  /**
   * The refusal the command line overrides with `--force`, when this confirmation is that
   * override: shown above the tags, and the confirm button says Force.
   */
  readonly override?: string;
  /**
   * The promotion rule's refusal the command line overrides with `--ignore-rules`, when this
   * confirmation is that override: shown above the tags, and the confirm button says Assign anyway.
   */
  readonly ruleOverride?: string;
  /** When the confirmation creates tags: whether they are signed (`s` toggles; git's tag.gpgSign is the default). */
  readonly sign?: boolean;
  /** Why the tags must be signed (a `signed: true` stage): `sign` stays on. */
  readonly signRequired?: string;
};

/**
 * The artifact panel's signature column (`V`): whether it shows, and what git said of each tag
 * so far (tag name → its object id and verdict), filled in from the background.
 */
export type SignatureColumn = {readonly on: boolean; readonly results: ReadonlyMap<string, TagSignature>; readonly checking: boolean};

export type PushView = {
  readonly tags: readonly string[];
  /** Chosen tags that origin has at another object (the push will be refused): tag → its sha there. */
  readonly elsewhere: ReadonlyMap<string, string>;
  readonly chosen: ReadonlySet<string>;
  readonly cursor: number;
  readonly progress: string | null;
  readonly error: string | null;
};

/** Work the background finishes: a comparison, one file's diff. */
export type Pending<T> = {readonly kind: 'loading'} | {readonly kind: 'done'; readonly value: T} | {readonly kind: 'error'; readonly message: string};

/** `D` in the artifact panel: one version compared with what a stage holds (or the version before it). */
export type DiffScreen = {
  readonly name: string;
  /** TO: the version chosen in the panel. */
  readonly to: Endpoint;
  /** FROM: the stage whose version is compared; null: the previous version (no stage holds one). */
  readonly stage: string | null;
  readonly comparison: Pending<Comparison>;
  /** Index into the comparison's commits, then its files. */
  readonly cursor: number;
  /** Enter on a file: its diff, scrolled to `top`. */
  readonly file: {readonly file: ChangedFile; readonly text: Pending<readonly string[]>; readonly top: number} | null;
};

/** The assign confirmation's line saying what changes, for the write it was computed for. */
export type ConfirmSummary = {readonly pending: PendingWrite; readonly line: Pending<string>};

/** A write of this session, for `u` (undo of an unpushed operation). */
export type Operation = {readonly id: number; readonly title: string; readonly tags: readonly string[]; readonly pushed: boolean};

export type State = {
  /** The mode stack; the last entry is the current mode. Never empty, `grid` at the bottom. */
  readonly modes: readonly Mode[];
  readonly readonly: boolean;
  /** `--no-remote`: never ask origin by itself (no background ls-remote); p and f still do. */
  readonly noRemote: boolean;
  readonly demo: DemoNotice | null;
  readonly info: RepoInfo | null;
  readonly snapshot: Snapshot | null;
  readonly model: GridModel | null;
  readonly remote: RemoteState;
  readonly status: Status | null;
  /** The whole text of the last error (status line or push screen), for `e`; kept after the status line moves on. */
  readonly lastError: string | null;
  /** Running git work; tests wait for 0 instead of sleeping. */
  readonly busy: number;
  readonly busyLabel: string | null;
  readonly viewport: {readonly rows: number; readonly columns: number};
  readonly cursor: {readonly row: number; readonly col: number; readonly top: number};
  readonly showDeprecated: boolean;
  readonly filter: string;
  readonly artifact: ArtifactView | null;
  readonly form: Form | null;
  readonly confirm: Confirm | null;
  readonly push: PushView | null;
  readonly diff: DiffScreen | null;
  readonly confirmSummary: ConfirmSummary | null;
  readonly operations: readonly Operation[];
  readonly nextOperation: number;
  /** The timeline (`t`): the grid shows `timeline.model`, the registry as it stood then; `now` is kept for `Esc`. */
  readonly timeline: TimelineView | null;
  readonly now: GridModel | null;
  /** The user chose to quit: the app exits on the next frame. */
  readonly quitting: boolean;
  readonly signatures: SignatureColumn;
  /** The first line of help shown (help scrolls). */
  readonly helpTop: number;
  /** In a dashboard of several repositories, this one's label (the filter matches it too); null alone. */
  readonly section: string | null;
};

export const initialState = (options: {readonly?: boolean; noRemote?: boolean; demo?: DemoNotice | null; section?: string | null} = {}): State => ({
  modes: ['grid'],
  readonly: options.readonly ?? false,
  noRemote: options.noRemote ?? false,
  demo: options.demo ?? null,
  info: null,
  snapshot: null,
  model: null,
  remote: {kind: 'checking'},
  status: null,
  lastError: null,
  busy: 0,
  busyLabel: null,
  viewport: {rows: 18, columns: 80},
  cursor: {row: 0, col: 0, top: 0},
  showDeprecated: false,
  filter: '',
  artifact: null,
  form: null,
  confirm: null,
  push: null,
  diff: null,
  confirmSummary: null,
  operations: [],
  nextOperation: 1,
  timeline: null,
  now: null,
  quitting: false,
  signatures: {on: false, results: new Map(), checking: false},
  helpTop: 0,
  section: options.section ?? null,
});

export const currentMode = (state: State): Mode => state.modes.at(-1) ?? 'grid';

export type Action =
  | {type: 'info'; info: RepoInfo}
  | {type: 'loaded'; snapshot: Snapshot; model: GridModel}
  | {type: 'remote'; remote: RemoteState}
  | {type: 'busy'; delta: 1 | -1; label?: string}
  | {type: 'status'; status: Status | null}
  | {type: 'viewport'; rows: number; columns: number}
  | {type: 'grid/move'; rows?: number; cols?: number}
  | {type: 'grid/jump'; to: 'top' | 'bottom'}
  | {type: 'grid/selectArtifact'; name: string}
  | {type: 'toggleDeprecated'}
  | {type: 'mode/enter'; mode: Mode}
  | {type: 'mode/back'}
  | {type: 'mode/reset'}
  | {type: 'filter/set'; text: string}
  | {type: 'artifact/open'; name: string}
  /** `rows`: the rows the list is shown in (panelRows), to keep the cursor in view. */
  | {type: 'artifact/move'; delta: number; total: number; rows: number}
  | {type: 'artifact/focus'}
  | {type: 'artifact/filter'; filter: HistoryFilter}
  | {type: 'artifact/scroll'; delta: number; total: number; rows: number}
  | {type: 'form/open'; form: Form}
  | {type: 'form/set'; form: Form}
  | {type: 'confirm/open'; confirm: Confirm}
  | {type: 'confirm/toggle'}
  | {type: 'push/open'; tags: readonly string[]; elsewhere?: ReadonlyMap<string, string>}
  | {type: 'push/move'; delta: number}
  | {type: 'push/toggle'}
  | {type: 'push/toggleAll'}
  | {type: 'push/progress'; progress: string | null; error?: string | null}
  | {type: 'operation/add'; title: string; tags: readonly string[]}
  | {type: 'operation/remove'; id: number}
  | {type: 'operation/pushed'; tags: readonly string[]}
  | {type: 'timeline/open'; view: TimelineView}
  | {type: 'timeline/show'; view: TimelineView}
  | {type: 'timeline/type'; text: string}
  | {type: 'diff/open'; diff: DiffScreen}
  | {type: 'diff/set'; diff: DiffScreen}
  | {type: 'confirm/summary'; summary: ConfirmSummary}
  | {type: 'quit'}
  | {type: 'help/top'; top: number}

  | {type: 'confirm/sign'}
  /** Turning the column off forgets the results: on again verifies afresh (a trust setting may have changed). */
  | {type: 'signatures/toggle'}
  | {type: 'signatures/results'; results: ReadonlyMap<string, TagSignature>; checking: boolean};

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));

/** Keeps the grid cursor inside the rows and columns that exist, and visible. */
const fixCursor = (state: State, row: number, col: number, top = state.cursor.top): State => {
  const total = selectVisibleRows(state).length;
  const cols = state.model?.columns.length ?? 1;
  const r = clamp(row, 0, Math.max(0, total - 1));
  const c = clamp(col, 0, Math.max(0, cols - 1));
  return {...state, cursor: {row: r, col: c, top: scrollTop(top, r, state.viewport.rows, total)}};
};

/*
 * The status line speaks about the screen it was written on: changing screens clears it (a
 * result that should outlive the screen, like "Created …", is written after the change).
 */
const pushMode = (state: State, mode: Mode): State =>
  currentMode(state) === mode ? state : {...state, modes: [...state.modes, mode], status: null};

/**
 * The grid shows the timeline's moment: the cursor stays on its artifact, or goes to the
 * artifact of the event the grid is after when that row is shown.
 */
const showTimeline = (state: State, view: TimelineView): State => {
  const name = view.changed?.name ?? selectVisibleRows(state)[state.cursor.row]?.name;
  const next = {...state, timeline: view, model: view.model};
  const index = name === undefined ? -1 : selectVisibleRows(next).findIndex((row) => row.name === name);
  return fixCursor(next, index === -1 ? state.cursor.row : index, state.cursor.col);
};

/** Back to now: the grid as loaded, the cursor on the same artifact. */
const leaveTimeline = (state: State): State => {
  if (state.timeline === null) return state;
  const name = selectVisibleRows(state)[state.cursor.row]?.name;
  const next = {...state, timeline: null, model: state.now, now: null};
  const index = name === undefined ? -1 : selectVisibleRows(next).findIndex((row) => row.name === name);
  return fixCursor(next, index === -1 ? state.cursor.row : index, state.cursor.col);
};

const popMode = (state: State): State => {
  if (state.modes.length <= 1) return state;
  if (currentMode(state) === 'timeline') return leaveTimeline({...state, modes: state.modes.slice(0, -1), status: null});
  const modes = state.modes.slice(0, -1);
  const left = currentMode(state);
  return {
    ...state,
    modes,
    status: null,
    form: left === 'register' || left === 'assign' ? null : state.form,
    confirm: left === 'confirm' || left === 'deprecate' ? null : state.confirm,
    push: left === 'push' ? null : state.push,
    artifact: left === 'artifact' ? null : state.artifact,
    diff: left === 'diff' ? null : left === 'diffFile' && state.diff ? {...state.diff, file: null} : state.diff,
  };
};

export const reducer = (state: State, action: Action): State => {
  switch (action.type) {
    case 'info':
      return {...state, info: action.info};
    case 'loaded': {
      if (state.timeline !== null) return {...state, snapshot: action.snapshot, now: action.model};
      const next = {...state, snapshot: action.snapshot, model: action.model};
      const cursor = keptCursor(state, next);
      return fixCursor({...next, artifact: keptArtifactView(state, next)}, cursor.row, cursor.col, cursor.top);
    }
    case 'remote':
      // the header has room for the first line of why origin failed; `e` shows the rest
      return {...state, remote: action.remote, lastError: action.remote.kind === 'error' ? action.remote.message : state.lastError};
    case 'busy': {
      const busy = Math.max(0, state.busy + action.delta);
      return {...state, busy, busyLabel: action.delta === 1 ? (action.label ?? state.busyLabel) : busy === 0 ? null : state.busyLabel};
    }
    case 'status':
      return {...state, status: action.status, lastError: action.status?.kind === 'error' ? action.status.text : state.lastError};
    case 'viewport': {
      if (state.viewport.rows === action.rows && state.viewport.columns === action.columns) return state;
      return fixCursor({...state, viewport: {rows: action.rows, columns: action.columns}}, state.cursor.row, state.cursor.col);
    }
    case 'grid/move':
      return fixCursor(state, state.cursor.row + (action.rows ?? 0), state.cursor.col + (action.cols ?? 0));
    case 'grid/jump':
      return fixCursor(state, action.to === 'top' ? 0 : Number.MAX_SAFE_INTEGER, state.cursor.col);
    case 'grid/selectArtifact': {
      const index = selectVisibleRows(state).findIndex((row) => row.name === action.name);
      return index === -1 ? state : fixCursor(state, index, state.cursor.col);
    }
    case 'toggleDeprecated': {
      const name = selectVisibleRows(state)[state.cursor.row]?.name;
      const next = {...state, showDeprecated: !state.showDeprecated};
      const index = name === undefined ? -1 : selectVisibleRows(next).findIndex((row) => row.name === name);
      return fixCursor(next, index === -1 ? state.cursor.row : index, state.cursor.col);
    }
    case 'mode/enter':
      return pushMode(action.mode === 'help' ? {...state, helpTop: 0} : state, action.mode);
    case 'help/top':
      return {...state, helpTop: Math.max(0, action.top)};
    case 'mode/back':
      return popMode(state);
    case 'mode/reset':
      return leaveTimeline({...state, modes: ['grid'], form: null, confirm: null, push: null, artifact: null, diff: null, status: null});
    case 'filter/set': {
      const name = selectVisibleRows(state)[state.cursor.row]?.name;
      const next = {...state, filter: action.text};
      const index = name === undefined ? -1 : selectVisibleRows(next).findIndex((row) => row.name === name);
      return fixCursor(next, index === -1 ? 0 : index, state.cursor.col);
    }
    case 'artifact/open':
      return pushMode(
        {...state, artifact: {name: action.name, focus: 'versions', cursor: 0, top: 0, historyCursor: 0, historyTop: 0, filter: {kind: 'all'}}},
        'artifact',
      );
    case 'artifact/move': {
      if (!state.artifact) return state;
      const cursor = clamp(state.artifact.cursor + action.delta, 0, Math.max(0, action.total - 1));
      const top = listWindow(state.artifact.top, cursor, action.total, action.rows).top;
      return {...state, artifact: {...state.artifact, cursor, top}};
    }
    case 'artifact/focus':
      if (!state.artifact) return state;
      return {...state, artifact: {...state.artifact, focus: state.artifact.focus === 'versions' ? 'history' : 'versions'}};
    case 'artifact/filter':
      if (!state.artifact) return state;
      return {...state, artifact: {...state.artifact, filter: action.filter, historyCursor: 0, historyTop: 0}};
    case 'artifact/scroll': {
      if (!state.artifact) return state;
      const historyCursor = clamp(state.artifact.historyCursor + action.delta, 0, Math.max(0, action.total - 1));
      const historyTop = listWindow(state.artifact.historyTop, historyCursor, action.total, action.rows).top;
      return {...state, artifact: {...state.artifact, historyCursor, historyTop}};
    }
    case 'form/open':
      return pushMode({...state, form: action.form}, action.form.kind);
    case 'form/set':
      // an error about the form is answered by the next change to it
      return {...state, form: action.form, status: state.status?.kind === 'error' ? null : state.status};
    case 'confirm/open':
      return pushMode({...state, confirm: action.confirm}, action.confirm.mode);
    case 'confirm/toggle':
      if (!state.confirm) return state;
      return {...state, confirm: {...state.confirm, focus: state.confirm.focus === 'cancel' ? 'confirm' : 'cancel'}};
    case 'push/open':
      return pushMode(
        {...state, push: {tags: action.tags, elsewhere: action.elsewhere ?? new Map(), chosen: new Set(action.tags), cursor: 0, progress: null, error: null}},
        'push',
      );
    case 'push/move': {
      if (!state.push) return state;
      return {...state, push: {...state.push, cursor: clamp(state.push.cursor + action.delta, 0, Math.max(0, state.push.tags.length - 1))}};
    }
    case 'push/toggle': {
      const push = state.push;
      const tag = push?.tags[push.cursor];
      if (!push || tag === undefined) return state;
      const chosen = new Set(push.chosen);
      if (chosen.has(tag)) chosen.delete(tag);
      else chosen.add(tag);
      return {...state, push: {...push, chosen}};
    }
    case 'push/toggleAll': {
      const push = state.push;
      if (!push) return state;
      const chosen = push.chosen.size === push.tags.length ? new Set<string>() : new Set(push.tags);
      return {...state, push: {...push, chosen}};
    }
    case 'push/progress':
      if (!state.push) return state;
      return {
        ...state,
        push: {...state.push, progress: action.progress, error: action.error ?? null},
        lastError: action.error ?? state.lastError,
      };
    case 'operation/add':
      return {
        ...state,
        operations: [...state.operations, {id: state.nextOperation, title: action.title, tags: action.tags, pushed: false}],
        nextOperation: state.nextOperation + 1,
      };
    case 'operation/remove':
      return {...state, operations: state.operations.filter((op) => op.id !== action.id)};
    case 'diff/open':
      return pushMode({...state, diff: action.diff}, 'diff');
    case 'diff/set':
      // a result for a screen that was left (or re-aimed at another stage) meanwhile is dropped
      if (!state.diff || state.diff.name !== action.diff.name || state.diff.to.commit !== action.diff.to.commit) return state;
      return {...state, diff: action.diff};
    case 'confirm/summary':
      return state.confirm?.pending === action.summary.pending ? {...state, confirmSummary: action.summary} : state;
    case 'quit':
      return {...state, quitting: true};
    case 'operation/pushed': {
      const pushed = new Set(action.tags);
      return {...state, operations: state.operations.map((op) => (op.tags.some((t) => pushed.has(t)) ? {...op, pushed: true} : op))};
    }
    case 'timeline/open':
      return pushMode(showTimeline({...state, now: state.timeline === null ? state.model : state.now}, action.view), 'timeline');
    case 'timeline/show':
      return state.timeline === null ? state : showTimeline(state, action.view);
    case 'timeline/type':
      return state.timeline === null ? state : {...state, timeline: {...state.timeline, typed: action.text}};
    case 'confirm/sign':
      if (state.confirm?.sign === undefined || state.confirm.signRequired !== undefined) return state;
      return {...state, confirm: {...state.confirm, sign: !state.confirm.sign}};
    case 'signatures/toggle':
      return {...state, signatures: state.signatures.on ? {on: false, results: new Map(), checking: false} : {...state.signatures, on: true}};
    case 'signatures/results':
      if (!state.signatures.on) return state;
      return {...state, signatures: {on: true, results: action.results, checking: action.checking}};
  }
};

export type Store = {
  readonly getState: () => State;
  readonly dispatch: (action: Action) => void;
  readonly subscribe: (listener: () => void) => () => void;
};

export const createStore = (initial: State): Store => {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch: (action) => {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
