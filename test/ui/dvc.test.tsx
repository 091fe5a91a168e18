/**
 * The TUI always reads the dvc.yaml files at HEAD: their artifacts in the grid, their fields in
 * the artifact panel, `/` on their labels and type, and one status line for a malformed file.
 */
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {DVC_MONOREPO} from '../helpers/dvcMonorepo.js';
import {T0, applyTestEnv, commit, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {KEY, renderApp, type Harness} from './harness.js';

applyTestEnv();
after(removeTempDirs);

const rowOf = (frame: string, name: string): string => frame.split('\n').find((line) => new RegExp(`^[▶ ] [↑? ]\\*?${name} `).test(line)) ?? '';

/** churn registered while artifacts.yaml described it; the monorepo's dvc.yaml files at HEAD. */
const monorepo = (extra: Record<string, string> = {}): string => {
  const repo = makeRepo();
  commit(repo, 'churn\n', {'artifacts.yaml': 'churn:\n  type: legacy\n  path: old/churn.pkl\n  description: from artifacts.yaml\n'}, {time: T0});
  tag(repo, 'churn@v1.0.0', {time: T0 + 10});
  commit(repo, 'monorepo\n', {...DVC_MONOREPO, ...extra}, {time: T0 + 20});
  tag(repo, 'cv=pool-segmentation@v0.1.0', {time: T0 + 30});
  return repo;
};

const withApp = async (repo: string, body: (h: Harness) => Promise<void>): Promise<void> => {
  const h = await renderApp(repo, {columns: 120, rows: 30});
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

describe('dvc.yaml in the TUI', () => {
  test('annotated-but-unregistered dvc.yaml artifacts are grid rows like artifacts.yaml ones', async () => {
    await withApp(monorepo(), async (h) => {
      const frame = h.frame();
      assert.match(rowOf(frame, 'churn'), /churn\s+[?↑]?v1\.0\.0/);
      assert.match(rowOf(frame, 'cv:pool-segmentation'), /cv:pool-segmentation\s+[?↑]?v0\.1\.0/);
      assert.match(rowOf(frame, 'nlp/sentiment:sentiment'), /\*nlp\/sentiment:sentiment\s+-/);
      assert.match(rowOf(frame, 'nlp/sentiment:vocab'), /\*nlp\/sentiment:vocab\s+-/);
      assert.equal(h.store.getState().status, null);
    });
  });

  test('the artifact panel shows the dvc.yaml fields, their file, and meta', async () => {
    await withApp(monorepo(), async (h) => {
      await h.press('j');
      const frame = await h.press(KEY.enter);
      assert.match(frame, /^cv:pool-segmentation {2}cv\/dvc\.yaml$/m);
      assert.match(frame, /^type: model · path: cv\/models\/model\.pkl · labels: cv, segmentation, satellite-images$/m);
      assert.match(frame, /This is a Computer Vision \(CV\) model that's segmenting out swimming pools/);
      assert.match(frame, /meta: \{"framework":"fastai","epochs":8\}/);
      await h.press(KEY.escape);
      // both files describe churn: dvc.yaml's entry, at HEAD
      const churn = await h.press('g', KEY.enter);
      assert.match(churn, /^churn {2}dvc\.yaml$/m);
      assert.match(churn, /type: model · path: models\/churn\.pkl · labels: tabular, customers/);
      assert.doesNotMatch(churn, /from artifacts\.yaml|legacy/);
    });
  });

  test('/ filters on dvc.yaml labels and type too', async () => {
    await withApp(monorepo(), async (h) => {
      await h.press('/');
      let frame = await h.type('satellite');
      assert.match(rowOf(frame, 'cv:pool-segmentation'), /pool-segmentation/);
      assert.equal(rowOf(frame, 'churn'), '');
      await h.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
      frame = await h.type('dataset');
      assert.match(rowOf(frame, 'nlp/sentiment:vocab'), /vocab/, 'type matches');
      assert.equal(rowOf(frame, 'nlp/sentiment:sentiment'), '');
      assert.equal(rowOf(frame, 'churn'), '');
    });
  });

  test('a malformed dvc.yaml: one status line, every other artifact still shown, text escaped', async () => {
    const repo = monorepo({
      'nlp/sentiment/dvc.yaml': 'artifacts:\n  sentiment: {path: [unclosed\n',
      'cv/dvc.yaml': 'artifacts:\n  pool-segmentation:\n    path: m.pkl\n    desc: "\\e]0;owned\\a\\e[2J\\u202Eevil"\n  bad: {type: model}\n',
    });
    await withApp(repo, async (h) => {
      const frame = h.frame();
      assert.equal(h.store.getState().status?.text, "cv/dvc.yaml: artifact 'bad' has no 'path' (and 1 more: gto-tui doctor --dvc lists them)");
      assert.equal(frame.split('\n').filter((line) => line.includes("artifact 'bad' has no 'path'")).length, 1);
      assert.match(rowOf(frame, 'churn'), /churn\s+[?↑]?v1\.0\.0/);
      assert.match(rowOf(frame, 'cv:pool-segmentation'), /pool-segmentation/);
      assert.equal(rowOf(frame, 'nlp/sentiment:sentiment'), '');
      // said once: a reload with the same files leaves the status line to what happened since
      h.store.dispatch({type: 'status', status: {kind: 'ok', text: 'something else'}});
      await h.press('R');
      assert.equal(h.store.getState().status?.text, 'something else');
      const panel = await h.press('j', KEY.enter);
      assert.ok(panel.includes('\\u001b]0;owned\\u0007\\u001b[2J\\u202eevil'), panel);
      assert.doesNotMatch(h.instance.lastFrame() ?? '', /\u001b\]0;owned|\u202e/);
    });
  });
});
