/**
 * compareCommits on real repositories: the direction (forward, rollback, another branch, same),
 * the commits on each side, and the files under a path with line counts, renames and binary
 * files; fileDiff for one file.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {compareCommits, fileDiff} from '../../source/git/compare.js';
import type {Repository} from '../../source/git/repository.js';
import {T0, applyTestEnv, commit, git, makeRepo, openRepo, removeTempDirs} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

const lines = (...items: string[]): string => items.map((item) => `${item}\n`).join('');

describe('compareCommits', () => {
  let dir: string;
  let repo: Repository;
  let c0: string, c1: string, c2: string, side: string, orphan: string;
  before(async () => {
    dir = makeRepo();
    c0 = commit(dir, 'base', {'models/a.txt': lines('one', 'two', 'three', 'four', 'five'), 'other.txt': 'x\n'}, {time: T0});
    c1 = commit(dir, 'tune', {'models/a.txt': lines('one', 'two', 'THREE', 'four', 'five'), 'other.txt': 'y\n'}, {time: T0 + 60});
    c2 = commit(
      dir,
      'rename and add a binary',
      {'models/a.txt': null, 'models/b.txt': lines('one', 'two', 'THREE', 'four', 'five', 'six'), 'models/bin.dat': '\u0000\u0001binary'},
      {time: T0 + 120},
    );
    git(dir, ['checkout', '--quiet', '-b', 'side', c1]);
    side = commit(dir, 'side work', {'models/a.txt': lines('one', 'two', 'THREE', 'four', 'FIVE')}, {time: T0 + 180});
    git(dir, ['checkout', '--quiet', '--orphan', 'fresh']);
    orphan = commit(dir, 'unrelated', {'models/a.txt': 'new\n'}, {time: T0 + 240});
    git(dir, ['checkout', '--quiet', 'main']);
    repo = await openRepo(dir);
  });

  test('forward: the commits TO adds, newest first, and the files under the path with counts', async () => {
    const found = await compareCommits(repo, {from: c0, to: c2, path: 'models'});
    assert.deepEqual(found.direction, {kind: 'forward'});
    assert.deepEqual(
      found.commits.map((c) => [c.sha, c.short, c.side, c.author, c.date.seconds, c.subject]),
      [
        [c2, c2.slice(0, 7), 'to', 'Alice Author', T0 + 120, 'rename and add a binary'],
        [c1, c1.slice(0, 7), 'to', 'Alice Author', T0 + 60, 'tune'],
      ],
    );
    assert.deepEqual(found.files, [
      {path: 'models/b.txt', oldPath: 'models/a.txt', added: 2, removed: 1},
      {path: 'models/bin.dat', oldPath: null, added: null, removed: null},
    ]);
  });

  test('without a path every file of the repository counts', async () => {
    const found = await compareCommits(repo, {from: c0, to: c2, path: null});
    assert.deepEqual(
      found.files.map((f) => f.path),
      ['models/b.txt', 'models/bin.dat', 'other.txt'],
    );
  });

  test('rollback: TO is an ancestor of FROM; the commits are those going back takes away', async () => {
    const found = await compareCommits(repo, {from: c2, to: c0, path: 'models'});
    assert.deepEqual(found.direction, {kind: 'rollback'});
    assert.deepEqual(
      found.commits.map((c) => [c.sha, c.side]),
      [
        [c2, 'from'],
        [c1, 'from'],
      ],
    );
    assert.deepEqual(found.files[0], {path: 'models/a.txt', oldPath: 'models/b.txt', added: 1, removed: 2});
  });

  test('on another branch: commits on each side and the common ancestor', async () => {
    const found = await compareCommits(repo, {from: c2, to: side, path: 'models'});
    assert.deepEqual(found.direction, {kind: 'diverged', ahead: 1, behind: 1, base: c1});
    assert.deepEqual(
      found.commits.map((c) => [c.sha, c.side]),
      [
        [side, 'to'],
        [c2, 'from'],
      ],
    );
  });

  test('histories with nothing in common are on another branch without an ancestor', async () => {
    const found = await compareCommits(repo, {from: c0, to: orphan, path: null});
    assert.deepEqual(found.direction, {kind: 'diverged', ahead: 1, behind: 1, base: null});
  });

  test('the same commit on both sides: nothing between them', async () => {
    const found = await compareCommits(repo, {from: c1, to: c1, path: null});
    assert.deepEqual(found, {direction: {kind: 'same'}, commits: [], files: []});
  });

  test('a path is literal: pathspec magic from artifacts.yaml matches nothing instead of excluding', async () => {
    const found = await compareCommits(repo, {from: c0, to: c2, path: ':!models'});
    assert.deepEqual(found.files, []);
  });

  test('fileDiff shows one file, a rename as one change', async () => {
    const text = await fileDiff(repo, {from: c0, to: c2, file: {path: 'models/b.txt', oldPath: 'models/a.txt'}});
    assert.match(text, /rename from models\/a\.txt\nrename to models\/b\.txt/);
    assert.match(text, /^-three$/m);
    assert.match(text, /^\+THREE$/m);
    assert.match(text, /^\+six$/m);
    assert.doesNotMatch(text, /other\.txt/);
  });
});
