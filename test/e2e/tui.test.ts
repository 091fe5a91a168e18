/**
 * The built CLI (`dist/cli.js`; `npm test` builds first) in a real terminal: tmux, 120×40.
 * Register, assign and push through the UI, then check the tags on the bare origin itself.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();
// tags the UI writes are dated after the fixture's, as they would be in real life
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;

const skip = tmuxMissing();
if (skip !== null) console.log(`# ${skip}`);

type Fixture = {repo: string; origin: string; c1: string; c2: string};

/** churn v1.0.0 in prod and segment v0.1.0, both at c1 and on origin; HEAD is c2. */
const makeFixture = (): Fixture => {
  const repo = makeRepo();
  const c1 = commit(repo, 'first', {'.gto': 'stages: [dev, prod]\n', 'artifacts.yaml': 'churn: {}\nsegment: {}\n'});
  tag(repo, 'churn@v1.0.0', {target: c1, time: T0 + 10});
  tag(repo, 'churn#prod#1', {target: c1, time: T0 + 20});
  tag(repo, 'segment@v0.1.0', {target: c1, time: T0 + 30});
  const c2 = commit(repo, 'second', {'notes.txt': 'more\n'}, {time: T0 + 100});
  const origin = makeBareRemote(repo);
  return {repo, origin, c1, c2};
};

type RemoteTag = {type: string; target: string; message: string};

/** The bare repository's tags: name → object type, peeled commit, message. */
const originTags = (origin: string): Map<string, RemoteTag> => {
  const out = git(origin, ['for-each-ref', '--format=%(refname:strip=2)%00%(objecttype)%00%(*objectname)%00%(contents)%00', 'refs/tags']);
  const tags = new Map<string, RemoteTag>();
  for (const record of out.split('\0\n').filter(Boolean)) {
    const [name, type, target, message] = record.split('\0') as [string, string, string, string];
    tags.set(name, {type, target, message: message.trim()});
  }
  return tags;
};

const selectedLine = (screen: string): string => screen.split('\n').find((line) => line.startsWith('▶')) ?? '';

