/**
 * What gto-tui keeps in `.git/gto-tui` (the object cache, the registry snapshot) can never make
 * a command lie, hang or write elsewhere, whoever else can write that folder: forged files
 * (same length, valid layout), files sealed with another user's key, symlinks and FIFOs planted
 * there, replace refs, and a home where no key can be kept. Every answer is checked against
 * git itself (`git rev-parse`) or a first read with nothing kept. The built CLI runs as users
 * run it, each with its own XDG_STATE_HOME where a test needs one.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {createCipheriv, createHmac} from 'node:crypto';
import {chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {main} from '../../source/cli/main.js';
import {objectCacheFile} from '../../source/git/objectCache.js';
import {registrySnapshotFile} from '../../source/git/registrySnapshot.js';
import {applyTestEnv, commit, git, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {assertNoCrash, runCli, type CliOptions, type CliRun} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

type Registry = {dir: string; gitDir: string; c1: string; c2: string};

/** churn v1.0.0 (prod) on the first commit, v2.0.0 on the second; every tag message unique. */
const registry = (): Registry => {
  const dir = makeRepo();
  const c1 = commit(dir, 'one', {'artifacts.yaml': 'churn:\n  type: model\n'});
  tag(dir, 'churn@v1.0.0', {message: 'registers-one'});
  tag(dir, 'churn#prod#1', {message: 'assigns-prod'});
  const c2 = commit(dir, 'two', {'a.txt': '2'});
  tag(dir, 'churn@v2.0.0', {message: 'registers-two'});
  return {dir, gitDir: realpathSync(path.join(dir, '.git')), c1, c2};
};

