/**
 * The TUI at its edges in a real terminal (tmux): a repository without commits, a window too
 * small and then resized, an origin missing or unreachable, hostile text in a tag message,
 * Ctrl+Z and fg, a demo opened outside any repository, --no-remote.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, afterEach, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;

const skip = tmuxMissing();

/** churn v1.0.0 in prod and segment v0.1.0 at c1, on origin; HEAD is c2. */
const makeFixture = (): {repo: string; origin: string; c1: string; c2: string} => {
  const repo = makeRepo();
  const c1 = commit(repo, 'first', {'.gto': 'stages: [dev, prod]\n', 'artifacts.yaml': 'churn: {}\nsegment: {}\n'});
  tag(repo, 'churn@v1.0.0', {target: c1, time: T0 + 10});
  tag(repo, 'churn#prod#1', {target: c1, time: T0 + 20});
  tag(repo, 'segment@v0.1.0', {target: c1, time: T0 + 30});
  const c2 = commit(repo, 'second', {'notes.txt': 'more\n'}, {time: T0 + 100});
  const origin = makeBareRemote(repo);
  return {repo, origin, c1, c2};
};

/** The grid's rows: the marker column (`↑`, `?` or blank) of each line that starts with the row marker. */
const rowMarkers = (screen: string): string[] =>
  screen
    .split('\n')
    .filter((line) => /^[▶ ] [↑? ](churn|segment)\b/.test(line))
    .map((line) => line[2]!);

