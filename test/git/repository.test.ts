import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, realpathSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {openRepository, unsafeUrlReason} from '../../source/git/repository.js';
import {readTagRecords} from '../../source/git/tags.js';
import {GtoError} from '../../source/registry/errors.js';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);

const rejectsWith = async (promise: Promise<unknown>, message: string | RegExp): Promise<void> => {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof GtoError, `expected a GtoError, got ${String(error)}`);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
};

test('discovers the repository from a subfolder of the working tree', async () => {
  const dir = makeRepo();
  commit(dir, 'one', {'a/b/file': 'x'});
  const {repo, close} = await openRepository(undefined, path.join(dir, 'a', 'b'));
  await close();
  assert.deepEqual(repo, {root: realpathSync(dir), gitDir: path.join(realpathSync(dir), '.git'), bare: false, clonedFrom: null});
});

test('outside any repository, discovery fails with "not a git repository: <path>"', async () => {
  const dir = tempDir();
  await rejectsWith(openRepository(undefined, dir), `not a git repository: ${dir}`);
});

test('discovery stops at GIT_CEILING_DIRECTORIES', async () => {
  const dir = makeRepo();
  const sub = path.join(dir, 'sub');
  mkdirSync(sub);
  const saved = process.env['GIT_CEILING_DIRECTORIES'];
  process.env['GIT_CEILING_DIRECTORIES'] = realpathSync(dir);
  try {
    await rejectsWith(openRepository(undefined, sub), `not a git repository: ${sub}`);
    // The repository itself is still found when it is the starting directory.
    const {repo} = await openRepository(undefined, dir);
    assert.equal(repo.root, realpathSync(dir));
  } finally {
    if (saved === undefined) delete process.env['GIT_CEILING_DIRECTORIES'];
    else process.env['GIT_CEILING_DIRECTORIES'] = saved;
  }
});

test('--repo with a path opens that repository, searching parent directories', async () => {
  const dir = makeRepo();
  commit(dir, 'one', {'deep/er/f': 'x'});
  const elsewhere = tempDir();
  const relative = path.relative(elsewhere, path.join(dir, 'deep', 'er'));
  const {repo} = await openRepository(relative, elsewhere);
  assert.equal(repo.root, realpathSync(dir));
  assert.equal(repo.clonedFrom, null);
});

test('--repo with an existing path that is not a repository fails with GTO\'s message', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'plain'));
  writeFileSync(path.join(dir, 'file.txt'), 'x');
  await rejectsWith(openRepository('plain', dir), "No Git repo found in 'plain'");
  await rejectsWith(openRepository('file.txt', dir), "No Git repo found in 'file.txt'");
});

test('a bare repository opens with its git dir as root', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  tag(dir, 'm@v1.0.0');
  const remote = makeBareRemote(dir);
  const {repo} = await openRepository(remote, '/');
  assert.deepEqual(repo, {root: realpathSync(remote), gitDir: realpathSync(remote), bare: true, clonedFrom: null});
  assert.deepEqual((await readTagRecords(repo)).map((r) => r.name), ['m@v1.0.0']);
});

test('a file:// URL is cloned into a private temp dir with all tags, removed on close', async () => {
  const dir = makeRepo();
  commit(dir, 'one', {'.gto': 'stages: [dev]\n'});
  tag(dir, 'm@v1.0.0');
  git(dir, ['checkout', '--quiet', '-b', 'side']);
  commit(dir, 'side');
  tag(dir, 'side-tag');
  git(dir, ['checkout', '--quiet', 'main']);
  const remote = makeBareRemote(dir);
  const url = `file://${remote}`;
  const {repo, close} = await openRepository(url, tempDir());
  try {
    assert.equal(repo.clonedFrom, url);
    assert.equal(repo.bare, false);
    assert.ok(existsSync(path.join(repo.root, '.gto')), 'the default branch is checked out');
    assert.equal(statSync(path.dirname(repo.root)).mode & 0o777, 0o700);
    assert.deepEqual((await readTagRecords(repo)).map((r) => r.name), ['m@v1.0.0', 'side-tag']);
  } finally {
    await close();
  }
  assert.equal(existsSync(repo.root), false);
  assert.equal(existsSync(path.dirname(repo.root)), false);
});

