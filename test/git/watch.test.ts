/**
 * Watching the refs (git/watch.ts) against real git writes: loose and nested tags, packed-refs,
 * deletions, commits on the checked-out branch, checkouts, a linked worktree; and what must not
 * count (the index, another branch, gto-tui's own `.git/gto-tui/`).
 */
import assert from 'node:assert/strict';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {commonGitDir, watchRefs, type RefChange} from '../../source/git/watch.js';
import {applyTestEnv, commit, git, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

/** A watcher that records every change, and a way to wait for the next ones. */
const recorder = (gitDir: string) => {
  const changes: RefChange[] = [];
  const watcher = watchRefs({gitDir}, (change) => changes.push(change), 5);
  const next = async (what: string): Promise<Omit<RefChange, 'at'>> => {
    const seen = changes.length;
    const deadline = Date.now() + 5000;
    while (changes.length === seen) {
      if (Date.now() > deadline) throw new Error(`no change reported after ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // what settled together with it
    await new Promise((resolve) => setTimeout(resolve, 50));
    const all = changes.splice(seen);
    return {tags: all.some((c) => c.tags), head: all.some((c) => c.head)};
  };
  return {changes, next, close: watcher.close};
};

test('tags made, nested, packed and deleted are each reported as a tag change', async () => {
  const repo = makeRepo();
  commit(repo, 'one');
  const watch = recorder(path.join(repo, '.git'));
  try {
    tag(repo, 'churn@v1.0.0');
    assert.deepEqual(await watch.next('a tag'), {tags: true, head: false});
    tag(repo, 'models/churn@v1.0.0');
    assert.deepEqual(await watch.next('a tag in a new directory'), {tags: true, head: false});
    tag(repo, 'models/churn#prod#1');
    assert.deepEqual(await watch.next('a tag in that directory'), {tags: true, head: false});
    git(repo, ['pack-refs', '--all']);
    assert.equal((await watch.next('pack-refs')).tags, true);
    git(repo, ['tag', '-d', 'churn@v1.0.0']);
    assert.deepEqual(await watch.next('deleting a packed tag'), {tags: true, head: false});
  } finally {
    watch.close();
  }
});

test('HEAD: a commit on its branch and a checkout are head changes; the index, other branches and .git/gto-tui are nothing', async () => {
  const repo = makeRepo();
  commit(repo, 'one');
  git(repo, ['branch', 'other']);
  const watch = recorder(path.join(repo, '.git'));
  try {
    commit(repo, 'two');
    assert.deepEqual(await watch.next('a commit'), {tags: false, head: true});
    // none of these is a change; the tag after them is the only one reported
    writeFileSync(path.join(repo, 'file'), 'x');
    git(repo, ['add', 'file']);
    git(repo, ['status']);
    git(repo, ['update-ref', 'refs/heads/other', 'HEAD']);
    mkdirSync(path.join(repo, '.git', 'gto-tui'), {recursive: true});
    writeFileSync(path.join(repo, '.git', 'gto-tui', 'objects'), 'kept data');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(watch.changes, [], 'nothing reported');
    tag(repo, 'churn@v1.0.0');
    assert.deepEqual(await watch.next('a tag'), {tags: true, head: false});
    git(repo, ['checkout', '-q', 'other']);
    assert.equal((await watch.next('a checkout')).head, true);
    commit(repo, 'on other');
    assert.deepEqual(await watch.next('a commit on the branch now checked out'), {tags: false, head: true});
  } finally {
    watch.close();
  }
});

test('a linked worktree: its own HEAD, and the tags of the common directory', async () => {
  const repo = makeRepo();
  commit(repo, 'one');
  const worktree = path.join(tempDir(), 'wt');
  git(repo, ['worktree', 'add', '-q', '-b', 'side', worktree]);
  const gitDir = git(worktree, ['rev-parse', '--absolute-git-dir']).trim();
  assert.equal(commonGitDir(gitDir), path.join(repo, '.git'));
  const watch = recorder(gitDir);
  try {
    tag(repo, 'churn@v1.0.0');
    assert.deepEqual(await watch.next('a tag made in the main worktree'), {tags: true, head: false});
    commit(worktree, 'in the worktree');
    assert.deepEqual(await watch.next("a commit on the worktree's branch"), {tags: false, head: true});
    commit(repo, 'in the main worktree');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(watch.changes, [], "the main worktree's branch is not this HEAD");
  } finally {
    watch.close();
  }
});
