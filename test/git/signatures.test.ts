import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {after, before, test} from 'node:test';
import {verifyTags} from '../../source/git/signatures.js';
import {applyTestEnv, commit, git, makeRepo, openRepo, removeTempDirs, tag, TEST_ENV} from '../helpers/repo.js';
import {forgeTagMessage, gpgHome, importPublicKey, sshKey, stopGpgAgents, useSshSigning} from '../helpers/signing.js';

before(applyTestEnv);
after(() => {
  stopGpgAgents();
  removeTempDirs();
});

/** Whether `git verify-tag NAME` accepts the tag (git's own verdict, for comparison). */
const gitAccepts = (dir: string, name: string, env: Record<string, string> = {}): boolean =>
  spawnSync('git', ['verify-tag', name], {cwd: dir, env: {...process.env, ...TEST_ENV, ...env}, stdio: 'ignore'}).status === 0;

const signedTag = (dir: string, name: string, env: Record<string, string> = {}, extra: readonly string[] = []): void => {
  git(dir, [...extra, 'tag', '-s', '-m', `Registering ${name}`, name], {env});
};

/** A repository with one commit and SSH signing set up: the user's key, and a stranger's. */
const sshRepo = () => {
  const dir = makeRepo();
  commit(dir, 'one');
  const mine = sshKey();
  const stranger = sshKey();
  useSshSigning(dir, mine, [{principal: 'carol@example.com', key: mine}]);
  return {dir, mine, stranger};
};

test('SSH: good names the allowed-signers principal, a forged message is bad, a stranger is unknown, plain tags are unsigned', async () => {
  const {dir, mine, stranger} = sshRepo();
  signedTag(dir, 'm@v1.0.0');
  signedTag(dir, 'm#prod#1');
  forgeTagMessage(dir, 'm#prod#1', 'Assigning stage prod to artifact m version v9.9.9');
  signedTag(dir, 'm#dev#2', {}, ['-c', `user.signingkey=${stranger.privateKey}`]);
  tag(dir, 'm@v0.9.0', {message: 'not signed'});
  tag(dir, 'light', {lightweight: true});
  const results = await verifyTags(await openRepo(dir));
  const by = (name: string) => results.get(name)?.verification;
  assert.deepEqual(by('m@v1.0.0'), {status: 'good', signer: 'carol@example.com', key: mine.fingerprint});
  assert.equal(by('m#prod#1')?.status, 'bad');
  assert.deepEqual(by('m#dev#2'), {status: 'unknown', reason: 'key not in gpg.ssh.allowedSignersFile', key: stranger.fingerprint});
  assert.deepEqual(by('m@v0.9.0'), {status: 'unsigned'});
  assert.deepEqual(by('light'), {status: 'unsigned'});
  // the verdicts are git's own
  for (const [name, {verification}] of results) assert.equal(gitAccepts(dir, name), verification.status === 'good', name);
  // each result is for the object the listing named
  assert.equal(results.get('m@v1.0.0')?.id, git(dir, ['rev-parse', 'refs/tags/m@v1.0.0']).trim());
});

test('SSH without gpg.ssh.allowedSignersFile: signed tags are unknown, with git\'s reason', async () => {
  const dir = makeRepo();
  commit(dir, 'one');
  useSshSigning(dir, sshKey(), null);
  signedTag(dir, 'm@v1.0.0');
  const result = (await verifyTags(await openRepo(dir))).get('m@v1.0.0')?.verification;
  assert.equal(result?.status, 'unknown');
  assert.match(result?.status === 'unknown' ? result.reason : '', /allowedSignersFile needs to be configured/);
});

