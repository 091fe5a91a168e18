import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {createTag, deleteTag} from '../../source/git/tagWrites.js';
import {readTagRecords} from '../../source/git/tags.js';
import {GtoError} from '../../source/registry/errors.js';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs} from '../helpers/repo.js';
import {openRepo as open} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);


test('createTag makes an annotated tag with the configured identity and the message', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one');
  commit(dir, 'two');
  const repo = await open(dir);
  await createTag(repo, {name: 'm#prod#1', target: c1, message: 'Assigning stage prod to artifact m version v1.0.0'});
  const [record] = await readTagRecords(repo);
  assert.ok(record?.kind === 'annotated');
  assert.equal(record.name, 'm#prod#1');
  assert.equal(record.target, c1);
  assert.equal(record.tagger.name, 'Carol Committer');
  assert.equal(record.tagger.email, 'carol@example.com');
  assert.equal(record.tagger.time.seconds, T0, 'GIT_COMMITTER_DATE is honoured');
  assert.equal(record.message.trim(), 'Assigning stage prod to artifact m version v1.0.0');
});

test('createTag keeps message text that looks like options, and drops # lines as git tag -m (GTO) does', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one');
  const repo = await open(dir);
  await createTag(repo, {name: 'weird', target: c1, message: '--force\n# a comment to git tag -m\n-m x'});
  const [record] = await readTagRecords(repo);
  assert.equal(record?.kind === 'annotated' && record.message, '--force\n-m x\n');
});

test('createTag refuses an existing tag and leaves it untouched', async () => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one');
  const c2 = commit(dir, 'two');
  const repo = await open(dir);
  await createTag(repo, {name: 'm@v1.0.0', target: c1, message: 'first'});
  await assert.rejects(createTag(repo, {name: 'm@v1.0.0', target: c2, message: 'second'}), (error: unknown) => {
    assert.ok(error instanceof GtoError);
    assert.equal(error.message, "tag 'm@v1.0.0' already exists");
    return true;
  });
  git(dir, ['tag', 'light', c1]);
  await assert.rejects(createTag(repo, {name: 'light', target: c2, message: 'x'}), /tag 'light' already exists/);
  const records = await readTagRecords(repo);
  assert.equal(records.find((r) => r.name === 'm@v1.0.0')?.target, c1);
  assert.equal(records.find((r) => r.name === 'light')?.kind, 'lightweight');
});

test('createTag on an unknown target fails with git\'s reason', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  await assert.rejects(createTag(await open(dir), {name: 'x', target: 'nope', message: 'm'}), /nope/);
});

test('deleteTag removes only the tag, not a branch of the same name', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  git(dir, ['branch', 'same']);
  git(dir, ['tag', 'same']);
  const repo = await open(dir);
  await deleteTag(repo, 'same');
  assert.deepEqual(await readTagRecords(repo), []);
  assert.equal(git(dir, ['branch', '--list', 'same']).trim(), 'same');
  await assert.rejects(deleteTag(repo, 'same'), /tag 'same' not found/);
});
