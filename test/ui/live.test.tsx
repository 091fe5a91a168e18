/**
 * A registry that stays live: tags made and deleted by other git processes while the UI runs
 * show up without a key, the cursor stays where it was, an open form or confirmation is left
 * alone (and accepting a confirmation the change made stale shows the new tags instead).
 */
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {discover} from '../../source/git/repository.js';
import {createAppState} from '../../source/ui/app.js';
import {createServices} from '../../source/ui/services.js';
import type {Services} from '../../source/ui/services.types.js';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {localTags, makeFixture, type Fixture} from './fixture.js';
import {KEY, renderApp, type Harness} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const rowOf = (frame: string, name: string): string => frame.split('\n').find((line) => new RegExp(`^[▶ ] [↑↓↕? ]\\*?${name} `).test(line)) ?? '';
/** The screen without its hint bar (whose `↓/j move` is no marker). */
const aboveHints = (frame: string): string => frame.split('\n').slice(0, -1).join('\n');
const selectedRow = (frame: string): string => frame.split('\n').find((line) => line.startsWith('▶ ')) ?? '';

const withApp = async (fixture: Fixture, options: Parameters<typeof renderApp>[1], body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(fixture.repo, options);
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

describe('local changes appear by themselves', () => {
  test('a tag made and another deleted by a separate git process show in the grid without a key', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      assert.match(rowOf(h.frame(), 'segment'), /segment\s+v0\.1\.0\s+-\s+-\s+-\s*$/);
      assert.match(rowOf(h.frame(), 'churn'), /churn\s+↑?v1\.1\.0\s+↑?v1\.1\.0\s+-\s+v1\.0\.0/);
      tag(fixture.repo, 'segment#prod#1', {target: fixture.c1, message: 'made elsewhere', time: T0 + 500});
      git(fixture.repo, ['tag', '-d', 'churn#dev#3']);
      const frame = await h.waitFor((f) => /segment\s+v0\.1\.0\s+-\s+-\s+↑v0\.1\.0/.test(rowOf(f, 'segment')), 'segment in prod');
      assert.match(rowOf(frame, 'churn'), /churn\s+↑v1\.1\.0\s+v1\.0\.0\s+-\s+v1\.0\.0/, 'dev falls back to v1.0.0');
      assert.match(frame, /↑ 2 not pushed/);
    });
  });

  test('the cursor stays on the same artifact and stage as rows and columns come and go; x acts on what is shown', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j', 'l', 'l', 'l', 'l'); // segment #prod
      assert.match(selectedRow(h.frame()), /segment/);
      // a new artifact sorted above segment, and a new stage column
      tag(fixture.repo, 'aaa@v1.0.0', {target: fixture.c1, time: T0 + 500});
      tag(fixture.repo, 'segment#prod#1', {target: fixture.c1, time: T0 + 510});
      const frame = await h.waitFor((f) => rowOf(f, 'aaa') !== '' && /↑v0\.1\.0\s*$/.test(rowOf(f, 'segment')), 'aaa and segment in prod');
      assert.match(selectedRow(frame), /segment/, 'still on segment');
      const state = h.store.getState();
      const column = state.model!.columns[state.cursor.col];
      assert.deepEqual(column, {kind: 'stage', title: '#prod', stage: 'prod'});
      const confirm = await h.press('x');
      assert.match(confirm, /Unassign prod from segment v0\.1\.0/);
      await h.press('n');
    });
  });

  test('an open form stays as it was; a confirmation made stale by a tag elsewhere shows the new tags on accept', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j'); // segment
      let frame = await h.press('a');
      assert.match(frame, /Assign a stage to segment/);
      frame = await h.press(KEY.enter); // v0.1.0, to the stage step
      const form = h.store.getState().form;
      tag(fixture.repo, 'churn#staging#4', {target: fixture.c1, time: T0 + 500});
      await h.waitFor((_, s) => s.snapshot?.tagTargets.has('churn#staging#4') === true, 'read again');
      assert.equal(h.store.getState().form, form, 'the form is untouched');
      assert.equal(h.store.getState().modes.at(-1), 'assign');
      frame = await h.press(KEY.enter); // dev
      assert.match(frame, /tag\s+segment#dev#1/);
      // another writer takes the counter the confirmation shows (its own stage)
      tag(fixture.repo, 'segment#staging#1', {target: fixture.c1, time: T0 + 600});
      frame = await h.press(KEY.enter);
      assert.match(frame, /The registry changed since this was shown: these are the tags now\./);
      assert.match(frame, /tag\s+segment#dev#2/);
      assert.ok(!localTags(fixture.repo).includes('segment#dev#2'), 'nothing written yet');
      await h.press(KEY.enter);
      assert.ok(localTags(fixture.repo).includes('segment#dev#2'));
    });
  });

  test('a confirmation whose write another writer did meanwhile writes nothing on accept', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j', 'a', KEY.enter);
      let frame = await h.press(KEY.enter); // dev
      assert.match(frame, /tag\s+segment#dev#1/);
      tag(fixture.repo, 'segment#dev#1', {target: fixture.c1, time: T0 + 600, message: 'the other writer'});
      frame = await h.press(KEY.enter);
      assert.match(frame, /✗ Not written, the registry changed: Version 'v0\.1\.0' is already in stage 'dev'/);
      assert.equal(h.store.getState().modes.at(-1), 'grid');
      assert.equal(git(fixture.repo, ['for-each-ref', '--format=%(contents)', 'refs/tags/segment#dev#1']).trim(), 'the other writer');
    });
  });

  test('a slow origin does not keep local changes from showing', async () => {
    const fixture = makeFixture();
    const repo = await discover(fixture.repo);
    assert.ok(repo);
    const real = createServices(repo, process.env);
    let answer = (): void => {};
    const held = new Promise<void>((resolve) => (answer = resolve));
    const {store, controller} = createAppState({...real, remoteTags: async (check) => (await held, real.remoteTags(check))});
    const until = async (check: () => boolean, what: string): Promise<void> => {
      for (const deadline = Date.now() + 10_000; !check(); await new Promise((resolve) => setTimeout(resolve, 10))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      }
    };
    const started = controller.start();
    try {
      await until(() => store.getState().snapshot !== null, 'the first read');
      tag(fixture.repo, 'segment#prod#1', {target: fixture.c1, time: T0 + 500});
      await until(() => store.getState().snapshot?.tagTargets.has('segment#prod#1') === true, 'the new tag, origin still not answering');
      assert.equal(store.getState().remote.kind, 'checking');
    } finally {
      answer();
      await started;
      controller.stop();
    }
  });

  test('a commit on the checked-out branch is seen (HEAD moved): the header and HEAD-dependent views follow', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      const head = h.store.getState().snapshot!.head;
      const c3 = commit(fixture.repo, 'third', {'artifacts.yaml': 'churn:\n  type: model\n  labels: [moved]\nsegment: {}\nnewcomer: {}\n'}, {time: T0 + 700});
      const frame = await h.waitFor((_, s) => s.snapshot?.head === c3, 'HEAD at the new commit');
      assert.notEqual(head, c3);
      await h.waitFor((f) => rowOf(f, 'newcomer') !== '', 'the artifact annotated at the new HEAD');
      assert.ok(frame);
      git(fixture.repo, ['checkout', '-q', '-b', 'feature']);
      await h.waitFor((f) => f.includes('⎇ feature'), 'the new branch in the header');
    });
  });
});

