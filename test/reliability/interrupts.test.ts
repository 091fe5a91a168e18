/**
 * SIGINT, SIGTERM and SIGHUP in every phase of a command: it stops within moments with
 * 130/143/129, says so in one line (and, for a write, what it did and did not do), leaves no git
 * process running and nothing half-written. Each phase is made slow without mocking git: a
 * `git` wrapper first in PATH holds one git command, a remote's `pre-receive` hook sleeps, an
 * artifacts.yaml takes the YAML parser seconds, a registry of 100,000 tags takes seconds to
 * build, a reader that stops reading holds the output. The signal is sent once the phase has
 * begun (a line in the wrapper's log, on stdout or in the `-v` trace), never after a fixed time.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {applyTestEnv, commit, git, importHistory, makeBareRemote, makeRepo, removeTempDirs, T0, tag, tempDir} from '../helpers/repo.js';
import {assertFsckClean, CLI, isRunning, refs, runCli, slowGit, STACK_TRACE, waitUntil, type CliRun} from './cli.js';

applyTestEnv();
after(removeTempDirs);

type Signal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const SIGNALS: readonly Signal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const EXIT: Record<Signal, number> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

const git$ = slowGit();

/** What a case runs, and how it knows the phase has begun. */
type Prepared = {
  readonly cwd: string;
  readonly args: readonly string[];
  /** The git command the wrapper holds (a substring of its arguments), if any. */
  readonly hold?: string;
  readonly env?: Record<string, string>;
  /** The repository whose refs must be as before (null: the case checks its own). */
  readonly repo: string | null;
  /** A `-r URL` read: the first line says the temporary clone was removed. */
  readonly clone?: boolean;
};

type Watch = {readonly stdout: string; readonly stderr: string; readonly held: boolean};

type Phase = {
  readonly name: string;
  readonly prepare: () => Prepared;
  readonly begun: (watch: Watch, prepared: Prepared) => boolean;
  /** Stop reading stdout once the phase begins (the output phase: a reader that is not reading). */
  readonly stallStdout?: boolean;
  /** The command prints on stdout before the phase (else stdout must stay empty). */
  readonly printsBefore?: boolean;
  /** stderr after `Interrupted by SIG…` (and before the trace lines are dropped). */
  readonly details: (signal: Signal) => readonly string[];
  readonly check?: (run: CliRun, prepared: Prepared) => void | Promise<void>;
};

/** The `-v` trace (`git … (12 ms)`), not part of what a case expects on stderr. */
const TRACE = /^git .* \(\d+ ms\)$/;

/** A repository with one registered version and a bare `origin`. */
const smallRepo = (): {repo: string; remote: string} => {
  const repo = makeRepo();
  commit(repo, 'one', {'model.bin': '1'}, {time: T0});
  tag(repo, 'base@v1.0.0', {time: T0 + 60});
  return {repo, remote: makeBareRemote(repo)};
};

/**
 * 100,000 annotated GTO tags written straight into packed-refs (they share a few tag objects),
 * read once so that the object cache makes later reads list quickly and build for seconds.
 */
const manyTagRegistry = (count: number): string => {
  const repo = makeRepo();
  const head = commit(repo, 'one', {'model.bin': '1'}, {time: T0});
  const object = (message: string): string =>
    git(repo, ['mktag'], {input: `object ${head}\ntype commit\ntag x\ntagger T <t@e> ${T0} +0000\n\n${message}\n`}).trim();
  const registration = object('Registering');
  const assignment = object('Assigning');
  const refs: [string, string][] = [];
  for (let i = 0; i < count / 2; i++) refs.push([`refs/tags/a${i}@v1.0.0`, registration], [`refs/tags/a${i}#prod#1`, assignment]);
  refs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const packed = refs.map(([ref, id]) => `${id} ${ref}\n^${head}\n`).join('');
  writeFileSync(path.join(repo, '.git', 'packed-refs'), `# pack-refs with: peeled fully-peeled sorted \n${packed}`);
  execFileSync(process.execPath, [CLI, 'show', '--json'], {cwd: repo, stdio: 'ignore'});
  return repo;
};

let yamlRepo = '';
let outputRepo = '';
let manyTags = '';

before(() => {
  // an artifacts.yaml the YAML parser takes seconds over (outside its fast path: quoted strings)
  yamlRepo = makeRepo();
  const lines: string[] = [];
  for (let i = 0; i < 40_000; i++) lines.push(`"a${i}":\n  type: model\n  path: "models/a${i}.pkl"\n  labels: ["x", 'y']\n`);
  commit(yamlRepo, 'annotations', {'artifacts.yaml': lines.join('')}, {time: T0});
  tag(yamlRepo, 'a0@v1.0.0', {time: T0 + 60});

  // output far larger than a pipe and the socket buffers around it hold (show --json: ~3 MB)
  outputRepo = makeRepo();
  importHistory(outputRepo, {
    commits: [{message: 'one', files: {'model.bin': '1'}}],
    tags: Array.from({length: 5_000}, (_, i) => ({name: `an-artifact-with-a-longer-name-${i}@v1.0.${i}`, commit: 0, message: `Registering ${i}`, time: T0 + i})),
  });

  manyTags = manyTagRegistry(100_000);
});

