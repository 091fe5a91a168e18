/**
 * Signatures through the CLI: `--sign` on every write, `--verify` on history, show NAME and
 * doctor (text and JSON), with SSH and GPG keys made in the test. Without the flags the outputs
 * are GTO's.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {main} from '../../source/cli/main.js';
import {applyTestEnv, commit, git, makeRepo, removeTempDirs, tag, TEST_ENV} from '../helpers/repo.js';
import {forgeTagMessage, gpgHome, sshKey, stopGpgAgents, useSshSigning, type SshKey} from '../helpers/signing.js';

before(applyTestEnv);
after(() => {
  stopGpgAgents();
  removeTempDirs();
});

type Run = {code: number; out: string[]; err: string[]};

const gto = async (cwd: string, ...argv: string[]): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {out: (l) => out.push(l), err: (l) => err.push(l), env: process.env, cwd, interactive: false});
  return {code, out, err};
};

const gitAccepts = (dir: string, name: string): boolean =>
  spawnSync('git', ['verify-tag', name], {cwd: dir, env: {...process.env, ...TEST_ENV}, stdio: 'ignore'}).status === 0;

const isSigned = (dir: string, name: string): boolean => /-----BEGIN SSH SIGNATURE-----/.test(git(dir, ['cat-file', 'tag', name]));

/** A repository with SSH signing set up for carol, and a stranger's key. */
const signingRepo = (): {dir: string; mine: SshKey; stranger: SshKey; signers: string} => {
  const dir = makeRepo();
  commit(dir, 'one', {'model.bin': '1'});
  const mine = sshKey();
  const stranger = sshKey();
  useSshSigning(dir, mine, [{principal: 'carol@example.com', key: mine}]);
  const signers = git(dir, ['config', 'gpg.ssh.allowedSignersFile']).trim();
  return {dir, mine, stranger, signers};
};

/**
 * A registry with one tag of each kind: m@v1.0.0 signed by carol, m#prod#1 forged (its message
 * rewritten under the old signature), m#dev#2 signed by a stranger, m@v1.0.1 unsigned.
 */
