import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {PushError, fetchTags, parsePushPorcelain, pushTags, remoteTags} from '../../source/git/remote.js';
import {readTagRecords} from '../../source/git/tags.js';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {openRepo as open} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);


const remoteTagNames = (remote: string): string[] =>
  git(remote, ['for-each-ref', '--format=%(refname:lstrip=2)', 'refs/tags']).split('\n').filter(Boolean);

/** A repository with one commit and an `origin` holding its tags. */
const setup = (): {dir: string; remote: string; c1: string} => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one');
  tag(dir, 'old@v1.0.0');
  const remote = makeBareRemote(dir);
  return {dir, remote, c1};
};

test('pushTags pushes and deletes only the named tags', async () => {
  const {dir, remote} = setup();
  tag(dir, 'm@v1.0.0');
  tag(dir, 'm#prod#1');
  tag(dir, 'not-pushed');
  await pushTags(await open(dir), {push: ['m@v1.0.0', 'm#prod#1'], delete: ['old@v1.0.0']});
  assert.deepEqual(remoteTagNames(remote), ['m#prod#1', 'm@v1.0.0']);
  assert.equal(git(remote, ['cat-file', '-t', 'm@v1.0.0']).trim(), 'tag', 'the annotated tag object is pushed');
});

test('pushTags with nothing to do starts no git', async () => {
  const repo = await open(makeRepo());
  await pushTags(repo, {push: [], delete: []});
});

test('a push of a tag the remote already has flags it as "already exists"', async () => {
  const {dir, remote} = setup();
  commit(dir, 'two');
  git(dir, ['tag', '-d', 'old@v1.0.0']);
  tag(dir, 'old@v1.0.0', {message: 'different'});
  tag(dir, 'fresh');
  const error = await pushTags(await open(dir), {push: ['old@v1.0.0', 'fresh'], delete: []}).then(
    () => assert.fail('push should fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof PushError);
  assert.equal(error.alreadyExists('old@v1.0.0'), true);
  assert.equal(error.alreadyExists('fresh'), false);
  assert.doesNotMatch(error.message, /\n/);
  assert.match(error.message, /failed to push/);
  const old = error.refs.find((ref) => ref.name === 'old@v1.0.0');
  assert.equal(old?.ok, false);
  assert.equal(error.refs.find((ref) => ref.name === 'fresh')?.ok, true);
  assert.ok(remoteTagNames(remote).includes('fresh'));
});

test('a push without an origin fails with a one-line reason', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  tag(dir, 'm@v1.0.0');
  await assert.rejects(pushTags(await open(dir), {push: ['m@v1.0.0'], delete: []}), (error: unknown) => {
    assert.ok(error instanceof PushError);
    assert.match(error.message, /'origin' does not appear to be a git repository/);
    assert.doesNotMatch(error.message, /\n/);
    assert.equal(error.alreadyExists('m@v1.0.0'), false);
    return true;
  });
});

test('pushTags refuses a remote name that looks like an option', async () => {
  const {dir} = setup();
  await assert.rejects(pushTags(await open(dir), {push: ['old@v1.0.0'], delete: [], remote: '--mirror'}), /invalid remote/);
});

test('an ext:: remote URL is refused by git for push, fetch and ls-remote', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  tag(dir, 't');
  const marker = `${tempDir()}/pwned`;
  git(dir, ['remote', 'add', 'origin', `ext::sh -c touch% ${marker}`]);
  const repo = await open(dir);
  await assert.rejects(pushTags(repo, {push: ['t'], delete: []}), /transport 'ext' not allowed/);
  await assert.rejects(fetchTags(repo), /transport 'ext' not allowed/);
  await assert.rejects(remoteTags(repo), /transport 'ext' not allowed/);
  assert.equal(existsSync(marker), false);
});

test('remoteTags maps each remote tag to the commit it finally points at', async () => {
  const {dir, c1} = setup();
  const c2 = commit(dir, 'two');
  tag(dir, 'light', {lightweight: true});
  tag(dir, 'nested', {target: 'old@v1.0.0'});
  git(dir, ['push', '--quiet', 'origin', '--tags']);
  const tags = await remoteTags(await open(dir));
  assert.deepEqual(Object.fromEntries(tags), {'light': c2, 'nested': c1, 'old@v1.0.0': c1});
});

test('fetchTags brings new remote tags without clobbering a different local tag', async () => {
  const {dir, remote, c1} = setup();
  // Another clone adds tags to origin, including a different `clash`.
  const other = `${tempDir()}/other`;
  git('/', ['clone', '--quiet', remote, other]);
  tag(other, 'new@v2.0.0');
  tag(other, 'clash', {message: 'remote version'});
  git(other, ['push', '--quiet', 'origin', '--tags']);
  commit(dir, 'two');
  tag(dir, 'clash', {message: 'local version'});
  const localClash = git(dir, ['rev-parse', 'refs/tags/clash']).trim();

  const repo = await open(dir);
  const result = await fetchTags(repo);
  assert.deepEqual(result.conflicts, ['clash']);
  const names = (await readTagRecords(repo)).map((r) => r.name);
  assert.deepEqual(names, ['clash', 'new@v2.0.0', 'old@v1.0.0']);
  assert.equal(git(dir, ['rev-parse', 'refs/tags/clash']).trim(), localClash);
  assert.equal(git(dir, ['rev-parse', 'new@v2.0.0^{commit}']).trim(), c1);
  assert.deepEqual((await fetchTags(repo)).conflicts, ['clash']);
});

test('fetchTags without an origin fails', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  await assert.rejects(fetchTags(await open(dir)), /'origin' does not appear to be a git repository/);
});

test('parsePushPorcelain reads per-ref outcomes', () => {
  const refs = parsePushPorcelain(
    'To /tmp/r.git\n' +
      '!\trefs/tags/a:refs/tags/a\t[rejected] (already exists)\n' +
      '-\t:refs/tags/b\t[deleted]\n' +
      '*\trefs/tags/c:refs/tags/c\t[new tag]\n' +
      'Done\n',
  );
  assert.deepEqual(refs, [
    {name: 'a', deletion: false, ok: false, alreadyExists: true, summary: '[rejected] (already exists)'},
    {name: 'b', deletion: true, ok: true, alreadyExists: false, summary: '[deleted]'},
    {name: 'c', deletion: false, ok: true, alreadyExists: false, summary: '[new tag]'},
  ]);
});