const cli = async (dir: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> => {
  const run = await runCli(dir, args, {timeoutMs: 60_000, ...options});
  assertNoCrash(run, args.join(' '));
  assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
  return run;
};

const keptDir = (r: Registry): string => path.join(r.gitDir, 'gto-tui');
const objectsFile = (r: Registry): string => objectCacheFile({gitDir: r.gitDir});
const snapshotFile = (r: Registry): string => registrySnapshotFile({gitDir: r.gitDir});

/** The answer of a read with nothing kept (what git says, through a first read). */
const firstRead = async (r: Registry, args: readonly string[], options: CliOptions = {}): Promise<string> => {
  rmSync(keptDir(r), {recursive: true, force: true});
  return (await cli(r.dir, args, options)).stdout;
};

/** Three reads: the first keeps the object cache, the second the snapshot, the third reads it. */
const warmUp = async (r: Registry, options: CliOptions = {}): Promise<void> => {
  for (let i = 0; i < 3; i++) await cli(r.dir, ['show', '--json'], options);
  assert.ok(existsSync(objectsFile(r)) && existsSync(snapshotFile(r)), 'both kept');
};

/** Replace `from` by `to` (same length) at the one place `context` (containing `from`) occurs. */
const forge = (file: string, context: string, from: string, to: string): void => {
  assert.equal(from.length, to.length);
  const text = readFileSync(file).toString('latin1');
  const at = text.indexOf(context);
  assert.ok(at !== -1 && text.indexOf(context, at + 1) === -1, `${path.basename(file)} holds ${JSON.stringify(context)} once`);
  const forged = context.replace(from, to);
  writeFileSync(file, Buffer.from(text.slice(0, at) + forged + text.slice(at + context.length), 'latin1'));
};

/** Swap two strings of equal length everywhere in the snapshot's registry text (after its key and listing). */
const swapInSnapshot = (file: string, a: string, b: string): void => {
  const text = readFileSync(file).toString('latin1');
  const at = text.indexOf('{"artifacts":[');
  assert.ok(at !== -1, 'the snapshot holds a registry');
  const swapped = text.slice(at).replace(new RegExp(`${a}|${b}`, 'g'), (m) => (m === a ? b : a));
  writeFileSync(file, Buffer.from(text.slice(0, at) + swapped, 'latin1'));
};

/**
 * Seal `file` again with the key in `stateHome` as source/git/keptFile.ts says: header
 * `<magic> <salt> <tag>`, the file's key HMAC-SHA-256(user key, `gto-tui kept data\0<magic>\0<git dir>\0` + salt),
 * the tag GMAC (AES-256-GCM, zero nonce, the body as associated data) under it. What someone
 * holding that key can do. A file without a seal (a format before seals) stays as it is.
 */
const reseal = (file: string, stateHome: string, gitDir: string): void => {
  const data = readFileSync(file);
  const newline = data.indexOf(10);
  const header = data.toString('latin1', 0, newline);
  const sealed = / ([0-9a-f]{32}) [0-9a-f]{32}$/.exec(header);
  if (sealed === null) return;
  const magic = header.slice(0, sealed.index);
  const body = data.subarray(newline + 1);
  const salt = Buffer.from(sealed[1]!, 'hex');
  const key = createHmac('sha256', readFileSync(path.join(stateHome, 'gto-tui', 'key'))).update(`gto-tui kept data\0${magic}\0${gitDir}\0`).update(salt).digest();
  const gmac = createCipheriv('aes-256-gcm', key, Buffer.alloc(12));
  gmac.setAAD(body);
  gmac.final();
  writeFileSync(file, Buffer.concat([Buffer.from(`${magic} ${sealed[1]!} ${gmac.getAuthTag().toString('hex')}\n`, 'latin1'), body]));
};

const revParse = (r: Registry, rev: string): string => git(r.dir, ['rev-parse', rev]).trim();

describe('forged kept data is rejected', () => {
  it('a forged object cache entry: show, check-ref and assign agree with git rev-parse', async () => {
    const r = registry();
    const show = await firstRead(r, ['show', '--json']);
    const table = await firstRead(r, ['show']);
    await warmUp(r);
    // prod's assignment now claims v2.0.0's commit (the snapshot removed: the read builds from the cache)
    forge(objectsFile(r), `${r.c1}\0commit\0assigns-prod`, r.c1, r.c2);
    rmSync(snapshotFile(r), {force: true});
    assert.equal(revParse(r, 'churn#prod#1^{commit}'), r.c1);
    assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'])).stdout, 'v1.0.0\n');
    assert.equal((await cli(r.dir, ['show', '--json'])).stdout, show);
    assert.equal((await cli(r.dir, ['show'])).stdout, table);
    // the registration of v1.0.0 now claims v2.0.0's commit: assigning v1.0.0 must still tag v1.0.0's commit
    forge(objectsFile(r), `${r.c1}\0commit\0registers-one`, r.c1, r.c2);
    await cli(r.dir, ['assign', 'churn', '--version', 'v1.0.0', '--stage', 'staging']);
    assert.equal(revParse(r, 'churn#staging#2^{commit}'), revParse(r, 'churn@v1.0.0^{commit}'));
    assert.equal(revParse(r, 'churn#staging#2^{commit}'), r.c1);
  });

  it('a forged registry snapshot: show, history and check-ref agree with git', async () => {
    const r = registry();
    const show = await firstRead(r, ['show', '--json']);
    const history = await firstRead(r, ['history', '--json']);
    await warmUp(r);
    // every v1.0.0 in the state reads v2.0.0 and back: prod on v2.0.0
    swapInSnapshot(snapshotFile(r), 'v1.0.0', 'v2.0.0');
    assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'])).stdout, 'v1.0.0\n');
    assert.equal((await cli(r.dir, ['show', '--json'])).stdout, show);
    assert.equal((await cli(r.dir, ['history', '--json'])).stdout, history);
  });

  it('kept data sealed with another user\'s key is ignored and rewritten', async () => {
    const r = registry();
    const show = await firstRead(r, ['show', '--json']);
    const mallory = {env: {XDG_STATE_HOME: tempDir()}};
    const alice = {env: {XDG_STATE_HOME: tempDir()}};
    await warmUp(r, mallory);
    forge(objectsFile(r), `${r.c1}\0commit\0assigns-prod`, r.c1, r.c2);
    swapInSnapshot(snapshotFile(r), 'v1.0.0', 'v2.0.0');
    reseal(objectsFile(r), mallory.env.XDG_STATE_HOME, r.gitDir);
    reseal(snapshotFile(r), mallory.env.XDG_STATE_HOME, r.gitDir);
    // under the key that sealed them the forgeries are believed (the seal is right)...
    assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'], mallory)).stdout, 'v2.0.0\n');
    const forged = readFileSync(objectsFile(r));
    // ...under anyone else's they are not, and are replaced by files sealed with that key
    assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'], alice)).stdout, 'v1.0.0\n');
    assert.equal((await cli(r.dir, ['show', '--json'], alice)).stdout, show);
    assert.notDeepEqual(readFileSync(objectsFile(r)), forged, 'rewritten');
    await warmUp(r, alice);
    assert.equal((await cli(r.dir, ['show', '--json'], alice)).stdout, show);
  });
});

describe('special files in .git/gto-tui', () => {
  it('a symlink planted at a temporary file name is left untouched, and nothing is written through it', async () => {
    const r = registry();
    const show = await firstRead(r, ['show', '--json']);
    await warmUp(r);
    const victim = path.join(tempDir(), 'victim');
    writeFileSync(victim, 'precious\n');
    // In this process, so the name a write used to pick is known: `<file>.<pid>.tmp`.
    const planted = `${snapshotFile(r)}.${process.pid}.tmp`;
    symlinkSync(victim, planted);
    // and a symlink in place of the object cache itself: not followed when read, replaced when kept
    rmSync(objectsFile(r));
    symlinkSync(victim, objectsFile(r));
    for (let i = 0; i < 3; i++) assert.equal(await inProcess(r.dir, ['show', '--json']), show);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.equal(readlinkSync(planted), victim, 'the planted link is still there, as it was');
    assert.ok(lstatSync(objectsFile(r)).isFile(), 'the object cache is a file again');
    assert.ok(existsSync(snapshotFile(r)) && lstatSync(snapshotFile(r)).isFile(), 'the snapshot was kept beside the link');
  });

  for (const [what, plant] of [
    ['a FIFO', (file: string): void => void execFileSync('mkfifo', ['-m', '600', file])],
    ['a symlink to /dev/zero', (file: string): void => symlinkSync('/dev/zero', file)],
  ] as const) {
    it(`${what} as the object cache and the snapshot: every read finishes with the right answer`, async () => {
      const r = registry();
      const show = await firstRead(r, ['show', '--json']);
      await warmUp(r);
      for (const file of [objectsFile(r), snapshotFile(r)]) {
        rmSync(file, {force: true});
        plant(file);
      }
      // a generous limit: the command must finish (a FIFO read waits forever, /dev/zero never ends)
      const options = {timeoutMs: 30_000};
      assert.equal((await cli(r.dir, ['show', '--json'], options)).stdout, show);
      assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'], options)).stdout, 'v1.0.0\n');
      assert.equal((await cli(r.dir, ['show', '--json'], options)).stdout, show);
    });
  }
});

/** `main` in this process (its output lines joined as the CLI prints them). */
const inProcess = async (cwd: string, argv: readonly string[]): Promise<string> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {out: (t) => out.push(t + '\n'), err: (t) => err.push(t), env: process.env, cwd, interactive: false});
  assert.equal(code, 0, err.join('\n'));
  return out.join('');
};

