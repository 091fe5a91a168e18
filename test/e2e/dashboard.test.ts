/**
 * The README's dashboard example in a real terminal (tmux, 100×30): three repositories in
 * ~/src listed in ~/.config/gto-tui/config.yaml, `gto-tui` started in the home directory (no
 * repository there), Tab to the second repository and a cell of it selected: the screen is the
 * README's capture. The same three through `-r` open the same sections.
 */
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();

const skip = tmuxMissing();

/** A repository at ~/src/NAME with a bare origin at ~/remotes/NAME.git; `local` runs after everything else is pushed. */
const teamRepo = (home: string, name: string, stages: string | null, shared: (dir: string) => void, local: (dir: string) => void = () => {}): void => {
  const dir = path.join(home, 'src', name);
  const origin = path.join(home, 'remotes', `${name}.git`);
  mkdirSync(dir, {recursive: true});
  mkdirSync(origin, {recursive: true});
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  git(origin, ['init', '--quiet', '--bare']);
  git(dir, ['remote', 'add', 'origin', origin]);
  if (stages !== null) writeFileSync(path.join(dir, '.gto'), `stages: [${stages}]\n`);
  shared(dir);
  git(dir, ['push', '--quiet', 'origin', 'main', '--tags']);
  local(dir);
};

const makeTeam = (home: string): void => {
  teamRepo(
    home,
    'churn-model',
    'dev, staging, prod',
    (dir) => {
      const c1 = commit(dir, 'first model', {'artifacts.yaml': 'churn: {type: model}\nsegment: {type: model}\n'});
      tag(dir, 'churn@v1.0.0', {target: c1, time: T0 + 10});
      tag(dir, 'churn#prod#1', {target: c1, time: T0 + 20});
      tag(dir, 'segment@v0.1.0', {target: c1, time: T0 + 30});
      tag(dir, 'segment#dev#1', {target: c1, time: T0 + 40});
      const c2 = commit(dir, 'retrained', {'notes.md': 'auc 0.91\n'}, {time: T0 + 100});
      tag(dir, 'churn@v1.1.0', {target: c2, time: T0 + 110});
      tag(dir, 'churn#staging#2', {target: c2, time: T0 + 120});
    },
    (dir) => {
      const c3 = commit(dir, 'more trees', {'notes.md': 'auc 0.93\n'}, {time: T0 + 200});
      tag(dir, 'churn@v1.2.0', {target: c3, time: T0 + 210});
      tag(dir, 'churn#dev#3', {target: c3, time: T0 + 220});
    },
  );
  teamRepo(home, 'vision', 'dev, prod', (dir) => {
    const c1 = commit(dir, 'first models', {'artifacts.yaml': 'cv-class: {type: model}\ndetector: {type: model}\n'});
    tag(dir, 'cv-class@v2.0.0', {target: c1, time: T0 + 10});
    tag(dir, 'cv-class#prod#1', {target: c1, time: T0 + 20});
    tag(dir, 'detector@v0.9.0', {target: c1, time: T0 + 30});
    const c2 = commit(dir, 'bigger backbone', {'notes.md': 'top-1 0.81\n'}, {time: T0 + 100});
    tag(dir, 'cv-class@v2.1.0', {target: c2, time: T0 + 110});
    tag(dir, 'cv-class#dev#2', {target: c2, time: T0 + 120});
  });
  teamRepo(
    home,
    'nlp',
    null,
    (dir) => {
      const c1 = commit(dir, 'sentiment', {'artifacts.yaml': 'sentiment: {type: model}\nner: {type: model}\n'});
      tag(dir, 'sentiment@v3.0.0', {target: c1, time: T0 + 10});
      tag(dir, 'sentiment#prod#1', {target: c1, time: T0 + 20});
      tag(dir, 'ner@v0.4.0', {target: c1, time: T0 + 30});
    },
    (dir) => tag(dir, 'ner#dev#1', {target: 'HEAD', time: T0 + 40}),
  );
  mkdirSync(path.join(home, '.config', 'gto-tui'), {recursive: true});
  writeFileSync(path.join(home, '.config', 'gto-tui', 'config.yaml'), configExample());
};

/** The fenced block of `kind` after `heading` in the README (the `n`-th, from 0). */
const readmeBlock = (heading: string, kind: string, n = 0): string => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  assert.ok(start !== -1, `the README has "${heading}"`);
  const section = readme.slice(start, readme.indexOf('\n## ', start + heading.length));
  const block = [...section.matchAll(new RegExp('```' + kind + '\\n([\\s\\S]*?)\\n```', 'g'))][n]?.[1];
  assert.ok(block !== undefined, `a ${kind} block in "${heading}"`);
  return block;
};

