/**
 * The object cache (source/git/objectCache.ts): a read with the cache gives exactly the records
 * and output a read without it gives; damaged or unwritable caches never change a result.
 */
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {ObjectCache, objectCacheFile} from '../../source/git/objectCache.js';
import {parseTagObject} from '../../source/git/parseObjects.js';
import type {Repository} from '../../source/git/repository.js';
import {readTagRecords} from '../../source/git/tags.js';
import {loadRegistry} from '../../source/load.js';
import type {TagRecord} from '../../source/registry/records.js';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {openRepo as open} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);


const cli = async (cwd: string, argv: string[]): Promise<string> => {
  const out: string[] = [];
  const code = await main(argv, {out: (t) => out.push(t), err: (t) => out.push(`ERR ${t}`), env: process.env, cwd, interactive: false});
  assert.equal(code, 0, out.join('\n'));
  return out.join('\n');
};

/** A tag object written as is (git tag would refuse some of these shapes). */
const rawTag = (dir: string, name: string, body: string): string => {
  const sha = git(dir, ['hash-object', '-t', 'tag', '-w', '--literally', '--stdin'], {input: body}).trim();
  git(dir, ['update-ref', `refs/tags/${name}`, sha]);
  return sha;
};

/** Every shape of tag a registry can hold. */
const oddRegistry = (): string => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one\n', {'artifacts.yaml': 'm:\n  type: model\n'}, {time: T0 + 1});
  const c2 = commit(dir, 'two\n\nbody\n', {'a.txt': '2'}, {time: T0 + 2, offset: '-0730'});
  tag(dir, 'm@v1.0.0', {target: c1, message: 'Registering artifact m version v1.0.0', time: T0 + 10, offset: '+0530'});
  tag(dir, 'm#prod#1', {target: c1, message: 'line one\n\nline three\n  indented\n', time: T0 + 20, offset: '-0500'});
  tag(dir, 'm@v1.0.1', {target: c2, message: 'tabs\there ünïcødé 🪴 \r\ncrlf\n', time: T0 + 30, offset: '+1345'});
  tag(dir, 'n@v0.0.1', {target: c2, message: '', time: T0 + 40, offset: '-0000'});
  tag(dir, 'light', {target: c2, lightweight: true});
  tag(dir, 'on-tree', {target: `${c1}^{tree}`, message: 'a tree', time: T0 + 50});
  tag(dir, 'on-blob', {target: `${c1}:artifacts.yaml`, message: 'a blob', time: T0 + 60});
  tag(dir, 'on-tag', {target: 'm@v1.0.0', message: 'a tag on a tag', time: T0 + 70});
  tag(dir, 'on-tag-on-tag', {target: 'on-tag', message: 'two levels', time: T0 + 80});
  git(dir, ['tag', 'light-on-tag', 'm#prod#1']);
  rawTag(dir, 'no-tagger@v1.0.0', `object ${c1}\ntype commit\ntag no-tagger@v1.0.0\n\nno tagger line\n`);
  rawTag(dir, 'blank-lines@v1.0.0', `object ${c1}\ntype commit\ntag x\ntagger Odd Person <odd@example.com> ${T0 + 90} +0100\n\n\n\nafter blank lines\n`);
  rawTag(dir, 'odd-date@v1.0.0', `object ${c1}\ntype commit\ntag y\ntagger Nameless <n@example.com>   ${T0 + 91}   +15\n\nodd date\n`);
  return dir;
};

const removeCache = (repo: Repository): void => rmSync(path.dirname(objectCacheFile(repo)), {recursive: true, force: true});