describe('replace refs', () => {
  /** Replace prod's tag object with one that says prod is on v2.0.0's commit. */
  const replaceProd = (r: Registry, ref: string | null, options: {env?: Record<string, string>} = {}): void => {
    tag(r.dir, 'decoy', {target: r.c2, message: 'assigns-prod-elsewhere'});
    const decoy = revParse(r, 'refs/tags/decoy');
    git(r.dir, ['tag', '-d', 'decoy']);
    const prod = revParse(r, 'refs/tags/churn#prod#1');
    if (ref === null) git(r.dir, ['replace', prod, decoy], options);
    else git(r.dir, ['update-ref', `${ref}${prod}`, decoy]);
  };

  const READS = [['show', '--json'], ['history', '--json'], ['check-ref', 'churn#prod#1', '--json']] as const;

  /** Each read with what was kept before the replacement, then with nothing kept: the same. */
  const agree = async (r: Registry, options: CliOptions = {}): Promise<void> => {
    const kept = readdirSync(keptDir(r)).map((name) => [name, readFileSync(path.join(keptDir(r), name))] as const);
    const withKept: string[] = [];
    for (const args of READS) withKept.push((await cli(r.dir, args, options)).stdout);
    for (const [name, contents] of kept) assert.deepEqual(readFileSync(path.join(keptDir(r), name)), contents, `${name} not rewritten while replace refs exist`);
    for (const [i, args] of READS.entries()) assert.equal(withKept[i], await firstRead(r, args, options), `${args.join(' ')} with and without kept data`);
    assert.equal(existsSync(objectsFile(r)) || existsSync(snapshotFile(r)), false, 'nothing kept while replace refs exist');
    assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'], options)).stdout, 'v2.0.0\n', 'git reads prod through the replace ref');
  };

  it('reads with and without kept data agree while replace refs exist, and kept data serves again once they are gone', async () => {
    const r = registry();
    const before = await firstRead(r, ['show', '--json']);
    await warmUp(r);
    replaceProd(r, null);
    assert.equal(revParse(r, 'churn#prod#1^{commit}'), r.c2);
    await agree(r);
    git(r.dir, ['replace', '-d', revParse(r, 'refs/tags/churn#prod#1')]);
    await warmUp(r);
    assert.equal((await cli(r.dir, ['show', '--json'])).stdout, before);
  });

  it('GIT_REPLACE_REF_BASE names where the replace refs are', async () => {
    const r = registry();
    const options = {env: {GIT_REPLACE_REF_BASE: 'refs/alt-replace/'}};
    await warmUp(r, options);
    replaceProd(r, 'refs/alt-replace/');
    assert.equal(git(r.dir, ['rev-parse', 'churn#prod#1^{commit}'], options).trim(), r.c2);
    await agree(r, options);
  });
});