describe('the TUI at its edges, in a real terminal', {skip: skip ?? false}, () => {
  let term: Terminal | null = null;
  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does)`));
  afterEach(() => {
    term?.kill();
    term = null;
  });
  after(removeTempDirs);

  const open = (args: string[], options: {columns?: number; rows?: number; cwd?: string; env?: Record<string, string>; shellEnv?: Record<string, string>} = {}): Terminal => {
    term = startTerminal({columns: options.columns ?? 100, rows: options.rows ?? 30, cwd: options.cwd ?? ROOT, ...(options.shellEnv ? {shellEnv: options.shellEnv} : {})});
    term.run(cliCommand(args, options.env), '; echo "exit=$?"');
    return term;
  };

  test('a repository without commits: says why nothing can be registered; the keys that crashed it do not', async () => {
    const repo = makeRepo();
    const t = open(['-r', repo]);
    await t.waitForText('No commits yet: nothing to register until the first commit');
    for (const k of ['N', 'm', 'y', 'Enter', 'Enter', 'Enter', 'j', 'Enter', 'r', 'a']) await t.key(k);
    const screen = await t.waitForText('✗ No commits yet');
    assert.ok(t.alternateScreen(), 'still running');
    assert.doesNotMatch(screen, /Cannot read properties|❌/);
    await t.key('q');
    await t.waitForText('exit=0');
  });

  test('too small: keys do nothing unseen, the line says q quits; resized, the grid is as it was', async () => {
    const fixture = makeFixture();
    const before = git(fixture.repo, ['tag', '--list']);
    const t = open(['-r', fixture.repo], {columns: 50, rows: 12});
    await t.waitForText(/Terminal too small \(50×12\); gto-tui needs\s+60×15 ·\s+q quits/);
    for (const k of ['x', 'y', 'j', 'l', 'Enter', 'y']) await t.key(k);
    t.resize(100, 30);
    const screen = await t.waitForText(/name\s+latest\s+#dev\s+#prod/);
    assert.match(screen.split('\n').find((line) => line.startsWith('▶')) ?? '', /churn/, 'the cursor did not move unseen');
    assert.equal(git(fixture.repo, ['tag', '--list']), before, 'x y wrote nothing');
    t.resize(50, 12);
    await t.waitForText('q quits');
    await t.key('q');
    await t.waitForText('exit=0');
  });

  test('no origin: no push markers, p says why; an unreachable origin: said once in the header, no ?', async () => {
    const fixture = makeFixture();
    git(fixture.repo, ['remote', 'remove', 'origin']);
    let t = open(['-r', fixture.repo]);
    let screen = await t.waitForText('· no origin');
    assert.deepEqual([...new Set(rowMarkers(screen))], [' '], screen);
    assert.doesNotMatch(screen, /p push/);
    await t.key('p');
    screen = await t.waitForText("No remote 'origin' to push to");
    await t.key('q');
    await t.waitForText('exit=0');
    t.kill();

    git(fixture.repo, ['remote', 'add', 'origin', '/nonexistent/origin.git']);
    t = open(['-r', fixture.repo]);
    screen = await t.waitForText('origin unreachable');
    assert.equal(screen.split('origin unreachable').length, 2, 'said once');
    assert.deepEqual([...new Set(rowMarkers(screen))], [' '], screen);
    assert.doesNotMatch(screen, /\?v1\.0\.0|\?churn/);
    await t.key('q');
    await t.waitForText('exit=0');
  });

  test('hostile text in a tag message: shown as escapes; the window title and the clipboard are untouched', async () => {
    const fixture = makeFixture();
    git(fixture.repo, ['tag', '--delete', 'segment@v0.1.0']);
    tag(fixture.repo, 'segment@v0.1.0', {target: fixture.c1, time: T0 + 30, message: 'msg \u001b]0;pwned\u0007\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b2J\u202eevil'});
    term = startTerminal({columns: 160, rows: 30, cwd: ROOT});
    const t = term;
    t.command('set-option', '-s', 'set-clipboard', 'on');
    const title = t.display('#{pane_title}');
    t.run(cliCommand(['-r', fixture.repo]), '; echo "exit=$?"');
    await t.waitForText('all pushed');
    await t.key('j');
    await t.key('Enter');
    const screen = await t.waitForText('Versions');
    assert.match(screen, /msg \\u001b\]0;pwned\\u0007\\u001b\]52;c;cHduZWQ=\\u0007\\u001b\[2J\\u009b2J\\u202eevil/);
    await t.key('Escape');
    await t.key('q');
    await t.waitForText('exit=0');
    assert.equal(t.display('#{pane_title}'), title, 'the window title is unchanged');
    assert.doesNotMatch(t.display('#{pane_title}'), /pwned/);
    assert.equal(t.command('list-buffers').trim(), '', 'nothing reached the clipboard');
  });

  test('Ctrl+Z gives the shell its screen back; fg brings the app back, drawn', async () => {
    const fixture = makeFixture();
    term = startTerminal({columns: 100, rows: 30, cwd: ROOT});
    const t = term;
    t.run(cliCommand(['-r', fixture.repo]));
    await t.waitForText('all pushed');
    await t.key('j');
    await t.key('C-z');
    let screen = await t.waitForText(/Stopped/);
    assert.equal(t.alternateScreen(), false, 'the main screen is back');
    t.run(['fg']);
    screen = await t.waitFor((s) => t.alternateScreen() && /name\s+latest/.test(s), 'the app drawn again');
    assert.match(screen.split('\n').find((line) => line.startsWith('▶')) ?? '', /segment/, 'as it was left');
    await t.key('k');
    await t.waitFor((s) => /churn/.test(s.split('\n').find((line) => line.startsWith('▶')) ?? ''), 'keys act again');
    await t.key('q');
    await t.waitFor((s) => !t.alternateScreen() && /^\$$/m.test(s), 'the shell back');
  });

  test('outside any repository the demo opens and says why', async () => {
    const dir = tempDir();
    const t = open([], {cwd: dir});
    const screen = await t.waitForText('is not a git repository');
    assert.ok(screen.includes(`demo registry: ${dir}`), screen);
    await t.key('q');
    await t.waitForText('exit=0');
  });

  test('--no-remote and GTO_TUI_NO_REMOTE=1: no ls-remote until p asks for one', async () => {
    const fixture = makeFixture();
    // a git first in PATH that notes each ls-remote, then runs the real one
    const bin = tempDir();
    const log = path.join(bin, 'calls.log');
    const realGit = (process.env['PATH'] ?? '').split(':').map((dir) => path.join(dir, 'git')).find((file) => path.isAbsolute(file) && existsSync(file)) ?? '/usr/bin/git';
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\ncase " $* " in *" ls-remote "*) echo ls-remote >> '${log}';; esac\nexec '${realGit}' "$@"\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    const calls = (): number => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
    const shellEnv = {PATH: `${bin}:${process.env['PATH']}`};

    for (const how of [{args: ['--no-remote', '-r', fixture.repo], env: {}}, {args: ['-r', fixture.repo], env: {GTO_TUI_NO_REMOTE: '1'}}]) {
      writeFileSync(log, '');
      const t = open(how.args, {env: how.env, shellEnv});
      await t.waitForText('origin not asked (--no-remote)');
      await t.key('R');
      await t.waitForText(/name\s+latest/);
      assert.equal(calls(), 0, `${JSON.stringify(how)}: no ls-remote by itself`);
      await t.key('p');
      await t.waitForText('Every registry tag is on origin');
      assert.equal(calls(), 1, 'p asks origin');
      await t.key('q');
      await t.waitForText('exit=0');
      t.kill();
    }
  });
});