describe('the TUI in a real terminal (tmux)', {skip: skip ?? false}, () => {
  let fixture: Fixture;
  let term: Terminal | null = null;

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does: npm run build)`);
    fixture = makeFixture();
  });
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  test('register, assign and push from the keyboard put the exact tags on origin; q exits 0 and restores the screen', async () => {
    term = startTerminal({columns: 120, rows: 40, cwd: ROOT});
    const t = term;
    t.run(cliCommand(['-r', fixture.repo]), '; echo "exit=$?"');

    // first frame: the grid, then origin's answer
    let screen = await t.waitForText(/name\s+latest\s+#dev\s+#prod/);
    assert.ok(t.alternateScreen(), 'the UI draws on the alternate screen');
    screen = await t.waitForText('all pushed');
    assert.match(selectedLine(screen), /churn\s+v1\.0\.0\s+-\s+v1\.0\.0/);

    // navigate to segment
    await t.key('j');
    screen = await t.waitFor((s) => /segment/.test(selectedLine(s)), 'segment selected');

    // register a version at HEAD (the commit list is first; HEAD is its first entry)
    await t.key('r');
    await t.waitForText('Register a version of segment');
    await t.key('Enter');
    await t.waitForText(/Version\s+v0\.1\.1/);
    await t.key('Enter');
    await t.waitForText(/▶ Message/);
    await t.type('e2e release');
    await t.waitForText('e2e release');
    await t.key('Enter');
    screen = await t.waitForText(/tag\s+segment@v0\.1\.1/);
    assert.match(screen, new RegExp(`commit\\s+${fixture.c2.slice(0, 7)}`));
    assert.match(screen, /message e2e release/);
    await t.key('Enter'); // Confirm has the focus
    // the status line comes first; the ↑ count follows once the background tag read is done
    screen = await t.waitFor(
      (s) => s.includes("Created 'segment@v0.1.1'") && /↑ 1 not pushed/.test(s),
      'the registration and its not-pushed count',
    );

    // assign it to prod: the #prod cell of segment, Enter
    for (const k of ['l', 'l', 'l']) await t.key(k);
    await t.key('Enter');
    screen = await t.waitForText('Assign a stage to segment');
    assert.match(screen, /Version\s+v0\.1\.1/);
    await t.key('Enter'); // pick the version
    screen = await t.waitForText(/▶ Stage\s+prod/);
    assert.match(screen, /prod holds now: -\s+→\s+will hold: v0\.1\.1/);
    await t.key('Enter'); // pick the stage
    screen = await t.waitForText(/tag\s+segment#prod#1/);
    await t.key('Enter');
    screen = await t.waitFor(
      (s) => s.includes("Created 'segment#prod#1'") && /↑ 2 not pushed/.test(s),
      'the assignment and its not-pushed count',
    );

    // push both
    await t.key('p');
    screen = await t.waitForText('Push to origin: 2 of 2 local-only tags chosen');
    assert.match(screen, /\[x\] segment#prod#1/);
    assert.match(screen, /\[x\] segment@v0\.1\.1/);
    await t.key('Enter');
    screen = await t.waitForText('Pushed 2 tags to origin');
    await t.waitForText('all pushed');

    // quit: the shell is back, with the exit status of the UI
    await t.key('q');
    screen = await t.waitForText('exit=0');
    assert.equal(t.alternateScreen(), false, 'the alternate screen is left');
    assert.match(screen, /^\$ env -u CI/m, 'the command line typed before the UI is on screen again');
    assert.doesNotMatch(screen, /name\s+latest/, 'nothing of the UI is left on the main screen');

    const tags = originTags(fixture.origin);
    assert.deepEqual([...tags.keys()].sort(), ['churn#prod#1', 'churn@v1.0.0', 'segment#prod#1', 'segment@v0.1.0', 'segment@v0.1.1']);
    assert.deepEqual(tags.get('segment@v0.1.1'), {type: 'tag', target: fixture.c2, message: 'e2e release'});
    assert.deepEqual(tags.get('segment#prod#1'), {
      type: 'tag',
      target: fixture.c2,
      message: 'Assigning stage prod to artifact segment version v0.1.1',
    });
    // the local tags are the very objects origin has
    for (const name of ['segment@v0.1.1', 'segment#prod#1']) {
      assert.equal(git(fixture.origin, ['rev-parse', `refs/tags/${name}`]), git(fixture.repo, ['rev-parse', `refs/tags/${name}`]));
    }
  });

  test('--readonly opens the UI without the keys that write', async () => {
    term?.kill();
    term = startTerminal({columns: 120, rows: 40, cwd: ROOT});
    const t = term;
    const before = git(fixture.repo, ['tag', '--list']);
    t.run(cliCommand(['--readonly', '-r', fixture.repo]), '; echo "exit=$?"');
    let screen = await t.waitForText('gto-tui [readonly]');
    await t.waitForText(/all pushed/);
    assert.doesNotMatch(screen, /r register|p push/);
    await t.key('r');
    await t.key('?');
    screen = await t.waitForText('Keys: Registry (readonly: write keys hidden)');
    assert.doesNotMatch(screen, /register a version/);
    await t.key('Escape');
    await t.waitForText(/name\s+latest/);
    await t.key('q');
    await t.waitForText('exit=0');
    assert.equal(git(fixture.repo, ['tag', '--list']), before, 'no tag written');
  });
});

test('--help lists --readonly among the options of the interactive UI', () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: build first`);
  const help = spawnSync(process.execPath, [CLI, '--help'], {encoding: 'utf8'});
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--readonly\s+Interactive UI without the keys that write tags/);
  assert.match(help.stdout, /--demo\s+Open the interactive UI on a demo registry/);
});