describe('where no key can be kept', () => {
  const places: [string, (r: Registry) => Record<string, string | undefined>][] = [
    ['XDG_STATE_HOME below a regular file (as unwritable as a read-only home, for root too)', () => {
      const file = path.join(tempDir(), 'file');
      writeFileSync(file, '');
      return {XDG_STATE_HOME: path.join(file, 'state')};
    }],
    ['neither XDG_STATE_HOME nor HOME set', () => ({XDG_STATE_HOME: undefined, HOME: undefined})],
    ['XDG_STATE_HOME inside the repository read', (r) => ({XDG_STATE_HOME: path.join(r.dir, '.state')})],
    ['HOME is the repository read', (r) => ({XDG_STATE_HOME: undefined, HOME: r.dir})],
  ];
  if (process.geteuid?.() !== 0) {
    places.push(['a read-only state directory', () => {
      const dir = tempDir();
      chmodSync(dir, 0o500);
      return {XDG_STATE_HOME: dir};
    }]);
  }
  for (const [what, envOf] of places) {
    it(`${what}: nothing is kept and every read is a first read, with the right answers`, async () => {
      const r = registry();
      const show = await firstRead(r, ['show', '--json']);
      rmSync(keptDir(r), {recursive: true, force: true});
      const options = {env: envOf(r)};
      for (let i = 0; i < 3; i++) {
        assert.equal((await cli(r.dir, ['show', '--json'], options)).stdout, show);
        assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'], options)).stdout, 'v1.0.0\n');
      }
      assert.equal(existsSync(keptDir(r)), false, 'nothing kept');
      assert.equal(existsSync(path.join(r.dir, '.state')), false, 'no key made in the repository');
      assert.equal(existsSync(path.join(r.dir, '.local')), false, 'no key made in the repository');
    });
  }

  it('a key planted inside the repository read is not used', async () => {
    const r = registry();
    const show = await firstRead(r, ['show', '--json']);
    await warmUp(r);
    const planted = path.join(r.dir, '.state');
    mkdirSync(path.join(planted, 'gto-tui'), {recursive: true, mode: 0o700});
    writeFileSync(path.join(planted, 'gto-tui', 'key'), Buffer.alloc(32, 7), {mode: 0o600});
    forge(objectsFile(r), `${r.c1}\0commit\0assigns-prod`, r.c1, r.c2);
    swapInSnapshot(snapshotFile(r), 'v1.0.0', 'v2.0.0');
    reseal(objectsFile(r), planted, r.gitDir);
    reseal(snapshotFile(r), planted, r.gitDir);
    const options = {env: {XDG_STATE_HOME: planted}};
    assert.equal((await cli(r.dir, ['check-ref', 'churn#prod#1', '--version'], options)).stdout, 'v1.0.0\n');
    assert.equal((await cli(r.dir, ['show', '--json'], options)).stdout, show);
  });
});