test('GPG: good names the key\'s user ID, a forged message is bad, a key not in the keyring is unknown, plain tags are unsigned', async () => {
  const home = gpgHome('Carol Committer <carol@example.com>');
  const other = gpgHome('Mallory <mallory@example.com>');
  const dir = makeRepo();
  commit(dir, 'one');
  git(dir, ['config', 'user.signingkey', home.fingerprint]);
  signedTag(dir, 'm@v1.0.0', home.env);
  signedTag(dir, 'm#prod#1', home.env);
  forgeTagMessage(dir, 'm#prod#1', 'Assigning stage prod to artifact m version v9.9.9');
  signedTag(dir, 'm#dev#2', other.env, ['-c', `user.signingkey=${other.fingerprint}`]);
  tag(dir, 'm@v0.9.0', {message: 'not signed'});
  const saved = process.env['GNUPGHOME'];
  process.env['GNUPGHOME'] = home.dir; // the user's keyring, for the code under test
  try {
    const results = await verifyTags(await openRepo(dir));
    const by = (name: string) => results.get(name)?.verification;
    assert.deepEqual(by('m@v1.0.0'), {status: 'good', signer: 'Carol Committer <carol@example.com>', key: home.fingerprint});
    assert.deepEqual(by('m#prod#1'), {status: 'bad', reason: 'bad signature', key: home.fingerprint.slice(-16)});
    assert.deepEqual(by('m#dev#2'), {status: 'unknown', reason: 'no public key', key: other.fingerprint});
    assert.deepEqual(by('m@v0.9.0'), {status: 'unsigned'});
    for (const [name, {verification}] of results) assert.equal(gitAccepts(dir, name, home.env), verification.status === 'good', name);
  } finally {
    if (saved === undefined) delete process.env['GNUPGHOME'];
    else process.env['GNUPGHOME'] = saved;
  }
});

test('gpg.minTrustLevel is honoured as git honours it: a good signature by a key trusted less is not good', async () => {
  const signer = gpgHome('Dave <dave@example.com>');
  const verifier = gpgHome('Carol <carol@example.com>');
  importPublicKey(signer, verifier); // imported: trust undefined
  const dir = makeRepo();
  commit(dir, 'one');
  git(dir, ['config', 'user.signingkey', signer.fingerprint]);
  signedTag(dir, 'm@v1.0.0', signer.env);
  const saved = process.env['GNUPGHOME'];
  process.env['GNUPGHOME'] = verifier.dir;
  try {
    assert.equal((await verifyTags(await openRepo(dir))).get('m@v1.0.0')?.verification.status, 'good');
    assert.ok(gitAccepts(dir, 'm@v1.0.0', verifier.env));
    git(dir, ['config', 'gpg.minTrustLevel', 'fully']);
    const strict = (await verifyTags(await openRepo(dir))).get('m@v1.0.0')?.verification;
    assert.deepEqual(strict, {status: 'unknown', reason: 'key trust undefined is below gpg.minTrustLevel fully', key: signer.fingerprint});
    assert.ok(!gitAccepts(dir, 'm@v1.0.0', verifier.env));
  } finally {
    if (saved === undefined) delete process.env['GNUPGHOME'];
    else process.env['GNUPGHOME'] = saved;
  }
});

test('a bad gpg.minTrustLevel stops verification with git\'s one-line reason', async () => {
  const {dir} = sshRepo();
  signedTag(dir, 'm@v1.0.0');
  git(dir, ['config', 'gpg.minTrustLevel', 'bogus']);
  await assert.rejects(verifyTags(await openRepo(dir)), /invalid value for 'gpg.mintrustlevel'/);
});

test('verifies only the tags asked for, and reuses what is known by tag object id', async () => {
  const {dir} = sshRepo();
  signedTag(dir, 'a');
  signedTag(dir, 'b');
  const repo = await openRepo(dir);
  assert.deepEqual([...(await verifyTags(repo, {names: ['b', 'missing']})).keys()], ['b']);
  const first = await verifyTags(repo);
  const idA = first.get('a')!.id;
  const known = new Map([[idA, {status: 'bad' as const, reason: 'remembered', key: null}]]);
  const again = await verifyTags(repo, {known});
  assert.equal(again.get('a')?.verification.status, 'bad', 'a known id is not asked again');
  assert.equal(again.get('b')?.verification.status, 'good');
});

test('many signed tags in small batches give the same results as one verify-tag', async () => {
  const {dir, stranger} = sshRepo();
  for (let i = 0; i < 7; i++) {
    signedTag(dir, `m@v1.0.${i}`, {}, i % 3 === 2 ? ['-c', `user.signingkey=${stranger.privateKey}`] : []);
  }
  forgeTagMessage(dir, 'm@v1.0.4', 'forged');
  const repo = await openRepo(dir);
  const whole = await verifyTags(repo);
  let batches = 0;
  const small = await verifyTags(repo, {batchBytes: 150, onBatch: () => batches++});
  assert.ok(batches >= 3, `${batches} batches`);
  assert.deepEqual(small, whole);
  assert.deepEqual(
    [...whole.values()].map((s) => s.verification.status),
    ['good', 'good', 'unknown', 'good', 'bad', 'unknown', 'good'],
  );
});
