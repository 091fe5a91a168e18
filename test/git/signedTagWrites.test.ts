import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {after, before, test} from 'node:test';
import {verifyTags} from '../../source/git/signatures.js';
import {createTag} from '../../source/git/tagWrites.js';
import {readTagRecords} from '../../source/git/tags.js';
import {applyTestEnv, commit, git, makeRepo, openRepo, removeTempDirs, TEST_ENV} from '../helpers/repo.js';
import {gpgHome, sshKey, stopGpgAgents, useSshSigning, type SshKey} from '../helpers/signing.js';

before(applyTestEnv);
after(() => {
  stopGpgAgents();
  removeTempDirs();
});

const MESSAGE = 'Registering artifact m version v1.0.0\n\n# dropped, as git tag -m drops it\n';

const gitAccepts = (dir: string, name: string, env: Record<string, string> = {}): boolean =>
  spawnSync('git', ['verify-tag', name], {cwd: dir, env: {...process.env, ...TEST_ENV, ...env}, stdio: 'ignore'}).status === 0;

/** Two repositories with the same commit (fixed dates and identities) and the same SSH signing key. */
const twinSshRepos = (key: SshKey): [string, string] => {
  const dirs: [string, string] = [makeRepo(), makeRepo()];
  for (const dir of dirs) {
    commit(dir, 'one');
    useSshSigning(dir, key, [{principal: 'carol@example.com', key}]);
  }
  return dirs;
};

test('createTag with sign makes, byte for byte, the tag git tag -s makes (SSH), and it reads back alike', async () => {
  const [ours, theirs] = twinSshRepos(sshKey());
  const target = git(ours, ['rev-parse', 'HEAD']).trim();
  await createTag(await openRepo(ours), {name: 'm@v1.0.0', target, message: MESSAGE}, {sign: true});
  git(theirs, ['tag', '-s', '-m', MESSAGE, 'm@v1.0.0']);
  const id = (dir: string) => git(dir, ['rev-parse', 'refs/tags/m@v1.0.0']).trim();
  assert.equal(id(ours), id(theirs), 'the same tag object');
  assert.match(git(ours, ['cat-file', 'tag', 'm@v1.0.0']), /-----BEGIN SSH SIGNATURE-----/);
  assert.ok(gitAccepts(ours, 'm@v1.0.0'));
  // a plain annotated tag to any reader: the same record as git tag -s's
  const [record] = await readTagRecords(await openRepo(ours));
  assert.deepEqual(record, (await readTagRecords(await openRepo(theirs)))[0]);
  assert.equal(record?.kind, 'annotated');
  assert.equal((await verifyTags(await openRepo(ours))).get('m@v1.0.0')?.verification.status, 'good');
});

test('createTag with sign uses the GPG key of user.signingkey, as git tag -s does', async () => {
  const home = gpgHome('Carol Committer <carol@example.com>');
  const saved = process.env['GNUPGHOME'];
  process.env['GNUPGHOME'] = home.dir;
  try {
    const ours = makeRepo();
    const theirs = makeRepo();
    for (const dir of [ours, theirs]) {
      commit(dir, 'one');
      git(dir, ['config', 'user.signingkey', home.fingerprint]);
    }
    const target = git(ours, ['rev-parse', 'HEAD']).trim();
    await createTag(await openRepo(ours), {name: 'm#prod#1', target, message: MESSAGE}, {sign: true});
    git(theirs, ['tag', '-s', '-m', MESSAGE, 'm#prod#1'], {env: home.env});
    assert.ok(gitAccepts(ours, 'm#prod#1', home.env));
    // GPG signatures carry their own creation time: all but the signature is the same
    const withoutSignature = (text: string) => text.replace(/-----BEGIN PGP SIGNATURE-----[\s\S]*$/, '');
    const [record] = await readTagRecords(await openRepo(ours));
    const [theirRecord] = await readTagRecords(await openRepo(theirs));
    assert.ok(record?.kind === 'annotated' && theirRecord?.kind === 'annotated');
    assert.deepEqual({...record, message: withoutSignature(record.message)}, {...theirRecord, message: withoutSignature(theirRecord.message)});
    assert.match(record.message, /-----BEGIN PGP SIGNATURE-----/);
    assert.deepEqual((await verifyTags(await openRepo(ours))).get('m#prod#1')?.verification, {
      status: 'good',
      signer: 'Carol Committer <carol@example.com>',
      key: home.fingerprint,
    });
  } finally {
    if (saved === undefined) delete process.env['GNUPGHOME'];
    else process.env['GNUPGHOME'] = saved;
  }
});

test('createTag without sign stays unsigned even when tag.gpgSign is true', async () => {
  const dir = makeRepo();
  const target = commit(dir, 'one');
  useSshSigning(dir, sshKey(), null);
  git(dir, ['config', 'tag.gpgSign', 'true']);
  await createTag(await openRepo(dir), {name: 'm@v1.0.0', target, message: 'x'});
  assert.doesNotMatch(git(dir, ['cat-file', 'tag', 'm@v1.0.0']), /SIGNATURE/);
});

test('createTag with sign and no usable key fails with git\'s reason and writes nothing', async () => {
  const dir = makeRepo();
  const target = commit(dir, 'one');
  git(dir, ['config', 'gpg.format', 'ssh']);
  git(dir, ['config', 'user.signingkey', '/nonexistent/key']);
  await assert.rejects(createTag(await openRepo(dir), {name: 'm@v1.0.0', target, message: 'x'}, {sign: true}), /sign/);
  assert.equal(git(dir, ['tag', '--list']), '');
});

test('createTag with sign for the TUI (noTerminal): a key that wants a passphrase fails at once instead of prompting', async () => {
  const dir = makeRepo();
  const target = commit(dir, 'one');
  const key = sshKey();
  // protect the key with a passphrase: signing would ask for it on the terminal
  spawnSync('ssh-keygen', ['-q', '-p', '-N', 'secret', '-P', '', '-f', key.privateKey], {stdio: 'ignore'});
  useSshSigning(dir, key, null);
  await assert.rejects(createTag(await openRepo(dir), {name: 'm@v1.0.0', target, message: 'x'}, {sign: true, noTerminal: true}));
  assert.equal(git(dir, ['tag', '--list']), '');
});