/** Nothing gto-tui keeps, so a read starts cold (for-each-ref of everything, cat-file). */
const forgetKept = (repo: string): void => rmSync(path.join(repo, '.git', 'gto-tui'), {recursive: true, force: true});

const PHASES: readonly Phase[] = [
  {
    name: 'listing tags',
    prepare: () => {
      const {repo} = smallRepo();
      return {cwd: repo, args: ['show'], hold: 'for-each-ref', repo};
    },
    begun: ({held}) => held,
    details: () => [],
  },
  {
    name: 'reading objects',
    prepare: () => {
      const {repo} = smallRepo();
      return {cwd: repo, args: ['show'], hold: 'cat-file', repo};
    },
    begun: ({held}) => held,
    details: () => [],
  },
  {
    name: 'building the state (a 3 MB artifacts.yaml)',
    prepare: () => {
      forgetKept(yamlRepo);
      return {cwd: yamlRepo, args: ['show', '-v'], repo: yamlRepo};
    },
    // cat-file has answered: what is left is parsing the file and building the state
    begun: ({stderr}) => stderr.includes('git cat-file'),
    details: () => [],
  },
  {
    name: 'building the state (100,000 tags)',
    prepare: () => {
      rmSync(path.join(manyTags, '.git', 'gto-tui', 'registry-v1'), {force: true});
      return {cwd: manyTags, args: ['show', '-v'], repo: manyTags};
    },
    // the tags are listed (against the object cache): what is left is building the state
    begun: ({stderr}) => stderr.includes('git for-each-ref'),
    details: () => [],
  },
  {
    name: 'writing output',
    prepare: () => ({cwd: outputRepo, args: ['show', '--json'], repo: outputRepo}),
    begun: ({stdout}) => stdout.length > 0,
    stallStdout: true,
    printsBefore: true,
    details: () => [],
    check: (run) => {
      const full = execFileSync(process.execPath, [CLI, 'show', '--json'], {cwd: outputRepo, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, maxBuffer: 1 << 28});
      assert.ok(run.stdout.length < full.length, `the output was cut short (${run.stdout.length} of ${full.length} bytes)`);
      assert.ok(full.startsWith(run.stdout), 'what was written is the start of the table');
    },
  },
  {
    name: 'planning',
    prepare: () => {
      const {repo} = smallRepo();
      // the planner resolves the commit to register (after the registry was read)
      return {cwd: repo, args: ['register', 'm'], hold: '--end-of-options HEAD', repo};
    },
    begun: ({held}) => held,
    details: () => [],
  },
  {
    name: 'creating tags',
    prepare: () => {
      const {repo} = smallRepo();
      return {cwd: repo, args: ['register', 'm', '--push'], hold: 'tag --annotate', repo};
    },
    begun: ({held}) => held,
    details: () => ["The tag 'm@v0.0.1' was not created."],
  },
  {
    name: 'pushing',
    prepare: () => {
      const {repo, remote} = smallRepo();
      holdPushes(remote);
      return {cwd: repo, args: ['register', 'm', '--push'], repo: null, env: {GTO_TEST_REMOTE: remote}};
    },
    // the push is in the remote's hook: git has sent the tag and waits for the answer
    begun: ({stdout}, prepared) => stdout.includes('Running `git push') && existsSync(path.join(prepared.env!['GTO_TEST_REMOTE']!, 'hook.pid')),
    printsBefore: true,
    details: () => [
      "The tag 'm@v0.0.1' was created locally; its push was stopped before origin confirmed it. To push it, run:",
      '    git push origin m@v0.0.1',
    ],
    check: async (run, prepared) => {
      const remote = prepared.env!['GTO_TEST_REMOTE']!;
      assert.match(run.stdout, /Created git tag 'm@v0\.0\.1' that registers version\nRunning `git push origin m@v0\.0\.1`\n$/);
      assert.deepEqual(git(prepared.cwd, ['tag', '--list', 'm@*']).trim(), 'm@v0.0.1', 'the local tag is kept');
      await assertPushEnded(remote);
      assert.equal(git(remote, ['tag', '--list', 'm@*']).trim(), '', 'the remote did not get the tag');
      assertFsckClean(prepared.cwd);
    },
  },
  {
    name: 'cloning for -r URL',
    prepare: () => {
      const {remote} = smallRepo();
      const tmp = tempDir();
      return {cwd: tempDir(), args: ['show', '-r', `file://${remote}`], hold: ' clone ', repo: remote, env: {TMPDIR: tmp}, clone: true};
    },
    begun: ({held}) => held,
    details: () => [],
    check: (_run, prepared) => {
      assert.deepEqual(readdirSync(prepared.env!['TMPDIR']!), [], 'the temporary clone was removed');
    },
  },
];

