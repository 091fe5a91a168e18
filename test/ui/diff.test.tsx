/**
 * What changes between two versions, in the UI: the assign confirmation's summary line and the
 * `D` screen (commits and files against what a stage holds, `s` for another stage, Enter for a
 * file's diff), on a real repository.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import type {Harness} from './harness.js';

// colour on (chalk reads this when Ink is first loaded), so the +/- colours can be checked
process.env['FORCE_COLOR'] = '1';
const {KEY, withApp} = await import('./harness.js');
applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const numbered = (count: number, prefix: string): string => Array.from({length: count}, (_, i) => `${prefix} ${i}\n`).join('');
const EVIL = 'x \u001b]0;owned\u0007 \u001b[2J \u202e';

/**
 * c0 ─ c1 ─ c2 ─ c3 on main, `side` from c0. churn (path models/churn): v1.0.0 c1 (prod),
 * v1.1.0 c2 (dev), v1.2.0 c3, v0.9.0 on side. segment (no path): v0.1.0 c1, v0.2.0 c3.
 */
const fixture = () => {
  const repo = makeRepo();
  const annotations = 'churn:\n  type: model\n  path: models/churn\nsegment: {}\n';
  commit(repo, 'start', {'.gto': 'stages: [dev, staging, prod]\n', 'artifacts.yaml': annotations, 'README.md': 'x\n'}, {time: T0});
  const c1 = commit(repo, 'first churn', {'models/churn/weights.txt': numbered(60, 'w'), 'models/churn/metrics.json': numbered(8, 'm')}, {time: T0 + 60});
  const c2 = commit(repo, 'retrain', {'models/churn/weights.txt': numbered(60, 'W')}, {time: T0 + 120});
  const c3 = commit(
    repo,
    `tune ${EVIL}`,
    {'models/churn/metrics.json': null, 'models/churn/eval.json': numbered(8, 'm') + `note ${EVIL}\n`, 'README.md': 'y\n'},
    {time: T0 + 180},
  );
  git(repo, ['checkout', '--quiet', '-b', 'side', 'HEAD~3']);
  const s1 = commit(repo, 'experiment', {'models/churn/weights.txt': 'other\n'}, {time: T0 + 240});
  git(repo, ['checkout', '--quiet', 'main']);
  tag(repo, 'churn@v0.9.0', {target: s1, time: T0 + 290});
  tag(repo, 'churn@v1.0.0', {target: c1, time: T0 + 300});
  tag(repo, 'churn#prod#1', {target: c1, time: T0 + 310});
  tag(repo, 'churn@v1.1.0', {target: c2, time: T0 + 320});
  tag(repo, 'churn#dev#2', {target: c2, time: T0 + 330});
  tag(repo, 'churn@v1.2.0', {target: c3, time: T0 + 340});
  tag(repo, 'segment@v0.1.0', {target: c1, time: T0 + 350});
  tag(repo, 'segment@v0.2.0', {target: c3, time: T0 + 360});
  return {repo, c1, c2, c3, s1};
};

/** The artifact panel of the first grid row (churn), then `D` on the version `down` rows below the newest. */
const openDiff = async (h: Harness, down = 0, row = 0): Promise<string> => {
  for (let i = 0; i < row; i++) await h.press('j');
  await h.press(KEY.enter);
  for (let i = 0; i < down; i++) await h.press('j');
  return h.press('D');
};

