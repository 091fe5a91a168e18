/**
 * Keeping the registry on screen true while the UI stays open. Local changes (a tag made or
 * deleted by another gto-tui, GTO, `git tag`, `git fetch`; a commit or checkout moving HEAD)
 * are seen by watching the refs (git/watch.ts: no process and no CPU while nothing changes)
 * and read again. Origin is asked again every `remoteIntervalMs` (as on opening: with none of
 * the repository's programs), never under --no-remote.
 */
import type {RefChange, RemoteCheck, Services} from './services.types.js';
import type {Store} from './store.js';

/** `--remote-interval`'s default: how often origin is asked for its tags. */
export const DEFAULT_REMOTE_INTERVAL_SECONDS = 60;

export type LiveOptions = {
  /** How often origin is asked again, in ms; 0: only on opening, R, p and f. */
  readonly remoteIntervalMs: number;
};

type Reads = {
  readonly reload: () => Promise<void>;
  readonly refreshInfo: () => Promise<void>;
  readonly refreshRemote: (check: RemoteCheck) => Promise<void>;
  /** When the last read of the tags started (performance.now()). */
  readonly lastReadStarted: () => number;
};

export const createLiveController = (store: Store, services: Services, reads: Reads, options: LiveOptions) => {
  let stopWatching: (() => void) | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  const onRefs = (change: RefChange): void => {
    // a read that started after the change has it (our own write's tags: the reload after it)
    if (!change.head && reads.lastReadStarted() > change.at) return;
    void reads.reload();
    if (change.head) void reads.refreshInfo();
  };

  const schedulePoll = (): void => {
    const state = store.getState();
    if (stopped || options.remoteIntervalMs <= 0 || state.noRemote || state.remote.kind === 'none') return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      void reads.refreshRemote('automatic').finally(schedulePoll);
    }, options.remoteIntervalMs);
    // the terminal keeps the app alive; a timer alone must not (tests end without quitting)
    pollTimer.unref();
  };

  /** After the first read of the tags: changes to the refs are read from now on. */
  const startWatching = (): void => {
    if (stopped || stopWatching !== null) return;
    stopWatching = services.watch(onRefs);
  };

  /** After origin's first answer: ask it again every interval. */
  const startPolling = (): void => {
    if (pollTimer === null) schedulePoll();
  };

  const stopLive = (): void => {
    stopped = true;
    stopWatching?.();
    stopWatching = null;
    if (pollTimer !== null) clearTimeout(pollTimer);
    pollTimer = null;
  };

  return {startWatching, startPolling, stopLive};
};
