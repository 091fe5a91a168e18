/**
 * Two clones of one bare remote assigning a stage to the same artifact at the same time: both
 * compute counter N, the second push is refused, and the loser retries with the next counter.
 * A simple tag name the remote already has stays a real conflict.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {openRepository} from '../../source/git/repository.js';
import {loadRegistry} from '../../source/load.js';
import {planAssign} from '../../source/ops/assign.js';
import type {OpState, Plan} from '../../source/ops/plan.js';
import {applyWithRaceRetry, MAX_RACE_RETRIES, raceRetryLine, replanAfterRace} from '../../source/ops/race.js';
import {applyPlan} from '../../source/ops/apply.js';
import {T0, applyTestEnv, commit, git, gitDate, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {assertFsckClean, assertNoCrash, nonEmptyLines, refs, runCli, tagNames} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

type Setup = {remote: string; a: string; b: string; c1: string; c2: string};

/** A remote with `m` v1.0.0 (c1) and v2.0.0 (c2), and two clones of it, A and B. */
const twoClones = (): Setup => {
  const origin = makeRepo();
  const c1 = commit(origin, 'one', {'model.bin': '1'});
  tag(origin, 'm@v1.0.0', {target: c1, time: T0 + 1});
  const c2 = commit(origin, 'two', {'model.bin': '2'}, {time: T0 + 2});
  tag(origin, 'm@v2.0.0', {target: c2, time: T0 + 3});
  const remote = makeBareRemote(origin);
  const clone = (): string => {
    const dir = tempDir();
    git(dir, ['clone', '--quiet', remote, '.']);
    git(dir, ['config', 'user.name', 'Carol Committer']);
    git(dir, ['config', 'user.email', 'carol@example.com']);
    return dir;
  };
  return {remote, a: clone(), b: clone(), c1, c2};
};

const at = (time: number) => ({GIT_COMMITTER_DATE: gitDate(time)});

const peeled = (repo: string, name: string): string => git(repo, ['rev-parse', `refs/tags/${name}^{commit}`]).trim();
const object = (repo: string, name: string): string => git(repo, ['rev-parse', `refs/tags/${name}`]).trim();

/** Who holds prod according to `show` (GTO's rules), read in a fresh clone of the remote. */
const prodHolder = async (remote: string): Promise<string> => {
  const reader = tempDir();
  git(reader, ['clone', '--quiet', remote, '.']);
  const run = await runCli(reader, ['show', 'm#prod', '--version']);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.trim();
};

