/**
 * `show --json` reads any registry with the same git processes (spec §12): discovery, one
 * for-each-ref, one cat-file; never one per tag or per commit. The same without the object
 * cache (cold) and when new tags or a new HEAD make it miss; a read the cache answers whole
 * (warm) needs no cat-file at all (HEAD comes with discovery).
 */
import assert from 'node:assert/strict';
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {objectCacheFile} from '../../source/git/objectCache.js';
import {discover} from '../../source/git/repository.js';
import {T0, applyTestEnv, git, importHistory, makeRepo, removeTempDirs, type ImportCommit, type ImportTag} from '../helpers/repo.js';
import {overlaps, withLoggedGit} from '../helpers/gitProcesses.js';

before(applyTestEnv);
after(removeTempDirs);

/** `tagCount` tags over `tagCount / 10` artifacts: registrations, assignments and a few release tags. */
const registry = (tagCount: number): string => {
  const dir = makeRepo();
  const commitCount = Math.max(2, Math.ceil(tagCount / 5));
  const artifacts = Math.max(1, tagCount / 10);
  const commits: ImportCommit[] = Array.from({length: commitCount}, (_, i) => ({
    message: `commit ${i}\n`,
    files: i % 20 === 0 ? {'artifacts.yaml': `m0:\n  type: model\n  labels: [a, b${i}]\n`} : {[`f${i % 7}`]: String(i)},
    time: T0 + i,
  }));
  const tags: ImportTag[] = Array.from({length: tagCount}, (_, i) => {
    const artifact = `m${i % artifacts}`;
    const round = Math.floor(i / artifacts);
    const name = i % 23 === 22 ? `release-${i}` : round % 2 === 0 ? `${artifact}@v${round}.0.0` : `${artifact}#prod#${round}`;
    return {name, commit: (i * 7) % commitCount, message: `tag ${i}\n`, time: T0 + 10_000 + i};
  });
  importHistory(dir, {commits, tags});
  return dir;
};

const showJson = async (repo: string, argv: readonly string[] = []): Promise<{processes: string[]; artifacts: number}> => {
  const out: string[] = [];
  const {processes, result: code} = await withLoggedGit(() =>
    main(['show', '--json', ...argv], {out: (t) => out.push(t), err: () => {}, env: process.env, cwd: repo, interactive: false}),
  );
  assert.equal(code, 0);
  const parsed = JSON.parse(out.join('\n')) as Record<string, unknown>;
  return {processes, artifacts: Object.keys(parsed).length};
};

const removeCache = async (dir: string): Promise<void> => {
  const repo = await discover(dir);
  assert.ok(repo);
  rmSync(objectCacheFile(repo), {force: true});
};

test('show --json on 5,000 tags runs the same git processes as on 50 tags, cold and warm', async () => {
  const smallRepo = registry(50);
  const largeRepo = registry(5000);
  await removeCache(smallRepo);
  await removeCache(largeRepo);
  const small = await showJson(smallRepo);
  const large = await showJson(largeRepo);
  assert.equal(small.artifacts, 5);
  assert.equal(large.artifacts, 500);
  assert.deepEqual(large.processes, ['cat-file', 'for-each-ref', 'rev-parse']);
  assert.deepEqual(small.processes, large.processes);
  // warm: the cache written by the cold run
  const warmSmall = await showJson(smallRepo);
  const warmLarge = await showJson(largeRepo);
  assert.equal(warmLarge.artifacts, 500);
  assert.deepEqual(warmLarge.processes, ['for-each-ref', 'rev-parse']);
  assert.deepEqual(warmSmall.processes, warmLarge.processes);
  // a commit the cache has never seen at HEAD is read through cat-file
  git(smallRepo, ['commit', '-q', '--allow-empty', '-m', 'new head']);
  const newHead = await showJson(smallRepo);
  assert.deepEqual(newHead.processes, large.processes);
  // warm with misses: new tags are read through the same cat-file
  git(largeRepo, ['tag', '-a', '-m', 'new', 'm0@v99.0.0', 'HEAD']);
  git(largeRepo, ['tag', '-a', '-m', 'chain', 'chain', 'm0@v99.0.0']);
  const missed = await showJson(largeRepo);
  assert.deepEqual(missed.processes, large.processes);
});

test('a first read lists the tags while discovery runs, from the repository, a path to it or a bare one', async () => {
  const dir = registry(50);
  const bare = makeRepo({bare: true});
  git(dir, ['push', '--quiet', bare, '--all']);
  git(dir, ['push', '--quiet', bare, '--tags']);
  const outside = makeRepo();
  const coldOverlap = async (cwd: string, argv: readonly string[], target: string): Promise<boolean> => {
    await removeCache(target);
    const {overlapped, result} = await overlaps('rev-parse', 'for-each-ref', () => showJson(cwd, argv));
    assert.equal(result.artifacts, 5);
    assert.deepEqual(result.processes, ['cat-file', 'for-each-ref', 'rev-parse']);
    return overlapped;
  };
  // the cold for-each-ref starts before rev-parse has answered, not after
  assert.ok(await coldOverlap(dir, [], dir), 'from the repository');
  assert.ok(await coldOverlap(outside, ['-r', dir], dir), 'with -r');
  assert.ok(await coldOverlap(bare, [], bare), 'in a bare repository');
  // from a directory inside the work tree nothing is guessed: discovery first, as before
  mkdirSync(path.join(dir, 'sub'));
  assert.equal(await coldOverlap(path.join(dir, 'sub'), [], dir), false);
});
