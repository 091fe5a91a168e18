/**
 * Every screen at every common size, in a real terminal (tmux): the grid, the artifact panel,
 * help, the register form (a picker, then a text field) and the last error, at 80×24, 120×35,
 * 200×50 and 60×15 (the least gto-tui runs in). Checked by content: versions and tag names are
 * never cut, and the hint bar keeps `? help` (F1 in a text field) and `q quit` or `Esc back`.
 */
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();

const skip = tmuxMissing();
if (skip !== null) console.log(`# ${skip}`);

const VERSIONS = ['v10.20.300-rc.1', 'v9.0.0', 'v0.1.0'];
const TAGS = [
  'churn-model@v9.0.0',
  'churn-model@v10.20.300-rc.1',
  'churn-model#staging#1',
  'churn-model#prod#2',
  'churn-model#dev#3',
  'segment@v0.1.0',
];

/** churn-model (a long version in three stages) and segment; origin is a path that does not exist (an error to show). */
const makeRegistry = (): string => {
  const repo = makeRepo();
  const c1 = commit(repo, 'first', {'.gto': 'stages: [dev, staging, prod]\n'});
  const c2 = commit(repo, 'second', {'notes.txt': 'more\n'}, {time: T0 + 1});
  tag(repo, 'churn-model@v9.0.0', {target: c1, time: T0 + 5});
  tag(repo, 'churn-model@v10.20.300-rc.1', {target: c2, time: T0 + 10, message: 'Release candidate one, trained on the whole year of data'});
  tag(repo, 'churn-model#staging#1', {target: c2, time: T0 + 20});
  tag(repo, 'churn-model#prod#2', {target: c2, time: T0 + 30});
  tag(repo, 'churn-model#dev#3', {target: c2, time: T0 + 40});
  tag(repo, 'segment@v0.1.0', {target: c1, time: T0 + 50});
  git(repo, ['remote', 'add', 'origin', '/nonexistent/gto-tui-origin.git']);
  return repo;
};

const lines = (screen: string): string[] => screen.split('\n');
const hintBar = (screen: string): string => lines(screen).at(-1) ?? '';

/** Every version and tag name on the screen is whole: none is cut short by an ellipsis. */
const assertWhole = (screen: string, where: string): void => {
  for (const line of lines(screen)) {
    for (const version of VERSIONS) {
      for (let i = 2; i < version.length; i++) {
        assert.ok(!line.includes(`${version.slice(0, i)}…`), `${where}: '${version}' cut in\n${line}\n\n${screen}`);
      }
    }
    for (const name of line.match(/\b(?:churn-model|segment)[@#]\S*/g) ?? []) {
      assert.ok(TAGS.includes(name), `${where}: '${name}' is not a whole tag name\n\n${screen}`);
    }
  }
};

/** The hint bar keeps a way to help and a way out, each whole. */
const assertHints = (screen: string, where: string, help: RegExp, out: RegExp): void => {
  const bar = hintBar(screen);
  assert.match(bar, help, `${where}: help in the hint bar\n${bar}`);
  assert.match(bar, out, `${where}: the way out in the hint bar\n${bar}`);
  assert.doesNotMatch(bar, /…/, `${where}: every hint whole\n${bar}`);
};

const HELP = /(?:^| {2})\? help(?: {2}|$)/;
const F1_HELP = /(?:^| {2})F1 help(?: {2}|$)/;
const QUIT = /(?:^| {2})q quit$/;
const BACK = /(?:^| {2})Esc back(?: {2}|$)/;

describe('every screen at every size (tmux)', {skip: skip ?? false}, () => {
  let repo: string;
  let term: Terminal | null = null;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does: npm run build)`);
    repo = makeRegistry();
  });
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  for (const [columns, rows] of [
    [80, 24],
    [120, 35],
    [200, 50],
    [60, 15],
  ] as const) {
    test(`${columns}×${rows}: grid, panel, help, register form, last error`, async () => {
      term?.kill();
      term = startTerminal({columns, rows, cwd: ROOT});
      const t = term;
      const at = (screen: string) => `${screen} at ${columns}×${rows}`;
      t.run(cliCommand(['-r', repo]), '; echo "exit=$?"');

      let screen = await t.waitFor((s) => /^▶ .*churn-model/m.test(s) && s.includes('origin unreachable'), 'the grid, origin answered');
      assert.match(screen, /v10\.20\.300-rc\.1/);
      assertWhole(screen, at('grid'));
      assertHints(screen, at('grid'), HELP, QUIT);

      await t.key('Enter');
      screen = await t.waitForText(/History \[all\]/);
      assert.match(screen, /^▶ v10\.20\.300-rc\.1 /m);
      assert.match(screen, /churn-model#dev#3/);
      assertWhole(screen, at('panel'));
      assertHints(screen, at('panel'), HELP, QUIT);
      assert.match(hintBar(screen), BACK);

      await t.key('?');
      screen = await t.waitForText(/Keys: Artifact/);
      assert.doesNotMatch(lines(screen).filter((line) => line.startsWith('│')).join('\n'), /…/, at('help: nothing cut'));
      assertHints(screen, at('help'), /./, BACK);
      await t.key('Escape');
      await t.waitForText(/History \[all\]/);
      await t.key('Escape');
      await t.waitForText(/name +latest/);

      await t.key('r');
      screen = await t.waitForText(/▶ Commit/);
      assertWhole(screen, at('register form, commit picker'));
      assertHints(screen, at('register form, commit picker'), HELP, BACK);
      await t.key('Enter');
      screen = await t.waitForText(/▶ Version +v10\.2/);
      assertWhole(screen, at('register form, version field'));
      assertHints(screen, at('register form, version field'), F1_HELP, BACK);
      await t.key('F1');
      screen = await t.waitForText(/Keys: Register/);
      assertHints(screen, at('help over the form'), /./, BACK);
      await t.key('Escape');
      await t.waitForText(/▶ Version/);
      await t.key('Escape');
      await t.key('Escape');
      await t.waitForText(/name +latest/);

      await t.key('e');
      screen = await t.waitForText(/Last error/);
      assert.match(screen, /gto-tui-origin/);
      assertHints(screen, at('last error'), HELP, BACK);
      await t.key('Escape');
      await t.waitForText(/name +latest/);
      await t.key('q');
      await t.waitForText('exit=0');
    });
  }
});
