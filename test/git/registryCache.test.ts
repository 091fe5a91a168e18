/** URL registries kept in the cache: where, without credentials, and blob-light where the server allows it. */
import assert from 'node:assert/strict';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {after, test} from 'node:test';
import {BLOB_LIMIT, cacheEntry, openCachedClone, refreshCachedClone, withoutCredentials} from '../../source/git/registryCache.js';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);

test('the URL kept has no credentials: none at all over http(s), the user name alone over ssh', () => {
  assert.equal(withoutCredentials('https://user:token@git.example.com/ml/x.git'), 'https://git.example.com/ml/x.git');
  assert.equal(withoutCredentials('https://ghp_secret@git.example.com/x'), 'https://git.example.com/x');
  assert.equal(withoutCredentials('ssh://git:pw@host/x.git'), 'ssh://git@host/x.git');
  assert.equal(withoutCredentials('git@host:org/x.git'), 'git@host:org/x.git');
  assert.equal(withoutCredentials('file:///srv/x.git'), 'file:///srv/x.git');
});

test('one cache entry per URL, the same with or without credentials, named after the repository', () => {
  const a = cacheEntry('/c', 'https://tok@git.example.com/ml/vision.git');
  assert.equal(a, cacheEntry('/c', 'https://git.example.com/ml/vision.git'));
  assert.match(a, /^\/c\/registries\/vision-[0-9a-f]{16}\.git$/);
  assert.notEqual(a, cacheEntry('/c', 'https://git.example.com/other/vision.git'));
  assert.doesNotMatch(a, /tok/);
});

test('a bare, blob-light clone is made once, then opened from the cache; a refresh fetches new tags and branches', async () => {
  const work = makeRepo();
  const c1 = commit(work, 'one', {'artifacts.yaml': 'm: {}\n'});
  tag(work, 'm@v1.0.0', {target: c1});
  const origin = makeBareRemote(work);
  git(origin, ['config', 'uploadpack.allowFilter', 'true']);
  const cache = tempDir('gto-tui-cache-');
  const url = `file://${origin}`;

  const first = await openCachedClone(url, cache);
  assert.equal(first.cloned, true);
  assert.equal(first.repo.bare, true);
  assert.equal(first.repo.gitDir, cacheEntry(cache, url));
  assert.equal(first.repo.clonedFrom, url);
  assert.equal(git(first.repo.gitDir, ['config', 'remote.origin.url']).trim(), url);
  assert.equal(git(first.repo.gitDir, ['config', 'remote.origin.partialclonefilter']).trim(), `blob:limit=${1024 * 1024}`, `blob:limit=${BLOB_LIMIT}`);
  assert.equal(git(first.repo.gitDir, ['tag', '--list']).trim(), 'm@v1.0.0');

  const c2 = commit(work, 'two', {'artifacts.yaml': 'm: {}\nn: {}\n'});
  tag(work, 'm@v1.1.0', {target: c2});
  git(work, ['push', '--quiet', 'origin', 'main', 'm@v1.1.0']);

  const again = await openCachedClone(url, cache);
  assert.equal(again.cloned, false);
  assert.equal(again.repo.gitDir, first.repo.gitDir);
  await refreshCachedClone(again.repo);
  assert.deepEqual(git(again.repo.gitDir, ['tag', '--list']).trim().split('\n'), ['m@v1.0.0', 'm@v1.1.0']);
  assert.equal(git(again.repo.gitDir, ['rev-parse', 'main']).trim(), c2);
});

test('a URL that cannot be cloned leaves nothing in the cache and says why on one line', async () => {
  const cache = tempDir('gto-tui-cache-');
  const url = `file://${path.join(cache, 'nothing.git')}`;
  await assert.rejects(openCachedClone(url, cache), (error: Error) => /^Failed to clone repo 'file:\/\/.*nothing\.git': .+$/.test(error.message) && !error.message.includes('\n'));
  assert.deepEqual(readdirSync(path.join(cache, 'registries')), [], 'no clone cut short is left to be taken for one');
});
