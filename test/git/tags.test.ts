import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {parseTagRecords, readTagRecords, tagNames} from '../../source/git/tags.js';
import type {Repository} from '../../source/git/repository.js';
import type {TagRecord} from '../../source/registry/records.js';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {openRepo as open} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);


const byName = (records: TagRecord[], name: string): TagRecord => {
  const record = records.find((r) => r.name === name);
  assert.ok(record, `tag ${name} not read`);
  return record;
};

describe('readTagRecords', () => {
  let dir: string;
  let c1: string;
  let c2: string;
  let records: TagRecord[];

  before(async () => {
    dir = makeRepo();
    c1 = commit(dir, 'one\n', {'a.txt': '1'});
    c2 = commit(dir, 'two\n', {'a.txt': '2'}, {time: T0 + 100});
    tag(dir, 'm@v1.0.0', {target: c1, message: 'Registering artifact m version v1.0.0', time: T0 + 10});
    tag(dir, 'light', {target: c2, lightweight: true});
    tag(dir, 'multi', {message: 'line one\n\nline three\n  indented\n', time: T0 + 20});
    tag(dir, 'odd', {message: 'tabs\there | pipes % percent %00 ünïcødé 🪴 "quotes" \'single\' \\ back\r\ncrlf', time: T0 + 30});
    tag(dir, 'ist', {message: 'india', time: T0 + 40, offset: '+0530'});
    tag(dir, 'est', {message: 'new york', time: T0 + 50, offset: '-0500'});
    tag(dir, 'on-tree', {target: `${c1}^{tree}`, message: 'a tree'});
    const blob = git(dir, ['rev-parse', `${c1}:a.txt`]).trim();
    tag(dir, 'on-blob', {target: blob, message: 'a blob'});
    tag(dir, 'on-tag', {target: 'm@v1.0.0', message: 'a tag on a tag'});
    tag(dir, 'empty-msg', {message: ''});
    records = await readTagRecords(await open(dir));
  });

  test('reads an annotated tag with tagger, time and exact message', () => {
    assert.deepEqual(byName(records, 'm@v1.0.0'), {
      kind: 'annotated',
      name: 'm@v1.0.0',
      target: c1,
      targetType: 'commit',
      tagger: {name: 'Carol Committer', email: 'carol@example.com', time: {seconds: T0 + 10, offsetMinutes: 0}},
      message: 'Registering artifact m version v1.0.0',
    });
  });

  test('reads a lightweight tag as its target commit', () => {
    assert.deepEqual(byName(records, 'light'), {kind: 'lightweight', name: 'light', target: c2, targetType: 'commit'});
  });

  test('keeps multi-line messages intact, including blank lines and trailing newline', () => {
    const record = byName(records, 'multi');
    assert.equal(record.kind, 'annotated');
    assert.equal(record.kind === 'annotated' && record.message, 'line one\n\nline three\n  indented\n');
  });

  test('keeps odd characters in messages', () => {
    const record = byName(records, 'odd');
    assert.equal(
      record.kind === 'annotated' && record.message,
      'tabs\there | pipes % percent %00 ünïcødé 🪴 "quotes" \'single\' \\ back\r\ncrlf',
    );
  });

  test('reports non-UTC offsets in minutes', () => {
    const ist = byName(records, 'ist');
    const est = byName(records, 'est');
    assert.deepEqual(ist.kind === 'annotated' && ist.tagger.time, {seconds: T0 + 40, offsetMinutes: 330});
    assert.deepEqual(est.kind === 'annotated' && est.tagger.time, {seconds: T0 + 50, offsetMinutes: -300});
  });

  test('reports what a tag on a tree or blob points at', () => {
    const onTree = byName(records, 'on-tree');
    const onBlob = byName(records, 'on-blob');
    assert.equal(onTree.targetType, 'tree');
    assert.equal(onTree.target, git(dir, ['rev-parse', `${c1}^{tree}`]).trim());
    assert.equal(onBlob.targetType, 'blob');
    assert.equal(onBlob.target, git(dir, ['rev-parse', `${c1}:a.txt`]).trim());
  });

  test('peels a tag on a tag to the final commit', () => {
    const record = byName(records, 'on-tag');
    assert.equal(record.kind, 'annotated');
    assert.equal(record.targetType, 'commit');
    assert.equal(record.target, c1);
    assert.equal(record.kind === 'annotated' && record.message, 'a tag on a tag');
  });

  test('reads an empty message as empty', () => {
    const record = byName(records, 'empty-msg');
    assert.equal(record.kind === 'annotated' && record.message, '');
  });

  test('tagNames lists the same names in the same order', async () => {
    assert.deepEqual(await tagNames(await open(dir)), records.map((r) => r.name));
  });
});

