/**
 * The app at its edges: a repository without commits, a terminal too small to draw in, errors
 * longer than a line, an origin that is missing or unreachable, a status line that must not
 * outlive what it was about.
 */
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {T0, applyTestEnv, git, makeRepo, removeTempDirs} from '../helpers/repo.js';
import {localTags, makeFixture} from './fixture.js';
import type {Services} from '../../source/ui/services.types.js';
import {KEY, withApp} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

describe('a repository without commits', () => {
  test('opens, says there is nothing to register until a first commit, and never throws on N/r/a/Enter/j', async () => {
    const repo = makeRepo();
    await withApp(repo, {}, async (h) => {
      assert.match(h.frame(), /no commits yet: nothing to register until the first commit/i);
      // the keys that crashed: N, a name, Enter on the (empty) commit list, j in it
      for (const keys of [['N', 'm', 'y', KEY.enter, KEY.enter, KEY.enter], ['N', 'm', KEY.enter, 'j', KEY.enter], ['r'], ['a'], [KEY.enter], ['x'], ['p']]) {
        const frame = await h.press(...keys);
        assert.match(frame, /gto-tui/, `still drawing after ${JSON.stringify(keys)}`);
        while (h.store.getState().modes.length > 1) await h.press(KEY.escape);
      }
      const frame = await h.press('N');
      assert.equal(h.store.getState().modes.at(-1), 'grid', 'no register form without a commit');
      assert.match(frame, /✗ No commits yet: nothing to register until the first commit/);
      assert.deepEqual(localTags(repo), []);
    });
  });
});

describe('while the registry is read', () => {
  test('the header says so, not "0 artifacts"; the count follows the read', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {}, async (h) => {
      // the first frame is drawn as the app mounts, before any read has answered
      const frames = h.instance.frames;
      const counted = frames.findIndex((frame) => /\b\d+ artifacts\b/.test(frame));
      assert.ok(counted > 0, 'a frame before the count');
      assert.match(frames[0]!, /reading the registry…/);
      assert.deepEqual(
        frames.filter((frame) => /\b0 artifacts\b/.test(frame)),
        [],
        'never "0 artifacts" in a registry that has some',
      );
      assert.doesNotMatch(frames.at(-1)!, /reading the registry/);
    });
  });
});

describe('a terminal too small to draw in', () => {
  test('only quit acts while the "too small" line shows, and the line says how to quit', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 50, rows: 12}, async (h) => {
      const before = localTags(fixture.repo);
      const frame = await h.press('x', 'y', 'j', 'l', KEY.enter, 'r', 'N', 'p', 'd', '/', 'a', '?');
      assert.match(frame, /Terminal too small \(50×12\); gto-tui needs 60×15 · q quits/);
      assert.deepEqual(localTags(fixture.repo), before, 'x y deprecated nothing');
      const state = h.store.getState();
      assert.deepEqual(state.modes, ['grid']);
      assert.deepEqual([state.cursor.row, state.cursor.col], [0, 0], 'the cursor did not move unseen');
      assert.equal(state.showDeprecated, false);
      assert.equal(state.quitting, false);
      await h.press('q');
      assert.equal(h.store.getState().quitting, true, 'q quits');
    });
  });

  test('q there still asks about tags this run made and did not push, on that one line', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {columns: 50, rows: 12}, async (h) => {
      // a write of this run, made before the terminal shrank
      git(fixture.repo, ['tag', 'segment@v0.1.1', fixture.c2]);
      await h.controller.reload();
      h.store.dispatch({type: 'operation/add', title: 'Register segment v0.1.1', tags: ['segment@v0.1.1']});
      let frame = await h.press('q');
      assert.match(frame, /Quit with 1 not pushed \(segment@v0\.1\.1\)\? y quits, n stays/);
      frame = await h.press('n');
      assert.match(frame, /Terminal too small/);
      assert.equal(h.store.getState().quitting, false);
      await h.press('q', 'y');
      assert.equal(h.store.getState().quitting, true);
    });
  });
});

describe('errors longer than the status line', () => {
  test('e shows the whole last error, wrapped, with what git printed (a remote hook\'s lines too)', async () => {
    const fixture = makeFixture();
    const hook = path.join(fixture.origin, 'hooks', 'pre-receive');
    const reason = 'tags are frozen until the quarterly review is over; ask the release manager in #ml-platform for an exception';
    writeFileSync(hook, `#!/bin/sh\necho "${reason}" >&2\nexit 1\n`);
    chmodSync(hook, 0o755);
    await withApp(fixture.repo, {columns: 80, rows: 24}, async (h) => {
      await h.waitFor((_, s) => s.remote.kind === 'known', 'remote');
      await h.press('p', KEY.enter);
      await h.waitFor((_, s) => s.push?.error != null, 'the push error');
      let frame = await h.press(KEY.escape, 'e');
      assert.equal(h.store.getState().modes.at(-1), 'error');
      assert.match(frame, /Last error/);
      const text = frame.replace(/[│\s]+/g, ' ');
      assert.ok(text.includes(reason), `the hook's words, whole:\n${frame}`);
      assert.match(text, /failed to push some refs/);
      frame = await h.press(KEY.escape);
      assert.equal(h.store.getState().modes.at(-1), 'grid');
    });
  });

  test('a status line too long for the terminal says e shows all of it; the hint bar offers e', async () => {
    const fixture = makeFixture();
    git(fixture.repo, ['remote', 'set-url', 'origin', `/nonexistent/${'very-long-directory-name/'.repeat(4)}origin.git`]);
    await withApp(fixture.repo, {columns: 80, rows: 24}, async (h) => {
      await h.waitFor((_, s) => s.remote.kind === 'error', 'origin fails');
      const frame = await h.press('f');
      const status = frame.split('\n').find((line) => line.startsWith('✗')) ?? '';
      assert.match(status, /… e: full text$/);
      assert.ok(status.length <= 80, status);
      assert.match(frame, /e error/);
      const full = await h.press('e');
      assert.ok(full.replace(/[│\s]+/g, '').includes('very-long-directory-name/'.repeat(4)), full);
    });
  });
});

