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
import {KEY, renderApp, type Harness} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);

const withApp = async (repo: string, options: Parameters<typeof renderApp>[1], body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(repo, options);
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

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
