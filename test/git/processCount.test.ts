import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/git/repository.js';
import {readCommits} from '../../source/git/objects.js';
import {readTagRecords} from '../../source/git/tags.js';
import {T0, applyTestEnv, importHistory, makeRepo, removeTempDirs, type ImportCommit, type ImportTag} from '../helpers/repo.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';

applyTestEnv();
after(removeTempDirs);

/** A repository with `tagCount` annotated tags spread over commits whose index changes every 10 commits. */
const buildRegistry = (tagCount: number): string => {
  const dir = makeRepo();
  const commitCount = Math.max(1, Math.ceil(tagCount / 4));
  const commits: ImportCommit[] = Array.from({length: commitCount}, (_, i) => ({
    message: `commit ${i}\n`,
    files: i % 10 === 0 ? {'artifacts.yaml': `m${i}:\n  type: model\n`} : {[`f${i % 7}`]: String(i)},
    time: T0 + i,
  }));
  const tags: ImportTag[] = Array.from({length: tagCount}, (_, i) => ({
    name: `model-${i % 50}@v${Math.floor(i / 50)}.0.${i % 3}`,
    commit: i % commitCount,
    message: `Registering artifact model-${i % 50}\n`,
    time: T0 + 10_000 + i,
    offset: i % 2 === 0 ? '+0530' : '-0500',
  }));
  importHistory(dir, {commits, tags});
  return dir;
};

const countGitProcesses = async (work: () => Promise<void>): Promise<string[]> => (await withLoggedGit(work)).processes;

const readEverything = async (dir: string): Promise<{tags: number; commits: number; present: number}> => {
  const repo = await discover(dir);
  assert.ok(repo);
  const records = await readTagRecords(repo);
  const targets = [...new Set(records.map((r) => r.target)), 'HEAD'];
  const commits = await readCommits(repo, targets, 'artifacts.yaml');
  const present = [...commits.values()].filter((c) => c.index.kind === 'present').length;
  return {tags: records.length, commits: commits.size, present};
};

test('reading 2,000 tags and their commits uses the same few git processes as reading 20', async () => {
  const small = buildRegistry(20);
  const large = buildRegistry(2000);
  let smallResult = {tags: 0, commits: 0, present: 0};
  let largeResult = {tags: 0, commits: 0, present: 0};
  const smallLog = await countGitProcesses(async () => {
    smallResult = await readEverything(small);
  });
  const largeLog = await countGitProcesses(async () => {
    largeResult = await readEverything(large);
  });
  assert.equal(smallResult.tags, 20);
  assert.equal(largeResult.tags, 2000);
  assert.equal(largeResult.commits, 501, '500 tagged commits plus HEAD');
  assert.equal(largeResult.present, 501, 'every commit has the index (it is never deleted)');
  // discovery (rev-parse), for-each-ref, one cat-file --batch-command.
  assert.deepEqual(largeLog, ['cat-file', 'for-each-ref', 'rev-parse']);
  assert.deepEqual(smallLog, largeLog);
});