/** Grid rows (below the column titles): the marker column of each, `↑`, `?` or blank. */
const rowMarkers = (frame: string): string[] =>
  frame
    .split('\n')
    .filter((line) => /^[▶ ] [↑? ]\S/.test(line) && !/^ {3}name/.test(line))
    .map((line) => line[2]!);

describe('origin missing, unreachable or not to be asked', () => {
  test('without an origin: no push markers, p and f say why they cannot, nothing says "p to push"', async () => {
    const repo = makeFixture().repo;
    git(repo, ['remote', 'remove', 'origin']);
    await withApp(repo, {}, async (h) => {
      await h.waitFor((_, s) => s.remote.kind === 'none', 'no origin');
      let frame = h.frame();
      assert.deepEqual([...new Set(rowMarkers(frame))], [' '], frame);
      assert.match(frame, /· no origin/);
      assert.doesNotMatch(frame, /p push/, 'p is not offered');
      frame = await h.press('p');
      assert.match(frame, /✗ No remote 'origin' to push to/);
      frame = await h.press('f');
      assert.match(frame, /✗ No remote 'origin' to fetch from/);
      frame = await h.press('j', 'r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
      assert.match(frame, /✓ Created 'segment@v0\.1\.1'/);
      assert.doesNotMatch(frame, /p to push|not pushed/);
    });
  });

  test('an unreachable origin is said once, in the header; no cell shows "?"', async () => {
    const repo = makeFixture().repo;
    git(repo, ['remote', 'set-url', 'origin', '/nonexistent/origin.git']);
    await withApp(repo, {}, async (h) => {
      const frame = await h.waitFor((_, s) => s.remote.kind === 'error', 'origin fails');
      assert.deepEqual([...new Set(rowMarkers(frame))], [' '], frame);
      assert.equal(frame.split('origin unreachable').length, 2, 'said once');
      assert.match(frame.split('\n')[1]!, /origin unreachable: '\/nonexistent\/origin\.git' does not appear/);
      assert.match(await h.press('e'), /'\/nonexistent\/origin\.git' does not appear to be a git repository/, 'e shows why, whole');
      await h.press(KEY.escape);
      const after = await h.press('j', 'r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
      assert.match(after, /✓ Created 'segment@v0\.1\.1' \(not pushed: origin unreachable; u to undo\)/);
    });
  });

  test('--no-remote: origin is never asked by itself, not at start nor on R; p and f still ask it', async () => {
    const fixture = makeFixture();
    let asked = 0;
    const counting = (real: Services): Services => ({...real, remoteTags: () => (asked++, real.remoteTags())});
    await withApp(fixture.repo, {noRemote: true, services: counting}, async (h) => {
      let frame = await h.idle();
      assert.equal(h.store.getState().remote.kind, 'off');
      assert.match(frame, /origin not asked \(--no-remote\)/);
      assert.deepEqual([...new Set(rowMarkers(frame))], [' '], 'no ↑ and no ? while origin is not asked');
      await h.press('R');
      assert.equal(asked, 0, 'no ls-remote at start or on R');
      frame = await h.press('p');
      assert.equal(asked, 1, 'p asks origin');
      assert.match(frame, /Push to origin: 2 of 2 local-only tags chosen/);
      frame = await h.press(KEY.escape);
      assert.match(frame, /↑ 2 not pushed/, 'once asked, the markers are known');
    });
  });
});

/** The status line: the line above the hint bar. */
const statusLine = (frame: string): string => frame.split('\n').at(-2) ?? '';

describe('the status line', () => {
  test('never follows the user onto another screen', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {}, async (h) => {
      let frame = await h.press('u');
      assert.match(statusLine(frame), /Nothing to undo/);
      frame = await h.press('a');
      assert.match(frame, /Assign a stage to churn/);
      assert.equal(statusLine(frame).trim(), '', 'not under the assign form');
      await h.press(KEY.escape);
      frame = await h.press('j', 'r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
      assert.match(statusLine(frame), /✓ Created 'segment@v0\.1\.1'/);
      frame = await h.press('p');
      assert.match(frame, /Push to origin/);
      assert.doesNotMatch(frame, /Created/, 'not on the push screen');
    });
  });

  test('an error about a field goes once the field is edited', async () => {
    const fixture = makeFixture();
    await withApp(fixture.repo, {}, async (h) => {
      await h.press('j', 'r', KEY.enter, '\u0015');
      let frame = await h.type('v1.x');
      frame = await h.press(KEY.enter);
      assert.match(statusLine(frame), /✗ Supplied version 'v1\.x' cannot be parsed/);
      frame = await h.press(KEY.backspace);
      frame = await h.type('0');
      assert.match(frame, /v1\.0.*✗|✗.*v1\.0/, 'the field itself still says what is wrong');
      assert.doesNotMatch(statusLine(frame), /v1\.x/, 'the old error is gone');
    });
  });
});
