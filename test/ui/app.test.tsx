import assert from 'node:assert/strict';
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, git, removeTempDirs, tag} from '../helpers/repo.js';
import {localTags, makeFixture, remoteTagNames, tagMessage, tagTarget, type Fixture} from './fixture.js';
import {KEY, renderApp, type Harness} from './harness.js';

applyTestEnv();
// tags the app writes are dated after every fixture tag, as they would be in real life
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const rowOf = (frame: string, name: string): string => frame.split('\n').find((line) => new RegExp(`^[▶ ] [↑? ]\\*?${name} `).test(line)) ?? '';
const selectedRow = (frame: string): string => frame.split('\n').find((line) => line.startsWith('▶ ')) ?? '';

const withApp = async (fixture: Fixture, options: Parameters<typeof renderApp>[1], body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(fixture.repo, options);
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

describe('registry grid', () => {
  let fixture: Fixture;
  before(() => {
    fixture = makeFixture();
  });

  test('shows one row per active artifact with latest and the .gto stage columns', async () => {
    await withApp(fixture, {}, async (h) => {
      const frame = h.frame();
      assert.match(frame, /name\s+latest\s+#dev\s+#staging\s+#prod/);
      assert.match(rowOf(frame, 'churn'), /v1\.1\.0\s+↑?v1\.1\.0\s+-\s+v1\.0\.0/);
      assert.match(rowOf(frame, 'segment'), /v0\.1\.0/);
      assert.equal(rowOf(frame, 'old'), '', 'deprecated artifact hidden');
      assert.match(frame, /2\/3 artifacts \(1 deprecated hidden\)/);
    });
  });

  test('marks cells whose tag exists only locally with ↑ once origin answered', async () => {
    await withApp(fixture, {}, async (h) => {
      const frame = await h.waitFor((_, s) => s.remote.kind === 'known', 'remote');
      const churn = rowOf(frame, 'churn');
      assert.match(churn, /↑v1\.1\.0 +↑v1\.1\.0/, 'latest and #dev hold local-only tags');
      assert.match(churn, / v1\.0\.0/, '#prod is pushed');
      assert.doesNotMatch(rowOf(frame, 'segment'), /↑/);
      assert.match(frame, /↑ 2 not pushed/);
    });
  });

  test('a tag origin has at another commit counts as not pushed (↑), like a missing one', async () => {
    const moved = makeFixture();
    // churn#prod#2 is on origin at c1; here it is deleted and made again at c2
    git(moved.repo, ['tag', '--delete', 'churn#prod#2']);
    tag(moved.repo, 'churn#prod#2', {target: moved.c2, time: T0 + 30});
    await withApp(moved, {}, async (h) => {
      const frame = await h.waitFor((_, s) => s.remote.kind === 'known', 'remote');
      assert.match(rowOf(frame, 'churn'), /↑v1\.1\.0\s*$/, '#prod now shows v1.1.0, not pushed');
      assert.match(frame, /↑ 3 not pushed/);
      const push = await h.press('p');
      assert.match(push, /\[x\] churn#prod#2\s+\(origin has it at [0-9a-f]{7}\)/);
    });
  });

  test('moves the cursor by cell with arrows and hjkl, g/G jump to top and bottom', async () => {
    await withApp(fixture, {}, async (h) => {
      assert.match(selectedRow(h.frame()), /churn/);
      await h.press('j');
      assert.match(selectedRow(h.frame()), /segment/);
      await h.press(KEY.up);
      assert.match(selectedRow(h.frame()), /churn/);
      await h.press('G');
      assert.match(selectedRow(h.frame()), /segment/);
      await h.press('g', 'l', KEY.right);
      assert.deepEqual(h.store.getState().cursor.col, 2);
      await h.press('h');
      assert.deepEqual(h.store.getState().cursor.col, 1);
    });
  });

  test('keys that arrive together are each a key: "djj" shows deprecated and moves twice, "/seg" filters by "seg"', async () => {
    await withApp(fixture, {}, async (h) => {
      await h.press('djj'); // churn, old, segment
      assert.equal(h.store.getState().showDeprecated, true);
      assert.match(selectedRow(h.frame()), /segment/);
      await h.press('dg/seg');
      assert.equal(h.store.getState().filter, 'seg');
      assert.match(h.frame(), /^\/seg/m);
      await h.press(KEY.escape);
    });
  });

  test('keys that arrive together with Enter, Tab or a Ctrl key in them are each a key too', async () => {
    await withApp(fixture, {}, async (h) => {
      let frame = await h.press('j\r'); // segment, then Enter on its name
      assert.equal(h.store.getState().artifact?.name, 'segment', frame);
      frame = await h.press('\u001b');
      frame = await h.press('/se\r'); // filter, typed, kept
      assert.equal(h.store.getState().filter, 'se');
      assert.deepEqual(h.store.getState().modes, ['grid']);
      await h.press('/\u0015\r'); // ^U clears the field, Enter keeps it empty
      assert.equal(h.store.getState().filter, '');
    });
  });

  test('d shows deprecated artifacts', async () => {
    await withApp(fixture, {}, async (h) => {
      const frame = await h.press('d');
      assert.match(rowOf(frame, 'old'), /old/);
      assert.doesNotMatch(await h.press('d'), /^. . ?old /m);
    });
  });

  test('/ filters artifacts by name and by label; Esc clears', async () => {
    await withApp(fixture, {}, async (h) => {
      let frame = await h.press('/');
      frame = await h.type('seg');
      assert.match(frame, /\/seg/);
      assert.equal(rowOf(frame, 'churn'), '');
      assert.match(rowOf(frame, 'segment'), /segment/);
      frame = await h.press(KEY.backspace, KEY.backspace, KEY.backspace);
      frame = await h.type('tabular');
      assert.match(rowOf(frame, 'churn'), /churn/, 'label matches');
      assert.equal(rowOf(frame, 'segment'), '');
      frame = await h.press(KEY.enter);
      assert.equal(h.store.getState().filter, 'tabular');
      frame = await h.press(KEY.escape);
      assert.match(rowOf(frame, 'segment'), /segment/);
    });
  });

  test('Enter on the name opens the artifact panel with versions, history and annotation', async () => {
    await withApp(fixture, {}, async (h) => {
      const frame = await h.press(KEY.enter);
      assert.match(frame, /type: model · path: models\/churn\.pkl · labels: tabular/);
      assert.match(frame, /Churn model/);
      assert.match(frame, /▶ v1\.1\.0\s+dev/);
      assert.match(frame, /v1\.0\.0\s+prod/);
      assert.match(frame, /assignment\s+v1\.0\.0\s+prod\s+Carol Commit\S*\s+churn#prod#2/);
      const filtered = await h.press('s');
      assert.match(filtered, /History \[stage dev\]/);
      assert.doesNotMatch(filtered, /churn#prod#2/);
      const back = await h.press(KEY.escape);
      assert.match(back, /name\s+latest/);
    });
  });

  test('? lists every key of the screen from the keymap', async () => {
    await withApp(fixture, {}, async (h) => {
      const frame = await h.press('?');
      for (const text of ['Keys: Registry', 'move up', 'filter artifacts by name or label', 'register a version', 'push local-only tags', 'quit']) {
        assert.ok(frame.includes(text), `help shows '${text}'`);
      }
      assert.match(await h.press(KEY.escape), /name\s+latest/);
    });
  });

  test('--readonly hides the keys that write and ignores them', async () => {
    await withApp(fixture, {readonly: true}, async (h) => {
      assert.doesNotMatch(h.frame(), /r register|a assign|p push/);
      const before = localTags(fixture.repo);
      await h.press('r');
      await h.press('x');
      assert.equal(h.store.getState().modes.at(-1), 'grid');
      const help = await h.press('?');
      assert.doesNotMatch(help, /register a version|push local-only/);
      assert.match(help, /readonly/);
      assert.deepEqual(localTags(fixture.repo), before);
    });
  });

  test('a terminal below 60×15 shows one "too small" line', async () => {
    await withApp(fixture, {columns: 50, rows: 10}, async (h) => {
      assert.match(h.frame(), /^Terminal too small \(50×10\)/);
      assert.equal(h.frame().split('\n').length, 1);
    });
  });

  test('without colour the selected cell still has the ▶ marker and inverse video', async () => {
    await withApp(fixture, {color: false}, async (h) => {
      const raw = h.instance.lastFrame() ?? '';
      assert.doesNotMatch(raw, /\u001B\[3[0-9]m/, 'no foreground colours');
      assert.match(h.frame(), /^▶ .*churn/m);
    });
  });
});

describe('writes', () => {
  test('r registers the selected artifact: suggests the bump, confirms the exact tag, creates it', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      let frame = await h.press('j', 'r');
      assert.match(frame, /Register a version of segment/);
      frame = await h.press(KEY.enter); // HEAD commit
      assert.match(frame, /Version\s+v0\.1\.1/);
      frame = await h.press(KEY.tab);
      assert.match(frame, /Version\s+v0\.2\.0/);
      await h.press('\u0015'); // ctrl+u clears the field
      frame = await h.type('1.2');
      assert.match(frame, /Supplied version '1\.2' cannot be parsed/);
      await h.press('\u0015');
      frame = await h.type('v0.1.0');
      assert.match(frame, /Version 'v0\.1\.0' already was registered/);
      await h.press('\u0015');
      frame = await h.type('v2.0.0');
      assert.match(frame, /v2\.0\.0.*✓/);
      frame = await h.press(KEY.enter);
      frame = await h.type('first big one');
      frame = await h.press(KEY.enter);
      assert.match(frame, /tag\s+segment@v2\.0\.0/);
      assert.match(frame, /message first big one/);
      assert.ok(!localTags(fixture.repo).includes('segment@v2.0.0'), 'nothing written before confirming');
      frame = await h.press(KEY.enter);
      assert.match(frame, /Created 'segment@v2\.0\.0'/);
      assert.ok(localTags(fixture.repo).includes('segment@v2.0.0'));
      assert.equal(tagMessage(fixture.repo, 'segment@v2.0.0'), 'first big one');
      assert.equal(tagTarget(fixture.repo, 'segment@v2.0.0'), fixture.c2);
      assert.match(rowOf(frame, 'segment'), /↑v2\.0\.0/);
    });
  });

  test('register warns while typing when the commit already has a version', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      const frame = await h.press('r', KEY.enter);
      assert.match(frame, /'churn' is already registered in this commit with version 'v1\.1\.0'/);
      await h.press(KEY.enter);
      assert.equal(h.store.getState().form?.kind === 'register' && h.store.getState().form?.step, 'version', 'Enter refused');
    });
  });

  test('N registers a new artifact typed in; an invalid name is refused with GTO words', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      let frame = await h.press('N');
      assert.match(frame, /new artifact/);
      frame = await h.type('-bad');
      frame = await h.press(KEY.enter);
      assert.match(frame, /Invalid value '-bad'/);
      await h.press('\u0015');
      await h.type('newmodel');
      await h.press(KEY.enter, KEY.enter);
      frame = await h.press(KEY.enter, KEY.enter);
      assert.match(frame, /tag\s+newmodel@v0\.0\.1/);
      await h.press(KEY.enter);
      assert.ok(localTags(fixture.repo).includes('newmodel@v0.0.1'));
    });
  });

  test('Enter on a stage cell assigns: shows what the stage holds now and will hold, creates the tag', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('l', 'l', 'l'); // churn #staging
      let frame = await h.press(KEY.enter);
      assert.match(frame, /Assign a stage to churn/);
      assert.match(frame, /staging holds now: -\s+→\s+will hold: v1\.1\.0/);
      frame = await h.press('j'); // v1.0.0
      frame = await h.press(KEY.enter);
      assert.match(frame, /Stage\s+staging/);
      frame = await h.press(KEY.enter);
      assert.match(frame, /tag\s+churn#staging#4/);
      frame = await h.press(KEY.enter);
      assert.ok(localTags(fixture.repo).includes('churn#staging#4'));
      assert.equal(tagTarget(fixture.repo, 'churn#staging#4'), fixture.c1);
      assert.match(frame, /churn .*v1\.0\.0\s+(↑|\s)v1\.0\.0/);
    });
  });

  test('the version and stage lists are pickers: a digit picks the n-th choice shown', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      let frame = await h.press('a'); // churn: v1.1.0, v1.0.0
      assert.match(frame, /↓\/j choose\s+Enter pick/);
      frame = await h.press('2');
      assert.equal(h.store.getState().form?.kind === 'assign' && h.store.getState().form?.step, 'stage');
      assert.match(frame, /Version\s+v1\.0\.0/);
      frame = await h.press('3'); // dev, staging, prod: v1.0.0 is in prod already
      assert.match(frame, /Version 'v1\.0\.0' is already in stage 'prod'/);
      assert.equal(h.store.getState().modes.at(-1), 'confirm', 'offered as an override (--force)');
      frame = await h.press(KEY.escape);
      assert.match(frame, /^ +▶ 3 prod$/m, 'the highlight follows the pick');
      frame = await h.press('2');
      assert.match(frame, /tag\s+churn#staging#4/);
      assert.match(frame, /Assign churn → staging/);
    });
  });

  test('assign refuses a stage outside .gto is impossible to pick; a commit without version is auto-registered', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j'); // segment
      let frame = await h.press('a');
      assert.match(frame, /registers a new version/);
      // segment's only version v0.1.0 is on c1; HEAD (c2) is offered for registration. Every
      // commit is listed, so k from the first choice wraps around to the last one.
      frame = await h.press('k');
      assert.match(frame, /Version\s+HEAD [0-9a-f]{7} second\s+\(registers a new version\)/);
      assert.equal(h.store.getState().form?.kind === 'assign' && h.store.getState().form?.versionIndex, 1);
      await h.press(KEY.enter);
      frame = await h.press(KEY.enter); // stage dev
      assert.match(frame, /segment@v0\.1\.1/);
      assert.match(frame, /segment#dev#1/);
      await h.press(KEY.enter);
      const tags = localTags(fixture.repo);
      assert.ok(tags.includes('segment@v0.1.1') && tags.includes('segment#dev#1'));
    });
  });

  test('x on a stage cell unassigns after a confirmation that starts on Cancel', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('l', 'l', 'l', 'l'); // churn #prod
      let frame = await h.press('x');
      assert.match(frame, /Unassign prod from churn v1\.0\.0/);
      assert.match(frame, /▶ \[ Cancel \]/);
      frame = await h.press(KEY.enter); // Cancel
      assert.match(frame, /Cancelled: nothing was written/);
      assert.ok(!localTags(fixture.repo).some((t) => t.startsWith('churn#prod!')));
      await h.press('x', 'l');
      frame = await h.press(KEY.enter);
      assert.ok(localTags(fixture.repo).includes('churn#prod!#4'), localTags(fixture.repo).join(' ') + h.frame());
      assert.match(rowOf(frame, 'churn'), /↑v1\.1\.0\s+↑v1\.1\.0\s+-\s+-$/, '#prod is empty again');
    });
  });

  test('x on the name deprecates the artifact; on latest deregisters; in the panel deregisters the version', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j', 'x', 'y'); // segment name
      assert.ok(localTags(fixture.repo).includes('segment@deprecated'));
      assert.doesNotMatch(h.frame(), /^. .segment /m);
      await h.press('g', 'l', 'x', 'y'); // churn latest v1.1.0
      assert.ok(localTags(fixture.repo).includes('churn@v1.1.0!'));
      let frame = await h.press('h', KEY.enter); // open churn
      assert.match(frame, /v1\.1\.0 +\(deregistered\)/);
      frame = await h.press('j', 'x');
      assert.match(frame, /Deregister churn v1\.0\.0/);
      frame = await h.press('y');
      assert.ok(localTags(fixture.repo).includes('churn@v1.0.0!'));
    });
  });

  test('a refused write shows GTO message on the status line and writes nothing', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      let frame = await h.press('l', 'l', 'l', 'x'); // churn #staging: nobody holds it
      assert.match(frame, /No version of churn is in stage 'staging'/);
      await h.press('h', 'h', 'x', 'y'); // deregister churn v1.1.0
      const before = localTags(fixture.repo);
      frame = await h.press('h', KEY.enter, 'x'); // the panel still lists v1.1.0, deregistered
      assert.match(frame, /✗ The version at ref '[0-9a-f]{40}' was deregistered already/);
      assert.equal(h.store.getState().modes.at(-1), 'artifact');
      assert.deepEqual(localTags(fixture.repo), before);
    });
  });

  test('p pushes the chosen local-only tags to origin; the ↑ markers go away', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.waitFor((_, s) => s.remote.kind === 'known', 'remote');
      let frame = await h.press('p');
      assert.match(frame, /Push to origin: 2 of 2 local-only tags chosen/);
      assert.match(frame, /\[x\] churn#dev#3/);
      frame = await h.press('j', ' ');
      assert.match(frame, /\[ \] churn@v1\.1\.0/);
      frame = await h.press(KEY.enter);
      await h.waitFor((_, s) => s.remote.kind === 'known' && s.modes.length === 1, 'push done');
      assert.ok(remoteTagNames(fixture.origin).includes('churn#dev#3'));
      assert.ok(!remoteTagNames(fixture.origin).includes('churn@v1.1.0'));
      frame = await h.press('R');
      assert.match(frame, /↑ 1 not pushed/);
      assert.match(frame, /Pushed 1 tag to origin/);
    });
  });

  test('a failed push shows git error verbatim and keeps the screen', async () => {
    const fixture = makeFixture();
    const hook = path.join(fixture.origin, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "tags are frozen today" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    await withApp(fixture, {}, async (h) => {
      await h.waitFor((_, s) => s.remote.kind === 'known', 'remote');
      await h.press('p');
      const frame = await h.press(KEY.enter);
      assert.match(h.store.getState().push?.error ?? '', /failed to push some refs/);
      assert.match(frame, /✗ .*failed to push/);
      assert.equal(h.store.getState().modes.at(-1), 'push');
      assert.deepEqual(remoteTagNames(fixture.origin).filter((t) => t.startsWith('churn@v1.1')), []);
    });
  });

  test('u undoes the last unpushed write by deleting its tag, after confirmation', async () => {
    const fixture = makeFixture();
    await withApp(fixture, {}, async (h) => {
      await h.press('j', 'r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
      assert.ok(localTags(fixture.repo).includes('segment@v0.1.1'));
      let frame = await h.press('u');
      assert.match(frame, /Undo: Register segment v0\.1\.1/);
      assert.match(frame, /segment@v0\.1\.1/);
      frame = await h.press('y');
      assert.ok(!localTags(fixture.repo).includes('segment@v0.1.1'));
      assert.match(frame, /Undone: deleted 'segment@v0\.1\.1'/);
      frame = await h.press('u');
      assert.match(frame, /Nothing to undo/);
    });
  });

  test('f fetches tags from origin and refreshes the grid', async () => {
    const fixture = makeFixture();
    const {git, tag, makeRepo} = await import('../helpers/repo.js');
    const other = makeRepo();
    git(other, ['fetch', '--quiet', fixture.origin, 'refs/heads/main:refs/remotes/o/main']);
    tag(other, 'segment#prod#1', {target: fixture.c1});
    git(other, ['push', '--quiet', fixture.origin, 'refs/tags/segment#prod#1']);
    await withApp(fixture, {}, async (h) => {
      assert.match(rowOf(h.frame(), 'segment'), /-\s*$/);
      const frame = await h.press('f');
      assert.match(frame, /Fetched 1 new tag: segment#prod#1/);
      assert.match(rowOf(frame, 'segment'), /v0\.1\.0\s*$/);
    });
  });
});