const HEADING = '### A dashboard of several registries';
const configExample = (): string => readmeBlock(HEADING, 'yaml') + '\n';

/** Runs of blank rows shortened to one, as the README prints screens. */
const normalized = (screen: string): string => screen.replace(/\n(?:\n)+/g, '\n\n');

/** Every section read and origin answered: no `reading…`, no `checking…`. */
const settled = (screen: string): boolean => (screen.match(/ pushed  ~\/src\//g) ?? []).length === 3;

describe("the README's dashboard example in a real terminal (tmux)", {skip: skip ?? false}, () => {
  let home: string;
  let term: Terminal | null = null;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does: npm run build)`);
    home = tempDir('gto-tui-home-');
    makeTeam(home);
  });
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  const start = (args: string[], cwd = home): Terminal => {
    term?.kill();
    term = startTerminal({columns: 100, rows: 30, cwd});
    // ~/.config of this home: the test's own XDG places are left out
    term.run(['env', '-u', 'XDG_CONFIG_HOME', '-u', 'XDG_CACHE_HOME', ...cliCommand(args, {HOME: home, TZ: 'UTC'})]);
    return term;
  };

  test('gto-tui outside a repository opens the config file’s registries; Tab and → select a cell of the second: the README’s screen', async () => {
    const t = start([]);
    await t.waitFor(settled, 'three sections read');
    await t.key('Tab');
    await t.waitForText(/^▶ vision /m);
    await t.key('l');
    await t.key('l');
    // on a stage cell Enter assigns: the hint bar says so once the second → is taken
    const screen = await t.waitFor((s) => settled(s) && /^▶ vision /m.test(s) && /^▶ .*cv-class/m.test(s) && s.includes('Enter assign'), 'the cursor on a stage cell of vision');
    assert.equal(normalized(screen), normalized(readmeBlock(HEADING, 'text')));
    await t.key('q');
    await t.waitFor(() => !t.alternateScreen(), 'the app quit');
  });

  test('the same registries through -r open the same sections, in the order given', async () => {
    const t = start(['-r', path.join(home, 'src', 'nlp'), '-r', path.join(home, 'src', 'vision')]);
    const screen = await t.waitFor((s) => (s.match(/ pushed  ~\/src\//g) ?? []).length === 2, 'two sections read');
    assert.match(screen, /dashboard of 2 registries/);
    assert.ok(screen.indexOf('■ vision') > screen.indexOf('▶ nlp'), 'nlp first, as given, with the cursor');
    await t.key('q');
    await t.waitFor(() => !t.alternateScreen(), 'the app quit');
  });

  test('inside a repository gto-tui opens it alone, as always; --all opens the list from there', async () => {
    const inside = path.join(home, 'src', 'nlp');
    let t = start([], inside);
    let screen = await t.waitForText('not pushed');
    assert.doesNotMatch(screen, /dashboard of/);
    assert.match(screen, /^gto-tui ~?\S*nlp\s+⎇ main/m);
    await t.key('q');
    await t.waitFor(() => !t.alternateScreen(), 'the app quit');
    t = start(['--all'], inside);
    screen = await t.waitFor(settled, 'three sections read');
    assert.match(screen, /dashboard of 3 registries/);
  });

  test('a config file that is not valid YAML stops gto-tui with one line naming it (exit 1); --all with no list says so', async () => {
    const other = tempDir('gto-tui-home-');
    mkdirSync(path.join(other, '.config', 'gto-tui'), {recursive: true});
    const file = path.join(other, '.config', 'gto-tui', 'config.yaml');
    writeFileSync(file, 'registries:\n  - path: [unclosed\n');
    term?.kill();
    const t = startTerminal({columns: 100, rows: 30, cwd: other});
    term = t;
    t.run(['env', '-u', 'XDG_CONFIG_HOME', ...cliCommand([], {HOME: other})], '; echo "exit=$?"');
    let screen = await t.waitForText(/^exit=\d/m);
    assert.match(screen, new RegExp(`^❌ ${file.replaceAll('/', '\\/')}: not valid YAML\nexit=1$`, 'm'));
    writeFileSync(file, 'registries: []\n');
    t.run(['env', '-u', 'XDG_CONFIG_HOME', ...cliCommand(['--all'], {HOME: other})], '; echo "exit=$?"');
    screen = await t.waitFor((s) => (s.match(/^exit=\d/gm) ?? []).length === 2, 'the second run');
    assert.match(screen, new RegExp(`^❌ --all: no registries listed in ${file.replaceAll('/', '\\/')}\nexit=1$`, 'm'));
  });
});
