/**
 * Promotion rules in the TUI: the assign form's stage picker marks the stages the chosen
 * version may not enter yet, Enter on such a grid cell says why before opening the form, and
 * the confirmation offers "assign anyway", which writes the very tag `assign --ignore-rules`
 * writes (the override line in its message).
 */
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {runBuilt} from '../reliability/cli.js';
import {sshKey, useSshSigning} from '../helpers/signing.js';
import {localTags, tagMessage} from './fixture.js';
import {KEY, renderApp, type Harness} from './harness.js';
import {DAG_RULES} from '../helpers/promotionRules.js';

applyTestEnv();
const HOUR = 3600;
/** The moment the app writes and judges: a day and a bit after T0. */
const NOW = T0 + 25 * HOUR;
process.env['GIT_COMMITTER_DATE'] = `@${NOW} +0000`;
after(removeTempDirs);


/** m: v1.0.0 in dev (and hot-stage an hour ago when `hot`); the grid's columns: name, latest, dev … prod. */
const makeRulesRepo = (options: {hot?: boolean; rules?: string} = {}): string => {
  const repo = makeRepo();
  commit(repo, 'model', {'.gto': 'stages: [dev, qa, stage, hot-stage, prod]\n', '.gto-tui.yaml': options.rules ?? DAG_RULES, 'model.bin': '1'});
  tag(repo, 'm@v1.0.0', {time: T0, message: 'Registering artifact m version v1.0.0'});
  tag(repo, 'm#dev#1', {time: T0 + 60, message: 'Assigning stage dev to artifact m version v1.0.0'});
  if (options.hot) tag(repo, 'm#hot-stage#2', {time: NOW - HOUR, message: 'Assigning stage hot-stage to artifact m version v1.0.0'});
  return repo;
};

