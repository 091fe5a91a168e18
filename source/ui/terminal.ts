/**
 * The real terminal around the app: alternate screen on start, restored on every way out
 * (normal exit, SIGINT/SIGTERM, crash). Ink 6 has no option for the alternate screen.
 */
const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const HOME_CLEAR = '\x1b[H\x1b[2J';
const HIDE_CURSOR = '\x1b[?25l';

export type TerminalSession = {
  /** Leave the alternate screen (idempotent) and remove the handlers. */
  readonly restore: () => void;
  /**
   * Ctrl+Z: hand the terminal back as a shell expects it (main screen, cursor shown, no raw
   * mode) and stop the process; on `fg` (SIGCONT) take the alternate screen again and `redraw`.
   */
  readonly suspend: (redraw: () => void) => void;
};

type Out = Pick<NodeJS.WriteStream, 'write'>;

/**
 * Enter the alternate screen and arrange for it to be left however the process ends.
 * `onSignal` runs the app's own cleanup (unmounting Ink, removing a demo repository) before
 * the screen is restored and the process exits.
 */
export const enterAlternateScreen = (out: Out, onSignal: () => void = () => {}): TerminalSession => {
  let active = true;
  const leave = (): void => {
    if (!active) return;
    active = false;
    out.write(LEAVE_ALT + SHOW_CURSOR);
  };
  const onTerminate = (signal: NodeJS.Signals) => () => {
    try {
      // the app unmounts first, so its last frame lands on the alternate screen, not the user's
      onSignal();
    } finally {
      leave();
      process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
    }
  };
  const crash = (error: unknown): void => {
    try {
      onSignal();
    } finally {
      leave();
      // one line, never a stack trace (preamble); the terminal is already restored
      process.stderr.write(`❌ ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  };
  const handlers: ReadonlyArray<readonly [string, (error: unknown) => void]> = [
    ['SIGINT', onTerminate('SIGINT')],
    ['SIGTERM', onTerminate('SIGTERM')],
    // the terminal window closed: nothing to restore on screen, but the demo repository must go
    ['SIGHUP', onTerminate('SIGHUP')],
    ['uncaughtException', crash],
    ['unhandledRejection', crash],
    ['exit', leave],
  ];
  for (const [event, handler] of handlers) process.on(event, handler);
  out.write(ENTER_ALT + HOME_CLEAR);
  const stdin = process.stdin;
  return {
    restore: () => {
      leave();
      for (const [event, handler] of handlers) process.off(event, handler);
    },
    suspend: (redraw) => {
      if (!active) return;
      out.write(LEAVE_ALT + SHOW_CURSOR);
      if (stdin.isTTY) stdin.setRawMode(false);
      process.once('SIGCONT', () => {
        if (stdin.isTTY) stdin.setRawMode(true);
        out.write(ENTER_ALT + HOME_CLEAR + HIDE_CURSOR);
        redraw();
      });
      // no handler of ours for SIGTSTP: its default action stops the process, as the shell expects
      process.kill(process.pid, 'SIGTSTP');
    },
  };
};

export const ALT_SCREEN = {enter: ENTER_ALT, leave: LEAVE_ALT} as const;
