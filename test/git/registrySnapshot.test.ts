/**
 * The registry snapshot (git/registrySnapshot.ts) on real repositories: a repeated read takes
 * the state from it, and every change of what the state is built from — a tag added or moved,
 * HEAD moved, another annotations path, another program build, a damaged file — is a miss that
 * reads exactly what a first read of the repository would.
 */
import assert from 'node:assert/strict';
import {rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {registrySnapshotFile, setBuildIdentity} from '../../source/git/registrySnapshot.js';
import {applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

type Run = {code: number; out: string; log: string[]};

const cli = async (cwd: string, args: readonly string[]): Promise<Run> => {
  const out: string[] = [];
  const log: string[] = [];
  const code = await main([...args, '-v'], {out: (t) => out.push(t), err: (t) => log.push(t), env: process.env, cwd, interactive: false});
  return {code, out: out.join('\n'), log};
};

const fromSnapshot = (run: Run): boolean => run.log.some((line) => line.startsWith('registry state from '));
const keptSnapshot = (run: Run): boolean => run.log.some((line) => line.startsWith('registry state kept in '));

/** What a first read prints: both caches removed. */
const firstRead = async (dir: string, args: readonly string[]): Promise<string> => {
  rmSync(path.join(dir, '.git', 'gto-tui'), {recursive: true, force: true});
  const run = await cli(dir, args);
  assert.equal(run.code, 0);
  assert.equal(fromSnapshot(run), false);
  return run.out;
};

/** Read until the state comes from the snapshot (the third read at the latest); its output. */
const readFromSnapshot = async (dir: string, args: readonly string[]): Promise<string> => {
  for (let i = 0; i < 3; i++) {
    const run = await cli(dir, args);
    assert.equal(run.code, 0);
    if (fromSnapshot(run)) return run.out;
  }
  assert.fail('the third read did not use the snapshot');
};

const registry = (): string => {
  const dir = makeRepo();
  commit(dir, 'one', {'artifacts.yaml': 'm:\n  type: model\n  description: first\n'});
  tag(dir, 'm@v1.0.0');
  tag(dir, 'm#prod#1');
  commit(dir, 'two');
  tag(dir, 'm@v1.1.0');
  return dir;
};

const SHOW = ['show', '--json'];

test('a first read keeps no snapshot; the second keeps one; the third reads it, as the first read printed', async () => {
  const dir = registry();
  const expected = await firstRead(dir, SHOW);
  const second = await cli(dir, SHOW);
  assert.equal(fromSnapshot(second), false);
  assert.equal(keptSnapshot(second), true);
  const third = await cli(dir, SHOW);
  assert.equal(fromSnapshot(third), true);
  assert.equal(third.out, expected);
  // history and check-ref (which also needs the tags themselves) read the same snapshot
  const history = await firstRead(dir, ['history', '--json']);
  assert.equal(await readFromSnapshot(dir, ['history', '--json']), history);
  const checkRef = await firstRead(dir, ['check-ref', 'm#prod#1', '--json']);
  assert.equal(await readFromSnapshot(dir, ['check-ref', 'm#prod#1', '--json']), checkRef);
});

test('a tag added, a tag moved to another commit, HEAD moved: each is a miss that reads the new state', async () => {
  const dir = registry();
  await readFromSnapshot(dir, SHOW);
  const changes: [string, () => void][] = [
    ['a tag added', () => tag(dir, 'm#staging#2')],
    ['a tag moved', () => git(dir, ['tag', '-f', '-a', '-m', 'moved', 'm#staging#2', 'HEAD~1'])],
    // at the new HEAD artifacts.yaml names an artifact no tag mentions: it appears (§3.1 step 5)
    ['HEAD moved', () => commit(dir, 'three', {'artifacts.yaml': 'm:\n  type: model\nnew:\n  type: dataset\n'})],
  ];
  for (const [what, change] of changes) {
    const before = await readFromSnapshot(dir, SHOW);
    change();
    const after = await cli(dir, SHOW);
    assert.equal(fromSnapshot(after), false, `${what}: not from the old snapshot`);
    assert.equal(keptSnapshot(after), true, `${what}: the new state is kept for the next read`);
    assert.notEqual(after.out, before, `${what}: the output changed`);
    assert.equal(after.out, await firstRead(dir, SHOW), `${what}: as a first read`);
  }
  assert.match(await readFromSnapshot(dir, SHOW), /"new": \{/);
});

test('another annotations path, another build, a damaged file: misses, read as a first read', async () => {
  const dir = registry();
  commit(dir, 'index', {'other.yaml': 'm:\n  type: model\n  description: other file\n'});
  tag(dir, 'm@v1.2.0');
  const args = ['show', 'm', '--json'];
  const expected = await firstRead(dir, args);
  await readFromSnapshot(dir, args);
  writeFileSync(path.join(dir, '.gto'), 'INDEX: other.yaml\n');
  const otherIndex = await cli(dir, args);
  assert.equal(fromSnapshot(otherIndex), false, 'another INDEX');
  assert.match(otherIndex.out, /"description": "other file"/);
  assert.doesNotMatch(expected, /other file/);
  assert.equal(otherIndex.out, await firstRead(dir, args));
  rmSync(path.join(dir, '.gto'));
  assert.equal(await readFromSnapshot(dir, args), expected);
  setBuildIdentity('another build of the program');
  const otherBuild = await cli(dir, args);
  assert.equal(fromSnapshot(otherBuild), false, 'another build');
  assert.equal(otherBuild.out, expected);
  assert.equal(await readFromSnapshot(dir, args), expected);
  const file = registrySnapshotFile({gitDir: path.join(dir, '.git')});
  for (const damage of ['', 'gto-tui-registry 1 5\n{"a"', 'not a snapshot at all\n']) {
    writeFileSync(file, damage);
    const damaged = await cli(dir, args);
    assert.equal(fromSnapshot(damaged), false, `damaged: ${JSON.stringify(damage)}`);
    assert.equal(damaged.out, expected);
  }
});

test('a repository with a tag name outside ASCII is read as usual and keeps no snapshot', async () => {
  const dir = registry();
  tag(dir, 'café');
  const expected = await firstRead(dir, SHOW);
  for (let i = 0; i < 3; i++) {
    const run = await cli(dir, SHOW);
    assert.equal(fromSnapshot(run) || keptSnapshot(run), false);
    assert.equal(run.out, expected);
  }
});

test('the TUI’s reads (with dvc.yaml) and the commands’ keep a snapshot each: taking turns, both read theirs', async () => {
  const dir = registry();
  const {openRepository} = await import('../../source/git/repository.js');
  const {createServices} = await import('../../source/ui/services.js');
  const {setGitTrace} = await import('../../source/git/exec.js');
  /** The TUI opening the repository and reading it first, as runApp does. */
  const tuiRead = async () => {
    const opened = await openRepository(undefined, dir);
    const log: string[] = [];
    setGitTrace((line) => log.push(line));
    try {
      const snapshot = await createServices(opened.repo, process.env, {headAtOpen: opened.headAtOpen}).load();
      return {snapshot, fromSnapshot: fromSnapshot({code: 0, out: '', log})};
    } finally {
      setGitTrace(null);
    }
  };
  rmSync(path.join(dir, '.git', 'gto-tui'), {recursive: true, force: true});
  const first = await tuiRead();
  const expected = await readFromSnapshot(dir, SHOW);
  assert.equal((await tuiRead()).fromSnapshot, false, 'the TUI’s first read with an object cache builds, and keeps its state');
  for (let turn = 0; turn < 2; turn++) {
    const tui = await tuiRead();
    assert.equal(tui.fromSnapshot, true, `turn ${turn}: the TUI reads its snapshot`);
    assert.deepStrictEqual(tui.snapshot.registry, first.snapshot.registry);
    const show = await cli(dir, SHOW);
    assert.equal(fromSnapshot(show), true, `turn ${turn}: show reads its own`);
    assert.equal(show.out, expected);
  }
});
