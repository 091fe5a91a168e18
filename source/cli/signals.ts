/**
 * SIGINT (Ctrl-C), SIGTERM or SIGHUP while a command runs. The handler asks the process to stop
 * (stop.ts): every git the command started is ended, no new one starts, and long CPU work gives
 * up at its next pause. The command then unwinds by itself within milliseconds, so the end says
 * what really happened:
 *
 * - work cut short: one line (`Interrupted by SIGTERM.`, saying the temporary clone of a
 *   `-r URL` was removed), then what a write had and had not done, and exit 130/143/129;
 * - work that finished anyway (a push that completed as the signal came): the command's own
 *   output and exit status, as if no signal had come.
 *
 * Temporary clones are removed synchronously before the process exits, whichever way. If the
 * command has not unwound after STOP_DEADLINE_MS, or a second signal comes, the process exits at
 * once with the first signal's status. The TUI adds its own handlers (ui/terminal.ts) for the
 * screen; these stay installed under them, so its git children are ended too.
 */
import {openCloneCount, removeOpenClones} from '../git/repository.js';
import {isInterrupted, requestStop, SIGNAL_EXIT_CODES, STOP_SIGNALS, stopRequested, type StopSignal} from '../stop.js';

/** How long a stopped command may take to unwind before the process exits regardless. */
export const STOP_DEADLINE_MS = 500;

/** The line printed when `signal` stops a command. */
export const interruptedLine = (signal: StopSignal, clones: number): string =>
  `Interrupted by ${signal}` + (clones > 0 ? '; the temporary clone was removed' : '') + '.';

type Say = (line: string) => void;

type Responder = (signal: StopSignal) => void;

/** What a signal does now: the innermost running command's responder, else the fallback. */
const responders: Responder[] = [];
let fallback: Responder = (signal) => process.exit(SIGNAL_EXIT_CODES[signal]);

/**
 * The process's handlers, installed once for its whole life by the program (program.ts). A
 * command's own handlers could not be added and removed around it: a signal arriving between
 * two of them (while the last output is written, say) would meet the default disposition,
 * which kills the process without cleanup, or ignores the signal if the parent ignored it.
 */
export const installSignalHandlers = (): void => {
  for (const signal of STOP_SIGNALS) process.on(signal, () => (responders.at(-1) ?? fallback)(signal));
};

/** What a signal does while no command runs (before the first, after the last). */
export const setSignalFallback = (responder: Responder): void => {
  fallback = responder;
};

/**
 * Respond to signals while `work` runs (through the handlers installSignalHandlers put in
 * place; a process without them, such as a test calling `main`, is not signalled). `say`
 * prints the first line (stderr, with the error mark); `tell` prints the lines after it.
 */
export const withSignalCleanup = async (say: Say, work: () => Promise<number>, tell: Say = say): Promise<number> => {
  let clonesAtStop = 0;
  let deadline: NodeJS.Timeout | undefined;
  const exitNow = (signal: StopSignal): never => {
    removeOpenClones();
    say(interruptedLine(signal, clonesAtStop));
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const responder: Responder = (signal) => {
    const first = stopRequested();
    if (first !== null) exitNow(first);
    clonesAtStop = openCloneCount();
    requestStop(signal);
    deadline = setTimeout(() => exitNow(signal), STOP_DEADLINE_MS);
  };
  responders.push(responder);
  const stopped = (details: readonly string[]): number => {
    const signal = stopRequested()!;
    removeOpenClones();
    say(interruptedLine(signal, clonesAtStop));
    for (const line of details) tell(line);
    return SIGNAL_EXIT_CODES[signal];
  };
  try {
    const code = await work();
    // a command that finished its work as the signal came says so itself
    if (stopRequested() === null || code === 0) return code;
    return stopped([]);
  } catch (error) {
    if (stopRequested() === null) throw error;
    return stopped(isInterrupted(error) ? error.details : []);
  } finally {
    clearTimeout(deadline);
    responders.splice(responders.lastIndexOf(responder), 1);
  }
};
