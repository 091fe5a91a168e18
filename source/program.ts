/**
 * The program as a process: argv, the standard streams and the exit code around `main`. The
 * launcher (cli.ts) runs it from the bundle; each command loads only what it needs.
 */
import {main, type UiModule} from './cli/main.js';
import {setBuildIdentity} from './git/registrySnapshot.js';
import {installSignalHandlers, interruptedLine, setSignalFallback} from './cli/signals.js';
import {emojis, emojisEnabled, errorLine} from './output/messages.js';
import {SIGNAL_EXIT_CODES, stopRequested, type StopSignal} from './stop.js';

export type RunOptions = {
  /** Loads the TUI (ESM, outside the bundle): supplied by the launcher, which can `import()`. */
  readonly loadUi: () => Promise<UiModule>;
  /** Names this build of the program (the launcher's bundle stamp): registry snapshots are per build. */
  readonly build?: string;
};

export const run = (options: RunOptions): void => {
  installSignalHandlers();
  if (options.build !== undefined) setBuildIdentity(options.build);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `gto-tui show | head` closes the pipe early; that is not a failure worth a trace.
    if (error.code === 'EPIPE') process.exit(0);
  });

  const write = (stream: NodeJS.WriteStream) => (text: string) => {
    stream.write(text + '\n');
  };

  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);

  main(process.argv.slice(2), {
    out: write(process.stdout),
    err: write(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    interactive,
    loadUi: options.loadUi,
  }).then(
    (code) => exitWhenWritten(code, interactive),
    (error: unknown) => {
      process.stderr.write(`❌ ${error instanceof Error ? error.message : String(error)}\n`);
      exitWhenWritten(1, interactive);
    },
  );
};

/**
 * Without a terminal, exit as soon as the output is written: draining the event loop would also
 * wait for garbage-collection tasks V8 scheduled and for cat-file to see its end of input,
 * 10–20 ms of nothing after a read, and every command has awaited its own work. At a terminal
 * the TUI may still be finishing background work (a push), so the loop drains as usual.
 */
function exitWhenWritten(code: number, interactive: boolean): void {
  process.exitCode = code;
  if (interactive) return;
  // A signal while the output is still on its way (a reader that stopped reading): the
  // command's work is done, its output is not all written, so the exit says it was cut short.
  const cutShort = (signal: StopSignal): void => {
    process.stderr.write(errorLine(emojis(emojisEnabled(process.env)), interruptedLine(signal, 0)) + '\n');
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const stopped = stopRequested();
  if (stopped !== null && process.stdout.writableLength > 0) {
    // a command that was cut short has said so already; one that finished has not
    if (code === SIGNAL_EXIT_CODES[stopped]) process.exit(code);
    cutShort(stopped);
  }
  setSignalFallback((signal) => (process.stdout.writableLength > 0 ? cutShort(signal) : process.exit(code)));
  process.stdout.write('', () => {
    process.stderr.write('', () => process.exit(code));
  });
}
