/**
 * A real terminal for end-to-end tests: a detached tmux session on a private server socket
 * (`tmux -L <unique>`), running a plain bash. Keys go in one per `send-keys`; the screen is read
 * with `capture-pane -p` and polled, never slept on.
 *
 *   const term = startTerminal({columns: 120, rows: 40, cwd});
 *   term.run(['node', 'dist/cli.js', '-r', repo]);   // typed at the prompt, Enter
 *   await term.waitForText('name');
 *   await term.key('Down');
 *   term.kill();                                     // in after(): the whole private server
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Why the e2e tests cannot run here, or null when tmux is installed. */
export const tmuxMissing = (): string | null => {
  const probe = spawnSync('tmux', ['-V'], {encoding: 'utf8'});
  return probe.status === 0 ? null : 'tmux is not installed (apt-get install tmux; .ci/run installs it): skipping the real-terminal tests';
};

/** `'…'` for bash, for paths and arguments typed at the prompt. */
export const shellQuote = (text: string): string => (/^[\w./=:@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;

export type Terminal = ReturnType<typeof startTerminal>;

export const startTerminal = (options: {
  columns: number;
  rows: number;
  cwd: string;
  /** Environment of the tmux server (and so of everything in it). */
  env?: Record<string, string>;
  /** Variables for the shell in the pane only (PATH, …). */
  shellEnv?: Record<string, string>;
}) => {
  const socket = `gto-tui-e2e-${process.pid}-${++counter}`;
  const session = 'e2e';
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...options.env}});

  // -f /dev/null: none of the user's tmux.conf; the shell has no rc files and a fixed prompt
  const shellEnv = Object.entries({PS1: '$ ', ...options.shellEnv}).map(([k, v]) => shellQuote(`${k}=${v}`));
  tmux(
    ...['-f', '/dev/null', 'new-session', '-d', '-s', session, '-x', String(options.columns), '-y', String(options.rows), '-c', options.cwd],
    ['env', ...shellEnv, 'bash', '--norc', '--noprofile'].join(' '),
  );
  tmux('set-option', '-t', session, 'status', 'off');
  const socketPath = tmux('display-message', '-p', '-t', session, '#{socket_path}').trim();

  /** The visible screen, one line per row, trailing blanks trimmed. */
  const screen = (): string =>
    tmux('capture-pane', '-p', '-t', session)
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();

  /** Poll the screen until `check` holds; fail with the last screen. */
  const waitFor = async (check: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = screen();
      if (check(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen:\n${current}`);
      await sleep(40);
    }
  };

  const waitForText = (text: string | RegExp, timeoutMs?: number): Promise<string> =>
    waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), JSON.stringify(String(text)), timeoutMs);

  /** One tmux key name (`Down`, `Enter`, `Escape`, `C-u`) or one literal character, then a short pause. */
  const key = async (name: string, pauseMs = 60): Promise<void> => {
    if (name.length === 1) tmux('send-keys', '-t', session, '-l', name);
    else tmux('send-keys', '-t', session, name);
    await sleep(pauseMs);
  };

  /** Literal text, one character per send-keys (a person typing). */
  const type = async (text: string, pauseMs = 30): Promise<void> => {
    for (const char of text) await key(char, pauseMs);
  };

  /** Type a command line at the prompt (`argv` quoted, then `tail` as is) and press Enter. */
  const run = (argv: readonly string[], tail = ''): void => {
    tmux('send-keys', '-t', session, '-l', argv.map(shellQuote).join(' ') + tail);
    tmux('send-keys', '-t', session, 'Enter');
  };

  /** Whether the program in the pane has the alternate screen. */
  const alternateScreen = (): boolean => tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim() === '1';

  /** A tmux format of the pane, e.g. `#{pane_title}`. */
  const display = (format: string): string => tmux('display-message', '-p', '-t', session, format).trim();

  /** The window's new size, as when the user resizes the terminal. */
  const resize = (columns: number, rows: number): void => {
    tmux('resize-window', '-t', session, '-x', String(columns), '-y', String(rows));
  };

  /** Any tmux command on this private server (`set-option -s set-clipboard on`, `list-buffers`). */
  const command = (...args: string[]): string => tmux(...args);

  /** Ends the private server (and everything in it) and removes its socket file. */
  const kill = (): void => {
    spawnSync('tmux', ['-L', socket, 'kill-server'], {stdio: 'ignore'});
    rmSync(socketPath, {force: true});
  };

  return {socket, screen, waitFor, waitForText, key, type, run, alternateScreen, display, resize, command, kill};
};

/**
 * The command line that starts the built CLI in the pane: CI and CONTINUOUS_INTEGRATION
 * removed (Ink draws nothing under CI), a common TERM.
 */
export const cliCommand = (args: readonly string[], env: Record<string, string> = {}): string[] => [
  'env',
  '-u',
  'CI',
  '-u',
  'CONTINUOUS_INTEGRATION',
  'TERM=xterm-256color',
  ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
  process.execPath,
  CLI,
  ...args,
];
