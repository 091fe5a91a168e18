/**
 * The one store: state with explicit modes, a pure reducer, and a tiny subscribe/dispatch
 * container (React reads it with useSyncExternalStore; the controller dispatches from async
 * git work). No I/O here.
 */
import type {Form} from './forms.js';
import type {GridModel} from './grid.js';
import {scrollTop} from './layout.js';
import {selectVisibleRows} from './selectors.js';
import type {RepoInfo, Snapshot, WritePlan, WriteRequest} from './services.types.js';
import type {TimelineView} from './timeline.js';

export type Mode = 'grid' | 'artifact' | 'register' | 'assign' | 'deprecate' | 'push' | 'confirm' | 'help' | 'filter' | 'timeline' | 'moment';

export type RemoteState =
  | {readonly kind: 'none'} // no `origin`
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
  readonly cursor: number;
  readonly historyTop: number;
  readonly filter: HistoryFilter;
};

/** What a confirmation will do when accepted. */
export type PendingWrite =
  | {readonly kind: 'apply'; readonly request: WriteRequest; readonly plan: Extract<WritePlan, {kind: 'plan'}>}
  | {readonly kind: 'undo'; readonly operation: number; readonly tags: readonly string[]}
  /** The write again after another writer took `taken` on origin: create, then push. */
  | {readonly kind: 'race'; readonly taken: string; readonly plan: Extract<WritePlan, {kind: 'plan'}>};

export type Confirm = {
  readonly title: string;
  readonly lines: readonly string[];
  readonly pending: PendingWrite;
  /** Destructive confirmations start on Cancel. */
  readonly focus: 'cancel' | 'confirm';
  /** `deprecate` for deprecate/deregister/unassign, `confirm` for everything else. */
  readonly mode: 'confirm' | 'deprecate';
};

export type PushView = {
  readonly tags: readonly string[];
  /** Chosen tags that origin has at another object (the push will be refused): tag → its sha there. */
  readonly elsewhere: ReadonlyMap<string, string>;
  readonly chosen: ReadonlySet<string>;
  readonly cursor: number;
  readonly progress: string | null;
  readonly error: string | null;
};

/** A write of this session, for `u` (undo of an unpushed operation). */
export type Operation = {readonly id: number; readonly title: string; readonly tags: readonly string[]; readonly pushed: boolean};

export type State = {
  /** The mode stack; the last entry is the current mode. Never empty, `grid` at the bottom. */
  readonly modes: readonly Mode[];
  readonly readonly: boolean;
  readonly info: RepoInfo | null;
  readonly snapshot: Snapshot | null;
  readonly model: GridModel | null;
  readonly remote: RemoteState;
  readonly status: Status | null;
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
  readonly operations: readonly Operation[];
  readonly nextOperation: number;
  /** The timeline (`t`): the grid shows `timeline.model`, the registry as it stood then; `now` is kept for `Esc`. */
  readonly timeline: TimelineView | null;
  readonly now: GridModel | null;
};

export const initialState = (options: {readonly?: boolean} = {}): State => ({
  modes: ['grid'],
  readonly: options.readonly ?? false,
  info: null,
  snapshot: null,
  model: null,
  remote: {kind: 'checking'},
  status: null,
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
  operations: [],
  nextOperation: 1,
  timeline: null,
  now: null,
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
  | {type: 'artifact/move'; delta: number; total: number}
  | {type: 'artifact/focus'}
  | {type: 'artifact/filter'; filter: HistoryFilter}
  | {type: 'artifact/scroll'; delta: number; total: number}
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
  | {type: 'timeline/type'; text: string};

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));

/** Keeps the grid cursor inside the rows and columns that exist, and visible. */
const fixCursor = (state: State, row: number, col: number, top = state.cursor.top): State => {
  const total = selectVisibleRows(state).length;
  const cols = state.model?.columns.length ?? 1;
  const r = clamp(row, 0, Math.max(0, total - 1));
  const c = clamp(col, 0, Math.max(0, cols - 1));
  return {...state, cursor: {row: r, col: c, top: scrollTop(top, r, state.viewport.rows, total)}};
};

const pushMode = (state: State, mode: Mode): State =>
  currentMode(state) === mode ? state : {...state, modes: [...state.modes, mode]};

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
  if (currentMode(state) === 'timeline') return leaveTimeline({...state, modes: state.modes.slice(0, -1)});
  const modes = state.modes.slice(0, -1);
  const left = currentMode(state);
  return {
    ...state,
    modes,
    form: left === 'register' || left === 'assign' ? null : state.form,
    confirm: left === 'confirm' || left === 'deprecate' ? null : state.confirm,
    push: left === 'push' ? null : state.push,
    artifact: left === 'artifact' ? null : state.artifact,
  };
};

export const reducer = (state: State, action: Action): State => {
  switch (action.type) {
    case 'info':
      return {...state, info: action.info};
    case 'loaded': {
      if (state.timeline !== null) return {...state, snapshot: action.snapshot, now: action.model};
      const next = {...state, snapshot: action.snapshot, model: action.model};
      return fixCursor(next, state.cursor.row, state.cursor.col);
    }
    case 'remote':
      return {...state, remote: action.remote};
    case 'busy': {
      const busy = Math.max(0, state.busy + action.delta);
      return {...state, busy, busyLabel: action.delta === 1 ? (action.label ?? state.busyLabel) : busy === 0 ? null : state.busyLabel};
    }
    case 'status':
      return {...state, status: action.status};
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
      return pushMode(state, action.mode);
    case 'mode/back':
      return popMode(state);
    case 'mode/reset':
      return leaveTimeline({...state, modes: ['grid'], form: null, confirm: null, push: null, artifact: null});
    case 'filter/set': {
      const name = selectVisibleRows(state)[state.cursor.row]?.name;
      const next = {...state, filter: action.text};
      const index = name === undefined ? -1 : selectVisibleRows(next).findIndex((row) => row.name === name);
      return fixCursor(next, index === -1 ? 0 : index, state.cursor.col);
    }
    case 'artifact/open':
      return pushMode({...state, artifact: {name: action.name, focus: 'versions', cursor: 0, historyTop: 0, filter: {kind: 'all'}}}, 'artifact');
    case 'artifact/move': {
      if (!state.artifact) return state;
      return {...state, artifact: {...state.artifact, cursor: clamp(state.artifact.cursor + action.delta, 0, Math.max(0, action.total - 1))}};
    }
    case 'artifact/focus':
      if (!state.artifact) return state;
      return {...state, artifact: {...state.artifact, focus: state.artifact.focus === 'versions' ? 'history' : 'versions'}};
    case 'artifact/filter':
      if (!state.artifact) return state;
      return {...state, artifact: {...state.artifact, filter: action.filter, historyTop: 0}};
    case 'artifact/scroll': {
      if (!state.artifact) return state;
      const top = clamp(state.artifact.historyTop + action.delta, 0, Math.max(0, action.total - 1));
      return {...state, artifact: {...state.artifact, historyTop: top}};
    }
    case 'form/open':
      return pushMode({...state, form: action.form}, action.form.kind);
    case 'form/set':
      return {...state, form: action.form};
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
      return {...state, push: {...state.push, progress: action.progress, error: action.error ?? null}};
    case 'operation/add':
      return {
        ...state,
        operations: [...state.operations, {id: state.nextOperation, title: action.title, tags: action.tags, pushed: false}],
        nextOperation: state.nextOperation + 1,
      };
    case 'operation/remove':
      return {...state, operations: state.operations.filter((op) => op.id !== action.id)};
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
