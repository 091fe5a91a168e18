/** applyPlan on real repositories: writes in order, never overwrites, pushes by full ref name. */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {openRepository} from '../../source/git/repository.js';
import {resolveCommit} from '../../source/git/revisions.js';
import {loadRegistry} from '../../source/load.js';
import {applyPlan} from '../../source/ops/apply.js';
import type {OpState} from '../../source/ops/plan.js';
import {planRegister} from '../../source/ops/register.js';
import {GtoError} from '../../source/registry/errors.js';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

const stateAt = async (dir: string) => {
  const {repo, close} = await openRepository(undefined, dir);
  const loaded = await loadRegistry(repo, process.env);
  const state: OpState = {registry: loaded.registry, tagNames: loaded.tags.map((t) => t.name), config: loaded.config};
  return {repo, close, state};
};

describe('applyPlan', () => {
  it('reports a tag taken between planning and creating, and leaves that tag as it was', async () => {
    const dir = makeRepo();
    const first = commit(dir, 'one');
    const head = commit(dir, 'two');
    const {repo, close, state} = await stateAt(dir);
    try {
      const plan = planRegister(state, {name: 'm', ref: 'HEAD', commit: await resolveCommit(repo, 'HEAD')});
      tag(dir, 'm@v0.0.1', {target: first, message: 'made by someone else'});
      const lines: string[] = [];
      await assert.rejects(applyPlan(repo, plan, {push: false, out: (l) => lines.push(l)}), (error: unknown) => {
        assert.ok(error instanceof GtoError);
        assert.equal(error.message, "tag 'm@v0.0.1' already exists");
        return true;
      });
      assert.deepEqual(lines, []);
      assert.equal(git(dir, ['rev-parse', 'm@v0.0.1^{commit}']).trim(), first);
      assert.notEqual(first, head);
      assert.equal(git(dir, ['tag', '-l', '--format=%(contents:subject)', 'm@v0.0.1']).trim(), 'made by someone else');
    } finally {
      await close();
    }
  });

  it('pushes the tag by its full ref name, not a branch of the same name, and nothing else', async () => {
    const dir = makeRepo();
    commit(dir, 'one');
    const remote = makeBareRemote(dir);
    git(dir, ['branch', 'm@v0.0.1']);
    tag(dir, 'unrelated@v1.0.0');
    const {repo, close, state} = await stateAt(dir);
    try {
      const plan = planRegister(state, {name: 'm', ref: 'HEAD', commit: await resolveCommit(repo, 'HEAD')});
      const outcome = await applyPlan(repo, plan, {push: true, out: () => {}});
      assert.equal(outcome.kind, 'done');
      assert.deepEqual(git(remote, ['for-each-ref', '--format=%(refname)']).split('\n').filter(Boolean).sort(), ['refs/heads/main', 'refs/tags/m@v0.0.1']);
    } finally {
      await close();
    }
  });
});
