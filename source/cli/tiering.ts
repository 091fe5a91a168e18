/**
 * How eagerly V8 optimises, for a process that runs one command and exits.
 *
 * V8 is tuned for long-lived programs: a function hot for a few milliseconds is queued for
 * TurboFan, compiled on the other core (which git needs), and at exit the process waits for
 * compiles still running. A 5,000-tag `show --json` spent ~60 ms of CPU compiling code it
 * then ran once, and ~15 ms of wall time waiting for it at exit (bench/profile.md). A larger
 * interrupt budget (how much a function must run before it is considered) leaves the few
 * milliseconds of a small read to the interpreter and baseline code, while the loops of a
 * 50,000-tag read still get optimised. The TUI is long-lived and keeps V8's default.
 */
import {setFlagsFromString} from 'node:v8';

/** V8 11's default (Node 20) is 66 KiB of bytecode executed; 4× measured best at 5k and 50k tags. */
const SHORT_RUN_BUDGET = 4 * 67_584;

export const tuneForShortRun = (): void => {
  setFlagsFromString(`--interrupt-budget=${SHORT_RUN_BUDGET}`);
};
