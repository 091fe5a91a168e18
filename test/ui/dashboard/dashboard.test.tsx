/**
 * The dashboard over several real repositories, each with its bare origin: every key acts on
 * the repository of the row under the cursor, and one that cannot be opened does not keep the
 * others from working.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {after, test} from 'node:test';
import type {RegistrySource} from '../../../source/ui/dashboard/sources.js';
import {withLoggedGit} from '../../helpers/gitProcesses.js';
import {T0, applyTestEnv, git, removeTempDirs, tag, tempDir} from '../../helpers/repo.js';
import {localTags, makeFixture, remoteTagNames, type Fixture} from '../fixture.js';
import {KEY, renderDashboard} from '../harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const at = (fixture: Fixture, label: string): RegistrySource => ({kind: 'path', path: fixture.repo, label});

/** The grid row with the cursor (not the section header, which starts with `▶ label`). */
const selected = (frame: string): string => frame.split('\n').find((line) => line.startsWith('▶ ') && !/^▶ (alpha|beta|gamma) /.test(line)) ?? '';

test('three repositories, one section each; an assign on a row of the second creates its tag there alone, and p pushes it to that origin', async () => {
  const [a, b, c] = [makeFixture(), makeFixture(), makeFixture()];
  const h = await renderDashboard([at(a, 'alpha'), at(b, 'beta'), at(c, 'gamma')], {rows: 40, columns: 160});
  try {
    let frame = h.frame();
    for (const [label, fixture] of [['alpha', a], ['beta', b], ['gamma', c]] as const) {
      assert.match(frame, new RegExp(`^[▶■] ${label} 2/3 artifacts · ↑ 2 not pushed  ${fixture.repo.replaceAll('/', '\\/')}  ⎇ main  origin ${fixture.origin.replaceAll('/', '\\/')}$`, 'm'));
    }
    assert.match(frame, /dashboard of 3 registries/);
    assert.match(frame, /Tab next repo/, 'the hint bar names the key');

    frame = await h.press(KEY.tab);
    assert.match(frame, /^▶ beta /m, 'Tab: the cursor in the second section');
    frame = await h.press('l', 'l', 'l'); // churn, staging
    frame = await h.press(KEY.enter);
    assert.match(frame, /Assign a stage to churn/);
    assert.ok(frame.includes(b.repo), "the form is the second repository's own screen");
    await h.press('j', KEY.enter); // v1.0.0
    frame = await h.press(KEY.enter);
    assert.match(frame, /tag\s+churn#staging#4/);
    frame = await h.press(KEY.enter);
    assert.ok(localTags(b.repo).includes('churn#staging#4'), 'created in the second repository');
    for (const other of [a, c]) assert.ok(!localTags(other.repo).includes('churn#staging#4'), 'and nowhere else');
    assert.match(frame, /^▶ beta .*↑ 3 not pushed/m, 'back in the dashboard, its section counts it');

    frame = await h.press('p');
    assert.match(frame, /Push to origin: 3 of 3 local-only tags chosen/);
    await h.press(KEY.enter);
    await h.waitFor(() => h.storeOf(1).getState().modes.length === 1 && h.storeOf(1).getState().remote.kind === 'known', 'push done');
    assert.ok(remoteTagNames(b.origin).includes('churn#staging#4'), "pushed to the second repository's origin");
    assert.ok(remoteTagNames(b.origin).includes('churn#dev#3'));
    for (const other of [a, c]) {
      assert.ok(!remoteTagNames(other.origin).includes('churn#staging#4'));
      assert.ok(!remoteTagNames(other.origin).includes('churn#dev#3'), "the others' local tags stay unpushed");
    }
    frame = await h.press('R');
    assert.match(frame, /^▶ beta .*all pushed/m);
    assert.match(frame, /^■ alpha .*↑ 2 not pushed/m);
  } finally {
    h.instance.unmount();
    h.dashboard.stop();
  }
});

test('↓ past the last row of a section goes on into the next; / filters by repository label too; Shift+Tab goes back', async () => {
  const [a, b] = [makeFixture(), makeFixture()];
  const h = await renderDashboard([at(a, 'alpha'), at(b, 'beta')], {rows: 30});
  try {
    let frame = await h.press('j');
    assert.match(selected(frame), /segment/);
    frame = await h.press('j');
    assert.match(frame, /^▶ beta /m, 'on into the second section');
    assert.match(selected(frame), /churn/);
    frame = await h.press('k');
    assert.match(frame, /^▶ alpha /m);
    assert.match(selected(frame), /segment/);

    frame = await h.press('/', 'b', 'e', 't', KEY.enter);
    assert.match(frame, /^[▶■] alpha 0\/3 artifacts/m, "no artifact of alpha matches 'bet'");
    assert.match(frame, /No artifact matches 'bet'/);
    assert.match(frame, /^[▶■] beta 2\/3 artifacts/m, "every row of beta: its label matches 'bet'");
    frame = await h.press('/', KEY.backspace, KEY.backspace, KEY.backspace, 's', 'e', 'g', KEY.enter);
    assert.match(frame, /^[▶■] beta 1\/3 artifacts/m);

    frame = await h.press(KEY.escape, '\u001B[Z'); // clear the filter, Shift+Tab
    assert.match(frame, /^▶ beta /m, 'Shift+Tab wraps around');
    frame = await h.press('?');
    assert.match(frame, /Tab\s+next repository \(dashboard\)/);
    assert.match(frame, /S-Tab\s+previous repository \(dashboard\)/);
  } finally {
    h.instance.unmount();
    h.dashboard.stop();
  }
});

test('a missing path and an unreachable URL each show one error line in their section; the other repository stays usable', async () => {
  const a = makeFixture();
  const cache = tempDir('gto-tui-cache-');
  const missing = path.join(tempDir(), 'no-such-repo');
  const h = await renderDashboard(
    [
      {kind: 'path', path: missing, label: 'gone'},
      at(a, 'alpha'),
      {kind: 'url', url: `file://${path.join(tempDir(), 'nothing-here.git')}`, label: 'offline'},
    ],
    {env: {...process.env, XDG_CACHE_HOME: cache}},
  );
  try {
    let frame = h.frame();
    assert.match(frame, new RegExp(`^■ gone ${missing.replaceAll('/', '\\/')}\\n✗ no such directory: ${missing.replaceAll('/', '\\/')}$`, 'm'));
    assert.match(frame, /^■ offline file:\/\/.*nothing-here\.git\n✗ Failed to clone repo 'file:\/\/.*nothing-here\.git': .*$/m);
    assert.match(frame, /^▶ alpha /m, 'the cursor starts in the repository that opened');
    frame = await h.press(KEY.tab);
    assert.match(frame, /^▶ alpha /m, 'Tab skips the sections that failed');
    frame = await h.press('d');
    assert.match(frame, /old/, 'alpha answers its keys');
    frame = await h.press(KEY.enter);
    assert.match(frame, /Versions/, 'its artifact panel');
    frame = await h.press(KEY.escape);
    assert.match(frame, /✗ no such directory/);
  } finally {
    h.instance.unmount();
    h.dashboard.stop();
  }
});

test('a URL registry is cloned once into the cache; opened again it is read from there and a fetch brings what was pushed meanwhile', async () => {
  const a = makeFixture();
  const cache = tempDir('gto-tui-cache-');
  const env = {...process.env, XDG_CACHE_HOME: cache};
  const source: RegistrySource = {kind: 'url', url: `file://${a.origin}`, label: 'shared'};
  const open = async (): Promise<string> => {
    const h = await renderDashboard([source], {env});
    try {
      return h.frame();
    } finally {
      h.instance.unmount();
      h.dashboard.stop();
    }
  };

  const first = await withLoggedGit(open);
  assert.equal(first.commandLines.filter((line) => / clone /.test(line)).length, 1, 'cloned the first time');
  assert.match(first.result, /^▶ shared 2\/3 artifacts · all pushed  file:\/\//m);
  assert.doesNotMatch(first.result, /v0\.2\.0/);

  // meanwhile, someone registers a version and pushes it
  tag(a.repo, 'segment@v0.2.0', {target: a.c2, time: T0 + 500});
  git(a.repo, ['push', '--quiet', 'origin', 'segment@v0.2.0']);

  const second = await withLoggedGit(open);
  assert.equal(second.commandLines.filter((line) => / clone /.test(line)).length, 0, 'not cloned again');
  assert.equal(second.commandLines.filter((line) => / fetch /.test(line)).length, 1, 'one fetch brings it up to date');
  assert.match(second.result, /segment\s+\S*v0\.2\.0/, 'the tag pushed meanwhile shows after the fetch');
});

test('q with tags made and not pushed in another repository asks there first; with none it quits', async () => {
  const [a, b] = [makeFixture(), makeFixture()];
  const h = await renderDashboard([at(a, 'alpha'), at(b, 'beta')], {rows: 30});
  try {
    await h.press(KEY.tab, 'l', 'l', 'l', KEY.enter); // beta: churn, staging
    await h.press('j', KEY.enter, KEY.enter);
    await h.press(KEY.enter);
    assert.ok(localTags(b.repo).includes('churn#staging#4'));
    let frame = await h.press(KEY.tab);
    assert.match(frame, /^▶ alpha /m);
    frame = await h.press('q');
    assert.match(frame, /Quit with 1 tag not pushed\?/);
    assert.match(frame, /churn#staging#4/);
    assert.ok(frame.includes(b.repo), "asked in beta's own screen");
    frame = await h.press('n');
    assert.match(frame, /^▶ beta /m, 'back in the dashboard, in the repository it asked about');
    assert.equal(h.storeOf(0).getState().quitting, false, 'alpha was not told to quit');
  } finally {
    h.instance.unmount();
    h.dashboard.stop();
  }
});

test('a write in a URL registry is pushed to that URL at once, as -r URL does; t opens its own timeline', async () => {
  const a = makeFixture();
  const b = makeFixture();
  const cache = tempDir('gto-tui-cache-');
  const h = await renderDashboard([at(b, 'local'), {kind: 'url', url: `file://${a.origin}`, label: 'shared'}], {env: {...process.env, XDG_CACHE_HOME: cache}, rows: 30});
  try {
    let frame = await h.press(KEY.tab, 'N', ...'newmodel', KEY.enter, KEY.enter);
    frame = await h.press(KEY.enter, KEY.enter);
    assert.match(frame, /tag\s+newmodel@v0\.0\.1/);
    await h.press(KEY.enter);
    await h.waitFor(() => remoteTagNames(a.origin).includes('newmodel@v0.0.1'), 'the tag on the URL');
    assert.ok(!localTags(b.repo).includes('newmodel@v0.0.1'), 'not in the other repository');
    frame = await h.press('t');
    assert.match(frame, /event \d+\/\d+/, "the URL registry's timeline");
    assert.match(frame, /file:\/\//, 'under its own header');
    frame = await h.press(KEY.escape);
    assert.match(frame, /dashboard of 2 registries/);
    assert.match(frame, /^▶ shared /m);
  } finally {
    h.instance.unmount();
    h.dashboard.stop();
  }
});

test('at 60×15 the section under the cursor is on screen with its header, after Tab as before', async () => {
  const [a, b, c] = [makeFixture(), makeFixture(), makeFixture()];
  const h = await renderDashboard([at(a, 'alpha'), at(b, 'beta'), at(c, 'gamma')], {columns: 60, rows: 15});
  try {
    let frame = await h.press(KEY.tab, KEY.tab);
    const lines = frame.split('\n');
    assert.equal(lines.length, 15);
    assert.ok(lines.every((line) => [...line].length <= 60), 'nothing wider than the terminal');
    assert.match(frame, /^▶ gamma 2\/3 artifacts/m);
    assert.match(frame, /^▶ .*churn/m, 'its cursor row');
    assert.match(lines.at(-1)!, /\? help/);
    frame = await h.press('j');
    assert.match(frame, /^▶ .*segment/m);
  } finally {
    h.instance.unmount();
    h.dashboard.stop();
  }
});

test("a repository's origin, branch and a label with control characters reach the sections escaped", async () => {
  const a = makeFixture();
  const b = makeFixture();
  git(b.repo, ['remote', 'set-url', 'origin', `${b.origin}\u001b]0;pwned\u0007`]);
  git(b.repo, ['branch', '-m', 'main', 'ma\u202ein']);
  const h = await renderDashboard([at(a, 'alpha'), {kind: 'path', path: b.repo, label: 'be\u001b[2Jta'}], {rows: 30, columns: 400});
  try {
    const raw = h.instance.lastFrame() ?? '';
    assert.doesNotMatch(raw, /\u001b\]0;|\u001b\[2J|\u202e/);
    const header = h.frame().split('\n').find((line) => line.startsWith('■ be')) ?? '';
    assert.match(header, /^■ be\\u001b\[2Jta /);
    assert.match(header, /⎇ ma\\u202ein  origin \S*\\u001b\]0;pwned\\u0007$/);
  } finally {
    h.instance.unmount();
    h.dashboard.stop();
  }
});
