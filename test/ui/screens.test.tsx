/**
 * Every screen uses the terminal it has: columns as wide as their content, a hint bar that
 * keeps `? help` and the way out, help that wraps and scrolls on every screen, scroll labels
 * on the side they point to, a history with a cursor, and a position on every list.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {makeFixture} from './fixture.js';
import {KEY, withApp} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const F1 = '\u001BOP';
const STAGES = ['dev', 'qa', 'staging', 'canary', 'us-east-production', 'eu-west-production', 'ap-south-production', 'prod', 'archive'];
const LONG_NAME = 'customer-lifetime-value-forecast-gradient-boost';

/**
 * churn-model: v10.20.300-rc.1 (staging, prod and dev, a long message) and v9.0.0;
 * old-model: deprecated; a 47-character name; nine stages.
 */
const makeWideRegistry = (): string => {
  const repo = makeRepo();
  const c1 = commit(repo, 'first', {'.gto': `stages: [${STAGES.join(', ')}]\n`});
  const c2 = commit(repo, 'second', {'notes.txt': 'more\n'}, {time: T0 + 1});
  tag(repo, 'churn-model@v9.0.0', {target: c1, time: T0 + 5});
  tag(repo, 'churn-model@v10.20.300-rc.1', {target: c2, time: T0 + 10, message: 'Release candidate one of the twentieth minor, trained on the whole year of data'});
  tag(repo, 'churn-model#staging#1', {target: c2, time: T0 + 20});
  tag(repo, 'churn-model#prod#2', {target: c2, time: T0 + 30});
  tag(repo, 'churn-model#dev#3', {target: c2, time: T0 + 40});
  tag(repo, 'old-model@v1.0.0', {target: c1, time: T0 + 50});
  tag(repo, 'old-model@deprecated', {target: c1, time: T0 + 60});
  tag(repo, `${LONG_NAME}@v1.0.0`, {target: c1, time: T0 + 70});
  return repo;
};

/** m with 30 versions, each registered: 30 history events. */
const makeLongHistory = (): string => {
  const repo = makeRepo();
  const c1 = commit(repo, 'first', {'.gto': 'stages: [dev, prod]\n'});
  for (let i = 1; i <= 30; i++) tag(repo, `m@v1.${i}.0`, {target: commit(repo, `c${i}`, {}, {time: T0 + i}), time: T0 + i});
  return repo;
};

const lines = (frame: string): string[] => frame.split('\n');
const lastLine = (frame: string): string => lines(frame).at(-1) ?? '';
/** The artifact panel's body: from the artifact's name line to the end. */
const panel = (frame: string, name: string): string => frame.slice(frame.indexOf(`\n${name}`));

describe('columns grow with the terminal', () => {
  let repo: string;
  before(() => {
    repo = makeWideRegistry();
  });

  for (const columns of [80, 100, 200]) {
    test(`the artifact panel at ${columns} columns shows versions and tags whole, stages as whole names`, async () => {
      await withApp(repo, {columns, rows: 30}, async (h) => {
        const frame = panel(await h.press(KEY.enter), 'churn-model');
        assert.match(frame, /^Versions/m, frame);
        assert.match(frame, /^▶ v10\.20\.300-rc\.1 /m, 'the version whole');
        for (const tagName of ['churn-model#dev#3', 'churn-model#prod#2', 'churn-model#staging#1', 'churn-model@v10.20.300-rc.1', 'churn-model@v9.0.0']) {
          assert.match(frame, new RegExp(`${tagName.replace(/[.#@]/g, '\\$&')}$`, 'm'), `${tagName} whole`);
        }
        const name = '(?:dev|prod|staging)';
        const stages = new RegExp(`^▶ v10\\.20\\.300-rc\\.1 +(${name}(?:, ${name})*(?: \\+\\d)?)(?: |$)`, 'm').exec(frame)?.[1];
        assert.ok(stages !== undefined, `the stages column holds whole stage names:\n${frame}`);
        if (columns >= 100) assert.equal(stages.split(', ').length, 3, 'all three stages');
        if (columns === 200) assert.doesNotMatch(frame, /…/, 'at 200 columns nothing is cut');
      });
    });
  }

  test("the grid's name column is as wide as the longest name when there is room", async () => {
    await withApp(repo, {columns: 200, rows: 24}, async (h) => {
      assert.match(h.frame(), new RegExp(`^  [ ↑?]${LONG_NAME} +v1\\.0\\.0`, 'm'));
    });
    await withApp(repo, {columns: 80, rows: 24}, async (h) => {
      assert.match(h.frame(), /^▶ [ ↑?]churn-model +v10\.20\.300-rc\.1 /m, 'narrow: the name may be cut, never the version');
    });
  });
});

