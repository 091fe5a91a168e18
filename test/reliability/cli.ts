/**
 * Running the built CLI (`dist/cli.js`) as a separate process, as users and CI do, and the
 * checks every reliability test repeats: one clean error line, no stack trace, no ref changed,
 * `git fsck` clean.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {TEST_ENV, git, tempDir} from '../helpers/repo.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p tsconfig.json\` first`);

export type CliRun = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number};

export type CliOptions = {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  input?: string;
  /** Run in its own process group (so the test can kill it and every git it started). */
  detached?: boolean;
  /** Called with the child right after it starts (e.g. to kill it). */
  started?: (child: ReturnType<typeof spawn>) => void;
};

/** `node dist/cli.js ...args` in `cwd`, with the test identities; never through a shell. */
export const runCli = (cwd: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const env: Record<string, string | undefined> = {...process.env, ...TEST_ENV, NO_COLOR: '1', ...options.env};
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    const child = spawn(process.execPath, [CLI, ...args], {cwd, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'], detached: options.detached ?? false});
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => (options.detached ? process.kill(-child.pid!, 'SIGKILL') : child.kill('SIGKILL')), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - startedAt});
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    options.started?.(child);
  });

type Main = (argv: readonly string[], io: {out: (t: string) => void; err: (t: string) => void; env: Record<string, string | undefined>; cwd: string; interactive: boolean}) => Promise<number>;
let builtMain: Main | null = null;

/**
 * The built CLI's `main` (dist/cli/main.js) called in this process: the same code as
 * `node dist/cli.js` minus ~150 ms of node start-up, so large input matrices stay fast. Git
 * still runs as child processes with this process's environment.
 */
export const runBuilt = async (cwd: string, args: readonly string[]): Promise<CliRun> => {
  builtMain ??= ((await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href)) as {main: Main}).main;
  const startedAt = Date.now();
  const out: string[] = [];
  const err: string[] = [];
  const code = await builtMain(args, {out: (t) => out.push(t + '\n'), err: (t) => err.push(t + '\n'), env: {...process.env, NO_COLOR: '1'}, cwd, interactive: false});
  return {code, signal: null, stdout: out.join(''), stderr: err.join(''), ms: Date.now() - startedAt};
};

export const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

export const nonEmptyLines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');

const describeRun = (what: string, run: CliRun): string => `${what}\nexit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

/** A failure the way users should see one: non-zero exit, exactly one stderr line, no trace. */
export const assertOneLineFailure = (run: CliRun, what: string, pattern?: RegExp): string => {
  const lines = nonEmptyLines(run.stderr);
  assert.notEqual(run.code, 0, describeRun(`${what}: expected a failure`, run));
  assert.ok(run.code !== null, describeRun(`${what}: killed`, run));
  assert.doesNotMatch(run.stderr + run.stdout, STACK_TRACE, describeRun(`${what}: stack trace`, run));
  assert.equal(lines.length, 1, describeRun(`${what}: expected one stderr line`, run));
  if (pattern !== undefined) assert.match(lines[0]!, pattern, describeRun(what, run));
  return lines[0]!;
};

/** No crash whatever the outcome: an exit code, no stack trace, no "Unexpected error". */
export const assertNoCrash = (run: CliRun, what: string): void => {
  assert.ok(run.code !== null, describeRun(`${what}: killed`, run));
  assert.doesNotMatch(run.stderr + run.stdout, STACK_TRACE, describeRun(`${what}: stack trace`, run));
  assert.doesNotMatch(run.stderr, /Unexpected error|TypeError|RangeError|ReferenceError/, describeRun(`${what}: internal error`, run));
};

/** Every ref with the object it names, sorted: equal before and after ⟺ nothing written. */
export const refs = (repo: string): string => git(repo, ['for-each-ref', '--format=%(objectname) %(refname)']);

export const tagNames = (repo: string): string[] => git(repo, ['tag', '--list']).split('\n').filter(Boolean).sort();

/** `git fsck --no-dangling` must pass (throws with its output otherwise). */
export const assertFsckClean = (repo: string): void => {
  git(repo, ['fsck', '--no-dangling', '--no-progress']);
};

/**
 * A `git` first in PATH that logs every start (`start PID ARGS`) and holds the ones whose
 * arguments contain `GTO_TEST_HOLD_GIT` in a 60 s sleep before running the real git
 * (`held WRAPPER_PID SLEEP_PID ARGS`): a phase made slow without mocking git. Ending the wrapper
 * ends its sleep. `env(hold)` is the environment for runCli.
 */
export const slowGit = (): {
  readonly log: string;
  readonly env: (hold: string | null) => Record<string, string>;
  /** The log's lines so far. */
  readonly lines: () => string[];
} => {
  const dir = tempDir('gto-tui-slowgit-');
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'git.log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).trim();
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'git'),
    [
      '#!/bin/sh',
      `printf 'start %s %s\\n' "$$" "$*" >> '${log}'`,
      'if [ -n "$GTO_TEST_HOLD_GIT" ]; then',
      '  case "$*" in',
      '    *"$GTO_TEST_HOLD_GIT"*)',
      "      trap 'kill $sleeper 2>/dev/null; exit 143' TERM INT HUP",
      '      sleep 60 & sleeper=$!',
      // until the child has become `sleep`: a signal between its fork and its exec is lost
      '      while [ "$(cat /proc/$sleeper/comm 2>/dev/null)" != sleep ]; do :; done',
      `      printf 'held %s %s %s\\n' "$$" "$sleeper" "$*" >> '${log}'`,
      '      wait $sleeper',
      '      trap - TERM INT HUP;;',
      '  esac',
      'fi',
      `exec '${realGit}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(path.join(bin, 'git'), 0o755);
  writeFileSync(log, '');
  return {
    log,
    env: (hold) => ({PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`, GTO_TEST_HOLD_GIT: hold ?? ''}),
    lines: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
};

/** Whether process `pid` is still running (a zombie waiting to be reaped counts as ended). */
export const isRunning = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/** Poll `condition` every 20 ms until it holds (true) or `timeoutMs` passes (false). */
export const waitUntil = async (condition: () => boolean, timeoutMs = 5000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