describe('D: a version compared with what a stage holds', () => {
  let f: ReturnType<typeof fixture>;
  before(() => {
    f = fixture();
  });

  test('by default against the last stage holding a version: summary, commits, files with a rename', async () => {
    await withApp(f.repo, {}, async (h) => {
      const frame = await openDiff(h);
      assert.match(frame, /churn · prod: v1\.0\.0 → v1\.2\.0 · 2 commits · 2 files under models\/churn/);
      assert.match(frame, new RegExp(`from prod v1\\.0\\.0 \\(${f.c1.slice(0, 7)}\\) to v1\\.2\\.0 \\(${f.c3.slice(0, 7)}\\)`));
      assert.match(frame, /^Commits \(2\)$/m);
      assert.match(frame, new RegExp(`^▶ \\+ ${f.c3.slice(0, 7)}  2024-01-01 00:03:00\\+00:00  Alice Author  tune `, 'm'));
      assert.match(frame, new RegExp(`^  \\+ ${f.c2.slice(0, 7)} .* retrain$`, 'm'));
      assert.match(frame, /^Files under models\/churn \(2\)$/m);
      assert.match(frame, /^ {2}\+1 -0 {4}models\/churn\/metrics\.json → models\/churn\/eval\.json$/m);
      assert.match(frame, /^ {2}\+60 -60 {2}models\/churn\/weights\.txt$/m);
      assert.doesNotMatch(frame, /README/, 'only files under the path');
      assert.match(frame, /↓\/j move {2}s stage {2}Esc back/);
    });
  });

  test('s compares with the next stage; a rollback says how many commits back', async () => {
    await withApp(f.repo, {}, async (h) => {
      let frame = await openDiff(h);
      frame = await h.press('s');
      assert.match(frame, /churn · dev: v1\.1\.0 → v1\.2\.0 · 1 commit · 1 file under models\/churn/);
      await h.press(KEY.escape);
      await h.press('j', 'j'); // v1.0.0
      frame = await h.press('D');
      assert.match(frame, /churn · prod: v1\.0\.0 → v1\.0\.0 · same commit · 0 files under models\/churn/);
      assert.match(frame, /Same commit: nothing between them/);
      frame = await h.press('s');
      assert.match(frame, /churn · dev: v1\.1\.0 → v1\.0\.0 · rollback: 1 commit back · 1 file under models\/churn/);
      assert.match(frame, /^Commits the rollback takes away \(1\)$/m);
      assert.match(frame, new RegExp(`^▶ - ${f.c2.slice(0, 7)} .* retrain$`, 'm'));
    });
  });

  test('a version on another branch: commits of each side', async () => {
    await withApp(f.repo, {}, async (h) => {
      const frame = await openDiff(h, 3); // v0.9.0, on side
      assert.match(frame, /churn · prod: v1\.0\.0 → v0\.9\.0 · on another branch: 1 commit ahead, 1 behind · 2 files under models/);
      assert.match(frame, /On another branch: \+ only in v0\.9\.0, - only in prod v1\.0\.0/);
      assert.match(frame, new RegExp(`\\+ ${f.s1.slice(0, 7)} .* experiment`));
      assert.match(frame, new RegExp(`- ${f.c1.slice(0, 7)} .* first churn`));
    });
  });

  test('without a path and without a stage: the whole repository against the previous version', async () => {
    await withApp(f.repo, {}, async (h) => {
      let frame = await openDiff(h, 0, 1);
      assert.match(frame, /segment · v0\.1\.0 → v0\.2\.0 · 2 commits · 3 files$/m);
      assert.match(frame, /README\.md/);
      frame = await h.press('s');
      assert.match(frame, /No stage holds a version of segment: compared with the version before/);
    });
  });

  test("Enter on a file shows its diff, escaped, +/- lines coloured with their glyphs; it scrolls; Esc goes back", async () => {
    await withApp(f.repo, {color: true, rows: 24}, async (h) => {
      await openDiff(h);
      await h.press('j', 'j'); // the first file: the rename
      let frame = await h.press(KEY.enter);
      assert.match(frame, /models\/churn\/metrics\.json → models\/churn\/eval\.json {2}lines 1-\d+ of \d+/);
      assert.match(frame, /^rename from models\/churn\/metrics\.json$/m);
      assert.match(frame, /^\+note x \\u001b\]0;owned\\u0007 \\u001b\[2J \\u202e$/m);
      const raw = h.instance.lastFrame() ?? '';
      assert.doesNotMatch(raw, /\u001b\]|\u001b\[2J|\u0007|\u202e/, 'no control sequence from the repository reaches the terminal');
      assert.match(raw, /\u001b\[32m\+note x/, 'added lines green, + kept');
      await h.press(KEY.escape);
      await h.press('j'); // weights.txt: 120 lines of diff
      frame = await h.press(KEY.enter);
      assert.match(frame, /models\/churn\/weights\.txt {2}lines 1-17 of 125/);
      assert.match(h.instance.lastFrame() ?? '', /\u001b\[31m-w 0/, 'removed lines red, - kept');
      frame = await h.press('j');
      assert.match(frame, /lines 2-18 of 125/);
      frame = await h.press(KEY.pageDown);
      assert.match(frame, /lines 19-35 of 125/);
      frame = await h.press(KEY.escape);
      assert.match(frame, /^Files under models\/churn \(2\)$/m);
      frame = await h.press(KEY.escape);
      assert.match(frame, /^Versions {2}\d+\/\d+$/m, 'back in the artifact panel');
    });
  });

  test('commit subjects are escaped in the list', async () => {
    await withApp(f.repo, {color: true}, async (h) => {
      const frame = await openDiff(h);
      assert.match(frame, /tune x \\u001b\]0;owned\\u0007 \\u001b\[2J \\u202e/);
      assert.doesNotMatch(h.instance.lastFrame() ?? '', /\u001b\]|\u001b\[2J|\u0007|\u202e/);
    });
  });

  test('readable at 60×15: the summary, and the cursor row scrolled into view', async () => {
    await withApp(f.repo, {columns: 60, rows: 15}, async (h) => {
      let frame = await openDiff(h);
      assert.match(frame, /churn · prod: v1\.0\.0 → v1\.2\.0 · 2 commits/);
      for (let i = 0; i < 4; i++) frame = await h.press('j');
      assert.match(frame, /▶ \+60 -60 +models\/churn\/weights\.txt/);
    });
  });

  test('? lists the keys of the comparison and of a file diff', async () => {
    await withApp(f.repo, {}, async (h) => {
      await openDiff(h);
      let frame = await h.press('?');
      assert.match(frame, /Keys: Compare/);
      assert.match(frame, /s +compare with the next stage \(cycles\)/);
      await h.press(KEY.escape, 'j', 'j', KEY.enter);
      frame = await h.press('?');
      assert.match(frame, /Keys: File diff/);
      assert.match(frame, /PgDn \^d Space +page down/);
    });
  });
});

describe('the assign confirmation says what changes', () => {
  let f: ReturnType<typeof fixture>;
  before(() => {
    f = fixture();
  });

  test('prod: what it holds → the candidate, commits and files under the path', async () => {
    await withApp(f.repo, {}, async (h) => {
      await h.press(KEY.enter, 'a'); // churn's panel, newest version selected
      await h.press(KEY.enter); // version v1.2.0
      await h.press('j', 'j'); // prod
      const frame = await h.press(KEY.enter);
      assert.match(frame, /Assign churn → prod/);
      assert.match(frame, /prod: v1\.0\.0 → v1\.2\.0 · 2 commits · 2 files under models\/churn/);
      assert.match(frame, /tag {5}churn#prod#/);
    });
  });

  test('a rollback and a stage that holds nothing yet', async () => {
    await withApp(f.repo, {}, async (h) => {
      await h.press(KEY.enter, 'j', 'j', 'a'); // v1.0.0
      await h.press(KEY.enter); // version v1.0.0
      let frame = await h.press(KEY.enter); // dev
      assert.match(frame, /dev: v1\.1\.0 → v1\.0\.0 · rollback: 1 commit back · 1 file under models\/churn/);
      frame = await h.press('n'); // back to the stage picker
      assert.match(frame, /Assign a stage to churn/);
      await h.press('j');
      frame = await h.press(KEY.enter); // staging
      assert.match(frame, /staging: nothing yet → v1\.0\.0/);
    });
  });
});

describe('results land only where they were asked for', () => {
  test('a summary for a confirmation that was closed, or a comparison for a screen left, is dropped', async () => {
    const {initialState, reducer} = await import('../../source/ui/store.js');
    const pending = {kind: 'undo', operation: 1, tags: ['a']} as const;
    const other = {kind: 'undo', operation: 2, tags: ['b']} as const;
    let state = reducer(initialState(), {type: 'confirm/open', confirm: {title: 't', lines: [], pending, focus: 'confirm', mode: 'confirm'}});
    state = reducer(state, {type: 'confirm/summary', summary: {pending: other, line: {kind: 'done', value: 'stale'}}});
    assert.equal(state.confirmSummary, null);
    state = reducer(state, {type: 'confirm/summary', summary: {pending, line: {kind: 'done', value: 'fresh'}}});
    assert.deepEqual(state.confirmSummary?.line, {kind: 'done', value: 'fresh'});
    const to = {kind: 'version', version: 'v1', commit: 'c1', stage: null} as const;
    const screen = {name: 'm', to, stage: 'prod', comparison: {kind: 'loading'}, cursor: 0, file: null} as const;
    state = reducer(state, {type: 'diff/open', diff: screen});
    state = reducer(state, {type: 'mode/back'});
    assert.equal(state.diff, null);
    state = reducer(state, {type: 'diff/set', diff: {...screen, comparison: {kind: 'error', message: 'late'}}});
    assert.equal(state.diff, null, 'nothing reopens the screen');
  });
});