describe('horizontal scrolling', () => {
  test('the label points to where the hidden columns are, whole, on both sides when both', async () => {
    const repo = makeWideRegistry();
    await withApp(repo, {columns: 120, rows: 24}, async (h) => {
      const title = (frame: string): string => lines(frame).find((line) => line.startsWith('   name')) ?? '';
      let frame = h.frame();
      assert.match(title(frame), / \d+ more →/, 'at the start: more on the right');
      assert.doesNotMatch(title(frame), /←/);
      for (let i = 0; i < 5; i++) frame = await h.press('l');
      assert.match(title(frame), /name +← \d+ more +#/, 'mid-way: more on the left…');
      assert.match(title(frame), /#\S+ +\d+ more →/, '…and on the right');
      for (let i = 0; i < 10; i++) frame = await h.press('l');
      assert.match(title(frame), /name +← \d+ more +#/, 'at the last column: the hidden columns are on the left');
      assert.doesNotMatch(title(frame), /more →|\(/);
      assert.match(title(frame), /#archive/);
    });
  });
});

describe('the hint bar', () => {
  test('keeps `? help` and `q quit` whole at every width, on the grid and in the panel', async () => {
    const fixture = makeFixture();
    for (const columns of [60, 80, 100, 120]) {
      await withApp(fixture.repo, {columns}, async (h) => {
        assert.match(lastLine(h.frame()), /(^| {2})\? help {2}q quit$/, `grid at ${columns}: ${lastLine(h.frame())}`);
        const inPanel = lastLine(await h.press(KEY.enter));
        assert.match(inPanel, /(^| {2})\? help {2}q quit$/, `panel at ${columns}: ${inPanel}`);
        assert.match(inPanel, /Esc back/);
      });
    }
  });

  test('fills the rest by priority, every hint whole', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 60}, async (h) => {
      const bar = lastLine(h.frame());
      assert.doesNotMatch(bar, /…/);
      assert.match(bar, /Enter open/, 'what Enter does comes before moving');
    });
  });

  test('on an empty registry N is offered, as the screen says', async () => {
    const repo = makeRepo();
    commit(repo, 'first', {'.gto': 'stages: [prod]\n'});
    await withApp(repo, {columns: 80}, async (h) => {
      const frame = h.frame();
      assert.match(frame, /press N to register one/);
      assert.match(lastLine(frame), /N new artifact/);
    });
  });

  test('in a text field: F1 help and Esc, not keys that type', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 80}, async (h) => {
      const bar = lastLine(await h.press('r', KEY.enter)); // the version field
      assert.match(bar, /Esc back/);
      assert.match(bar, /F1 help/);
      assert.doesNotMatch(bar, /\? help/);
    });
  });
});

describe('help', () => {
  for (const [columns, rows] of [
    [80, 24],
    [60, 15],
  ] as const) {
    test(`is readable at ${columns}×${rows}: wrapped, ✎ kept, scrolling with its position`, async () => {
      const fixture = makeFixture();
      await withApp(fixture.repo, {columns, rows}, async (h) => {
        let frame = await h.press('?');
        assert.match(frame, /Keys: Registry {2}lines 1-\d+ of (\d+)/);
        const total = Number(/lines 1-\d+ of (\d+)/.exec(frame)![1]);
        assert.match(lines(frame).at(-1)!, /↓\/j scroll/, 'the hint says it scrolls');
        assert.doesNotMatch(lines(frame).filter((line) => line.startsWith('│')).join('\n'), /…/, 'nothing cut');
        const seen = [frame];
        while (!new RegExp(`lines \\d+-${total} of ${total}`).test(frame)) {
          frame = await h.press('j');
          seen.push(frame);
          assert.ok(seen.length < 100, 'j scrolls to the end');
        }
        const all = seen.join('\n');
        assert.match(all, /deprecate\/deregister\/unassign ✎/, 'a whole description, its ✎ kept');
        assert.match(all, /register a new artifact/);
        assert.match(await h.press('g'), /lines 1-/, 'g: back to the top');
        assert.match(await h.press('G'), new RegExp(`of ${total}`));
        assert.match(await h.press(KEY.escape), /name\s+latest/);
      });
    });
  }

  test('at 100×30 the grid\'s keys all show at once, in two columns, nothing cut', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 100, rows: 30}, async (h) => {
      const frame = await h.press('?');
      assert.doesNotMatch(frame, /lines \d+-\d+ of/, 'no scrolling');
      const box = lines(frame).filter((line) => line.startsWith('│')).join('\n');
      assert.doesNotMatch(box, /…/, 'nothing cut');
      assert.match(box, /│ ↑ k +move up +\S/, 'a second column beside the first');
      for (const description of ['move up', 'deprecate/deregister/unassign ✎', 'reload the registry', 'quit', 'suspend (fg comes back)']) {
        assert.ok(box.includes(description), description);
      }
      assert.match(frame, /✎ writes a tag/);
      assert.match(lines(frame).at(-1)!, /^Esc back$/, 'nothing to scroll: no scroll hint');
    });
  });

  test('opens on every screen: F1 in a text field, ? in a picker and a confirmation; Esc comes back to where it was', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 80}, async (h) => {
      let frame = await h.press('r');
      assert.match(frame, /▶ Commit/);
      frame = await h.press('?');
      assert.match(frame, /Keys: Register/);
      assert.match(frame, /1-9 +pick the n-th choice shown/, 'digit picks are documented');
      frame = await h.press(KEY.escape);
      assert.match(frame, /▶ Commit/, 'back in the form, on the same step');
      frame = await h.press(KEY.enter); // the version field: ? is text here
      frame = await h.press(F1);
      assert.match(frame, /Keys: Register/);
      const help = [frame, await h.press('G')].join('\n');
      assert.match(help, /Tab +next suggested version/);
      assert.match(help, /\^u +clear the field/);
      frame = await h.press(KEY.escape);
      assert.match(frame, /▶ Version +v1\.1\.1/, 'the typed version is kept');
      await h.press(KEY.escape, KEY.escape);
      frame = await h.press('x'); // deprecate churn: a confirmation
      assert.match(frame, /Deprecate churn/);
      frame = await h.press('?');
      assert.match(frame, /Keys: Deprecate/);
      assert.match(await h.press(KEY.escape), /Deprecate churn/);
    });
  });
});

