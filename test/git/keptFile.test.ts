/**
 * Sealed files in `.git/gto-tui` (source/git/keptFile.ts): a body comes back only from a regular
 * file sealed with the same key, for the same repository and kind of file, byte for byte; writes
 * never go through a link and never touch what is planted in their way.
 */
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {MAX_KEPT_BYTES, createExclusive, readKept, writeKept, type Seal} from '../../source/git/keptFile.js';
import {removeTempDirs, tempDir} from '../helpers/repo.js';

after(removeTempDirs);

const KEY = randomBytes(32);
const sealFor = (gitDir: string, overrides: Partial<Seal> = {}): Seal => ({key: KEY, magic: 'gto-tui-test 1', gitDir, ...overrides});

/** A git dir with `gto-tui/` not yet made, and the file to keep there. */
const place = (): {gitDir: string; file: string} => {
  const gitDir = tempDir();
  return {gitDir, file: path.join(gitDir, 'gto-tui', 'kept')};
};

const BODY = 'ref\0records\0ünïcødé\n';

const write = (file: string, seal: Seal, body = BODY): boolean => writeKept(file, seal, (emit) => {
  emit(body.slice(0, 5), 'utf8');
  emit(body.slice(5), 'utf8');
});

describe('a sealed file', () => {
  it('reads back exactly what was written, owner-only in an owner-only folder', () => {
    const {gitDir, file} = place();
    assert.equal(write(file, sealFor(gitDir)), true);
    assert.equal(readKept(file, sealFor(gitDir), 'utf8'), BODY);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(path.dirname(file)), ['kept'], 'no temporary file left');
  });

  it('any changed, missing or added byte, in the header or the body, fails to verify', () => {
    const {gitDir, file} = place();
    write(file, sealFor(gitDir));
    const good = readFileSync(file);
    for (let i = 0; i < good.length; i++) {
      const bad = Buffer.from(good);
      bad[i] = bad[i]! ^ 0x01;
      writeFileSync(file, bad);
      assert.equal(readKept(file, sealFor(gitDir), 'utf8'), null, `byte ${i} flipped`);
    }
    for (const bad of [good.subarray(0, good.length - 1), Buffer.concat([good, Buffer.from('x')]), Buffer.alloc(0), good.subarray(0, 20)]) {
      writeFileSync(file, bad);
      assert.equal(readKept(file, sealFor(gitDir), 'utf8'), null, `${bad.length} bytes`);
    }
  });

  it('another key, another repository or another kind of file does not verify', () => {
    const {gitDir, file} = place();
    write(file, sealFor(gitDir));
    assert.equal(readKept(file, sealFor(gitDir, {key: randomBytes(32)}), 'utf8'), null, 'another key');
    assert.equal(readKept(file, sealFor(`${gitDir}x`), 'utf8'), null, 'another git dir');
    assert.equal(readKept(file, sealFor(gitDir, {magic: 'gto-tui-other 1'}), 'utf8'), null, 'another kind of file');
    assert.notEqual(readKept(file, sealFor(gitDir), 'utf8'), null);
  });

  it('only a regular file is read: not a directory, a symlink or one over the size limit', () => {
    const {gitDir, file} = place();
    write(file, sealFor(gitDir));
    const elsewhere = path.join(tempDir(), 'elsewhere');
    write(elsewhere, sealFor(gitDir));
    const link = path.join(path.dirname(file), 'link');
    symlinkSync(elsewhere, link);
    assert.equal(readKept(link, sealFor(gitDir), 'utf8'), null, 'a symlink, even to a sealed file');
    assert.equal(readKept(path.dirname(file), sealFor(gitDir), 'utf8'), null, 'a directory');
    const huge = path.join(path.dirname(file), 'huge');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_KEPT_BYTES + 1); // sparse: nothing is read
    assert.equal(readKept(huge, sealFor(gitDir), 'utf8'), null, 'over the limit');
  });
});

describe('writing', () => {
  it('an exclusive create leaves a symlink planted at the name as it was, and its target too', () => {
    const dir = tempDir();
    const victim = path.join(dir, 'victim');
    writeFileSync(victim, 'precious');
    const planted = path.join(dir, 'planted.tmp');
    symlinkSync(victim, planted);
    assert.throws(() => createExclusive(planted), {code: 'EEXIST'});
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'dangling.tmp'));
    assert.throws(() => createExclusive(path.join(dir, 'dangling.tmp')), {code: 'EEXIST'});
    assert.equal(existsSync(path.join(dir, 'missing')), false, 'a dangling link is not followed to create its target');
    assert.equal(readlinkSync(planted), victim);
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
  });

  it('a symlink in place of the file is replaced, never written through', () => {
    const {gitDir, file} = place();
    mkdirSync(path.dirname(file));
    const victim = path.join(tempDir(), 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, file);
    assert.equal(write(file, sealFor(gitDir)), true);
    assert.ok(lstatSync(file).isFile());
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
    assert.equal(readKept(file, sealFor(gitDir), 'utf8'), BODY);
  });

  it('a symlink in place of the folder: nothing is written', () => {
    const {gitDir, file} = place();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, path.dirname(file));
    assert.equal(write(file, sealFor(gitDir)), false);
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it('a folder that cannot be made: false, nothing thrown', () => {
    const {gitDir, file} = place();
    writeFileSync(path.dirname(file), 'a file where the folder goes');
    assert.equal(write(file, sealFor(gitDir)), false);
  });

  it('a body that fails while it is produced leaves the old file and no temporary one', () => {
    const {gitDir, file} = place();
    write(file, sealFor(gitDir));
    const failed = writeKept(file, sealFor(gitDir), (emit) => {
      emit('half', 'utf8');
      throw new Error('interrupted');
    });
    assert.equal(failed, false);
    assert.equal(readKept(file, sealFor(gitDir), 'utf8'), BODY);
    assert.deepEqual(readdirSync(path.dirname(file)), ['kept']);
  });
});
