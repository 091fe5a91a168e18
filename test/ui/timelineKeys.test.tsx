/**
 * The timeline on the grid through the keyboard (ink-testing-library, a real repository):
 * `t` enters it, `[`/`]` step one event, `{`/`}` one day, `T` goes to a typed moment, the
 * header names the moment and the event, changed cells carry a glyph (NO_COLOR too), write
 * keys say why they do nothing, `Esc` returns to now, and no step runs git.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, gitDate, makeRepo, removeTempDirs} from '../helpers/repo.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';
import {DVC_MONOREPO} from '../helpers/dvcMonorepo.js';
import {KEY, withApp} from './harness.js';

applyTestEnv();
after(removeTempDirs);

const HOUR = 3600;

/** An annotated tag by `who` at `time`. */
const tagBy = (repo: string, who: string, name: string, target: string, time: number): void => {
  git(repo, ['tag', '-a', '-m', name, '--', name, target], {env: {GIT_COMMITTER_NAME: who, GIT_COMMITTER_DATE: gitDate(time)}});
};

/**
 * 2024-01-01: churn v1.0.0 registered 01:00 and in prod 02:00, segment v0.1.0 03:00;
 * 2024-01-02: churn v3.0.0 registered 20:00 and in prod 21:00 (Carol Diaz).
 */
const makeHistory = (): string => {
  const repo = makeRepo();
  const c1 = commit(repo, 'one', {'.gto': 'stages: [dev, prod]\n', 'artifacts.yaml': 'churn: {type: model}\n'}, {time: T0});
  tagBy(repo, 'Alice Ops', 'churn@v1.0.0', c1, T0 + HOUR);
  tagBy(repo, 'Alice Ops', 'churn#prod#1', c1, T0 + 2 * HOUR);
  tagBy(repo, 'Bob Builder', 'segment@v0.1.0', c1, T0 + 3 * HOUR);
  const c2 = commit(repo, 'two', {'model.bin': '3'}, {time: T0 + 40 * HOUR});
  tagBy(repo, 'Carol Diaz', 'churn@v3.0.0', c2, T0 + 44 * HOUR);
  tagBy(repo, 'Carol Diaz', 'churn#prod#2', c2, T0 + 45 * HOUR);
  return repo;
};

const header = (frame: string): string => frame.split('\n')[1] ?? '';
const rowOf = (frame: string, name: string): string => frame.split('\n').find((line) => new RegExp(`^[▶ ] .\\*?${name} `).test(line)) ?? '';

