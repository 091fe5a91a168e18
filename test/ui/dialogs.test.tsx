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
