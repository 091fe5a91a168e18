/**
 * Two writers, one remote, in the TUI: clone B pushes the next counter tag first, so A's push of
 * the same name (computed from A's stale tags, spec §2.7) is refused. The TUI then shows the
 * write again with the next free counter and pushes it only when the user confirms.
 */
import assert from 'node:assert/strict';
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {localTags, remoteTagNames, tagMessage, tagTarget} from '../ui/fixture.js';
import {KEY, renderApp, type Harness} from '../ui/harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

type Setup = {origin: string; a: string; b: string; c1: string; c2: string; c3: string};

/** m: v1.0.0 (c1, in prod as m#prod#1), v1.1.0 (c2), v1.2.0 (c3); A and B are clones of origin. */
const twoClones = (): Setup => {
  const seed = makeRepo();
  const c1 = commit(seed, 'one', {'.gto': 'stages: [dev, prod]\n'}, {time: T0});
  tag(seed, 'm@v1.0.0', {target: c1, time: T0 + 10});
  tag(seed, 'm#prod#1', {target: c1, time: T0 + 20});
  const c2 = commit(seed, 'two', {'a.txt': '2\n'}, {time: T0 + 100});
  tag(seed, 'm@v1.1.0', {target: c2, time: T0 + 110});
  const c3 = commit(seed, 'three', {'a.txt': '3\n'}, {time: T0 + 200});
  tag(seed, 'm@v1.2.0', {target: c3, time: T0 + 210});
  const origin = makeBareRemote(seed);
  const clone = (): string => {
    const dir = path.join(tempDir(), 'clone');
    git(path.dirname(dir), ['clone', '--quiet', origin, dir]);
    return dir;
  };
  return {origin, a: clone(), b: clone(), c1, c2, c3};
};

const withApp = async (repo: string, body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(repo, {columns: 120, rows: 30});
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

/** In A's TUI: assign v1.2.0 (the first version offered) to prod and confirm; A's stale counter makes m#prod#2. */
const assignProd = async (h: Harness): Promise<void> => {
  await h.press('a');
  await h.press(KEY.enter); // v1.2.0
  await h.press('j'); // dev → prod
  const frame = await h.press(KEY.enter);
  assert.match(frame, /tag\s+m#prod#2/);
  await h.press(KEY.enter);
  assert.ok(localTags(h.store.getState().info!.root).includes('m#prod#2'));
};

const bTakes = (s: Setup, name: string, target: string): void => {
  tag(s.b, name, {target, time: T0 + 500, message: `Assigning stage prod to artifact m version v1.1.0`});
  git(s.b, ['push', '--quiet', 'origin', `refs/tags/${name}`]);
};

describe('lost counter race in the TUI', () => {
  test('a push refused because another writer took the counter offers the next one, and pushes it on confirm', async () => {
    const s = twoClones();
    await withApp(s.a, async (h) => {
      await h.waitFor((_, state) => state.remote.kind === 'known', 'remote');
      bTakes(s, 'm#prod#2', s.c2);
      await assignProd(h);
      await h.press('p');
      let frame = await h.press(KEY.enter);
      frame = await h.waitForText(/retry as 'm#prod#3'\?/);
      assert.match(frame, /'m#prod#2' was taken on origin by another writer — retry as 'm#prod#3'\?/);
      assert.match(frame, /tag\s+m#prod#3/);
      assert.match(frame, new RegExp(`commit\\s+${s.c3.slice(0, 7)}`));
      assert.match(frame, /message Assigning stage prod to artifact m version v1\.2\.0/);
      assert.match(frame, /▶ \[ Confirm \]/, 'a retry is not destructive: focus starts on Confirm');
      // before confirming: our copy of the taken name is gone and B's was fetched
      assert.equal(tagTarget(s.a, 'm#prod#2'), s.c2);
      assert.ok(!localTags(s.a).includes('m#prod#3'));

      frame = await h.press(KEY.enter);
      await h.waitFor((_, state) => state.remote.kind === 'known' && state.modes.length === 1, 'retry pushed');
      assert.match(h.frame(), /Pushed 'm#prod#3' to origin \('m#prod#2' was taken by another writer\)/);
    });
    const remote = remoteTagNames(s.origin);
    assert.ok(remote.includes('m#prod#2') && remote.includes('m#prod#3'), remote.join(' '));
    assert.equal(tagTarget(s.origin, 'm#prod#2'), s.c2, "B's tag is untouched");
    assert.equal(tagTarget(s.origin, 'm#prod#3'), s.c3, "A's retry points at A's commit");
    assert.equal(tagMessage(s.origin, 'm#prod#3'), 'Assigning stage prod to artifact m version v1.2.0');
  });

  test('cancelling the retry leaves the local tag removed, says so, and writes nothing more', async () => {
    const s = twoClones();
    await withApp(s.a, async (h) => {
      await h.waitFor((_, state) => state.remote.kind === 'known', 'remote');
      bTakes(s, 'm#prod#2', s.c2);
      await assignProd(h);
      await h.press('p');
      await h.press(KEY.enter);
      await h.waitForText(/retry as 'm#prod#3'\?/);
      const frame = await h.press(KEY.escape);
      assert.match(frame, /Not retried: 'm#prod#2' was taken on origin by another writer; its local copy was removed/);
      assert.equal(tagTarget(s.a, 'm#prod#2'), s.c2, "A now holds B's tag");
      assert.ok(!localTags(s.a).includes('m#prod#3'));
    });
    assert.ok(!remoteTagNames(s.origin).includes('m#prod#3'));
  });

  test('a simple-name tag origin already has stays a conflict: git error verbatim, local tag kept', async () => {
    const s = twoClones();
    const c4 = commit(s.a, 'four', {'a.txt': '4\n'}, {time: T0 + 300});
    git(s.a, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    tag(s.a, 'm@v1.3.0', {target: c4, time: T0 + 310});
    git(s.b, ['fetch', '--quiet', 'origin']);
    tag(s.b, 'm@v1.3.0', {target: s.c3, time: T0 + 320});
    git(s.b, ['push', '--quiet', 'origin', 'refs/tags/m@v1.3.0']);
    await withApp(s.a, async (h) => {
      await h.waitFor((_, state) => state.remote.kind === 'known', 'remote');
      await h.press('p');
      const frame = await h.press(KEY.enter);
      assert.match(h.store.getState().push?.error ?? '', /failed to push some refs/);
      assert.match(frame, /✗ .*failed to push/);
      assert.doesNotMatch(frame, /retry as/);
      assert.equal(tagTarget(s.a, 'm@v1.3.0'), c4, 'the local tag is kept');
    });
  });

  test('a hook that refuses the push is not mistaken for a race', async () => {
    const s = twoClones();
    const hook = path.join(s.origin, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "tags are frozen today" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    await withApp(s.a, async (h) => {
      await h.waitFor((_, state) => state.remote.kind === 'known', 'remote');
      await assignProd(h);
      await h.press('p');
      const frame = await h.press(KEY.enter);
      assert.match(frame, /✗ .*failed to push/);
      assert.doesNotMatch(frame, /retry as/);
      assert.equal(tagTarget(s.a, 'm#prod#2'), s.c3);
    });
  });
});
