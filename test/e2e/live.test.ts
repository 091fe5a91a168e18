/**
 * The live registry in a real terminal (tmux): with --no-remote and nothing changing, no git
 * process starts and the app uses no CPU for 10 s (a logging git first in PATH; the process's
 * CPU time from /proc); a tag made outside then shows by itself with a local read, and origin is
 * still not asked. With a short --remote-interval, a tag someone pushed shows as ↓ and f brings it.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, afterEach, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;

const skip = tmuxMissing();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const makeFixture = (): {repo: string; origin: string; c1: string} => {
  const repo = makeRepo();
  const c1 = commit(repo, 'first', {'.gto': 'stages: [dev, prod]\n', 'artifacts.yaml': 'churn: {}\nsegment: {}\n'});
  tag(repo, 'churn@v1.0.0', {target: c1, time: T0 + 10});
  tag(repo, 'churn#prod#1', {target: c1, time: T0 + 20});
  tag(repo, 'segment@v0.1.0', {target: c1, time: T0 + 30});
  const origin = makeBareRemote(repo);
  return {repo, origin, c1};
};

/** A git first in PATH that writes each subcommand to a log, then runs the real git. */
const loggingGit = (): {shellEnv: Record<string, string>; calls: () => string[]} => {
  const bin = tempDir();
  const log = path.join(bin, 'calls.log');
  writeFileSync(log, '');
  const realGit = (process.env['PATH'] ?? '').split(':').map((dir) => path.join(dir, 'git')).find((file) => path.isAbsolute(file) && existsSync(file)) ?? '/usr/bin/git';
  // the subcommand: the first argument that is not an option or a -c/-C value
  writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nsub=''\nskip=0\nfor a in "$@"; do if [ $skip = 1 ]; then skip=0; continue; fi; case "$a" in -c|-C) skip=1;; -*) ;; *) sub="$a"; break;; esac; done\necho "$sub" >> '${log}'\nexec '${realGit}' "$@"\n`,
  );
  chmodSync(path.join(bin, 'git'), 0o755);
  return {shellEnv: {PATH: `${bin}:${process.env['PATH']}`}, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean)};
};

/** The app's process: the pane's shell's child (`env` execs node). */
const appPid = (t: Terminal): number => {
  const shell = t.display('#{pane_pid}');
  const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/);
  assert.equal(children.length, 1, `one child of the shell: ${children.join(' ')}`);
  return Number(children[0]);
};

/** User and system CPU time the process has used, in clock ticks (/proc/PID/stat fields 14 and 15). */
/** The fields of /proc/PID/stat after the command name (fields[0] is the state, field 3 of proc(5)). */
const statFields = (pid: number): string[] => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
};

const cpuTicks = (pid: number): number => {
  const fields = statFields(pid);
  return Number(fields[11]) + Number(fields[12]);
};

/** Seconds since the process started (its start time in /proc/PID/stat, in clock ticks since boot). */
const ageSeconds = (pid: number): number => {
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return uptime - Number(statFields(pid)[19]) / 100;
};

describe('the live registry, in a real terminal', {skip: skip ?? false}, () => {
  let term: Terminal | null = null;
  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does)`));
  afterEach(() => {
    term?.kill();
    term = null;
  });
  after(removeTempDirs);

  const open = (args: string[], shellEnv: Record<string, string> = {}): Terminal => {
    term = startTerminal({columns: 100, rows: 30, cwd: ROOT, shellEnv});
    term.run(cliCommand(args), '; echo "exit=$?"');
    return term;
  };

  test('--no-remote, nothing changing: no git process and no CPU for 10 s; then a tag made outside shows by itself', async () => {
    const fixture = makeFixture();
    const git$ = loggingGit();
    const t = open(['--no-remote', '-r', fixture.repo], git$.shellEnv);
    await t.waitForText('origin not asked (--no-remote)');
    await t.waitForText(/segment\s+v0\.1\.0/);
    // settled: the opening reads are done when the log stops growing
    let count = -1;
    while (count !== git$.calls().length) {
      count = git$.calls().length;
      await sleep(1000);
    }
    const opening = git$.calls();
    const pid = appPid(t);
    // V8's memory reducer compacts the heap once, some 8 s after the opening's last full GC
    // (two or three mark-compacts, ~50 ms; later on a loaded machine): part of opening, like its
    // git processes. Settled means 14 s since the app started and then 2 s without a tick of CPU.
    // What this test guards against — a loop, a timer or a spinner left running — uses CPU in
    // every 10 s window; V8's one-off housekeeping lands in one at most, so the idle window is the
    // first of up to three in a row with no more than 5 ticks
    while (ageSeconds(pid) < 14) await sleep(500);
    for (let quiet = 0, last = cpuTicks(pid), waited = 0; quiet < 2 && waited < 30; waited++) {
      await sleep(1000);
      const now = cpuTicks(pid);
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
    const windows: number[] = [];
    while (windows.length < 3 && (windows.at(-1) ?? Infinity) > 5) {
      const cpuBefore = cpuTicks(pid);
      await sleep(10_000);
      windows.push(cpuTicks(pid) - cpuBefore);
    }
    const cpu = windows.at(-1)!;
    assert.deepEqual(git$.calls(), opening, `no git process in ${windows.length * 10} s`);
    // a tick is 10 ms: a loop, a timer or a spinner left running would use far more, every time
    assert.ok(cpu <= 5, `ticks of CPU in three 10 s windows in a row: ${windows.join(', ')}`);
    console.log(`# idle 10 s under --no-remote: ${git$.calls().length - opening.length} git processes, ${cpu} clock ticks of CPU (windows: ${windows.join(', ')}); opening ran: ${opening.join(' ')}`);

    tag(fixture.repo, 'segment#prod#1', {target: fixture.c1, time: T0 + 500});
    await t.waitForText(/segment\s+v0\.1\.0\s+-\s+v0\.1\.0/);
    const reread = git$.calls().slice(opening.length);
    assert.ok(reread.length > 0 && reread.every((sub) => ['for-each-ref', 'cat-file', 'rev-parse'].includes(sub)), reread.join(' '));
    assert.ok(!git$.calls().includes('ls-remote'), 'origin never asked');
    await t.key('q');
    await t.waitForText('exit=0');
  });

  test('--remote-interval 1: a tag pushed to origin from another clone shows as ↓; f brings it in and says so', async () => {
    const fixture = makeFixture();
    const t = open(['--remote-interval', '1', '-r', fixture.repo]);
    await t.waitForText('all pushed');
    const other = makeRepo();
    git(other, ['fetch', '--quiet', fixture.origin, 'refs/heads/main:refs/remotes/o/main']);
    tag(other, 'segment#dev#1', {target: fixture.c1, time: T0 + 500});
    git(other, ['push', '--quiet', fixture.origin, 'refs/tags/segment#dev#1']);
    let screen = await t.waitForText('↓ 1 on origin: f fetches');
    assert.match(screen, /segment\s+v0\.1\.0\s+↓-\s+-/);
    await t.key('f');
    screen = await t.waitForText('Fetched 1 new tag: segment#dev#1');
    assert.match(screen, /segment\s+v0\.1\.0\s+v0\.1\.0\s+-/, 'the grid shows it when the line says so');
    await t.waitForText(/· all pushed(?! · ↓)/);
    await t.key('q');
    await t.waitForText('exit=0');
  });
});