test('a failed clone names the URL and git\'s reason and leaves no temp dir', async () => {
  const missing = path.join(tempDir(), 'does-not-exist');
  await rejectsWith(openRepository(`file://${missing}`, '/'), new RegExp(`^Failed to clone repo 'file://${missing}': .+`));
  await rejectsWith(openRepository(missing, '/'), /^Failed to clone repo '.*does-not-exist': .*does not exist/);
});

test('ext:: and other command transports are refused', async () => {
  const marker = path.join(tempDir(), 'pwned');
  await rejectsWith(openRepository(`ext::sh -c touch% ${marker}`, '/'), /transport 'ext' not allowed/);
  assert.equal(existsSync(marker), false);
  await rejectsWith(openRepository('fd::17', '/'), /transport 'fd' not allowed/);
  await rejectsWith(openRepository('--upload-pack=touch /tmp/x', '/'), /cannot start with "-"/);
});

test('unsafeUrlReason allows ordinary URLs', () => {
  for (const url of ['https://github.com/a/b.git', 'git@github.com:a/b.git', 'ssh://h/x', 'file:///x', '/abs/path']) {
    assert.equal(unsafeUrlReason(url), null, url);
  }
});

test('an inherited GIT_DIR (as inside a git hook) does not redirect --repo paths or later reads', async () => {
  const hookRepo = makeRepo();
  commit(hookRepo, 'hook repo');
  tag(hookRepo, 'wrong');
  const target = makeRepo();
  commit(target, 'target');
  tag(target, 'right');
  const remote = makeBareRemote(target);
  const saved = process.env['GIT_DIR'];
  process.env['GIT_DIR'] = path.join(hookRepo, '.git');
  try {
    const local = await openRepository(target, '/');
    assert.equal(local.repo.root, realpathSync(target));
    assert.deepEqual((await readTagRecords(local.repo)).map((r) => r.name), ['right']);
    const cloned = await openRepository(`file://${remote}`, '/');
    try {
      assert.deepEqual((await readTagRecords(cloned.repo)).map((r) => r.name), ['right']);
    } finally {
      await cloned.close();
    }
  } finally {
    if (saved === undefined) delete process.env['GIT_DIR'];
    else process.env['GIT_DIR'] = saved;
  }
});

test('opening also reports HEAD\'s commit: at the root, in a subfolder, inside .git, bare, unborn', async () => {
  const dir = makeRepo();
  const unborn = await openRepository(undefined, dir);
  assert.equal(unborn.headAtOpen, null);
  assert.equal(unborn.repo.root, realpathSync(dir));
  commit(dir, 'one', {'sub/f': 'x'});
  // a file named HEAD in the working tree must not make the revision ambiguous
  writeFileSync(path.join(dir, 'HEAD'), 'not a revision');
  const head = git(dir, ['rev-parse', 'HEAD']).trim();
  for (const cwd of [dir, path.join(dir, 'sub'), path.join(dir, '.git')]) {
    const opened = await openRepository(undefined, cwd);
    assert.equal(opened.headAtOpen, head, cwd);
    assert.equal(opened.repo.root, realpathSync(dir), cwd);
  }
  const bare = await openRepository(makeBareRemote(dir), '/');
  assert.equal(bare.headAtOpen, head);
  assert.equal(bare.repo.bare, true);
  const emptyBare = makeRepo({bare: true});
  const opened = await openRepository(emptyBare, '/');
  assert.deepEqual([opened.headAtOpen, opened.repo.gitDir], [null, realpathSync(emptyBare)]);
});
