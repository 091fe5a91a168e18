import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {currentBranch, headCommit, isShallow, originUrl, recentCommits, resolveCommit} from '../../source/git/revisions.js';
import {T0, applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {openRepo as open} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);


test('a repository without commits has no HEAD commit, no recent commits, but a branch', async () => {
  const repo = await open(makeRepo());
  assert.equal(await headCommit(repo), null);
  assert.deepEqual(await recentCommits(repo, 5), []);
  assert.equal(await currentBranch(repo), 'main');
});

test('headCommit, resolveCommit and currentBranch follow the checkout', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one');
  const c2 = commit(dir, 'two');
  tag(dir, 'annotated', {target: c1});
  const repo = await open(dir);
  assert.equal(await headCommit(repo), c2);
  assert.equal(await resolveCommit(repo, 'HEAD~1'), c1);
  assert.equal(await resolveCommit(repo, 'annotated'), c1, 'a tag is peeled to its commit');
  assert.equal(await resolveCommit(repo, c1.slice(0, 7)), c1);
  assert.equal(await resolveCommit(repo, 'no-such-rev'), null);
  assert.equal(await resolveCommit(repo, `${c1}^{tree}`), null);
  git(dir, ['checkout', '--quiet', '--detach', c1]);
  assert.equal(await currentBranch(repo), null);
  assert.equal(await headCommit(repo), c1);
});

test('resolveCommit never treats a revision as an option', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  const repo = await open(dir);
  const out = `${tempDir()}/written`;
  assert.equal(await resolveCommit(repo, `--output=${out}`), null);
  assert.equal(existsSync(out), false);
  assert.equal(await resolveCommit(repo, '--all'), null);
  assert.equal(await resolveCommit(repo, '-h'), null);
  assert.equal(await resolveCommit(repo, 'HEAD\n--all'), null);
});

test('recentCommits lists the newest commits first with subject, author and time', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'first subject\n\nbody', {}, {time: T0});
  const c2 = commit(dir, 'second', {}, {time: T0 + 60, offset: '+0200'});
  commit(dir, 'third', {}, {time: T0 + 120});
  const repo = await open(dir);
  const recent = await recentCommits(repo, 2);
  assert.equal(recent.length, 2);
  assert.deepEqual(recent[1], {sha: c2, subject: 'second', author: 'Alice Author', time: {seconds: T0 + 60, offsetMinutes: 120}});
  assert.equal((await recentCommits(repo, 10))[2]?.sha, c1);
  assert.equal((await recentCommits(repo, 10))[2]?.subject, 'first subject');
  assert.deepEqual(await recentCommits(repo, 0), []);
});

test('originUrl and isShallow', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  commit(dir, 'two');
  const repo = await open(dir);
  assert.equal(await originUrl(repo), null);
  assert.equal(await isShallow(repo), false);
  const remote = makeBareRemote(dir);
  assert.equal(await originUrl(repo), remote);

  const shallowDir = tempDir();
  git(shallowDir, ['clone', '--quiet', '--depth=1', `file://${remote}`, 'c']);
  assert.equal(await isShallow(await open(`${shallowDir}/c`)), true);
});