test('tags come sorted by name in byte order (uppercase before lowercase)', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  const names = ['b', 'B', 'a', 'A', 'a-b', 'a.b', 'a@v1', 'a#prod#1', 'Z', '_x', 'é', 'z'];
  for (const name of names) tag(dir, name);
  const expected = [...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  const repo = await open(dir);
  assert.deepEqual((await readTagRecords(repo)).map((r) => r.name), expected);
  assert.deepEqual(await tagNames(repo), expected);
  assert.equal(expected[0], 'A');
});

test('a repository without tags has no records', async () => {
  const dir = makeRepo();
  assert.deepEqual(await readTagRecords(await open(dir)), []);
  assert.deepEqual(await tagNames(await open(dir)), []);
});

test('parseTagRecords rejects output that does not follow the format', () => {
  assert.throws(() => parseTagRecords('refs/tags/a\0commit\n'), /unexpected git for-each-ref output/);
  assert.throws(() => parseTagRecords('garbage\0tag\0x\0commit\0y\0n\0<e>\x001 +0000\0msg\n'), /unexpected/);
});

test('parseTagRecords reads 50,000 records with messages and offsets intact', () => {
  const sha = 'a'.repeat(40);
  const record = (i: number): string =>
    `refs/tags/model-${i}@v1.0.${i}\0tag\0${sha}\0commit\0${sha}\0Carol Committer\0<carol@example.com>\0${T0 + i} +0200\0Registering artifact model-${i}\nwith body\n\n`;
  const output = Array.from({length: 50_000}, (_, i) => record(i)).join('');
  const records = parseTagRecords(output);
  assert.equal(records.length, 50_000);
  const last = records[49_999]!;
  assert.equal(last.kind === 'annotated' && last.message, 'Registering artifact model-49999\nwith body\n');
  assert.deepEqual(last.kind === 'annotated' && last.tagger.time, {seconds: T0 + 49_999, offsetMinutes: 120});
});

test('a lightweight tag on a commit with an odd message does not disturb the records after it, cold or warm', async () => {
  const dir = makeRepo();
  const c = commit(dir, 'one\n');
  const tree = git(dir, ['rev-parse', `${c}^{tree}`]).trim();
  // no trailing newline, and a line that looks like a listing record
  const raw = `tree ${tree}\nauthor A <a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n\nfirst line\n\nrefs/tags/fake\tnot a record`;
  const odd = git(dir, ['hash-object', '-t', 'commit', '-w', '--stdin'], {input: raw}).trim();
  tag(dir, 'a-light', {target: odd, lightweight: true});
  tag(dir, 'b@v1.0.0', {target: c, message: 'after\n'});
  const repo = await open(dir);
  const cold = await readTagRecords(repo);
  assert.deepEqual(cold[0], {kind: 'lightweight', name: 'a-light', target: odd, targetType: 'commit'});
  assert.deepEqual(
    cold.slice(1).map((r) => (r.kind === 'annotated' ? [r.name, r.target, r.message] : r.name)),
    [['b@v1.0.0', c, 'after\n']],
  );
  assert.deepEqual(await readTagRecords(repo), cold);
});
