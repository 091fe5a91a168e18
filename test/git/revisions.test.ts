import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {currentBranch, headCommit, isShallow, originUrl, resolveCommit} from '../../source/git/revisions.js';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {openRepo as open} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);


test('a repository without commits has no HEAD commit, but a branch', async () => {
  const repo = await open(makeRepo());
  assert.equal(await headCommit(repo), null);
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

test('currentBranch reads HEAD’s file when it can, without a git process, and names what git names', async () => {
  const {withLoggedGit} = await import('../helpers/gitProcesses.js');
  const dir = makeRepo();
  const c1 = commit(dir, 'one');
  git(dir, ['checkout', '--quiet', '-b', 'feature/deep/name']);
  const repo = await open(dir);
  const symbolic = (): string => git(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']).trim();
  const {processes, result} = await withLoggedGit(() => currentBranch(repo));
  assert.equal(result, 'feature/deep/name');
  assert.equal(result, symbolic());
  assert.deepEqual(processes, [], 'no git process for a plain HEAD');
  git(dir, ['checkout', '--quiet', '--detach', c1]);
  const detached = await withLoggedGit(() => currentBranch(repo));
  assert.equal(detached.result, null);
  assert.deepEqual(detached.processes, []);
  // a linked worktree has its own HEAD in its own git directory
  const other = tempDir('gto-tui-worktree-');
  git(dir, ['worktree', 'add', '--quiet', '-b', 'side', `${other}/wt`, c1]);
  assert.equal(await currentBranch(await open(`${other}/wt`)), 'side');
  // HEAD in a form this does not read (a symbolic link, as very old git wrote): git is asked
  const {rmSync, symlinkSync} = await import('node:fs');
  git(dir, ['checkout', '--quiet', 'main']);
  rmSync(`${repo.gitDir}/HEAD`);
  symlinkSync('refs/heads/main', `${repo.gitDir}/HEAD`);
  const linked = await withLoggedGit(() => currentBranch(repo));
  assert.equal(linked.result, 'main');
});
