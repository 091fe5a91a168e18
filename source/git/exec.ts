/**
 * The one place that starts git. Always an argument array (never a shell), the caller's
 * environment passed through (so GIT_CONFIG_GLOBAL, GIT_CEILING_DIRECTORIES, HOME, TZ… reach
 * git), stdin closed unless the caller sends input, and no prompt can ever block: the TUI owns
 * the terminal, and a hidden password prompt would hang it. Every git it starts is ended when
 * the process is asked to stop (stop.ts), and none starts after that.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {Interrupted, onStop, stopRequested} from '../stop.js';
import {redactUrl} from './redact.js';

export type GitResult = {stdout: string; stderr: string; code: number};

export type GitOptions = {
  cwd: string;
  /** Sent on stdin; stdin is closed (not inherited) when absent. */
  input?: string;
  /** Added to (and overriding) the inherited process.env. */
  env?: Record<string, string>;
  /** Kill git and throw a GitError after this long. */
  timeoutMs?: number;
  /** Drop inherited repository-location variables (GIT_DIR, GIT_WORK_TREE, …) before `env` applies. */
  isolate?: boolean;
  /**
   * A quick local look that may run after a stop was asked (to say truthfully whether an
   * interrupted write happened); every other git is refused then.
   */
  afterStop?: boolean;
  /**
   * Start git in a session of its own with no GPG_TTY: nothing it runs (gpg's pinentry,
   * ssh-keygen asking for a key's passphrase) can reach the terminal, which the TUI owns. A
   * prompt then fails at once instead of drawing over the screen and taking its keys.
   */
  noTerminal?: boolean;
};

/**
 * Variables that make git ignore `cwd` (set, for example, when we run inside a git hook). They
 * must not redirect a `--repo` path or a temporary clone to another repository.
 */
const LOCATION_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

/**
 * Options for a command on an opened repository: its git dir and work tree are passed
 * explicitly, so nothing inherited can point git elsewhere.
 */
export const inRepo = (repo: {root: string; gitDir: string; bare: boolean}): GitOptions => ({
  cwd: repo.root,
  env: repo.bare ? {GIT_DIR: repo.gitDir} : {GIT_DIR: repo.gitDir, GIT_WORK_TREE: repo.root},
  isolate: true,
});

/**
 * A git failure: `message` is git's stderr condensed to one line. Message and stderr have the
 * credentials of any URL in them redacted: both end up on a terminal.
 */
export class GitError extends Error {
  override readonly name: string = 'GitError';
  readonly stderr: string;
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly code: number | null,
    stderr: string,
  ) {
    super(redactUrl(message));
    this.stderr = redactUrl(stderr);
  }
}

type TraceLog = (line: string) => void;
let trace: TraceLog | null = null;

/** `-v/--verbose`: log each git command with its duration, e.g. `git for-each-ref … (12 ms)`. */
export const setGitTrace = (log: TraceLog | null): void => {
  trace = log;
};

const shellSafe = /^[\w@%+=:,./^{}-]+$/;

/**
 * A readable, copy-pasteable rendering of a git command line (for traces and errors), with the
 * credentials in a URL argument redacted.
 */