const mixedRegistry = async () => {
  const repo = signingRepo();
  const {dir, stranger} = repo;
  assert.equal((await gto(dir, 'register', 'm', '--version', 'v1.0.0', '--sign')).code, 0);
  assert.equal((await gto(dir, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--sign')).code, 0);
  forgeTagMessage(dir, 'm#prod#1', 'Assigning stage prod to artifact m version v1.0.0 (approved by nobody)');
  git(dir, ['-c', `user.signingkey=${stranger.privateKey}`, 'tag', '-s', '-m', 'Assigning stage dev to artifact m version v1.0.0', 'm#dev#2', 'm@v1.0.0^{}']);
  commit(dir, 'two', {'model.bin': '2'});
  assert.equal((await gto(dir, 'register', 'm', '--version', 'v1.0.1')).code, 0);
  return repo;
};

describe('--sign', () => {
  it('register, assign and deprecate sign the tags they create; the output lines are the unsigned run\'s', async () => {
    const signed = signingRepo().dir;
    const plain = signingRepo().dir;
    const steps: string[][] = [
      ['register', 'm'],
      ['assign', 'm', '--stage', 'prod'],
      ['deprecate', 'm', 'v0.0.1', 'prod'],
      ['deprecate', 'm', 'v0.0.1'],
      ['deprecate', 'm'],
    ];
    for (const step of steps) {
      const withSign = await gto(signed, ...step, '--sign');
      const without = await gto(plain, ...step);
      assert.deepEqual(withSign, without, step.join(' '));
      assert.equal(withSign.code, 0);
    }
    const tags = git(signed, ['tag', '--list']).split('\n').filter(Boolean);
    assert.equal(tags.length, 5);
    for (const name of tags) {
      assert.ok(isSigned(signed, name), `${name} is signed`);
      assert.ok(gitAccepts(signed, name), `git verify-tag accepts ${name}`);
      assert.ok(!isSigned(plain, name), `${name} is not signed without --sign`);
    }
  });

  it('with a key that cannot sign, the write fails in one line and leaves no tag', async () => {
    const {dir} = signingRepo();
    git(dir, ['config', 'user.signingkey', '/nonexistent/key']);
    const run = await gto(dir, 'register', 'm', '--sign');
    assert.equal(run.code, 1);
    assert.equal(run.err.length, 1);
    assert.match(run.err[0]!, /^❌ Could not create tag 'm@v0.0.1': git did not sign tag 'm@v0.0.1': .*nonexistent/);
    assert.equal(git(dir, ['tag', '--list']), '');
  });

  it('help lists --sign and --verify apart from GTO\'s options', async () => {
    for (const [command, flag] of [['register', '--sign'], ['assign', '--sign'], ['deprecate', '--sign'], ['history', '--verify'], ['show', '--verify'], ['doctor', '--verify']] as const) {
      const help = (await gto('.', command, '-h')).out.join('\n');
      const [gtos, ours] = help.split('gto-tui extensions (not in GTO):');
      assert.ok(ours?.includes(flag), `${command}: ${flag} listed apart`);
      assert.ok(!gtos?.includes(flag), `${command}: ${flag} not among GTO's options`);
    }
  });
});

describe('--verify', () => {
  it('history --verify: a signature column with who signed each tag, as git verify-tag says', async () => {
    const {dir, stranger} = await mixedRegistry();
    const run = await gto(dir, 'history', 'm', '--verify', '--plain');
    assert.equal(run.code, 0);
    const rows = run.out.join('\n').split('\n');
    assert.match(rows[0]!, /ref\s+signature$/);
    const cell = (tag: string) => rows.find((row) => row.includes(` ${tag} `))?.split(` ${tag} `)[1]?.trim();
    assert.equal(cell('m@v1.0.0'), '✓ carol@example.com');
    assert.equal(cell('m#prod#1'), '✗ Signature verification failed: incorrect signature');
    assert.equal(cell('m#dev#2'), `? key not in gpg.ssh.allowedSignersFile (key ${stranger.fingerprint})`);
    assert.equal(cell('m@v1.0.1'), 'unsigned');
  });

  it('history --json --verify adds "signature" to each event; without --verify the JSON is GTO\'s', async () => {
    const {dir, mine} = await mixedRegistry();
    const plain = JSON.parse((await gto(dir, 'history', '--json')).out.join('\n')) as Record<string, unknown>[];
    const verified = JSON.parse((await gto(dir, 'history', '--json', '--verify')).out.join('\n')) as Record<string, unknown>[];
    assert.ok(plain.every((event) => !('signature' in event)));
    assert.deepEqual(verified.map(({signature: _, ...rest}) => rest), plain);
    const by = (ref: string) => verified.find((event) => event['ref'] === ref)?.['signature'];
    assert.deepEqual(by('m@v1.0.0'), {status: 'good', signer: 'carol@example.com', key: mine.fingerprint});
    assert.deepEqual(by('m#prod#1'), {status: 'bad', signer: null, key: null});
    assert.equal((by('m#dev#2') as {status: string}).status, 'unknown');
    assert.deepEqual(by('m@v1.0.1'), {status: 'unsigned', signer: null, key: null});
    // the keys are the last ones: GTO's keys keep their order
    assert.deepEqual(Object.keys(verified[0]!).slice(0, -1), Object.keys(plain[0]!));
  });

  it('show NAME --verify: a signature column for each version\'s tag, and "signature" on every tag event with --json', async () => {
    const {dir} = await mixedRegistry();
    const table = await gto(dir, 'show', 'm', '--verify', '--plain');
    assert.equal(table.code, 0);
    assert.match(table.out[0]!, /^artifact\s+version\s+stage\s+created_at\s+ref\s+signature$/m);
    assert.match(table.out[0]!, /v1\.0\.0 .*m@v1\.0\.0\s+✓ carol@example\.com$/m);
    assert.match(table.out[0]!, /v1\.0\.1 .*m@v1\.0\.1\s+unsigned$/m);
    const json = JSON.parse((await gto(dir, 'show', 'm', '--json', '--verify')).out.join('\n')) as {registrations: {tag: string; signature: {status: string}}[]; stages: {assignments: {tag: string; signature: {status: string}}[]}[]}[];
    const v100 = json.find((v) => v.registrations[0]?.tag === 'm@v1.0.0')!;
    assert.equal(v100.registrations[0]?.signature.status, 'good');
    const assignments = Object.fromEntries(v100.stages.flatMap((s) => s.assignments).map((a) => [a.tag, a.signature.status]));
    assert.deepEqual(assignments, {'m#prod#1': 'bad', 'm#dev#2': 'unknown'});
    // without --verify: exactly GTO's output, no signature anywhere
    assert.doesNotMatch((await gto(dir, 'show', 'm', '--json')).out.join('\n'), /signature"/);
    assert.doesNotMatch((await gto(dir, 'show', 'm')).out.join('\n'), /signature/);
  });

  it('show --verify without NAME is a usage error', async () => {
    const {dir} = signingRepo();
    const run = await gto(dir, 'show', '--verify');
    assert.equal(run.code, 2);
    assert.match(run.err.join('\n'), /Error: --verify shows the signatures of one artifact/);
  });

  it('doctor --verify counts the verdicts, lists the tags that are not good, and fails on a bad one', async () => {
    const {dir, stranger} = await mixedRegistry();
    const run = await gto(dir, 'doctor', '--verify');
    assert.equal(run.code, 1);
    assert.ok(run.out.includes('Signatures of 4 registry tags: 1 good, 1 bad, 1 unknown, 1 unsigned'));
    assert.ok(run.out.includes("Bad signature on tag 'm#prod#1': ✗ Signature verification failed: incorrect signature"));
    assert.ok(run.out.includes(`Unverified signature on tag 'm#dev#2': ? key not in gpg.ssh.allowedSignersFile (key ${stranger.fingerprint})`));
    assert.deepEqual(run.err, ['❌ 1 registry tag has a bad signature (listed above)']);
    assert.ok(!run.out.some((line) => line.includes('No issues found')));
    // without --verify, doctor is GTO's doctor
    const plain = await gto(dir, 'doctor');
    assert.equal(plain.code, 0);
    assert.ok(!plain.out.some((line) => line.includes('ignatures')));
  });

  it('a changed allowed-signers file changes the verdict on the next run: nothing is kept', async () => {
    const {dir, signers} = signingRepo();
    assert.equal((await gto(dir, 'register', 'm', '--sign')).code, 0);
    const status = async () => (JSON.parse((await gto(dir, 'history', '--json', '--verify')).out.join('\n')) as {signature: {status: string}}[])[0]?.signature.status;
    assert.equal(await status(), 'good');
    writeFileSync(signers, '');
    assert.equal(await status(), 'unknown');
  });

  it('GPG: the signer is the key\'s user ID as git reports it, escaped on the terminal', async () => {
    const home = gpgHome('Eve \u202e <eve@example.com>');
    const saved = process.env['GNUPGHOME'];
    process.env['GNUPGHOME'] = home.dir;
    try {
      const dir = makeRepo();
      commit(dir, 'one');
      git(dir, ['config', 'user.signingkey', home.fingerprint]);
      assert.equal((await gto(dir, 'register', 'm', '--sign')).code, 0);
      const text = (await gto(dir, 'history', '--verify')).out.join('\n');
      assert.match(text, /✓ Eve \\u202e <eve@example\.com>/);
      assert.ok(!text.includes('\u202e'), 'no raw bidi override reaches the terminal');
      const json = JSON.parse((await gto(dir, 'history', '--json', '--verify')).out.join('\n')) as {signature: unknown}[];
      assert.deepEqual(json[0]?.signature, {status: 'good', signer: 'Eve \u202e <eve@example.com>', key: home.fingerprint});
    } finally {
      if (saved === undefined) delete process.env['GNUPGHOME'];
      else process.env['GNUPGHOME'] = saved;
    }
  });

  it('--verify on a registry without signatures says each tag is unsigned', async () => {
    const dir = makeRepo();
    commit(dir, 'one');
    tag(dir, 'm@v1.0.0', {message: 'Registering'});
    const run = await gto(dir, 'history', '--json', '--verify');
    assert.deepEqual((JSON.parse(run.out.join('\n')) as {signature: unknown}[])[0]?.signature, {status: 'unsigned', signer: null, key: null});
  });
});