describe('the timeline (t)', () => {
  let repo: string;
  before(() => {
    process.env['TZ'] = 'UTC';
    repo = makeHistory();
  });

  test('t opens it at now: the header names the moment and the event, the changed cell carries ◆ (no colour needed)', async () => {
    await withApp(repo, {color: false, columns: 100}, async (h) => {
      const frame = await h.press('t');
      assert.equal(header(frame).trim(), 'as of 2024-01-02 21:00 · Carol Diaz assigned churn v3.0.0 to prod · event 5/5');
      assert.match(rowOf(frame, 'churn'), /^▶  churn +v3\.0\.0 +- +◆v3\.0\.0/);
      assert.doesNotMatch(rowOf(frame, 'segment'), /◆/);
      assert.match(frame.split('\n').at(-1)!, /\[ earlier {2}\] later {2}T date {2}Esc now/);
    });
  });

  test('[ and ] step one event; the grid, the header and the markers follow', async () => {
    await withApp(repo, {}, async (h) => {
      await h.press('t');
      let frame = await h.press('[');
      assert.equal(header(frame).trim(), 'as of 2024-01-02 20:00 · Carol Diaz registered churn v3.0.0 · event 4/5');
      assert.match(rowOf(frame, 'churn'), /◆v3\.0\.0 +- +v1\.0\.0/);
      frame = await h.press('[', '[');
      assert.equal(header(frame).trim(), 'as of 2024-01-01 02:00 · Alice Ops assigned churn v1.0.0 to prod · event 2/5');
      assert.equal(rowOf(frame, 'segment'), '', 'segment was not registered yet');
      assert.match(rowOf(frame, 'churn'), /v1\.0\.0 +- +◆v1\.0\.0/);
      frame = await h.press('[', '[');
      assert.match(header(frame), /as of 2024-01-01 00:59 · before the first registry event/);
      assert.match(rowOf(frame, 'churn'), /\*churn +- +- +-/, 'known from artifacts.yaml only');
      frame = await h.press(']');
      assert.match(header(frame), /Alice Ops registered churn v1\.0\.0 · event 1\/5/);
      assert.match(rowOf(frame, 'churn'), /◆churn +◆v1\.0\.0/);
    });
  });

  test('{ and } move a day; T goes to a typed date or tag; arrows still move between cells', async () => {
    await withApp(repo, {}, async (h) => {
      await h.press('t');
      let frame = await h.press('{');
      assert.match(header(frame), /as of 2024-01-01 21:00 · last event at 03:00: Bob Builder registered segment v0\.1\.0 · event 3\/5/);
      assert.match(rowOf(frame, 'segment'), /◆v0\.1\.0/);
      frame = await h.press('}');
      assert.match(header(frame), /as of 2024-01-02 21:00 · Carol Diaz assigned churn/);
      frame = await h.press('T');
      assert.match(header(frame), /go to: ▏/);
      frame = await h.type('2024-01-01T02:30');
      assert.match(header(frame), /go to: 2024-01-01T02:30▏/);
      frame = await h.press(KEY.enter);
      assert.match(header(frame), /as of 2024-01-01 02:30 · last event at 02:00: Alice Ops assigned churn v1\.0\.0 to prod · event 2\/5/);
      frame = await h.press('T');
      frame = await h.type('churn@v3.0.0');
      frame = await h.press(KEY.enter);
      assert.match(header(frame), /event 4\/5/);
      frame = await h.press('T');
      await h.type('someday');
      frame = await h.press(KEY.enter);
      assert.match(frame, /'someday' is neither a date \(YYYY-MM-DD\[THH:MM\]\) nor a registry tag/);
      frame = await h.press(KEY.escape);
      assert.match(header(frame), /event 4\/5/);
      const before = h.store.getState().cursor.col;
      await h.press(KEY.right, 'l');
      assert.equal(h.store.getState().cursor.col, before + 2);
      await h.press('j');
      assert.match(h.frame().split('\n').find((line) => line.startsWith('▶')) ?? '', /segment/);
    });
  });

  test('write keys do nothing in the past and say why; Esc returns to now', async () => {
    await withApp(repo, {}, async (h) => {
      const tags = git(repo, ['tag', '--list']);
      await h.press('t', '[');
      for (const key of ['a', 'r', 'x', 'p', 'u', 'N', 'f']) {
        const frame = await h.press(key);
        assert.equal(h.store.getState().modes.at(-1), 'timeline', `${key} opens nothing`);
        assert.match(frame, /Writes are off while looking at the past: Esc returns to now/);
      }
      assert.equal(git(repo, ['tag', '--list']), tags);
      const frame = await h.press(KEY.escape);
      assert.match(header(frame), /2 artifacts · /);
      assert.match(rowOf(frame, 'churn'), /v3\.0\.0 +- +.?v3\.0\.0/);
      assert.doesNotMatch(frame, /◆/);
      assert.equal(h.store.getState().timeline, null);
    });
  });

  test('? lists the timeline keys', async () => {
    await withApp(repo, {rows: 30}, async (h) => {
      const frame = await h.press('t', '?');
      assert.match(frame, /Keys: Timeline/);
      for (const text of [/\[ +one registry event back/, /\] +one registry event forward/, /\{ +one day back/, /\} +one day forward/, /T +go to a date or a registry tag/, /Esc +back to now/]) assert.match(frame, text);
    });
  });

  test('stepping runs no git: only entering the timeline reads the tags', async () => {
    await withLoggedGit((soFar) =>
      withApp(repo, {}, async (h) => {
        await h.press('t');
        const entered = soFar();
        await h.press('[', '[', '[', ']', '{', '}', 'T');
        await h.type('2024-01-01');
        await h.press(KEY.enter);
        assert.match(header(h.frame()), /before the first registry event/);
        assert.deepEqual(soFar(), entered);
      }),
    );
  });
});

describe('the timeline with dvc.yaml files', () => {
  test('at now it is the grid as loaded: the artifacts of HEAD’s dvc.yaml files stay, as today', async () => {
    process.env['TZ'] = 'UTC';
    const repo = makeRepo();
    const c1 = commit(repo, 'one', {'artifacts.yaml': 'churn: {type: model}\n'}, {time: T0});
    tagBy(repo, 'Alice Ops', 'churn@v1.0.0', c1, T0 + HOUR);
    commit(repo, 'monorepo', DVC_MONOREPO, {time: T0 + 2 * HOUR});
    await withApp(repo, {color: false, columns: 100}, async (h) => {
      const now = h.frame();
      assert.match(rowOf(now, 'nlp/sentiment:sentiment'), /sentiment/);
      const frame = await h.press('t');
      assert.match(header(frame), /as of 2024-01-01 01:00 · Alice Ops registered churn v1\.0\.0/);
      assert.match(rowOf(frame, 'nlp/sentiment:sentiment'), /sentiment/);
      assert.equal(frame.split('\n').slice(2, -1).join('\n').replace(/◆/g, ' '), now.split('\n').slice(2, -1).join('\n'));
    });
  });
});
