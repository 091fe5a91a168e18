/**
 * The commit picker's history (git/commitLog.ts): newest first, read page by page from one
 * `git log` however far it goes; a typed sha, branch or tag looked up with one process.
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {lookupCommit, openCommitLog} from '../../source/git/commitLog.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';
import {T0, applyTestEnv, git, importHistory, makeRepo, openRepo, removeTempDirs, tag} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

test('1,500 commits read 100 at a time, newest first, from one git log that ends with the history', async () => {
  const dir = makeRepo();
  const shas = importHistory(dir, {commits: Array.from({length: 1500}, (_, i) => ({message: `commit ${i}\n`, time: T0 + i}))});
  const repo = await openRepo(dir);
  const seen: string[] = [];
  const {processes} = await withLoggedGit(async () => {
    const log = openCommitLog(repo);
    for (;;) {
      const page = await log.read(100);
      seen.push(...page.commits.map((c) => c.sha));
      if (page.done) break;
      assert.ok(seen.length <= 1500);
    }
    assert.deepEqual(await log.read(100), {commits: [], done: true});
    log.close();
  });
  assert.equal(seen.length, 1500);
  assert.deepEqual(seen, [...shas].reverse());
  assert.deepEqual(processes, ['log'], 'one process for the whole history');
});

test('a closed log stops git, and subjects, authors and times come through whole', async () => {
  const dir = makeRepo();
  importHistory(dir, {commits: Array.from({length: 3000}, (_, i) => ({message: `commit ${i} — ünïcödé\n\nbody\n`, time: T0 + i}))});
  const log = openCommitLog(await openRepo(dir));
  const page = await log.read(2);
  assert.equal(page.done, false);
  assert.deepEqual(page.commits.map((c) => c.subject), ['commit 2999 — ünïcödé', 'commit 2998 — ünïcödé']);
  assert.equal(page.commits[0]!.author, 'Alice Author');
  assert.equal(page.commits[0]!.time.seconds, T0 + 2999);
  log.close();
  assert.deepEqual(await log.read(10), {commits: [], done: true});
});

test('a repository without commits has an empty history', async () => {
  const log = openCommitLog(await openRepo(makeRepo()));
  assert.deepEqual(await log.read(100), {commits: [], done: true});
});

test('lookupCommit: a sha (or its prefix), a branch, a tag, HEAD~n; null for anything else, one process each', async () => {
  const dir = makeRepo();
  const shas = importHistory(dir, {commits: Array.from({length: 150}, (_, i) => ({message: `commit ${i}\n`, time: T0 + i}))});
  git(dir, ['branch', 'old', shas[3]!]);
  tag(dir, 'release', {target: shas[5]});
  const repo = await openRepo(dir);
  const found: (string | null)[] = [];
  const {processes} = await withLoggedGit(async () => {
    for (const rev of [shas[1]!, shas[2]!.slice(0, 10), 'old', 'release', 'HEAD~149', 'no-such', '--output=/tmp/x', 'HEAD:missing']) {
      found.push((await lookupCommit(repo, rev))?.sha ?? null);
    }
  });
  assert.deepEqual(found, [shas[1], shas[2], shas[3], shas[5], shas[0], null, null, null]);
  assert.ok(processes.every((p) => p === 'log') && processes.length <= 8, processes.join(' '));
  assert.equal((await lookupCommit(repo, 'release'))?.subject, 'commit 5');
});
