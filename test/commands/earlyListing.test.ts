/**
 * A read lists the tags beside discovery when the directory looks like a repository with an
 * object cache (git/tags.ts startListingIn). The guess must never change what is read: when
 * git finds another repository from there (an inherited GIT_DIR, as in a git hook), the
 * guessed listing is dropped and the discovered repository is read.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {applyTestEnv, commit, makeBareRemote, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

const showJson = async (cwd: string, args: readonly string[] = []): Promise<Record<string, unknown>> => {
  const out: string[] = [];
  const code = await main(['show', '--json', ...args], {out: (t) => out.push(t), err: () => {}, env: process.env, cwd, interactive: false});
  assert.equal(code, 0);
  return JSON.parse(out.join('\n')) as Record<string, unknown>;
};

const registryWith = (artifact: string): string => {
  const dir = makeRepo();
  commit(dir, 'one');
  tag(dir, `${artifact}@v1.0.0`);
  return dir;
};

test('an inherited GIT_DIR wins over the guessed repository, cold and warm', async () => {
  const here = registryWith('here');
  const elsewhere = registryWith('elsewhere');
  // warm both caches first
  assert.deepEqual(Object.keys(await showJson(here)), ['here']);
  assert.deepEqual(Object.keys(await showJson(elsewhere)), ['elsewhere']);
  const saved = process.env['GIT_DIR'];
  process.env['GIT_DIR'] = path.join(elsewhere, '.git');
  try {
    assert.deepEqual(Object.keys(await showJson(here)), ['elsewhere']);
  } finally {
    if (saved === undefined) delete process.env['GIT_DIR'];
    else process.env['GIT_DIR'] = saved;
  }
  // and the guess still serves the repository itself afterwards, with its new tags
  tag(here, 'here2@v1.0.0');
  assert.deepEqual(Object.keys(await showJson(here)).sort(), ['here', 'here2']);
});

test('a bare repository and a subdirectory read the same registry as the top level', async () => {
  const dir = registryWith('m');
  commit(dir, 'two', {'sub/f': 'x'});
  tag(dir, 'm#prod#1');
  const top = await showJson(dir);
  assert.deepEqual(await showJson(dir), top); // warm
  assert.deepEqual(await showJson(path.join(dir, 'sub')), top);
  const bare = makeBareRemote(dir);
  assert.deepEqual(await showJson('/', ['-r', bare]), top); // cold
  assert.deepEqual(await showJson('/', ['-r', bare]), top); // warm, guessed from the bare dir
});