const withApp = async (repo: string, body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(repo, {columns: 120, rows: 30});
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

const mode = (h: Harness): string | undefined => h.store.getState().modes.at(-1);

/** A tag as git stores it: the object (same id ⟺ same target, tagger, time and message), its target and message. */
const tagObject = (repo: string, name: string) => ({
  object: git(repo, ['rev-parse', `refs/tags/${name}`]).trim(),
  message: tagMessage(repo, name),
});

/** The grid cell of m's `stage` column: columns are name, latest, then the .gto stages. */
const STAGE_COLUMN: Readonly<Record<string, number>> = {dev: 2, qa: 3, stage: 4, 'hot-stage': 5, prod: 6};
const toCell = (h: Harness, stage: string): Promise<string> => h.press(...Array<string>(STAGE_COLUMN[stage]!).fill('l'));

describe('promotion rules in the TUI', () => {
  test('the stage picker marks the stages the chosen version may not enter yet: a glyph, and why', async () => {
    await withApp(makeRulesRepo(), async (h) => {
      await h.press('a');
      const frame = await h.press(KEY.enter); // v1.0.0
      assert.equal(mode(h), 'assign');
      assert.match(frame, /\d ✗ stage\s+v1\.0\.0 has never been in 'qa'; stage requires qa/);
      assert.match(frame, /\d ✗ prod\s+v1\.0\.0 has never been in 'stage' or 'hot-stage'; prod requires stage or hot-stage for 24h/);
      for (const open of ['dev', 'qa', 'hot-stage']) assert.match(frame, new RegExp(`\\d   ${open}\\s*$`, 'm'), open);
    });
  });

  test('Enter on a cell whose rule refuses says why first; Enter again opens the form; Assign anyway writes the tag `assign --ignore-rules` writes', async () => {
    const ui = makeRulesRepo();
    const cli = makeRulesRepo();
    await withApp(ui, async (h) => {
      await toCell(h, 'prod');
      let frame = await h.press(KEY.enter);
      assert.equal(mode(h), 'grid', 'the form is not open yet');
      assert.match(frame, /✗ v1\.0\.0 has never been in 'stage' or 'hot-stage'; prod requires stage or hot-stage for 24h \(Enter again: assign anyway\)/);
      frame = await h.press(KEY.enter);
      assert.equal(mode(h), 'assign');
      await h.press(KEY.enter); // v1.0.0
      frame = await h.press(KEY.enter); // prod, preselected
      assert.equal(mode(h), 'confirm');
      assert.match(frame, /Assign m → prod \(override\)/);
      assert.match(frame, /✗ v1\.0\.0 has never been in 'stage' or 'hot-stage'; prod requires stage or hot-stage for 24h/);
      assert.match(frame, /The command line does this only with --ignore-rules\. Assign anyway writes:/);
      assert.match(frame, /message Assigning stage prod to artifact m version v1\.0\.0\s*│?\n.*Promotion rule overridden: prod requires stage or hot-stage for 24h/);
      assert.match(frame, /▶ \[ Cancel \]\s+\[ Assign anyway \]/, 'starts on Cancel');
      const before = localTags(ui);
      await h.press(KEY.enter); // Cancel
      assert.deepEqual(localTags(ui), before, 'Cancel writes nothing');
      await h.press(KEY.enter); // the stage again: the same override
      frame = await h.press(KEY.tab, KEY.enter); // Assign anyway
      assert.match(frame, /Created 'm#prod#2'/);
    });
    const run = await runBuilt(cli, ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--ignore-rules']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(localTags(ui).sort(), localTags(cli).sort());
    assert.deepEqual(tagObject(ui, 'm#prod#2'), tagObject(cli, 'm#prod#2'));
    assert.equal(tagMessage(ui, 'm#prod#2'), 'Assigning stage prod to artifact m version v1.0.0\nPromotion rule overridden: prod requires stage or hot-stage for 24h');
  });

  test('an assignment the rules allow opens and confirms as before: no warning, no override, no extra line', async () => {
    const repo = makeRulesRepo();
    await withApp(repo, async (h) => {
      await toCell(h, 'qa');
      await h.press(KEY.enter);
      assert.equal(mode(h), 'assign', 'no warning first');
      await h.press(KEY.enter);
      const frame = await h.press(KEY.enter);
      assert.match(frame, /Assign m → qa\s/);
      assert.doesNotMatch(frame, /override|✗/);
      assert.match(frame, /▶ \[ Confirm \]/);
      await h.press('y');
    });
    assert.equal(tagMessage(repo, 'm#qa#2'), 'Assigning stage qa to artifact m version v1.0.0');
  });

  test('held_for: an hour in hot-stage is not a day; the picker says so and Cancel writes nothing', async () => {
    const repo = makeRulesRepo({hot: true});
    await withApp(repo, async (h) => {
      await h.press('a');
      let frame = await h.press(KEY.enter);
      assert.match(frame, /✗ prod\s+v1\.0\.0 entered 'hot-stage' only 1h ago; prod requires stage or hot-stage for 24h/);
      frame = await h.press('5'); // prod
      assert.equal(mode(h), 'confirm');
      assert.match(frame, /Assign anyway/);
      const before = localTags(repo);
      await h.press('n');
      assert.deepEqual(localTags(repo), before);
    });
  });

  test('a refusal of GTO\'s and a rule\'s together: both said, both overridden, as --force --ignore-rules does', async () => {
    const ui = makeRulesRepo();
    const cli = makeRulesRepo();
    for (const repo of [ui, cli]) tag(repo, 'm#prod#2', {time: T0 + 120, message: 'Assigning stage prod to artifact m version v1.0.0'});
    await withApp(ui, async (h) => {
      await toCell(h, 'prod');
      await h.press(KEY.enter);
      assert.equal(mode(h), 'assign', 'already in prod: GTO refuses first, so the cell is no rule warning');
      await h.press(KEY.enter);
      const frame = await h.press(KEY.enter);
      assert.match(frame, /✗ Version 'v1\.0\.0' is already in stage 'prod'/);
      assert.match(frame, /✗ v1\.0\.0 has never been in 'stage' or 'hot-stage'/);
      assert.match(frame, /The command line does this only with --force --ignore-rules\. Assign anyway writes:/);
      await h.press('y');
    });
    const run = await runBuilt(cli, ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--force', '--ignore-rules']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(tagObject(ui, 'm#prod#3'), tagObject(cli, 'm#prod#3'));
    assert.match(tagMessage(ui, 'm#prod#3'), /\nPromotion rule overridden: prod requires stage or hot-stage for 24h$/);
  });

  test('a malformed rules file is said on opening, and every assignment is refused with it', async () => {
    const repo = makeRulesRepo({rules: 'promotion:\n  prod: {after: stage}\n'});
    await withApp(repo, async (h) => {
      const message = '.gto-tui.yaml at HEAD, line 2: prod: after: expected a list of one or more stage names, such as [qa]';
      assert.ok(h.frame().includes(`✗ ${message}`), h.frame());
      const before = localTags(repo);
      await toCell(h, 'qa');
      await h.press(KEY.enter, KEY.enter);
      const frame = await h.press(KEY.enter);
      assert.notEqual(mode(h), 'confirm');
      assert.ok(frame.includes(`✗ ${message}`), frame);
      assert.deepEqual(localTags(repo), before);
    });
  });

  test('a stage whose rule asks for signed assignments signs: the toggle is on and stays on, and the tag is signed', async () => {
    const repo = makeRulesRepo({rules: 'promotion:\n  prod: {signed: true}\n'});
    const key = sshKey();
    useSshSigning(repo, key, [{principal: 'carol@example.com', key}]);
    await withApp(repo, async (h) => {
      await toCell(h, 'prod');
      await h.press(KEY.enter, KEY.enter);
      let frame = await h.press(KEY.enter);
      assert.equal(mode(h), 'confirm');
      assert.match(frame, /\[x\] signed with your key: prod takes only signed assignments \(\.gto-tui\.yaml\)/);
      assert.doesNotMatch(frame, /override/);
      frame = await h.press('s');
      assert.match(frame, /\[x\] signed with your key/, 's does not turn it off');
      await h.press('y');
    });
    assert.match(git(repo, ['cat-file', 'tag', 'm#prod#2']), /-----BEGIN SSH SIGNATURE-----/);
    git(repo, ['verify-tag', 'm#prod#2']); // throws unless git verifies it
  });
});
