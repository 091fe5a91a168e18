/**
 * The process-wide stop a signal asks for (SIGINT, SIGTERM, SIGHUP). Once asked, no new git
 * process starts, the running ones are ended (git/exec.ts listens here), and long CPU work gives
 * up at its next `pause()`: the command's own flow then unwinds within milliseconds, with an
 * `Interrupted` error wherever work was cut short, so what it reports is what really happened.
 * A handler in JavaScript only runs when the event loop is free, so every long loop must pause.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** The shell's convention: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, number>> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

export const STOP_SIGNALS = Object.keys(SIGNAL_EXIT_CODES) as StopSignal[];

/** Work cut short by a stop. `details` say what was and was not done (a write's steps). */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(
    readonly signal: StopSignal,
    readonly details: readonly string[] = [],
  ) {
    super(`interrupted by ${signal}`);
  }
}

export const isInterrupted = (error: unknown): error is Interrupted => error instanceof Interrupted;

/**
 * Kept on globalThis: the TUI is imported as modules beside the bundled CLI (cli.ts), so this
 * module can exist twice in one process, and a stop must reach the git both copies started.
 */
type StopState = {stopped: StopSignal | null; readonly listeners: Set<(signal: StopSignal) => void>};
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for('gto-tui.stop')] ??= {stopped: null, listeners: new Set()}) as StopState;
const {listeners} = state;

/** The signal that asked to stop, or null while work may go on. */
export const stopRequested = (): StopSignal | null => state.stopped;

/** Ask every part of the process to stop (first call only); listeners run synchronously. */
export const requestStop = (signal: StopSignal): void => {
  if (state.stopped !== null) return;
  state.stopped = signal;
  for (const listener of listeners) {
    try {
      listener(signal);
    } catch {
      // one listener failing must not keep the others from stopping their work
    }
  }
};

/** Run `listener` when a stop is asked; returns the function that removes it. */
export const onStop = (listener: (signal: StopSignal) => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Throws Interrupted once a stop was asked. */
export const checkStop = (): void => {
  if (state.stopped !== null) throw new Interrupted(state.stopped);
};

/**
 * Hand the event loop a turn (so a signal's handler can run), then throw Interrupted if it
 * asked to stop. Long CPU work calls this every few milliseconds of work.
 */
export const pause = (): Promise<void> =>
  new Promise<void>((resolve) => setImmediate(resolve)).then(checkStop);

/** How long work runs between two pauses of `finishPausing`. */
const SLICE_MS = 20;

/**
 * Run a generator that yields between slices of CPU work to its end, pausing (see `pause`)
 * whenever SLICE_MS have passed since the last pause: a signal waits at most about that long.
 */
export const finishPausing = async <T>(steps: Generator<void, T, void>): Promise<T> => {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (performance.now() - since >= SLICE_MS) {
      await pause();
      since = performance.now();
    }
  }
};