describe('the history view', () => {
  test("uses the rows it has and has a cursor: Tab j j j on churn's panel at 120×35 keeps every event", async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 120, rows: 35}, async (h) => {
      await h.press(KEY.enter);
      const frame = await h.press(KEY.tab, 'j', 'j', 'j');
      for (const name of ['churn#dev#3', 'churn@v1.1.0', 'churn#prod#2', 'churn#dev#1', 'churn@v1.0.0']) assert.match(frame, new RegExp(`${name}$`, 'm'));
      assert.match(frame, /^▶ .*churn#dev#1$/m, 'the cursor on the fourth event');
      assert.match(frame, /History \[all\] {2}4\/5/);
    });
  });

  test('a long history says what is above and below; g G PgDn PgUp ^d ^u Home End move the cursor', async () => {
    const repo = makeLongHistory();
    await withApp(repo, {columns: 100, rows: 24}, async (h) => {
      await h.press(KEY.enter);
      let frame = await h.press(KEY.tab);
      assert.match(frame, /History \[all\] {2}1\/30/);
      assert.match(frame, /↓ \d+ more below/);
      assert.doesNotMatch(frame, /more above/);
      frame = await h.press('G');
      assert.match(frame, /History \[all\] {2}30\/30/);
      assert.match(frame, /^▶ .*m@v1\.1\.0$/m, 'the oldest event, last');
      assert.match(frame, /↑ \d+ more above/);
      frame = await h.press(KEY.pageUp);
      const afterPage = Number(/History \[all\] {2}(\d+)\/30/.exec(frame)![1]);
      assert.ok(afterPage < 30 && afterPage > 1, `PgUp moves a page: ${afterPage}`);
      frame = await h.press('\u0004'); // ^d
      assert.match(frame, /History \[all\] {2}30\/30/);
      frame = await h.press('\u0015'); // ^u
      assert.match(frame, new RegExp(`History \\[all\\] {2}${afterPage}/30`));
      frame = await h.press('\u001B[H'); // Home
      assert.match(frame, /History \[all\] {2}1\/30/);
      frame = await h.press('\u001B[F'); // End
      assert.match(frame, /History \[all\] {2}30\/30/);
      frame = await h.press('g');
      assert.match(frame, /History \[all\] {2}1\/30/);
      assert.match(frame, /^Versions {2}1\/30/m, 'the versions list has its own position');
    });
  });
});

describe('positions', () => {
  test('the grid, the push screen and the pickers say where the cursor is', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 100}, async (h) => {
      assert.match(lines(h.frame())[2] ?? '', / 1\/2$/, 'the grid: at the end of its title row');
      assert.match(lines(await h.press('j'))[2] ?? '', / 2\/2$/);
      let frame = await h.press('k', 'p');
      assert.match(frame, /Push to origin: 2 of 2 local-only tags chosen {2}1\/2/);
      await h.press(KEY.escape);
      frame = await h.press('r');
      assert.match(frame, /▶ Commit +\S+ second {2}1\/2/);
      frame = await h.press('j');
      assert.match(frame, /▶ Commit +\S+ first {2}2\/2/);
    });
  });
});
