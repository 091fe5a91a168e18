/**
 * Dialogs and modes the way lazygit and k9s behave, and the override the command line spells
 * `--force`, offered in the confirmation.
 */
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {T0, applyTestEnv, git, removeTempDirs} from '../helpers/repo.js';
import {runBuilt} from '../reliability/cli.js';
import {localTags, makeFixture, type Fixture} from './fixture.js';
import {KEY, renderApp, type Harness} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const withApp = async (fixture: Fixture, options: Parameters<typeof renderApp>[1], body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(fixture.repo, options);
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

/** A tag as git stores it: the object, its target and its message. */
const tagObject = (repo: string, name: string) => ({
  object: git(repo, ['rev-parse', `refs/tags/${name}`]).trim(),
  target: git(repo, ['rev-parse', `refs/tags/${name}^{commit}`]).trim(),
  message: git(repo, ['for-each-ref', '--format=%(contents)', `refs/tags/${name}`]),
});

describe('a refusal the command line overrides with --force', () => {
  test('the confirmation offers the override, starting on Cancel; Force makes the very tag `assign --force` makes', async () => {
    const ui = makeFixture();
    const cli = makeFixture();
    await withApp(ui, {}, async (h) => {
      await h.press('l', 'l', 'l', 'l'); // churn #prod: v1.0.0 holds it
      await h.press(KEY.enter);
      await h.press('2'); // v1.0.0, explicitly
      let frame = await h.press(KEY.enter); // prod
      assert.equal(h.store.getState().modes.at(-1), 'confirm', 'not a dead end on the status line');
      assert.match(frame, /Version 'v1\.0\.0' is already in stage 'prod'/);
      assert.match(frame, /--force/);
      assert.match(frame, /▶ \[ Cancel \]\s+\[ Force \]/);
      assert.match(frame, /tag\s+churn#prod#4/);
      const before = localTags(ui.repo);
      frame = await h.press(KEY.enter); // Cancel
      assert.deepEqual(localTags(ui.repo), before, 'Cancel writes nothing');
      await h.press(KEY.enter); // the stage again: the same override
      frame = await h.press('y');
      assert.match(frame, /Created 'churn#prod#4'/);
    });
    const run = await runBuilt(cli.repo, ['assign', 'churn', '--version', 'v1.0.0', '--stage', 'prod', '--force']);
    assert.equal(run.code, 0, run.stderr);
    const made = localTags(ui.repo).filter((t) => !localTags(cli.repo).includes(t));
    assert.deepEqual(made, [], 'the UI made no tag the CLI did not');
    assert.deepEqual(localTags(ui.repo), localTags(cli.repo));
    assert.deepEqual(tagObject(ui.repo, 'churn#prod#4'), tagObject(cli.repo, 'churn#prod#4'));
  });
});

describe('dialogs and modes as in lazygit and k9s', () => {
  test('q in a confirmation cancels it, as Esc does', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      const before = localTags(fixture.repo);
      await h.press('x'); // deprecate churn?
      assert.equal(h.store.getState().modes.at(-1), 'deprecate');
      const frame = await h.press('q');
      assert.deepEqual(h.store.getState().modes, ['grid']);
      assert.equal(h.store.getState().quitting, false, 'q did not quit the app');
      assert.match(frame, /Cancelled: nothing was written/);
      assert.deepEqual(localTags(fixture.repo), before);
    });
  });

  test('in a text field every printable key is text, q and ? included', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('/');
      await h.type('q?jx');
      assert.equal(h.store.getState().filter, 'q?jx');
      assert.equal(h.store.getState().quitting, false);
      await h.press(KEY.escape, 'j', 'r', KEY.enter, KEY.enter);
      await h.type('why? q');
      const form = h.store.getState().form;
      assert.equal(form?.kind === 'register' && form.message, 'why? q');
      assert.equal(h.store.getState().modes.at(-1), 'register');
    });
  });

  test('--readonly: a key that writes says "read-only" instead of doing nothing', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {readonly: true}, async (h) => {
      for (const key of ['r', 'a', 'x', 'p', 'f', 'u', 'N']) {
        const frame = await h.press(key);
        assert.match(frame, /read-only/i, `${key}: ${frame.split('\n').at(-2)}`);
        assert.deepEqual(h.store.getState().modes, ['grid']);
      }
      assert.match(h.frame(), /--readonly/);
    });
  });

  test('quitting with tags this run made and did not push asks once, naming them', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j', 'r', KEY.enter, KEY.enter, KEY.enter, KEY.enter); // segment@v0.1.1
      let frame = await h.press('q');
      assert.equal(h.store.getState().quitting, false);
      assert.match(frame, /Quit with 1 tag not pushed\?/);
      assert.match(frame, /segment@v0\.1\.1/);
      assert.doesNotMatch(frame, /churn#dev#3/, 'only tags made in this run');
      frame = await h.press('n');
      assert.equal(h.store.getState().quitting, false, 'n stays');
      await h.press('q');
      await h.press('y');
      assert.equal(h.store.getState().quitting, true, 'y quits');
    });
  });

  test('after pushing what it made, q quits without asking', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j', 'r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
      await h.press('p', KEY.enter);
      await h.waitFor((_, s) => s.modes.length === 1 && s.remote.kind === 'known', 'pushed');
      await h.press('q');
      assert.equal(h.store.getState().quitting, true);
    });
  });

  test('deregistering a version that holds stages says which stages it leaves', async () => {
    const fixture = makeFixture(); // churn v1.0.0 holds prod
    await withApp(fixture, {}, async (h) => {
      const frame = await h.press(KEY.enter, 'j', 'x');
      assert.match(frame, /Deregister churn v1\.0\.0/);
      assert.match(frame, /v1\.0\.0 leaves stage prod/);
      const segment = await h.press(KEY.escape, KEY.escape, 'j', 'l', 'x'); // segment v0.1.0: no stage
      assert.match(segment, /Deregister segment v0\.1\.0/);
      assert.doesNotMatch(segment, /leaves stage/);
    });
  });

  test('the demo opened because the directory is not a repository says so', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {demo: {reason: 'not-a-repository', directory: '/home/me/somewhere'}}, async (h) => {
      assert.match(h.frame(), /demo registry: \/home\/me\/somewhere is not a git repository/);
    });
  });
});
