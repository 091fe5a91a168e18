/**
 * The UI's door to git: its first read is keyed on HEAD as opening the repository found it, as
 * a CLI read is, so a start after an earlier read takes the kept registry state.
 */
import assert from 'node:assert/strict';
import {existsSync, rmSync} from 'node:fs';
import {after, before, test} from 'node:test';
import {openRepository} from '../../source/git/repository.js';
import {registrySnapshotFile} from '../../source/git/registrySnapshot.js';
import {loadRegistry} from '../../source/load.js';
import {createServices} from '../../source/ui/services.js';
import {applyTestEnv, commit, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

test("the first read of a repository read before keeps the registry state, keyed on HEAD at opening", async () => {
  const dir = makeRepo();
  commit(dir, 'one', {'artifacts.yaml': 'm:\n  type: model\n'});
  tag(dir, 'm@v1.0.0');
  tag(dir, 'm#prod#1');
  const {repo, headAtOpen, close} = await openRepository(dir, dir);
  try {
    await loadRegistry(repo, process.env); // an earlier read: the object cache
    rmSync(registrySnapshotFile(repo), {force: true});
    const first = await createServices(repo, process.env, headAtOpen).load();
    assert.equal(first.head, headAtOpen);
    assert.equal(existsSync(registrySnapshotFile(repo)), true, 'the state was kept for the next start');
  } finally {
    await close();
  }
});