describe('counter race between two clones', () => {
  it('deterministic: B pushes first, A with a stale counter retries as #2; both assignments land, the later one holds prod', async () => {
    const {remote, a, b, c1, c2} = twoClones();
    const first = await runCli(b, ['assign', 'm', '--version', 'v2.0.0', '--stage', 'prod', '--push'], {env: at(T0 + 100)});
    assert.equal(first.code, 0, first.stderr);
    const second = await runCli(a, ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--push'], {env: at(T0 + 200)});
    assertNoCrash(second, 'A');
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stderr, '');
    assert.deepEqual(nonEmptyLines(second.stdout), [
      "Created git tag 'm#prod#1' that assigns stage to version 'v1.0.0'",
      'Running `git push origin m#prod#1`',
      "Tag 'm#prod#1' was taken on the remote by another writer; fetched remote tags and retrying as 'm#prod#2'",
      "Created git tag 'm#prod#2' that assigns stage to version 'v1.0.0'",
      'Running `git push origin m#prod#2`',
      'Successfully pushed git tag m#prod#2 on remote.',
    ]);
    assert.equal(peeled(remote, 'm#prod#1'), c2, "B's assignment kept");
    assert.equal(peeled(remote, 'm#prod#2'), c1, "A's assignment added");
    // A's repository is in sync: its own m#prod#1 was replaced by the remote's
    assert.deepEqual(tagNames(a), tagNames(remote));
    assert.equal(object(a, 'm#prod#1'), object(remote, 'm#prod#1'));
    assert.equal(await prodHolder(remote), 'v1.0.0');
    for (const repo of [a, b, remote]) assertFsckClean(repo);
  });

  it('the counter, not the time, is what races: an older-dated retry does not take the stage (§3.8 timestamp order)', async () => {
    const {remote, a, b} = twoClones();
    assert.equal((await runCli(b, ['assign', 'm', '--version', 'v2.0.0', '--stage', 'prod', '--push'], {env: at(T0 + 300)})).code, 0);
    const late = await runCli(a, ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--push'], {env: at(T0 + 200)});
    assert.equal(late.code, 0, late.stderr);
    assert.match(late.stdout, /retrying as 'm#prod#2'/);
    // m#prod#2 has the higher counter but the older date: GTO orders by time, so v2.0.0 keeps prod
    assert.equal(await prodHolder(remote), 'v2.0.0');
  });

  it('concurrent: two CLI processes assign at once; both exit 0 with distinct counters, show agrees with the tag dates', async () => {
    for (let round = 0; round < 3; round++) {
      const {remote, a, b, c1, c2} = twoClones();
      const [ra, rb] = await Promise.all([
        runCli(a, ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--push'], {env: at(T0 + 100)}),
        runCli(b, ['assign', 'm', '--version', 'v2.0.0', '--stage', 'prod', '--push'], {env: at(T0 + 200)}),
      ]);
      for (const [run, who] of [[ra, 'A'], [rb, 'B']] as const) {
        assertNoCrash(run, who);
        assert.equal(run.code, 0, `${who}: ${run.stderr}`);
      }
      const prod = tagNames(remote).filter((name) => name.startsWith('m#prod#'));
      assert.deepEqual(prod, ['m#prod#1', 'm#prod#2']);
      assert.deepEqual(new Set(prod.map((name) => peeled(remote, name))), new Set([c1, c2]), 'both assignments on the remote');
      // neither fetches before planning, so both planned #1 and exactly one lost
      const retries = [ra, rb].filter((run) => run.stdout.includes('was taken on the remote by another writer'));
      assert.equal(retries.length, 1, `exactly one writer retried:\nA:${ra.stdout}\nB:${rb.stdout}`);
      // B's tag is dated later, whatever its counter: B's version holds prod
      assert.equal(await prodHolder(remote), 'v2.0.0');
      for (const repo of [a, b, remote]) assertFsckClean(repo);
    }
  });

  it('a simple tag name already on the remote is a real conflict: no retry, local tag kept, retry hint, exit 1', async () => {
    const {remote, a, b, c2} = twoClones();
    assert.equal((await runCli(b, ['assign', 'm', '--version', 'v2.0.0', '--stage', 'prod', '--simple', 'true', '--push'])).code, 0);
    const run = await runCli(a, ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--simple', 'true', '--push']);
    assertNoCrash(run, 'A');
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout + run.stderr, /retrying/);
    assert.match(run.stderr, /The remote already has a different tag 'm#prod'; nothing was overwritten\./);
    assert.match(run.stderr, /git push origin 'm#prod'/);
    assert.equal(peeled(remote, 'm#prod'), c2);
    assert.ok(tagNames(a).includes('m#prod'), 'local tag kept');
  });

  it('a registration already on the remote (another commit) is a real conflict too', async () => {
    const {remote, a, b} = twoClones();
    commit(b, 'three', {'model.bin': '3'}, {time: T0 + 4});
    commit(a, 'three-a', {'model.bin': 'a'}, {time: T0 + 5});
    assert.equal((await runCli(b, ['register', 'm', '--push'])).code, 0);
    const before = object(remote, 'm@v2.0.1');
    const run = await runCli(a, ['register', 'm', '--push']);
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout, /retrying/);
    assert.match(run.stderr, /The tag 'm@v2\.0\.1' was created locally and kept/);
    assert.equal(object(remote, 'm@v2.0.1'), before);
  });

  it('assign with auto-registration: the registration is pushed, only the counter tag is retried', async () => {
    const {remote, a, b} = twoClones();
    assert.equal((await runCli(b, ['assign', 'm', '--version', 'v2.0.0', '--stage', 'prod', '--push'])).code, 0);
    const c3 = commit(a, 'three', {'model.bin': '3'}, {time: T0 + 4});
    const run = await runCli(a, ['assign', 'm', '--stage', 'prod', '--push']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(nonEmptyLines(run.stdout).filter((line) => !line.startsWith('Running')), [
      "Created git tag 'm@v2.0.1' that registers version",
      'Successfully pushed git tag m@v2.0.1 on remote.',
      "Created git tag 'm#prod#1' that assigns stage to version 'v2.0.1'",
      raceRetryLine('m#prod#1', 'm#prod#2'),
      "Created git tag 'm#prod#2' that assigns stage to version 'v2.0.1'",
      'Successfully pushed git tag m#prod#2 on remote.',
    ]);
    assert.equal(peeled(remote, 'm#prod#2'), c3);
    assert.equal(peeled(remote, 'm#prod#1'), peeled(remote, 'm@v2.0.0'));
  });
});

describe('race API (ops layer)', () => {
  const stateOf = async (dir: string) => {
    const {repo, close} = await openRepository(undefined, dir);
    const plan = async (): Promise<Plan> => {
      const loaded = await loadRegistry(repo, process.env);
      const state: OpState = {registry: loaded.registry, tagNames: loaded.tags.map((t) => t.name), config: loaded.config};
      return planAssign(state, {name: 'm', stage: 'prod', version: 'v1.0.0', force: true});
    };
    return {repo, close, plan};
  };

  it('gives up after MAX_RACE_RETRIES lost races, leaving the local repository in sync with the remote', async () => {
    const {remote, a, b} = twoClones();
    const {repo, close, plan} = await stateOf(a);
    let counter = 0;
    // another writer who always gets there first: before each attempt it pushes the next counter
    const rival = (): void => {
      counter++;
      tag(b, `m#prod#${counter}`, {target: 'm@v2.0.0^{commit}', message: `rival ${counter}`});
      git(b, ['push', '--quiet', 'origin', `refs/tags/m#prod#${counter}`]);
    };
    try {
      rival();
      const lines: string[] = [];
      const outcome = await applyWithRaceRetry(
        repo,
        await plan(),
        async () => {
          rival();
          return plan();
        },
        {push: true, out: (line) => lines.push(line)},
      );
      assert.equal(outcome.kind, 'race-abandoned');
      assert.match(outcome.kind === 'race-abandoned' ? outcome.reason : '', new RegExp(`^Gave up after ${MAX_RACE_RETRIES} retries`));
      assert.equal(lines.filter((line) => line.includes('was taken on the remote')).length, MAX_RACE_RETRIES);
      // nothing of ours is left locally, nothing of theirs was overwritten
      assert.deepEqual(tagNames(a), tagNames(remote));
      for (const name of tagNames(remote).filter((n) => n.startsWith('m#prod#'))) {
        assert.match(git(remote, ['tag', '-l', '--format=%(contents:subject)', name]).trim(), /^rival /);
      }
      assertFsckClean(a);
    } finally {
      await close();
    }
  });

  it('replanAfterRace returns the new plan for the TUI to show, without writing it', async () => {
    const {remote, a, b} = twoClones();
    tag(b, 'm#prod#1', {target: 'm@v2.0.0^{commit}'});
    git(b, ['push', '--quiet', 'origin', 'refs/tags/m#prod#1']);
    const {repo, close, plan} = await stateOf(a);
    try {
      const first = await plan();
      const outcome = await applyPlan(repo, first, {push: true, out: () => {}});
      assert.equal(outcome.kind, 'push-failed');
      if (outcome.kind !== 'push-failed' || outcome.step.op !== 'create') return;
      assert.equal(outcome.alreadyExists, true);
      const before = refs(a);
      const next = await replanAfterRace(repo, outcome.step, [outcome.step, ...outcome.remaining], plan);
      assert.equal(next.kind, 'replanned');
      if (next.kind !== 'replanned') return;
      assert.equal(next.taken, 'm#prod#1');
      assert.equal(next.retryAs, 'm#prod#2');
      assert.deepEqual(next.plan.steps.map((s) => s.tag), ['m#prod#2']);
      assert.notEqual(refs(a), before, 'the local copy was replaced by the remote tag');
      assert.equal(object(a, 'm#prod#1'), object(remote, 'm#prod#1'));
      assert.ok(!tagNames(a).includes('m#prod#2'), 'nothing written for the new plan');
    } finally {
      await close();
    }
  });

  it('replanAfterRace refuses when the fresh plan is no longer the same operation', async () => {
    const {a, b} = twoClones();
    // the rival assigned the very same version to prod: our plan would now be refused (already in stage)
    tag(b, 'm#prod#1', {target: 'm@v1.0.0^{commit}'});
    git(b, ['push', '--quiet', 'origin', 'refs/tags/m#prod#1']);
    const {repo, close} = await openRepository(undefined, a);
    const plan = async (): Promise<Plan> => {
      const loaded = await loadRegistry(repo, process.env);
      return planAssign({registry: loaded.registry, tagNames: loaded.tags.map((t) => t.name), config: loaded.config}, {name: 'm', stage: 'prod', version: 'v1.0.0'});
    };
    try {
      const outcome = await applyWithRaceRetry(repo, await plan(), plan, {push: true, out: () => {}});
      assert.equal(outcome.kind, 'race-abandoned');
      assert.match(outcome.kind === 'race-abandoned' ? outcome.reason : '', /command is refused: Version 'v1\.0\.0' is already in stage 'prod'/);
    } finally {
      await close();
    }
  });
});