/** Make every push to `remote` wait in its pre-receive hook (which records its pid). */
const holdPushes = (remote: string): void => {
  const hook = path.join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\necho $$ > '${path.join(remote, 'hook.pid')}'\nexec sleep 60\n`);
  chmodSync(hook, 0o755);
};

/** The remote's hook (and so the push that ran it) is no longer running. */
const assertPushEnded = async (remote: string): Promise<void> => {
  const pidFile = path.join(remote, 'hook.pid');
  assert.ok(existsSync(pidFile), 'the push reached the hook');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.ok(await waitUntil(() => !isRunning(pid)), `the remote's pre-receive hook (pid ${pid}) was ended with the push`);
};

/**
 * Run a prepared case and send `signal` once its phase has begun. `cleanup` ends anything of the
 * case still running (call it after checking that nothing is).
 */
const interrupt = async (phase: Phase, prepared: Prepared, signal: Signal): Promise<{run: CliRun; sent: boolean; held: string[]; cleanup: () => void}> => {
  const before = git$.lines().length;
  const newLines = (): string[] => git$.lines().slice(before);
  let sent = false;
  let pid = 0;
  const run = await runCli(prepared.cwd, prepared.args, {
    env: {...git$.env(prepared.hold ?? null), ...prepared.env},
    detached: true,
    timeoutMs: 120_000,
    started: (child) => {
      pid = child.pid!;
      let stdout = '';
      let stderr = '';
      let exited = false;
      const poll = setInterval(() => {
        if (sent) return clearInterval(poll);
        const held = prepared.hold !== undefined && newLines().some((line) => line.startsWith('held ') && line.includes(prepared.hold!));
        if (!phase.begun({stdout, stderr, held}, prepared)) return;
        sent = true;
        clearInterval(poll);
        child.kill(signal);
      }, 10);
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // the reader stops at once: the rest of the output waits in the pipe
        if (phase.stallStdout && !exited) child.stdout!.pause();
      });
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', () => {
        exited = true;
        clearInterval(poll);
        child.stdout!.resume();
      });
    },
  });
  const cleanup = (): void => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the whole group is gone, as it should be
    }
  };
  return {run, sent, held: newLines(), cleanup};
};

/** What every interrupted case must show, whatever its phase. */
const checkStopped = async (phase: Phase, prepared: Prepared, signal: Signal, result: {run: CliRun; sent: boolean; held: string[]}, refsBefore: string): Promise<void> => {
  const {run, sent, held} = result;
  const what = `${phase.name}, ${signal}\nexit ${run.code} (${run.signal})\nstdout: ${run.stdout.slice(0, 300)}\nstderr:\n${run.stderr}`;
  assert.ok(sent, `the phase began: ${what}`);
  assert.equal(run.code, EXIT[signal], what);
  assert.doesNotMatch(run.stderr, STACK_TRACE, what);
  const first = prepared.clone === true ? `❌ Interrupted by ${signal}; the temporary clone was removed.` : `❌ Interrupted by ${signal}.`;
  const stderr = run.stderr.split('\n').filter((line) => line !== '' && !TRACE.test(line));
  assert.deepEqual(stderr, [first, ...phase.details(signal)], what);
  if (phase.printsBefore !== true) assert.equal(run.stdout, '', `nothing printed: ${what}`);
  // every git the command started has ended (the held one was running at the signal)
  const pids = held.flatMap((line) => {
    const [kind, ...rest] = line.split(' ');
    return kind === 'start' ? [Number(rest[0])] : kind === 'held' ? [Number(rest[0]), Number(rest[1])] : [];
  });
  assert.ok(await waitUntil(() => pids.every((pid) => !isRunning(pid))), `git processes still running: ${pids.filter(isRunning).join(', ')}\n${held.join('\n')}`);
  if (prepared.repo !== null) {
    assert.equal(refs(prepared.repo), refsBefore, 'no ref changed');
    assertFsckClean(prepared.repo);
    const kept = path.join(prepared.repo, '.git', 'gto-tui');
    if (existsSync(kept)) assert.deepEqual(readdirSync(kept).filter((file) => file.endsWith('.tmp')), [], 'no half-written file in .git/gto-tui');
  }
  await phase.check?.(run, prepared);
};

describe('a signal in every phase of a command', () => {
  for (const phase of PHASES) {
    for (const signal of SIGNALS) {
      it(`${signal} while ${phase.name}: exit ${EXIT[signal]}, one line, git ended, nothing half-written`, async () => {
        const prepared = phase.prepare();
        const refsBefore = prepared.repo === null ? '' : refs(prepared.repo);
        const result = await interrupt(phase, prepared, signal);
        try {
          await checkStopped(phase, prepared, signal, result, refsBefore);
        } finally {
          // checked first: a case must not leave anything running, but a failed one must not
          // leave it to the next either
          result.cleanup();
        }
      });
    }
  }
});
