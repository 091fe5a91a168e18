/**
 * The commit picker reaches any commit: it pages through HEAD's whole history from one git log,
 * does not wrap from the top of a list that is not whole, accepts a typed sha, branch or tag,
 * and `/` searches the choices while j, k and digits keep their meaning outside the search.
 */
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import type {Services} from '../../source/ui/services.types.js';
import {T0, applyTestEnv, git, importHistory, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {localTags, tagTarget} from './fixture.js';
import {KEY, type Harness, withApp} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 100_000} +0000`;
after(removeTempDirs);

/** A repository of `count` commits, "commit 0" the oldest; returns it and the shas, oldest first. */
const history = (count: number): {repo: string; shas: string[]} => {
  const repo = makeRepo();
  const shas = importHistory(repo, {commits: Array.from({length: count}, (_, i) => ({message: `commit ${i}\n`, files: {f: String(i)}, time: T0 + i * 60}))});
  return {repo, shas};
};

/** Counts the git logs the pickers open and the names they look up. */
const counting = () => {
  const calls = {logs: 0, lookups: 0};
  const wrap = (real: Services): Services => ({
    ...real,
    commitLog: () => (calls.logs++, real.commitLog()),
    lookupCommit: (name) => (calls.lookups++, real.lookupCommit(name)),
  });
  return {calls, wrap};
};

const highlighted = (frame: string): string => frame.split('\n').find((line) => /^ {4}▶ /.test(line)) ?? '';

const commitOf = (h: Harness): string | undefined => {
  const form = h.store.getState().form;
  return form?.kind === 'register' ? form.commits[form.commitIndex]?.subject : undefined;
};

/** Open the register form for a new artifact `name` and go to its commit step. */
const registerNew = async (h: Harness, name: string): Promise<string> => {
  await h.press('N');
  await h.type(name);
  return h.press(KEY.enter);
};

describe('the commit picker', () => {
  test('in a 100-commit repository k at the top stays on HEAD (the list is not wrapped to a commit in the middle)', async () => {
    const {repo} = history(101);
    await withApp(repo, {}, async (h) => {
      let frame = await registerNew(h, 'm');
      assert.match(highlighted(frame), /▶ 1 [0-9a-f]{7} commit 100\b/);
      frame = await h.press('k');
      assert.equal(commitOf(h), 'commit 100', 'no wrap: older commits are still to be read');
      assert.match(highlighted(frame), /commit 100\b/);
    });
  });

  test('pages through all of a 1,000-commit history from one git log; at the whole list k and j wrap', async () => {
    const {repo} = history(1000);
    const {calls, wrap} = counting();
    await withApp(repo, {services: wrap}, async (h) => {
      await registerNew(h, 'm');
      for (let i = 0; i < 150 && commitOf(h) !== 'commit 0'; i++) await h.press(KEY.pageDown);
      assert.equal(commitOf(h), 'commit 0', 'the oldest commit is reachable');
      const form = h.store.getState().form;
      assert.ok(form?.kind === 'register' && form.commits.length === 1000 && !form.more, 'every commit read, once');
      assert.equal(calls.logs, 1, 'one git log for the whole history');
      let frame = await h.press('j');
      assert.equal(commitOf(h), 'commit 999', 'the whole list wraps to the top');
      assert.match(highlighted(frame), /▶ 1 [0-9a-f]{7} commit 999\b/);
      frame = await h.press('k');
      assert.equal(commitOf(h), 'commit 0');
    });
  });

  test('registers a commit older than the 100th by typing its sha', async () => {
    const {repo, shas} = history(250);
    const {calls, wrap} = counting();
    await withApp(repo, {services: wrap}, async (h) => {
      await registerNew(h, 'm');
      const form = h.store.getState().form;
      assert.ok(form?.kind === 'register' && form.commits.length === 100 && form.more, 'only the first page read');
      const old = shas[10]!;
      await h.press('/');
      // pasted: one write, so the lookups counted do not depend on how fast keys come
      await h.press(old.slice(0, 12));
      let frame = await h.press(KEY.enter);
      assert.match(frame, new RegExp(`Commit\\s+${old.slice(0, 7)} commit 10\\b`));
      assert.match(frame, /▶ Version\s+v0\.0\.1/);
      frame = await h.press(KEY.enter, KEY.enter);
      assert.match(frame, new RegExp(`commit\\s+${old.slice(0, 7)}`));
      await h.press(KEY.enter);
      assert.ok(localTags(repo).includes('m@v0.0.1'));
      assert.equal(tagTarget(repo, 'm@v0.0.1'), old);
      assert.ok(calls.lookups >= 1 && calls.lookups <= 2, `${calls.lookups} lookups`);
    });
  });

  test('a branch or a tag name typed is looked up and listed first; a name that is nothing says so', async () => {
    const {repo, shas} = history(150);
    git(repo, ['branch', 'old-branch', shas[5]!]);
    tag(repo, 'release-1', {target: shas[7]});
    await withApp(repo, {}, async (h) => {
      await registerNew(h, 'm');
      await h.press('/');
      await h.type('old-branch');
      let frame = await h.waitForText("'old-branch' is listed first");
      assert.match(highlighted(frame), /commit 5\b/);
      await h.press(KEY.enter);
      assert.equal(commitOf(h), 'commit 5');
      await h.press(KEY.escape); // back to the commit step
      frame = await h.press('/');
      await h.type('release-1');
      frame = await h.press(KEY.enter);
      assert.equal(commitOf(h), 'commit 7');
      await h.press(KEY.escape);
      await h.press('/');
      await h.type('no-such-thing');
      frame = await h.press(KEY.enter);
      assert.match(frame, /Nothing here matches 'no-such-thing', and it names no commit/);
      assert.equal(h.store.getState().modes.at(-1), 'register');
    });
  });

  test('/ searches subjects: j, k and digits are typed there, ↓ moves among the matches, Esc shows every commit again', async () => {
    const {repo} = history(60);
    await withApp(repo, {}, async (h) => {
      await registerNew(h, 'm');
      await h.press('j'); // commit 58: j moves outside the search
      assert.equal(commitOf(h), 'commit 58');
      await h.press('/');
      let frame = await h.type('commit 1');
      assert.match(frame, /\/commit 1 .*11 matches/);
      assert.equal(commitOf(h), 'commit 19', 'the first match is highlighted');
      assert.doesNotMatch(frame, /^ +(▶ )?1 [0-9a-f]{7}/m, 'no digits to pick with while typing');
      await h.type('3');
      assert.equal(commitOf(h), 'commit 13');
      await h.press(KEY.backspace);
      frame = await h.press(KEY.down);
      assert.equal(commitOf(h), 'commit 18');
      assert.match(highlighted(frame), /commit 18\b/);
      frame = await h.press(KEY.escape);
      assert.doesNotMatch(frame, /\/commit 1/);
      assert.equal(commitOf(h), 'commit 18', 'still on the commit it was on');
      assert.equal(h.store.getState().modes.at(-1), 'register');
      frame = await h.press('2');
      assert.equal(h.store.getState().form?.kind === 'register' && h.store.getState().form?.step, 'version', 'a digit picks again');
    });
  });

  test('the assign form: a typed sha of an old commit is offered as a commit that registers a new version', async () => {
    const {repo, shas} = history(140);
    tag(repo, 'm@v1.0.0', {target: shas[139]});
    await withApp(repo, {}, async (h) => {
      let frame = await h.press('a');
      assert.match(frame, /Assign a stage to m/);
      await h.press('/');
      await h.type(shas[3]!);
      frame = await h.press(KEY.enter);
      assert.match(frame, new RegExp(`Version\\s+${shas[3]!.slice(0, 7)} commit 3\\s+\\(registers a new version\\)`));
      await h.press(KEY.enter); // "+ new stage…" (no stage is in use)
      await h.type('prod');
      frame = await h.press(KEY.enter);
      const planned = /tag\s+(m@v\S+)/.exec(frame)?.[1];
      assert.ok(planned, frame);
      await h.press(KEY.enter);
      assert.equal(tagTarget(repo, planned), shas[3]);
    });
  });

  test('/ in the stage list searches the stages, and looks nothing up', async () => {
    const {repo, shas} = history(5);
    tag(repo, 'm@v1.0.0', {target: shas[4]});
    tag(repo, 'm#dev#1', {target: shas[4], time: T0 + 1000});
    tag(repo, 'm#prod#2', {target: shas[4], time: T0 + 1001});
    tag(repo, 'm#staging#3', {target: shas[4], time: T0 + 1002});
    const {calls, wrap} = counting();
    await withApp(repo, {services: wrap}, async (h) => {
      await h.press('a', KEY.enter); // v1.0.0, to the stages: dev, prod, staging, + new stage…
      await h.press('/');
      let frame = await h.type('stagi');
      assert.match(frame, /\/stagi .*1 match\b/);
      frame = await h.press(KEY.enter);
      const form = h.store.getState().form;
      assert.equal(form?.kind === 'assign' && form.stages[form.stageIndex]?.stage, 'staging');
      assert.equal(calls.lookups, 0);
      assert.match(frame, /Version 'v1\.0\.0' is already in stage 'staging'/);
    });
  });

  test('leaving the form stops its git log', async () => {
    const {repo} = history(3000);
    let closed = 0;
    const wrap = (real: Services): Services => ({
      ...real,
      commitLog: () => {
        const pager = real.commitLog();
        return {read: pager.read, close: () => (closed++, pager.close())};
      },
    });
    await withApp(repo, {services: wrap}, async (h) => {
      await registerNew(h, 'm');
      await h.press(KEY.escape, KEY.escape);
      assert.equal(h.store.getState().modes.at(-1), 'grid');
      assert.equal(closed, 1);
    });
  });
});


