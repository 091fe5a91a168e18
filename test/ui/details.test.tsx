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

describe('small things', () => {
  test('"1 artifact", not "1 artifacts"', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    await withApp({repo}, {}, async (h) => {
      assert.match(h.frame(), /^1 artifact · /m);
    });
  });

  test('the name placeholder starts where typed text starts', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      const empty = (await h.press('N')).split('\n').find((line) => line.includes('Name')) ?? '';
      const typed = (await h.type('c')).split('\n').find((line) => line.includes('Name')) ?? '';
      assert.equal(empty.indexOf('rtifact name'), typed.indexOf('c') + 1, `${JSON.stringify(empty)} / ${JSON.stringify(typed)}`);
    });
  });

  test('Tab after a typed version starts the suggestions again from patch', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j', 'r', KEY.enter, '\u0015'); // segment v0.1.0; clear the version
      await h.type('v0.5.0');
      const frame = await h.press(KEY.tab);
      assert.match(frame, /Version\s+v0\.1\.1/, 'patch, the first suggestion');
    });
  });

  test('a filter line stays on the grid: /zzz Enter then r opens a form without it', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('/', 'z', 'z', 'z', KEY.enter);
      assert.match(h.frame(), /^\/zzz/m);
      const form = await h.press('r');
      assert.match(form, /Register a version/);
      assert.doesNotMatch(form, /\/zzz/);
      assert.match(await h.press(KEY.escape), /^\/zzz/m, 'back on the grid, the filter shows again');
    });
  });

  test("the panel's stage filter cycles in the grid's column order", async () => {
    const fixture = makeFixture(); // .gto: dev, staging, prod
    tag(fixture.repo, 'churn#staging#4', {target: fixture.c1, time: T0 + 130});
    await withApp(fixture, {}, async (h) => {
      await h.press(KEY.enter);
      const order: string[] = [];
      for (let i = 0; i < 4; i++) order.push(/History \[([^\]]*)\]/.exec(await h.press('s'))?.[1] ?? '?');
      assert.deepEqual(order, ['stage dev', 'stage staging', 'stage prod', 'all']);
    });
  });

  test('the choice of a new stage is written in ASCII: "+ new stage…"', async () => {
    const repo = makeRepo(); // no .gto: stages in use, and a new one
    const c1 = commit(repo, 'one');
    tag(repo, 'm@v1.0.0', {target: c1});
    tag(repo, 'm#dev#1', {target: c1, time: T0 + 10});
    await withApp({repo}, {}, async (h) => {
      const frame = await h.press('a', KEY.enter);
      assert.match(frame, /^ +(▶ )?\s*\d? ?\+ new stage…$/m, frame);
      assert.doesNotMatch(frame, /＋/);
    });
  });

  test('picker items are numbered as 1-9 pick them, also after the list scrolled', async () => {
    const repo = makeRepo();
    for (let i = 1; i <= 12; i++) commit(repo, `commit ${i}`, {}, {time: T0 + i});
    await withApp({repo}, {rows: 15}, async (h) => {
      let frame = await h.press('N');
      await h.type('m');
      frame = await h.press(KEY.enter);
      assert.match(frame, /▶ 1 [0-9a-f]{7} commit 12/, frame);
      assert.match(frame, /^ +2 [0-9a-f]{7} commit 11/m);
      frame = await h.press('k'); // wraps to the oldest: the window moves
      const first = /^ +(?:▶ )?1 [0-9a-f]{7} (commit \d+)/m.exec(frame)?.[1];
      assert.ok(first !== undefined, frame);
      assert.match(frame, /▶ \d [0-9a-f]{7} commit 1\b/);
      await h.press('1');
      const form = h.store.getState().form;
      assert.equal(form?.kind === 'register' && form.commits[form.commitIndex]?.subject, first, 'the item numbered 1 is the one 1 picks');
    });
  });
});