export const formatGitCommand = (args: readonly string[]): string =>
  ['git', ...args.map(redactUrl).map((arg) => (shellSafe.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`))].join(' ');

/** Any other line for the `-v` log (what a read took from the caches). */
export const traceNote = (line: string): void => {
  trace?.(line);
};

/** Report a finished command to the trace log, if one is set. */
export const traceGit = (args: readonly string[], startedAt: number): void => {
  trace?.(`${formatGitCommand(args)} (${Math.round(performance.now() - startedAt)} ms)`);
};

/**
 * git's stderr as one line: its `fatal:`/`error:` lines without the prefix (hints and progress
 * dropped), or every non-empty line when there are none. URL credentials redacted.
 */
export const condenseStderr = (stderr: string): string => {
  const lines = redactUrl(stderr)
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('hint:'));
  const errors = lines.filter((line) => /^(fatal|error):/.test(line));
  const chosen = errors.length > 0 ? errors.map((line) => line.replace(/^(fatal|error):\s*/, '')) : lines;
  return chosen.join('; ');
};

/**
 * Environment for commands that may talk to a remote: never prompt for credentials or host
 * keys. GIT_SSH_COMMAND is only set when the user has not chosen an ssh command themselves.
 */
export const noPromptEnv = (): Record<string, string> => {
  // GIT_TERMINAL_PROMPT=0 only stops the terminal prompt: git still runs GIT_ASKPASS,
  // core.askPass or SSH_ASKPASS (a GUI dialog) first. Set but empty, they are skipped.
  const env: Record<string, string> = {
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    SSH_ASKPASS_REQUIRE: 'never',
  };
  if (process.env['GIT_SSH_COMMAND'] === undefined && process.env['GIT_SSH'] === undefined) {
    env['GIT_SSH_COMMAND'] = 'ssh -o BatchMode=yes';
  }
  return env;
};

/**
 * Protocol policy for clone/fetch/push (`-c` options, placed before the subcommand): only the
 * ordinary transports. Refuses `ext::` and other command-running remote helpers even when a
 * repository's URL or a user-supplied `--repo` asks for them.
 */
export const safeProtocolArgs: readonly string[] = [
  '-c', 'protocol.allow=never',
  '-c', 'protocol.file.allow=always',
  '-c', 'protocol.https.allow=always',
  '-c', 'protocol.http.allow=always',
  '-c', 'protocol.ssh.allow=always',
  '-c', 'protocol.git.allow=always',
];

export const DEFAULT_NETWORK_TIMEOUT_MS = 120_000;

/**
 * Subcommands that start processes of their own: a transport (ssh, git-remote-https) and, for a
 * local remote, `git receive-pack`/`upload-pack` with the remote's hooks. Ending only git would
 * leave them running — a push that still lands after we said it was stopped — so these run in
 * their own process group and are ended as a group.
 */
const GROUP_SUBCOMMANDS: ReadonlySet<string> = new Set(['push', 'fetch', 'clone', 'ls-remote']);

/** The subcommand of a git argument list (after any `-c name=value` options). */
const subcommandOf = (args: readonly string[]): string | undefined => {
  let i = 0;
  while (args[i] === '-c') i += 2;
  return args[i];
};

/** git processes started and not yet exited; `group`: started as its own process group. */
const running = new Map<ChildProcess, {readonly group: boolean}>();

/** How long an ended git gets to clean up (lock files) after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 250;

const signalChild = (child: ChildProcess, group: boolean, signal: NodeJS.Signals): void => {
  try {
    if (group && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
};

/** End every running git (and, for a group, everything it started): SIGTERM, then SIGKILL. */
const endRunningGit = (): void => {
  const ending = [...running];
  for (const [child, {group}] of ending) signalChild(child, group, 'SIGTERM');
  if (ending.length === 0) return;
  setTimeout(() => {
    for (const [child, {group}] of ending) if (running.has(child)) signalChild(child, group, 'SIGKILL');
  }, KILL_GRACE_MS).unref();
};

onStop(endRunningGit);

/** The error for a git that ended without success after a stop was asked: the stop, not git, is the reason. */
const stoppedError = (): Interrupted | null => {
  const signal = stopRequested();
  return signal === null ? null : new Interrupted(signal);
};

export const spawnGit = (args: readonly string[], options: GitOptions, stdin: 'pipe' | 'ignore'): ChildProcess => {
  const stopped = stopRequested();
  if (stopped !== null && options.afterStop !== true) throw new Interrupted(stopped);
  const inherited = {...process.env};
  if (options.isolate) for (const name of LOCATION_VARS) delete inherited[name];
  if (options.noTerminal) delete inherited['GPG_TTY'];
  // a process group of its own is also ended as a whole (signer, transport, remote hooks)
  const group =
    GROUP_SUBCOMMANDS.has(subcommandOf(args) ?? '') || (options.noTerminal === true && process.platform !== 'win32');
  // LC_ALL=C: git's messages are parsed (`already exists`, `would clobber`) and shown next to
  // our English ones, so they must not be translated.
  const child = spawn('git', args, {
    cwd: options.cwd,
    env: {...inherited, LC_ALL: 'C', ...options.env},
    stdio: [stdin, 'pipe', 'pipe'],
    windowsHide: true,
    detached: group,
  });
  if (child.pid !== undefined) {
    running.set(child, {group});
    child.once('exit', () => running.delete(child));
  }
  child.once('error', () => running.delete(child));
  return child;
};

/** Run git to completion. A non-zero exit is returned in `code`; only spawn failures and timeouts throw. */
export const runGit = (args: readonly string[], options: GitOptions): Promise<GitResult> =>
  new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawnGit(args, options, options.input === undefined ? 'ignore' : 'pipe');
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 2000).unref();
            // Don't wait for 'close': a helper git started (ssh, a credential helper) may keep
            // the pipes open after git itself is gone.
            child.stdout?.destroy();
            child.stderr?.destroy();
            const stderr = Buffer.concat(err).toString('utf8');
            finish(() => reject(new GitError(`${formatGitCommand(args)} timed out after ${options.timeoutMs} ms`, args, null, stderr)));
          }, options.timeoutMs);

    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      traceGit(args, startedAt);
      action();
    };

    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      finish(() => reject(new GitError(`cannot run git: ${error.message}`, args, null, ''))),
    );
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      finish(() => {
        // a git that failed after a stop was asked was (or lost a helper) ended by it
        const stopped = code === 0 || options.afterStop === true ? null : stoppedError();
        if (stopped !== null) reject(stopped);
        else if (code === null) {
          reject(new GitError(`${formatGitCommand(args)} was killed by ${signal ?? 'a signal'}`, args, null, stderr));
        } else {
          resolve({stdout: Buffer.concat(out).toString('utf8'), stderr, code});
        }
      });
    });
    if (options.input !== undefined) {
      // git may exit before reading all of stdin (e.g. on a bad argument); that is not our error.
      child.stdin?.on('error', () => {});
      child.stdin?.end(options.input);
    }
  });

/** Run git and return stdout; a non-zero exit throws a GitError carrying git's reason. */
export const gitOutput = async (args: readonly string[], options: GitOptions): Promise<string> => {
  const result = await runGit(args, options);
  if (result.code !== 0) throw failure(args, result);
  return result.stdout;
};

/** The GitError for a finished command that failed. */
export const failure = (args: readonly string[], result: GitResult): GitError =>
  new GitError(
    condenseStderr(result.stderr) || `${formatGitCommand(args)} exited with code ${result.code}`,
    args,
    result.code,
    result.stderr,
  );

/**
 * Run git, handing each stdout chunk to `onChunk` as it arrives (so parsing overlaps git's own
 * work); resolves when git exits 0, otherwise throws a GitError carrying git's reason.
 */
export const streamGit = (args: readonly string[], options: GitOptions, onChunk: (chunk: Buffer) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawnGit(args, options, 'ignore');
    const err: Buffer[] = [];
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      traceGit(args, startedAt);
      action();
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        onChunk(chunk);
      } catch (error) {
        child.kill('SIGTERM');
        finish(() => reject(error));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => finish(() => reject(new GitError(`cannot run git: ${error.message}`, args, null, ''))));
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      finish(() => {
        const stopped = code === 0 ? null : stoppedError();
        if (code === 0) resolve();
        else if (stopped !== null) reject(stopped);
        else if (code === null) reject(new GitError(`${formatGitCommand(args)} was killed by ${signal ?? 'a signal'}`, args, null, stderr));
        else reject(failure(args, {stdout: '', stderr, code}));
      });
    });
  });