/** A second clone of origin that pushes tags there, as a colleague would. */
const colleague = (fixture: Fixture): string => {
  const other = makeRepo();
  git(other, ['fetch', '--quiet', fixture.origin, 'refs/heads/main:refs/remotes/o/main']);
  return other;
};

const push = (other: string, fixture: Fixture, ...tags: string[]): void => {
  git(other, ['push', '--quiet', fixture.origin, ...tags.map((t) => `refs/tags/${t}`)]);
};

describe('remote changes are shown', () => {
  test('a tag pushed to origin from another clone shows as ↓ after the interval; f brings it in and says what changed', async () => {
    const fixture = makeFixture();
    let asked = 0;
    const counting = (real: Services): Services => ({...real, remoteTags: (check) => (asked++, real.remoteTags(check))});
    await withApp(fixture, {remoteIntervalMs: 300, services: counting}, async (h) => {
      assert.match(h.frame(), /↑ 2 not pushed$/m);
      const other = colleague(fixture);
      tag(other, 'segment#prod#1', {target: fixture.c1, time: T0 + 500});
      tag(other, 'segment@v0.2.0', {target: fixture.c2, time: T0 + 510});
      tag(other, 'newcomer@v1.0.0', {target: fixture.c1, time: T0 + 520});
      push(other, fixture, 'segment#prod#1', 'segment@v0.2.0', 'newcomer@v1.0.0');
      let frame = await h.waitForText('↓ 3 on origin: f fetches');
      assert.ok(asked >= 2, 'asked again by itself');
      assert.match(rowOf(frame, 'segment'), /segment\s+↓v0\.1\.0\s+-\s+-\s+↓-\s*$/, 'the latest and #prod cells');
      assert.equal(rowOf(frame, 'newcomer'), '', 'not here yet: counted in the header only');
      frame = await h.press('f');
      assert.match(frame, /Fetched 3 new tags: newcomer@v1\.0\.0, segment#prod#1, segment@v0\.2\.0/);
      assert.match(rowOf(frame, 'segment'), /segment\s+v0\.2\.0\s+-\s+-\s+v0\.1\.0\s*$/);
      assert.match(rowOf(frame, 'newcomer'), /newcomer\s+v1\.0\.0/);
      assert.doesNotMatch(aboveHints(frame), /↓/);
      assert.match(frame, /↑ 2 not pushed$/m);
      // nothing more on origin: f says so
      frame = await h.press('f');
      assert.match(frame, /Fetched tags from origin: nothing new/);
    });
  });

  test('a tag here not on origin and one there not here in the same cell: ↕', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {remoteIntervalMs: 200}, async (h) => {
      const other = colleague(fixture);
      tag(other, 'churn#dev#9', {target: fixture.c1, time: T0 + 500});
      push(other, fixture, 'churn#dev#9');
      const frame = await h.waitFor((f) => /churn\s+↑v1\.1\.0\s+↕v1\.1\.0/.test(rowOf(f, 'churn')), '↕ on churn #dev');
      assert.match(frame, /↑ 2 not pushed · ↓ 1 on origin: f fetches/);
    });
  });

  test('--readonly: the header counts what someone pushed, without offering f', async () => {
    const fixture = makeFixture();
    const other = colleague(fixture);
    tag(other, 'segment#prod#1', {target: fixture.c1, time: T0 + 500});
    push(other, fixture, 'segment#prod#1');
    await withApp(fixture, {readonly: true}, async (h) => {
      const frame = await h.waitForText('↓ 1 on origin');
      assert.doesNotMatch(frame, /f fetches/);
    });
  });

  test('--no-remote: origin is never asked by itself, however short the interval', async () => {
    const fixture = makeFixture();
    let asked = 0;
    const counting = (real: Services): Services => ({...real, remoteTags: (check) => (asked++, real.remoteTags(check))});
    await withApp(fixture, {noRemote: true, remoteIntervalMs: 50, services: counting}, async (h) => {
      const other = colleague(fixture);
      tag(other, 'segment#prod#1', {target: fixture.c1, time: T0 + 500});
      push(other, fixture, 'segment#prod#1');
      tag(fixture.repo, 'segment#dev#7', {target: fixture.c1, time: T0 + 510});
      await h.waitFor((_, s) => s.snapshot?.tagTargets.has('segment#dev#7') === true, 'the local tag read (time passing)');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(asked, 0);
      assert.match(h.frame(), /origin not asked \(--no-remote\)/);
      assert.doesNotMatch(aboveHints(h.frame()), /↓/);
    });
  });
});
