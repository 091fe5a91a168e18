/**
 * A dashboard of several repositories: each is opened on its own (concurrently), and once
 * open has its own services, store and controller — every screen and key of the app works on
 * it as on a repository opened alone. This holds the list, which repository the cursor is in,
 * and keeps the grid's filter and deprecated toggle the same in all of them.
 */
import {createAppState} from '../app.js';
import type {Controller} from '../controller.js';
import type {Services} from '../services.types.js';
import {currentMode, type State, type Store} from '../store.js';
import {selectVisibleRows} from '../selectors.js';
import {adjacentSection, nextSection} from './layout.js';
import type {RegistrySource} from './sources.js';

/** One repository opened: what the app runs on. */
export type OpenRepository = {readonly store: Store; readonly controller: Controller};

export type EntryState =
  | {readonly kind: 'opening'}
  | ({readonly kind: 'open'} & OpenRepository)
  | {readonly kind: 'failed'; readonly message: string};

export type Entry = {readonly source: RegistrySource; readonly state: EntryState};

export type DashboardState = {
  readonly entries: readonly Entry[];
  /** The section the cursor is in. */
  readonly active: number;
};

/** How a dashboard reaches git: opening a source, and the services over what it opened. */
export type Opener = (source: RegistrySource) => Promise<{services: Services; afterStart?: (opened: OpenRepository) => void}>;

export type DashboardOptions = {
  readonly readonly: boolean;
  readonly noRemote: boolean;
  readonly remoteIntervalMs?: number;
  /** The body's grid rows (layout.ts bodyRows), given to each store as its viewport. */
  readonly viewport: {readonly rows: number; readonly columns: number};
};

export type Dashboard = {
  readonly getState: () => DashboardState;
  /** Changes to what the dashboard shows (the list, the cursor, a section), told once per frame. */
  readonly subscribe: (listener: () => void) => () => void;
  /** Counts the changes `subscribe` reports (React's snapshot of the whole dashboard). */
  readonly version: () => number;
  /** Whether every change so far has been told to the listeners (none waits for the next frame). */
  readonly told: () => boolean;
  /**
   * Opens every source concurrently. `done` settles when each is open (origin asked) or failed
   * (a failure does not reject); `read` sooner, when each has its tags read or failed.
   */
  readonly start: () => {readonly read: Promise<void>; readonly done: Promise<void>};
  readonly jumpSection: (delta: 1 | -1) => void;
  /** The cursor past the last row of its section (`1`) or above the first (`-1`): into the next one. Whether it moved. */
  readonly crossSection: (delta: 1 | -1) => boolean;
  readonly setViewport: (rows: number, columns: number) => void;
  /**
   * `q`: the question about tags made in this run and not pushed is asked in the repository
   * that has some (the cursor goes there), the one under the cursor first; with none, quit.
   */
  readonly quit: () => void;
  /** Stops every repository's background work (watching refs, asking origin). */
  readonly stop: () => void;
};

/** How often the dashboard draws while repositories are still being read. */
const OPENING_FRAME_MS = 50;

const isRead = (entry: EntryState): boolean => entry.kind === 'failed' || (entry.kind === 'open' && entry.store.getState().model !== null);

/** What a repository's section shows of its state: a change to anything else needs no frame of the dashboard. */
const sectionView = (state: State) =>
  // until its tags are read a section says so, whatever else arrives (the branch, origin's answer)
  state.model === null
    ? [null]
    : [state.model, state.info, state.remote, state.snapshot, state.filter, state.showDeprecated, state.cursor, state.modes, state.timeline, state.busy > 0, state.quitting];

const sameView = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n').find((line) => line.trim() !== '') ?? 'failed';