describe('object cache', () => {
  let dir: string;
  let repo: Repository;
  let cold: TagRecord[];

  before(async () => {
    dir = oddRegistry();
    repo = await open(dir);
    removeCache(repo);
    cold = await readTagRecords(repo);
  });

  test('a cold read writes the cache file', () => {
    assert.ok(existsSync(objectCacheFile(repo)));
  });

  test('a warm read gives exactly the records of the cold read', async () => {
    const warm = await readTagRecords(repo);
    assert.deepEqual(warm, cold);
    assert.equal(warm.find((r) => r.name === 'on-tag-on-tag')?.targetType, 'commit');
    assert.equal(warm.find((r) => r.name === 'odd-date@v1.0.0')?.kind, 'annotated');
  });

  test('a warm read whose ids are all unknown reads every object through cat-file alike', async () => {
    // a valid cache file from a repository without tags: every ref here is a cache miss, so
    // every tag object is parsed from cat-file's raw output instead of for-each-ref's fields
    const empty = await open(makeRepo());
    await readTagRecords(empty);
    writeFileSync(objectCacheFile(repo), readFileSync(objectCacheFile(empty)));
    assert.deepEqual(await readTagRecords(repo), cold);
    // and what it wrote reads back the same
    assert.deepEqual(await readTagRecords(repo), cold);
  });

  test('tags on tags, tag objects without tagger and odd dates read through cat-file equal the listing', async () => {
    // Records of for-each-ref (cold) against records parsed from raw objects (all misses).
    const sha = git(dir, ['rev-parse', 'refs/tags/odd-date@v1.0.0']).trim();
    const raw = git(dir, ['cat-file', 'tag', sha]);
    const parsed = parseTagObject(raw);
    const record = cold.find((r) => r.name === 'odd-date@v1.0.0');
    assert.ok(record?.kind === 'annotated');
    assert.deepEqual(parsed.tagger, record.tagger);
    assert.equal(parsed.message, record.message);
    const noTagger = cold.find((r) => r.name === 'no-tagger@v1.0.0');
    assert.ok(noTagger?.kind === 'annotated');
    assert.deepEqual(noTagger.tagger, {name: '', email: '', time: {seconds: 0, offsetMinutes: 0}});
    const blank = cold.find((r) => r.name === 'blank-lines@v1.0.0');
    assert.equal(blank?.kind === 'annotated' && blank.message, 'after blank lines\n');
  });

  test('tags created after the cache was written appear on the next read', async () => {
    await readTagRecords(repo);
    const c3 = commit(dir, 'three\n', {'b.txt': '3'}, {time: T0 + 100});
    tag(dir, 'm@v1.0.2', {target: c3, message: 'new', time: T0 + 110, offset: '+0200'});
    tag(dir, 'new-on-old-tag', {target: 'm@v1.0.0', message: 'chain to a cached tag', time: T0 + 120});
    git(dir, ['tag', '-d', 'light']);
    const warm = await readTagRecords(repo);
    removeCache(repo);
    const fresh = await readTagRecords(repo);
    assert.deepEqual(warm, fresh);
    assert.ok(warm.some((r) => r.name === 'm@v1.0.2' && r.target === c3));
    assert.ok(!warm.some((r) => r.name === 'light'));
    cold = fresh;
  });

  test('a truncated or damaged cache file is ignored and rebuilt', async () => {
    await readTagRecords(repo);
    const file = objectCacheFile(repo);
    const good = readFileSync(file);
    const damages: Buffer[] = [
      good.subarray(0, good.length >> 1),
      Buffer.from('garbage'),
      Buffer.alloc(0),
      // right header and length, body scrambled
      Buffer.concat([good.subarray(0, good.indexOf(10) + 1), Buffer.from(good.subarray(good.indexOf(10) + 1).toString('latin1').split('').reverse().join(''), 'latin1')]),
      // the ref records shifted by one field
      Buffer.from(good.toString('latin1').replace('\0R\0r\0', '\0R\0w\0'), 'latin1'),
    ];
    for (const damage of damages) {
      writeFileSync(file, damage);
      assert.deepEqual(await readTagRecords(repo), cold);
      assert.ok(readFileSync(file).length > 0 && readFileSync(file).subarray(0, 16).toString() === 'gto-tui-objects ', 'rewritten');
    }
  });

  test('an unwritable cache location changes nothing but the speed', async () => {
    removeCache(repo);
    // a file where the cache directory should be: mkdir fails (as a read-only git dir would)
    writeFileSync(path.dirname(objectCacheFile(repo)), 'not a directory');
    try {
      assert.deepEqual(await readTagRecords(repo), cold);
      assert.deepEqual(await readTagRecords(repo), cold);
      assert.ok(statSync(path.dirname(objectCacheFile(repo))).isFile());
    } finally {
      rmSync(path.dirname(objectCacheFile(repo)), {force: true});
    }
  });

  test('a temporary clone keeps no cache', () => {
    assert.equal(ObjectCache.open({...repo, clonedFrom: 'https://example.com/r.git'}), null);
  });
});

describe('show and history with the object cache', () => {
  const commands = [['show', '--json'], ['history', '--json'], ['show', 'm'], ['show', '--json', '-d'], ['print-state']];

  test('print the same output cold and warm', async () => {
    const dir = oddRegistry();
    const repo = await open(dir);
    const outputs = async (): Promise<string[]> => {
      const result: string[] = [];
      for (const argv of commands) result.push(await cli(dir, argv));
      return result;
    };
    removeCache(repo);
    const coldOut: string[] = [];
    for (const argv of commands) {
      removeCache(repo);
      coldOut.push(await cli(dir, argv));
    }
    const firstWarm = await outputs();
    const secondWarm = await outputs();
    assert.deepEqual(firstWarm, coldOut);
    assert.deepEqual(secondWarm, coldOut);
    assert.match(coldOut[0]!, /"m": \{/);
  });

  test('loadRegistry reads commits and annotations from the cache like from git', async () => {
    const dir = oddRegistry();
    const repo = await open(dir);
    removeCache(repo);
    const cold = await loadRegistry(repo, process.env);
    const warm = await loadRegistry(repo, process.env);
    assert.deepEqual(warm.tags, cold.tags);
    assert.equal(warm.head, cold.head);
    assert.deepEqual(warm.registry, cold.registry);
    // a different index path is a cache miss for the commit's annotations, not a wrong answer
    writeFileSync(path.join(dir, '.gto'), 'INDEX: other.yaml\n');
    const otherIndex = await loadRegistry(repo, process.env);
    removeCache(repo);
    const otherCold = await loadRegistry(repo, process.env);
    assert.deepEqual(otherIndex.registry, otherCold.registry);
    rmSync(path.join(dir, '.gto'));
  });

  test('a cache in a bare repository works the same', async () => {
    const dir = oddRegistry();
    const bare = makeRepo({bare: true});
    git(dir, ['push', '--quiet', bare, '--all']);
    git(dir, ['push', '--quiet', bare, '--tags']);
    mkdirSync(path.join(bare, 'x'));
    const repo = await open(bare);
    removeCache(repo);
    const cold = await cli(bare, ['show', '--json']);
    assert.ok(existsSync(objectCacheFile(repo)));
    assert.equal(await cli(bare, ['show', '--json']), cold);
  });
});
