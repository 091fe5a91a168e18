/**
 * Ctrl-C or SIGTERM while a command runs: a `-r URL` command works in a temporary clone, which
 * must not be left behind. The handler removes any clone still open, prints one line and exits
 * 130 (SIGINT) or 143 (SIGTERM) at once, without handing control back to the command. The TUI
 * installs its own handlers (ui/terminal.ts), so this guards commands only.
 */
import {removeOpenClones} from '../git/repository.js';

const EXIT_CODES = {SIGINT: 130, SIGTERM: 143} as const;

type Signal = keyof typeof EXIT_CODES;

/** The line printed when `signal` stops a command. */
export const interruptedLine = (signal: Signal, clones: number): string =>
  `Interrupted by ${signal}` + (clones > 0 ? '; the temporary clone was removed' : '') + '.';

/**
 * Install the handlers while `work` runs. `say` prints the one line (stderr). Handlers are
 * removed afterwards, so a process running several commands (tests) keeps its own behaviour.
 */
export const withSignalCleanup = async <T>(say: (line: string) => void, work: () => Promise<T>): Promise<T> => {
  const handlers = (Object.keys(EXIT_CODES) as Signal[]).map((signal) => {
    const handler = (): void => {
      let clones = 0;
      try {
        clones = removeOpenClones();
      } finally {
        say(interruptedLine(signal, clones));
        process.exit(EXIT_CODES[signal]);
      }
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  try {
    return await work();
  } finally {
    for (const remove of handlers) remove();
  }
};
