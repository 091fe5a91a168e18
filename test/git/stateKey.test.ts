/**
 * The per-user key (source/git/stateKey.ts): where it lives, how it is made (32 random bytes,
 * owner-only, made once even by processes racing to make it), and when none is used: a key that
 * is not the user's private 32-byte file, or one inside the repository being read.
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, afterEach, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {keptDataKey, stateKeyFile} from '../../source/git/stateKey.js';
import {applyTestEnv, removeTempDirs, tempDir} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);

const saved = process.env['XDG_STATE_HOME'];
afterEach(() => {
  // assigning undefined would set the string "undefined"
  if (saved === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = saved;
});

/** A fresh XDG_STATE_HOME for this process, and the key file in it. */
const stateHome = (): {home: string; file: string} => {
  const home = tempDir();
  process.env['XDG_STATE_HOME'] = home;
  return {home, file: path.join(home, 'gto-tui', 'key')};
};

/** A repository somewhere else. */
const elsewhere = (): {root: string; gitDir: string} => {
  const root = tempDir();
  return {root, gitDir: path.join(root, '.git')};
};

describe('where the key lives', () => {
  it('XDG_STATE_HOME when absolute, else ~/.local/state, else nowhere', () => {
    assert.equal(stateKeyFile({XDG_STATE_HOME: '/s', HOME: '/h'}), '/s/gto-tui/key');
    assert.equal(stateKeyFile({XDG_STATE_HOME: 'relative', HOME: '/h'}), '/h/.local/state/gto-tui/key');
    assert.equal(stateKeyFile({HOME: '/h'}), '/h/.local/state/gto-tui/key');
    assert.equal(stateKeyFile({HOME: 'relative'}), null);
    assert.equal(stateKeyFile({}), null);
  });
});

describe('the key', () => {
  it('is made once: 32 random bytes, owner-only, in an owner-only folder', () => {
    const {file} = stateHome();
    const key = keptDataKey(elsewhere());
    assert.ok(key !== null);
    assert.equal(key.length, 32);
    assert.deepEqual(readFileSync(file), key);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.deepEqual(keptDataKey(elsewhere()), key);
  });

  it('an existing key is used as it is', () => {
    const {file} = stateHome();
    mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
    writeFileSync(file, Buffer.alloc(32, 9), {mode: 0o600});
    assert.deepEqual(keptDataKey(elsewhere()), Buffer.alloc(32, 9));
  });

  it('processes racing to make it all end with the one key on disk', async () => {
    const {home, file} = stateHome();
    const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../source/git/stateKey.ts');
    const script = `const {keptDataKey} = await import(${JSON.stringify(source)}); process.stdout.write(keptDataKey({root: '/nonexistent-r', gitDir: '/nonexistent-r/.git'}).toString('hex'));`;
    const keys = await Promise.all(
      Array.from({length: 6}, () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {env: {...process.env, XDG_STATE_HOME: home}, stdio: ['ignore', 'pipe', 'inherit']});
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
        }),
      ),
    );
    const onDisk = readFileSync(file).toString('hex');
    assert.deepEqual(keys, keys.map(() => onDisk));
  });

  it('none is used when the file is not the user\'s private 32 bytes', () => {
    const cases: [string, (file: string) => void][] = [
      ['readable by others', (file) => writeFileSync(file, Buffer.alloc(32, 1), {mode: 0o644})],
      ['too short', (file) => writeFileSync(file, Buffer.alloc(31, 1), {mode: 0o600})],
      ['a directory', (file) => mkdirSync(file)],
      ['a symlink to a good key', (file) => {
        const target = path.join(tempDir(), 'key');
        writeFileSync(target, Buffer.alloc(32, 1), {mode: 0o600});
        symlinkSync(target, file);
      }],
    ];
    for (const [what, plant] of cases) {
      const {file} = stateHome();
      mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
      plant(file);
      if (what === 'readable by others') chmodSync(file, 0o644);
      assert.equal(keptDataKey(elsewhere()), null, what);
    }
  });

  it('none is used for a repository the key lies in, and none is made inside any repository', () => {
    const {home} = stateHome();
    assert.ok(keptDataKey(elsewhere()) !== null);
    assert.equal(keptDataKey({root: home, gitDir: path.join(home, '.git')}), null, 'the key in the work tree');
    assert.equal(keptDataKey({root: path.dirname(home), gitDir: home}), null, 'the key in the git dir');
    const work = tempDir();
    mkdirSync(path.join(work, '.git'));
    process.env['XDG_STATE_HOME'] = path.join(work, 'sub', 'state');
    assert.equal(keptDataKey(elsewhere()), null);
    assert.equal(existsSync(path.join(work, 'sub')), false, 'nothing made in the work tree');
    const bare = tempDir();
    for (const name of ['objects', 'refs']) mkdirSync(path.join(bare, name));
    writeFileSync(path.join(bare, 'HEAD'), 'ref: refs/heads/main\n');
    process.env['XDG_STATE_HOME'] = path.join(bare, 'state');
    assert.equal(keptDataKey(elsewhere()), null);
    assert.equal(existsSync(path.join(bare, 'state')), false, 'nothing made in the git dir');
  });
});