export const createDashboard = (sources: readonly RegistrySource[], open: Opener, options: DashboardOptions): Dashboard => {
  let state: DashboardState = {entries: sources.map((source) => ({source, state: {kind: 'opening'}})), active: 0};
  let viewport = options.viewport;
  const listeners = new Set<() => void>();
  const unsubscribes: (() => void)[] = [];
  let version = 0;
  let pending = false;
  /**
   * Listeners hear of changes once per turn of the event loop, and at most every OPENING_FRAME_MS
   * while repositories are still being read: a frame of the whole screen costs about what
   * reading a repository does, and frames drawn for each one read would take the CPU the others
   * are read with (bench/dashboard.mjs).
   */
  /** Told of every change at once, not once per turn (for `read`, which must not wait for a frame). */
  const immediate = new Set<() => void>();
  const subscribeNow = (listener: () => void): (() => void) => {
    immediate.add(listener);
    return () => immediate.delete(listener);
  };
  const notify = (): void => {
    version++;
    for (const listener of [...immediate]) listener();
    if (pending) return;
    pending = true;
    const flush = (): void => {
      pending = false;
      for (const listener of [...listeners]) listener();
    };
    if (state.entries.some((entry) => !isRead(entry.state))) setTimeout(flush, OPENING_FRAME_MS);
    else setImmediate(flush);
  };
  const set = (next: DashboardState): void => {
    state = next;
    notify();
  };
  const isOpen = (index: number): boolean => state.entries[index]?.state.kind === 'open';
  const openAt = (index: number): OpenRepository | null => {
    const entry = state.entries[index]?.state;
    return entry?.kind === 'open' ? entry : null;
  };

  /** The active repository's filter and deprecated toggle, given to every other one. */
  const mirror = (): void => {
    const from = openAt(state.active)?.store.getState();
    if (from === undefined) return;
    for (const [index] of state.entries.entries()) {
      const to = openAt(index)?.store;
      if (to === undefined || index === state.active) continue;
      const current = to.getState();
      if (current.filter !== from.filter) to.dispatch({type: 'filter/set', text: from.filter});
      if (current.showDeprecated !== from.showDeprecated) to.dispatch({type: 'toggleDeprecated'});
    }
  };

  /** The user moved between sections: from then on, repositories that open do not take the cursor. */
  let moved = false;

  const settle = (index: number, entry: EntryState): void => {
    const entries = state.entries.map((e, i) => (i === index ? {...e, state: entry} : e));
    // the cursor starts in the first repository of the list that is open, whichever opened first
    const firstOpen = entries.findIndex((e) => e.state.kind === 'open');
    const active = moved && isOpen(state.active) ? state.active : firstOpen === -1 ? state.active : firstOpen;
    set({entries, active});
  };
  const move = (active: number): void => {
    moved = true;
    if (active !== state.active) set({...state, active});
  };

  const openOne = async (source: RegistrySource, index: number): Promise<void> => {
    try {
      const {services, afterStart} = await open(source);
      const {store, controller} = createAppState(services, {
        readonly: options.readonly,
        noRemote: options.noRemote,
        section: source.label,
        ...(options.remoteIntervalMs === undefined ? {} : {remoteIntervalMs: options.remoteIntervalMs}),
      });
      store.dispatch({type: 'viewport', rows: viewport.rows, columns: viewport.columns});
      const active = openAt(state.active)?.store.getState();
      if (active !== undefined) {
        if (active.filter !== '') store.dispatch({type: 'filter/set', text: active.filter});
        if (active.showDeprecated) store.dispatch({type: 'toggleDeprecated'});
      }
      let shown = sectionView(store.getState());
      unsubscribes.push(
        store.subscribe(() => {
          if (index === state.active) mirror();
          // the repository under the cursor renders itself (App reads its store); the others
          // need a frame only when what their section shows changed
          const next = sectionView(store.getState());
          if (sameView(shown, next)) return;
          shown = next;
          notify();
        }),
      );
      settle(index, {kind: 'open', store, controller});
      const started = controller.start();
      afterStart?.({store, controller});
      await started;
    } catch (error) {
      if (openAt(index) === null) settle(index, {kind: 'failed', message: message(error)});
    }
  };

  return {
    getState: () => state,
    version: () => version,
    told: () => !pending,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => {
      const done = Promise.all(state.entries.map((entry, index) => openOne(entry.source, index))).then(() => undefined);
      const read = new Promise<void>((resolve) => {
        const check = (): void => {
          if (!state.entries.every((entry) => isRead(entry.state))) return;
          unsubscribe();
          resolve();
        };
        const unsubscribe = subscribeNow(check);
        void done.then(check);
      });
      return {read, done};
    },
    jumpSection: (delta) => {
      move(nextSection(state.entries.length, state.active, delta, isOpen));
    },
    crossSection: (delta) => {
      const active = adjacentSection(state.entries.length, state.active, delta, isOpen);
      const store = active === null ? null : openAt(active)?.store;
      if (active === null || !store) return false;
      if (currentMode(store.getState()) === 'grid' && selectVisibleRows(store.getState()).length > 0) {
        store.dispatch({type: 'grid/jump', to: delta === 1 ? 'top' : 'bottom'});
      }
      move(active);
      return true;
    },
    quit: () => {
      const count = state.entries.length;
      const order = Array.from({length: count}, (_, step) => (state.active + step) % count);
      const asking = order.find((index) => (openAt(index)?.controller.unpushedThisRun().length ?? 0) > 0);
      const index = asking ?? state.active;
      if (index !== state.active) move(index);
      openAt(index)?.controller.requestQuit();
    },
    setViewport: (rows, columns) => {
      viewport = {rows, columns};
      for (const [index] of state.entries.entries()) openAt(index)?.store.dispatch({type: 'viewport', rows, columns});
    },
    stop: () => {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      for (const [index] of state.entries.entries()) openAt(index)?.controller.stop();
    },
  };
};
