/** The small things a person notices in the first minutes: counts, placeholders, orders, glyphs, defaults. */
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {localTags, makeFixture} from './fixture.js';
import {KEY, renderApp, type Harness} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const withApp = async (fixture: {repo: string}, options: Parameters<typeof renderApp>[1], body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(fixture.repo, options);
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

describe('the assign form', () => {
  test('pre-selects the newest version the stage does not hold, so Enter Enter never walks into a no-op', async () => {
    // m: v2.0.0 (in dev) and v1.0.0; HEAD is v2.0.0's commit
    const repo = makeRepo();
    const c1 = commit(repo, 'one', {'.gto': 'stages: [dev, prod]\n'});
    tag(repo, 'm@v1.0.0', {target: c1, time: T0 + 10});
    const c2 = commit(repo, 'two', {}, {time: T0 + 20});
    tag(repo, 'm@v2.0.0', {target: c2, time: T0 + 30});
    tag(repo, 'm#dev#1', {target: c2, time: T0 + 40});
    await withApp({repo}, {}, async (h) => {
      let frame = await h.press('l', 'l', KEY.enter); // m #dev
      assert.match(frame, /Version\s+v1\.0\.0/, 'dev holds v2.0.0: v1.0.0 is offered');
      frame = await h.press(KEY.enter, KEY.enter);
      assert.equal(h.store.getState().modes.at(-1), 'confirm');
      assert.equal(h.store.getState().confirm?.override, undefined, 'no override needed');
      assert.match(frame, /tag\s+m#dev#2/);
      await h.press(KEY.escape, KEY.escape, KEY.escape);
      frame = await h.press('l', KEY.enter); // m #prod: nobody
      assert.match(frame, /Version\s+v2\.0\.0/, 'the newest');
      assert.deepEqual(localTags(repo), ['m#dev#1', 'm@v1.0.0', 'm@v2.0.0']);
    });
  });
});

describe('without colour', () => {
  test('a deprecated artifact has a glyph of its own (⊘), not only a grey colour', async () => {
    const fixture = makeFixture(); // old is deprecated
    await withApp(fixture, {color: false}, async (h) => {
      assert.equal(h.instance.lastFrame()?.includes('\u001b['), false, 'no escape codes at all here');
      const frame = await h.press('d');
      const old = frame.split('\n').find((line) => / old\b/.test(line)) ?? '';
      const churn = frame.split('\n').find((line) => / churn\b/.test(line)) ?? '';
      assert.match(old, /old ⊘/, frame);
      assert.doesNotMatch(churn, /⊘/);
      assert.match(frame, /⊘ deprecated/, 'the header says what ⊘ means while one shows');
    });
  });
});
