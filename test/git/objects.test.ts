import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {ObjectReader, parseSignature, readCommits} from '../../source/git/objects.js';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs} from '../helpers/repo.js';
import {openRepo as open} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);


test('readCommits returns author, committer, message and the annotations file at each commit', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'no index yet\n', {'model.bin': '1'}, {time: T0, offset: '+0530'});
  const c2 = commit(dir, 'add index\n\nwith a body\n', {'artifacts.yaml': 'm:\n  type: model\n'}, {time: T0 + 60, offset: '-0500'});
  const commits = await readCommits(await open(dir), [c1, c2], 'artifacts.yaml');
  assert.deepEqual(commits.get(c1), {
    sha: c1,
    author: {name: 'Alice Author', email: 'alice@example.com', time: {seconds: T0, offsetMinutes: 330}},
    committer: {name: 'Carol Committer', email: 'carol@example.com', time: {seconds: T0, offsetMinutes: 330}},
    message: 'no index yet\n',
    index: {kind: 'absent'},
  });
  const second = commits.get(c2);
  assert.equal(second?.message, 'add index\n\nwith a body\n');
  assert.deepEqual(second?.committer.time, {seconds: T0 + 60, offsetMinutes: -300});
  assert.deepEqual(second?.index, {kind: 'present', text: 'm:\n  type: model\n'});
});

test('readCommits reads a blob shared by several commits once', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one', {'artifacts.yaml': 'm: {}\n', 'x': '1'});
  const c2 = commit(dir, 'two', {'x': '2'});
  const c3 = commit(dir, 'three', {'artifacts.yaml': 'n: {}\n'});
  const commits = await readCommits(await open(dir), [c1, c2, c3, c1], 'artifacts.yaml');
  assert.equal(commits.size, 3);
  assert.deepEqual(commits.get(c1)?.index, {kind: 'present', text: 'm: {}\n'});
  assert.deepEqual(commits.get(c2)?.index, {kind: 'present', text: 'm: {}\n'});
  assert.deepEqual(commits.get(c3)?.index, {kind: 'present', text: 'n: {}\n'});
  // The distinct-blob rule is visible in the trace: one contents request per blob.
  const {setGitTrace} = await import('../../source/git/exec.js');
  const lines: string[] = [];
  setGitTrace((line) => lines.push(line));
  try {
    await readCommits(await open(dir), [c1, c2, c3], 'artifacts.yaml');
  } finally {
    setGitTrace(null);
  }
  assert.equal(lines.filter((line) => line.startsWith('git cat-file')).length, 1);
});

test('readCommits handles an index path in a subfolder, a directory at the path, and revisions', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one', {'conf/my index.yaml': 'a: {}\n', 'artifacts.yaml/inner': 'x'});
  const repo = await open(dir);
  assert.deepEqual((await readCommits(repo, ['HEAD'], 'conf/my index.yaml')).get('HEAD')?.index, {kind: 'present', text: 'a: {}\n'});
  assert.deepEqual((await readCommits(repo, [c1], './conf/my index.yaml')).get(c1)?.index, {kind: 'present', text: 'a: {}\n'});
  assert.deepEqual((await readCommits(repo, [c1], 'artifacts.yaml')).get(c1)?.index, {kind: 'absent'});
  assert.equal((await readCommits(repo, ['HEAD'], 'x')).get('HEAD')?.sha, c1);
});

test('readCommits leaves out names that are not commits', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one', {'a': '1'});
  const tree = git(dir, ['rev-parse', `${c1}^{tree}`]).trim();
  const commits = await readCommits(await open(dir), ['0'.repeat(40), tree, c1], 'artifacts.yaml');
  assert.deepEqual([...commits.keys()], [c1]);
});

test('readCommits on an empty list starts no process', async () => {
  const dir = makeRepo();
  assert.equal((await readCommits(await open(dir), [], 'artifacts.yaml')).size, 0);
});

test('ObjectReader frames binary contents by byte count', async () => {
  const dir = makeRepo();
  const bytes = Buffer.from([0, 10, 13, 10, 255, 0, 10]);
  const blob = git(dir, ['hash-object', '-w', '--stdin'], {input: bytes}).trim();
  const reader = new ObjectReader(await open(dir));
  try {
    const answers = await reader.ask([
      {verb: 'contents', object: blob},
      {verb: 'info', object: 'f'.repeat(40)},
      {verb: 'contents', object: blob},
    ]);
    assert.equal(answers.length, 3);
    const [first, missing, third] = answers;
    assert.ok(first?.kind === 'found' && first.contents !== null);
    assert.equal(first.size, bytes.length);
    assert.deepEqual(first.contents, bytes);
    assert.deepEqual(third?.kind === 'found' ? third.contents : null, bytes);
    assert.deepEqual(missing, {kind: 'missing'});
  } finally {
    await reader.close();
  }
});

test('parseSignature splits name, email and time', () => {
  assert.deepEqual(parseSignature('Jo Q. Public <jo@x.org> 1704067200 +0545'), {
    name: 'Jo Q. Public',
    email: 'jo@x.org',
    time: {seconds: 1704067200, offsetMinutes: 345},
  });
  assert.deepEqual(parseSignature(' <> 0 -0000'), {name: '', email: '', time: {seconds: 0, offsetMinutes: 0}});
});

test('a large blob arriving in many chunks is joined once, not once per chunk', async () => {
  const dir = makeRepo();
  const text = 'm:\n  description: "' + 'x'.repeat(8 * 1024 * 1024) + '"\n';
  commit(dir, 'big', {'artifacts.yaml': text});
  // count the bytes Buffer.concat copies while cat-file's answer arrives (64 KiB pipe chunks)
  const concat = Buffer.concat;
  let copied = 0;
  Buffer.concat = ((list: readonly Uint8Array[], length?: number) => {
    const result = concat(list, length);
    copied += result.length;
    return result;
  }) as typeof Buffer.concat;
  let index;
  try {
    index = (await readCommits(await open(dir), ['HEAD'], 'artifacts.yaml')).get('HEAD')?.index;
  } finally {
    Buffer.concat = concat;
  }
  assert.deepEqual(index, {kind: 'present', text});
  // once per answer is about the blob's size; joining on every chunk copied ~500 MB here
  assert.ok(copied < 3 * text.length, `${copied} bytes copied for an ${text.length}-byte blob`);
});
