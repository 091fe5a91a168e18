/**
 * Finding and reading every dvc.yaml of a commit's tree through the cat-file batch
 * (source/git/dvcFiles.ts), and keeping what was found in the object cache.
 */
import assert from 'node:assert/strict';
import {symlinkSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {cachedDvcFiles, findDvcFiles, readDvcFiles} from '../../source/git/dvcFiles.js';
import {ObjectCache, objectCacheFile} from '../../source/git/objectCache.js';
import {ObjectReader} from '../../source/git/objects.js';
import {parseTreeFor} from '../../source/git/parseObjects.js';
import {loadRegistry} from '../../source/load.js';
import {CV_DVC_YAML, DVC_MONOREPO, NLP_DVC_YAML, ROOT_DVC_YAML} from '../helpers/dvcMonorepo.js';
import {T0, applyTestEnv, commit, git, makeRepo, openRepo, removeTempDirs} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

const noProcess = (): ObjectReader => {
  throw new Error('cat-file was started');
};

describe('dvc.yaml files of a commit', () => {
  test('every dvc.yaml of the tree, in path order, with its text; nothing else', async () => {
    const dir = makeRepo();
    const head = commit(dir, 'monorepo\n', {
      ...DVC_MONOREPO,
      // the same directory at two paths is one tree object: found at both
      'vendor/a/dvc.yaml': 'artifacts: {}\n',
      'vendor/b/dvc.yaml': 'artifacts: {}\n',
      // not files named dvc.yaml
      'docs/dvc.yaml.example': 'artifacts: {}\n',
      'odd/dvc.yaml/readme': 'a directory named dvc.yaml\n',
      'odd/DVC.YAML': 'another name\n',
    }, {time: T0});
    symlinkSync('../dvc.yaml', path.join(dir, 'nlp', 'dvc.yaml'));
    const withLink = commit(dir, 'a link\n', {}, {time: T0 + 1});
    const repo = await openRepo(dir);
    const reader = new ObjectReader(repo);
    try {
      const expected = ['cv/dvc.yaml', 'dvc.yaml', 'nlp/sentiment/dvc.yaml', 'vendor/a/dvc.yaml', 'vendor/b/dvc.yaml'];
      assert.deepEqual((await findDvcFiles(reader, head)).map((f) => f.path), expected);
      // a symbolic link named dvc.yaml is not a dvc.yaml
      assert.deepEqual((await findDvcFiles(reader, withLink)).map((f) => f.path), expected);
      const files = await readDvcFiles(() => reader, null, head);
      assert.deepEqual(files.slice(0, 3), [
        {path: 'cv/dvc.yaml', text: CV_DVC_YAML},
        {path: 'dvc.yaml', text: ROOT_DVC_YAML},
        {path: 'nlp/sentiment/dvc.yaml', text: NLP_DVC_YAML},
      ]);
      assert.deepEqual(await findDvcFiles(reader, '0'.repeat(40)), []);
    } finally {
      await reader.close();
    }
  });

  test('a tree without any dvc.yaml, and an empty tree', async () => {
    const dir = makeRepo();
    const empty = commit(dir, 'empty\n', {}, {time: T0});
    const plain = commit(dir, 'plain\n', {'a/b/c.txt': 'c', 'artifacts.yaml': 'm: {}\n'}, {time: T0 + 1});
    const repo = await openRepo(dir);
    const reader = new ObjectReader(repo);
    try {
      assert.deepEqual(await findDvcFiles(reader, empty), []);
      assert.deepEqual(await findDvcFiles(reader, plain), []);
    } finally {
      await reader.close();
    }
  });

  test('parses SHA-1 and SHA-256 tree entries', () => {
    const entry = (mode: string, name: string, idBytes: number, fill: number): Buffer =>
      Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.alloc(idBytes, fill)]);
    for (const idBytes of [20, 32]) {
      const raw = Buffer.concat([
        entry('100644', 'a.txt', idBytes, 1),
        entry('40000', 'cv', idBytes, 2),
        entry('100755', 'dvc.yaml', idBytes, 3),
        entry('160000', 'sub', idBytes, 4),
        entry('40000', 'ünï', idBytes, 5),
      ]);
      assert.deepEqual(parseTreeFor(raw, idBytes, 'dvc.yaml'), {
        trees: [
          ['cv', '02'.repeat(idBytes)],
          ['ünï', '05'.repeat(idBytes)],
        ],
        file: '03'.repeat(idBytes),
      });
    }
    assert.throws(() => parseTreeFor(Buffer.from('100644 cut\0abc'), 20, 'dvc.yaml'), /malformed tree/);
  });

  test('the object cache keeps the walk and the texts: the next read of that commit starts no cat-file', async () => {
    const dir = makeRepo();
    const head = commit(dir, 'monorepo\n', DVC_MONOREPO, {time: T0});
    const repo = await openRepo(dir);
    // a read with --dvc fills and saves the cache
    const first = await loadRegistry(repo, process.env, {dvc: true});
    assert.deepEqual([...first.dvc!.annotations.keys()], ['cv:pool-segmentation', 'churn', 'nlp/sentiment:sentiment', 'nlp/sentiment:vocab']);
    const cache = ObjectCache.open(repo)!;
    cache.load();
    assert.deepEqual(cachedDvcFiles(cache, head)?.map((f) => f.path), ['cv/dvc.yaml', 'dvc.yaml', 'nlp/sentiment/dvc.yaml']);
    assert.deepEqual(await readDvcFiles(noProcess, cache, head), await readDvcFiles(noProcess, cache, head));
    assert.equal((await readDvcFiles(noProcess, cache, head))[1]!.text, ROOT_DVC_YAML);
    // a read without dvc.yaml keeps HEAD's walk for the next read that wants it
    git(dir, ['tag', '-a', '-m', 'new', 'churn@v1.0.0']);
    await loadRegistry(repo, process.env);
    const after = ObjectCache.open(repo)!;
    after.load();
    assert.ok(cachedDvcFiles(after, head) !== null, `walk of ${head} dropped from ${objectCacheFile(repo)}`);
  });
});
