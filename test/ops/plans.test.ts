import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {planAssign} from '../../source/ops/assign.js';
import {planDeprecate} from '../../source/ops/deprecate.js';
import {planToText, resultLine, type OpState, type Plan, type PlanStep} from '../../source/ops/plan.js';
import {planRegister} from '../../source/ops/register.js';
import {DEFAULT_CONFIG, type Config} from '../../source/registry/config.js';
import {invalidNameMessage} from '../../source/registry/names.js';
import {FakeRepo} from '../registry/fake-repo.js';

const stateOf = (repo: FakeRepo, config: Config = DEFAULT_CONFIG): OpState => ({
  registry: repo.registry(config),
  tagNames: repo.sortedTags().map((t) => t.name),
  config,
});

const steps = (plan: Plan): readonly PlanStep[] => {
  assert.equal(plan.kind, 'plan', plan.kind === 'refused' ? `refused: ${plan.message}` : '');
  return plan.kind === 'plan' ? plan.steps : [];
};
const tags = (plan: Plan): string[] => steps(plan).map((s) => s.tag);
const refusal = (plan: Plan): string => {
  assert.equal(plan.kind, 'refused', 'expected a refusal');
  return plan.kind === 'refused' ? plan.message : '';
};

/** C1 with m@v1.0.0, C2 with m@v1.1.0 + m#prod#1, and a HEAD commit C3 without versions. */
const sample = (): {repo: FakeRepo; c1: string; c2: string; c3: string} => {
  const repo = new FakeRepo();
  const c1 = repo.commit('one');
  repo.tag('m@v1.0.0');
  const c2 = repo.commit('two');
  repo.tag('m@v1.1.0');
  repo.tag('m#prod#1');
  const c3 = repo.commit('three');
  return {repo, c1, c2, c3};
};

describe('planRegister', () => {
  it('registers v0.0.1 in the simple form with the default message', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    const plan = planRegister(stateOf(repo), {name: 'm', ref: 'HEAD', commit: c1});
    assert.deepEqual(steps(plan), [
      {op: 'create', tag: 'm@v0.0.1', target: c1, message: 'Registering artifact m version v0.0.1', event: 'registration', artifact: 'm', version: 'v0.0.1'},
    ]);
    assert.equal(resultLine(steps(plan)[0]!), "Created git tag 'm@v0.0.1' that registers version");
  });

  it('uses -m as the message, and the default for an empty -m', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    assert.equal(steps(planRegister(stateOf(repo), {name: 'm', ref: 'HEAD', commit: c1, message: 'hello'}))[0]!.message, 'hello');
    assert.equal(steps(planRegister(stateOf(repo), {name: 'm', ref: 'HEAD', commit: c1, message: ''}))[0]!.message, 'Registering artifact m version v0.0.1');
  });

  it('counts lightweight and other-kind tags of the same artifact for the counter, not other artifacts', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.ltag('m#prod#5');
    repo.tag('n#prod#9');
    const plan = planRegister(stateOf(repo), {name: 'm', ref: 'HEAD', commit: c1, simple: 'false'});
    assert.deepEqual(tags(plan), ['m@v0.0.1#6']);
  });

  it('writes dir:name as dir=name in the tag and keeps the colon in the message', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    const [step] = steps(planRegister(stateOf(repo), {name: 'cls/dvclive:models/nn', ref: 'HEAD', commit: c1}));
    assert.equal(step!.tag, 'cls/dvclive=models/nn@v0.0.1');
    assert.equal(step!.message, 'Registering artifact cls/dvclive:models/nn version v0.0.1');
  });

  it('checks the name first, then version/bump conflicts, then the ref', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    const state = stateOf(repo);
    assert.equal(refusal(planRegister(state, {name: 'Bad Name', ref: 'nope', commit: null, version: 'x', bump: {minor: true}})), invalidNameMessage('Bad Name'));
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'nope', commit: null, version: 'v1.0.0', bump: {minor: true}})), 'Need to specify either version or single bump argument');
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'nope', commit: null, bump: {minor: true, major: true}})), 'Need to specify either version or single bump argument');
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'nope', commit: null})), "unknown Git revision 'nope'");
  });

  it('refuses a commit that already has an active version, before looking at --version', () => {
    const {repo, c1} = sample();
    const state = stateOf(repo);
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'HEAD~2', commit: c1})), "'m' is already registered in this commit with version 'v1.0.0'");
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'HEAD~2', commit: c1, version: 'garbage'})), "'m' is already registered in this commit with version 'v1.0.0'");
  });

  it('with --force reuses the version at the commit, allows only that name, and hits the existing tag', () => {
    const {repo, c1} = sample();
    const state = stateOf(repo);
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'X', commit: c1, force: true})), "tag 'm@v1.0.0' already exists");
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'X', commit: c1, force: true, version: 'v2.0.0'})), 'For this REF you can only register v1.0.0');
    assert.deepEqual(tags(planRegister(state, {name: 'm', ref: 'X', commit: c1, force: true, simple: 'false'})), ['m@v1.0.0#2']);
  });

  it('refuses unparsable and duplicate versions, the duplicate message ending in a newline', () => {
    const {repo, c3} = sample();
    const state = stateOf(repo);
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'HEAD', commit: c3, version: '1.2.3'})), "Supplied version '1.2.3' cannot be parsed");
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'HEAD', commit: c3, version: 'V1.0.0'})), "Supplied version 'V1.0.0' cannot be parsed");
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'HEAD', commit: c3, version: 'v1.0.0'})), "Version 'v1.0.0' already was registered.\n");
  });

  it('bumps the greatest active version, not the newest, and refuses a bump with no version', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.commit('two');
    repo.tag('m@v0.5.0');
    const c3 = repo.commit('three');
    const state = stateOf(repo);
    assert.deepEqual(tags(planRegister(state, {name: 'm', ref: 'HEAD', commit: c3})), ['m@v1.0.1']);
    assert.deepEqual(tags(planRegister(state, {name: 'm', ref: 'HEAD', commit: c3, bump: {minor: true}})), ['m@v1.1.0']);
    assert.deepEqual(tags(planRegister(state, {name: 'm', ref: 'HEAD', commit: c3, bump: {major: true}})), ['m@v2.0.0']);
    assert.equal(refusal(planRegister(state, {name: 'n', ref: 'HEAD', commit: c3, bump: {patch: true}})), "Can't apply bump, because this is the first version being registered");
  });

  it('drops the pre-release when bumping (python-semver)', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0-rc.2+build.5');
    const c2 = repo.commit('two');
    assert.deepEqual(tags(planRegister(stateOf(repo), {name: 'm', ref: 'HEAD', commit: c2})), ['m@v1.0.1']);
  });

  it('re-registers a deregistered version at its commit under the same name', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m@v0.1.0');
    repo.tag('m@v0.1.0!');
    const state = stateOf(repo);
    assert.equal(refusal(planRegister(state, {name: 'm', ref: 'HEAD', commit: c1})), "tag 'm@v0.1.0' already exists");
    assert.deepEqual(tags(planRegister(state, {name: 'm', ref: 'HEAD', commit: c1, simple: 'false'})), ['m@v0.1.0#1']);
  });

  it('refuses a commit holding two versions with the ManyVersions message', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m@v1.0.1');
    repo.tag('m@v3.0.0#0');
    assert.equal(
      refusal(planRegister(stateOf(repo), {name: 'm', ref: 'HEAD', commit: c1, simple: 'false'})),
      "Multiple versions are not allowed on the same Git commit. Violation detected for artifact 'm', versions '['v1.0.1', 'v3.0.0']'.",
    );
  });
});

describe('planAssign', () => {
  it('auto-registers an unregistered commit (always simple, without assign -m) and then assigns with a counter', () => {
    const {repo, c3} = sample();
    const plan = planAssign(stateOf(repo), {name: 'm', stage: 'prod', commit: c3, simple: 'false', message: 'ship it'});
    assert.deepEqual(steps(plan), [
      {op: 'create', tag: 'm@v1.1.1', target: c3, message: 'Registering artifact m version v1.1.1', event: 'registration', artifact: 'm', version: 'v1.1.1'},
      {op: 'create', tag: 'm#prod#2', target: c3, message: 'ship it', event: 'assignment', artifact: 'm', version: 'v1.1.1'},
    ]);
    assert.equal(resultLine(steps(plan)[1]!), "Created git tag 'm#prod#2' that assigns stage to version 'v1.1.1'");
  });

  it('uses REF with --version as the new version name', () => {
    const {repo, c3} = sample();
    assert.deepEqual(tags(planAssign(stateOf(repo), {name: 'm', stage: 'dev', ref: 'HEAD', commit: c3, version: 'v1.5.0'})), ['m@v1.5.0', 'm#dev#2']);
  });

  it('assigns an existing version on its own commit, with the default message', () => {
    const {repo, c1} = sample();
    const [step] = steps(planAssign(stateOf(repo), {name: 'm', stage: 'dev', version: 'v1.0.0'}));
    assert.equal(step!.target, c1);
    assert.equal(step!.message, 'Assigning stage dev to artifact m version v1.0.0');
  });

  it('refuses stages not allowed by .gto, quoting the list like Python', () => {
    const {repo} = sample();
    const config = {...DEFAULT_CONFIG, stages: ['dev', 'prod']};
    assert.equal(refusal(planAssign(stateOf(repo, config), {name: 'm', stage: 'staging', version: 'v1.0.0'})), "Allowed stages are: '['dev', 'prod']'");
    const none = {...DEFAULT_CONFIG, stages: []};
    assert.equal(refusal(planAssign(stateOf(repo, none), {name: 'm', stage: 'dev', version: 'v1.0.0'})), "Allowed stages are: '[]'");
  });

  it('refuses bad names and versions in GTO order', () => {
    const {repo, c3} = sample();
    const state = stateOf(repo);
    assert.equal(refusal(planAssign(state, {name: '_m', stage: 'bad stage', version: '1'})), invalidNameMessage('_m'));
    assert.equal(refusal(planAssign(state, {name: 'm', stage: 'prod-', version: '1'})), invalidNameMessage('prod-'));
    assert.equal(refusal(planAssign(state, {name: 'm', stage: 'prod', ref: 'HEAD', commit: c3, version: '1.0.0'})), "Version '1.0.0' is not valid. Example of valid version: 'v1.0.0'");
    assert.equal(refusal(planAssign(state, {name: 'm', stage: 'prod', ref: 'HEAD', commit: c3, version: 'v2.0.0', skipRegistration: true})), 'You either need to supply version name or skip registration');
    assert.equal(refusal(planAssign(state, {name: 'm', stage: 'prod', ref: 'nope', commit: null})), "unknown Git revision 'nope'");
    assert.equal(refusal(planAssign(state, {name: 'm', stage: 'prod', version: 'v9.9.9'})), "Version 'v9.9.9' is not registered");
  });

  it('refuses a new version name at a commit that already has one', () => {
    const {repo, c1} = sample();
    assert.equal(
      refusal(planAssign(stateOf(repo), {name: 'm', stage: 'prod', ref: 'HEAD~2', commit: c1, version: 'v3.0.0'})),
      "Can't register 'v3.0.0', since 'v1.0.0' is registered already at this ref",
    );
  });

  it('refuses a stage the version already holds unless --force, and then counts on', () => {
    const {repo} = sample();
    const state = stateOf(repo);
    assert.equal(
      refusal(planAssign(state, {name: 'm', stage: 'prod', version: 'v1.1.0'})),
      "Version 'v1.1.0' is already in stage 'prod'. Use the '--force' flag to create a new Git tag nevertheless.",
    );
    assert.deepEqual(tags(planAssign(state, {name: 'm', stage: 'prod', version: 'v1.1.0', force: true})), ['m#prod#2']);
  });

  it('writes name#stage with --simple true, and refuses it when that tag exists', () => {
    const {repo} = sample();
    assert.deepEqual(tags(planAssign(stateOf(repo), {name: 'm', stage: 'dev', version: 'v1.0.0', simple: 'true'})), ['m#dev']);
    repo.tag('m#dev');
    assert.equal(refusal(planAssign(stateOf(repo), {name: 'm', stage: 'dev', version: 'v1.0.0', simple: 'true', force: true})), "tag 'm#dev' already exists");
  });

  it('with --sr assigns the commit itself, naming the version by its sha', () => {
    const {repo, c3} = sample();
    const plan = planAssign(stateOf(repo), {name: 'm', stage: 'dev', commit: c3, skipRegistration: true});
    assert.deepEqual(steps(plan), [
      {op: 'create', tag: 'm#dev#2', target: c3, message: `Assigning stage dev to artifact m version ${c3}`, event: 'assignment', artifact: 'm', version: c3},
    ]);
  });

  it('repeats an --sr assignment like GTO, but refuses an auto-registration onto a commit already in the stage', () => {
    const {repo, c3} = sample();
    repo.tagAt(c3, 'm#dev#2');
    const state = stateOf(repo);
    // GTO never sees earlier stages of an unregistered commit under --sr (§3.3)
    assert.deepEqual(steps(planAssign(state, {name: 'm', stage: 'dev', commit: c3, skipRegistration: true})).map((s) => s.tag), ['m#dev#3']);
    // GTO would write m@v1.1.1 and then fail; we refuse before writing anything
    assert.equal(refusal(planAssign(state, {name: 'm', stage: 'dev', commit: c3})), "Version 'v1.1.1' is already in stage 'dev'. Use the '--force' flag to create a new Git tag nevertheless.");
  });
});

describe('planDeprecate: unassign', () => {
  it('creates name#stage!#N on the version commit with the quoted default message', () => {
    const {repo, c2} = sample();
    const plan = planDeprecate(stateOf(repo), {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'prod'});
    assert.deepEqual(steps(plan), [
      {op: 'create', tag: 'm#prod!#2', target: c2, message: "Unassigning stage 'prod' to artifact 'm' version 'v1.1.0'", event: 'unassignment', artifact: 'm', version: 'v1.1.0'},
    ]);
    assert.equal(resultLine(steps(plan)[0]!), "Created git tag 'm#prod!#2' that unassigns stage from version 'v1.1.0'");
  });

  it('writes name#stage! with --simple true', () => {
    const {repo} = sample();
    assert.deepEqual(tags(planDeprecate(stateOf(repo), {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'prod', simple: 'true'})), ['m#prod!']);
  });

  it('allows unassigning an already unassigned stage, refuses a never-assigned one unless --force', () => {
    const {repo} = sample();
    repo.tag('m#prod!#2');
    const state = stateOf(repo);
    assert.deepEqual(tags(planDeprecate(state, {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'prod'})), ['m#prod!#3']);
    assert.equal(refusal(planDeprecate(state, {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'dev'})), "Stage 'dev' is not assigned to a version 'v1.1.0'");
    assert.deepEqual(tags(planDeprecate(state, {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'dev', force: true})), ['m#dev!#3']);
  });

  it('refuses unknown artifacts, unknown versions, bad versions and disallowed stages', () => {
    const {repo} = sample();
    const state = stateOf(repo);
    assert.equal(refusal(planDeprecate(state, {mode: 'unassign', name: 'nope', version: 'v1.0.0', stage: 'prod'})), "Cannot find artifact 'nope'");
    assert.equal(refusal(planDeprecate(state, {mode: 'unassign', name: 'm', version: 'v9.0.0', stage: 'prod'})), "No versions found for 'm'");
    assert.equal(refusal(planDeprecate(state, {mode: 'unassign', name: 'm', version: '1.0', stage: 'prod'})), "Version '1.0' is not valid. Example of valid version: 'v1.0.0'");
    const config = {...DEFAULT_CONFIG, stages: ['dev']};
    assert.equal(refusal(planDeprecate(stateOf(repo, config), {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'prod'})), "Allowed stages are: '['dev']'");
  });

  it('--delete removes every tag of that version and stage, oldest first', () => {
    const {repo, c2} = sample();
    repo.tagAt(c2, 'm#prod!#2');
    repo.tagAt(c2, 'm#prod#3');
    repo.tagAt(c2, 'm#dev#4');
    const plan = planDeprecate(stateOf(repo), {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'prod', delete: true});
    assert.deepEqual(tags(plan), ['m#prod#1', 'm#prod!#2', 'm#prod#3']);
    assert.ok(steps(plan).every((s) => s.op === 'delete'));
  });
});

describe('planDeprecate: deregister', () => {
  it('creates name@version! by default and name@version!#N with --simple false', () => {
    const {repo, c2} = sample();
    const state = stateOf(repo);
    const [step] = steps(planDeprecate(state, {mode: 'deregister', name: 'm', version: 'v1.1.0'}));
    assert.deepEqual(step, {op: 'create', tag: 'm@v1.1.0!', target: c2, message: 'Deregistering artifact m version v1.1.0', event: 'deregistration', artifact: 'm', version: 'v1.1.0'});
    assert.deepEqual(tags(planDeprecate(state, {mode: 'deregister', name: 'm', version: 'v1.1.0', simple: 'false'})), ['m@v1.1.0!#2']);
  });

  it('refuses an unknown, unregistered or already deregistered version', () => {
    const {repo, c1, c2} = sample();
    repo.tagAt(c2, 'm@v1.1.0!');
    repo.tagAt(c1, 'x@v1.0.0!');
    const state = stateOf(repo);
    assert.equal(refusal(planDeprecate(state, {mode: 'deregister', name: 'm', version: 'v1.1.0'})), `The version at ref '${c2}' was deregistered already`);
    assert.equal(refusal(planDeprecate(state, {mode: 'deregister', name: 'x', version: 'v1.0.0'})), `The version at ref '${c1}' is not registered`);
    assert.equal(refusal(planDeprecate(state, {mode: 'deregister', name: 'nope', version: 'v1.0.0'})), "No versions found for 'nope'");
    assert.equal(refusal(planDeprecate(state, {mode: 'deregister', name: 'nope', version: 'v1.0.0', force: true})), "Can't deregister a version that have no git tags");
    assert.equal(refusal(planDeprecate(state, {mode: 'deregister', name: 'm', version: 'v1.1.0', force: true})), "tag 'm@v1.1.0!' already exists");
  });

  it('--delete removes the registration and every stage tag of the version, oldest first', () => {
    const {repo, c2} = sample();
    repo.tagAt(c2, 'm#dev#2');
    assert.deepEqual(tags(planDeprecate(stateOf(repo), {mode: 'deregister', name: 'm', version: 'v1.1.0', delete: true})), ['m@v1.1.0', 'm#prod#1', 'm#dev#2']);
  });
  describe('--delete, run again after a run that was stopped midway', () => {
    /** What the stopped run was deleting: v1.1.0's three tags at C2, in its order. */
    const unfinishedAt = (repo: FakeRepo, c2: string, onRemote: ReadonlyMap<string, string> | null, names = ['m@v1.1.0', 'm#prod#1', 'm#dev#2']) => ({
      tags: names.map((tag) => ({tag, target: c2, message: tag})),
      here: new Map(repo.sortedTags().map((t) => [t.name, t.target])),
      onRemote,
    });
    /** The registration and m#prod#1 are gone here; m#dev#2 is left. */
    const stopped = () => {
      const repo = new FakeRepo();
      repo.commit('one');
      repo.tag('m@v1.0.0');
      const c2 = repo.commit('two');
      repo.tagAt(c2, 'm#dev#2');
      return {repo, c2};
    };

    it('deletes the tags still here, in the stopped run\'s order', () => {
      const {repo, c2} = stopped();
      const plan = planDeprecate(stateOf(repo), {mode: 'deregister', name: 'm', version: 'v1.1.0', delete: true, unfinished: unfinishedAt(repo, c2, null)});
      assert.deepEqual(steps(plan), [{op: 'delete', tag: 'm#dev#2', target: c2, message: 'm#dev#2'}]);
    });

    it('also deletes on origin what was deleted here but is still there at the same commit', () => {
      const {repo, c2} = stopped();
      const onRemote = new Map([['m#prod#1', c2], ['m@v1.1.0', 'f'.repeat(40)]]);
      const plan = planDeprecate(stateOf(repo), {mode: 'deregister', name: 'm', version: 'v1.1.0', delete: true, unfinished: unfinishedAt(repo, c2, onRemote)});
      assert.deepEqual(steps(plan), [
        {op: 'delete', tag: 'm#prod#1', target: c2, message: 'm#prod#1', remoteOnly: true},
        {op: 'delete', tag: 'm#dev#2', target: c2, message: 'm#dev#2'},
      ]);
      assert.equal(planToText(plan)[0], `Would delete tag 'm#prod#1' on origin (deleted here already, at ${c2}, message "m#prod#1")`);
    });

    it('is GTO\'s refusal again once nothing is left, and not used while the version still has its name', () => {
      const repo = new FakeRepo();
      repo.commit('one');
      repo.tag('m@v1.0.0');
      assert.equal(refusal(planDeprecate(stateOf(repo), {mode: 'deregister', name: 'm', version: 'v1.1.0', delete: true, unfinished: unfinishedAt(repo, 'c'.repeat(40), null)})), "No versions found for 'm'");
      const {repo: whole, c2} = sample();
      const plan = planDeprecate(stateOf(whole), {mode: 'deregister', name: 'm', version: 'v1.1.0', delete: true, unfinished: unfinishedAt(whole, c2, null)});
      assert.deepEqual(tags(plan), ['m@v1.1.0', 'm#prod#1']);
    });

    it('leaves a remembered tag that was made again at another commit', () => {
      const {repo, c2} = stopped();
      const c3 = repo.commit('three');
      repo.tagAt(c3, 'm#prod#1');
      const plan = planDeprecate(stateOf(repo), {mode: 'deregister', name: 'm', version: 'v1.1.0', delete: true, unfinished: unfinishedAt(repo, c2, new Map([['m#prod#1', c2]]))});
      assert.deepEqual(tags(plan), ['m#dev#2']);
    });

    it('acts on nothing a deletion of this version could not hold: another artifact\'s or version\'s tag, two commits', () => {
      const {repo, c2} = stopped();
      const c1 = repo.sortedTags().find((t) => t.name === 'm@v1.0.0')!.target;
      repo.tagAt(c2, 'other#dev#1');
      const deleting = (unfinished: ReturnType<typeof unfinishedAt>) =>
        refusal(planDeprecate(stateOf(repo), {mode: 'deregister', name: 'm', version: 'v1.1.0', delete: true, unfinished}));
      assert.equal(deleting(unfinishedAt(repo, c2, null, ['m@v1.1.0', 'other#dev#1', 'm#dev#2'])), "No versions found for 'm'");
      assert.equal(deleting(unfinishedAt(repo, c2, null, ['m@v1.1.0', 'm@v1.0.0', 'm#dev#2'])), "No versions found for 'm'");
      assert.equal(deleting(unfinishedAt(repo, c2, null, ['m@v1.1.0', 'm@deprecated', 'm#dev#2'])), "No versions found for 'm'");
      const twoCommits = unfinishedAt(repo, c2, null);
      const mixed = {...twoCommits, tags: [...twoCommits.tags, {tag: 'm#dev#9', target: c1, message: 'm#dev#9'}]};
      assert.equal(deleting(mixed), "No versions found for 'm'");
    });
  });
});

describe('planDeprecate: artifact', () => {
  it('creates name@deprecated on the commit of the newest event', () => {
    const {repo, c3} = sample();
    const state = stateOf(repo);
    const [step] = steps(planDeprecate(state, {mode: 'artifact', name: 'm', head: c3}));
    const c2 = steps(planDeprecate(state, {mode: 'deregister', name: 'm', version: 'v1.1.0'}))[0]!.target;
    assert.deepEqual(step, {op: 'create', tag: 'm@deprecated', target: c2, message: "Deprecating artifact 'm'", event: 'deprecation', artifact: 'm', version: ''});
    assert.equal(resultLine(step!), "Created git tag 'm@deprecated' that deprecates artifact");
  });

  it('uses --ref as the target and refuses a ref that names no commit', () => {
    const {repo, c1, c3} = sample();
    const state = stateOf(repo);
    assert.equal(steps(planDeprecate(state, {mode: 'artifact', name: 'm', ref: 'HEAD~2', refCommit: c1, head: c3}))[0]!.target, c1);
    assert.equal(refusal(planDeprecate(state, {mode: 'artifact', name: 'm', ref: 'nope', refCommit: null, head: c3})), "Ref 'nope' was not found in the repository history");
  });

  it('refuses a deprecated artifact; --force writes a counter tag; --force with --simple true is refused', () => {
    const {repo, c3} = sample();
    repo.tag('m@deprecated');
    const state = stateOf(repo);
    assert.equal(refusal(planDeprecate(state, {mode: 'artifact', name: 'm', head: c3})), 'Artifact was deprecated already');
    assert.deepEqual(tags(planDeprecate(state, {mode: 'artifact', name: 'm', head: c3, force: true})), ['m@deprecated#2']);
    assert.equal(refusal(planDeprecate(state, {mode: 'artifact', name: 'm', head: c3, force: true, simple: 'true'})), "Can't use 'force' with 'simple=True'");
  });

  it('refuses an unknown artifact, except with --force, which deprecates at HEAD', () => {
    const {repo, c3} = sample();
    const state = stateOf(repo);
    assert.equal(refusal(planDeprecate(state, {mode: 'artifact', name: 'nope', head: c3})), "Cannot find artifact 'nope'");
    const [step] = steps(planDeprecate(state, {mode: 'artifact', name: 'nope', head: c3, force: true}));
    assert.equal(step!.tag, 'nope@deprecated#1');
    assert.equal(step!.target, c3);
    assert.equal(refusal(planDeprecate(state, {mode: 'artifact', name: 'nope', head: c3, force: true, delete: true})), "Cannot find artifact 'nope'");
  });

  it('--delete removes every tag of the artifact, oldest first, and no other artifact\'s', () => {
    const {repo} = sample();
    repo.tag('n@v0.1.0');
    repo.tag('m#dev#2');
    assert.deepEqual(tags(planDeprecate(stateOf(repo), {mode: 'artifact', name: 'm', head: null, delete: true})), ['m@v1.0.0', 'm@v1.1.0', 'm#prod#1', 'm#dev#2']);
  });
});

describe('planToText', () => {
  it('lists each tag to create or delete with its commit and message', () => {
    const {repo, c2, c3} = sample();
    const state = stateOf(repo);
    assert.deepEqual(planToText(planAssign(state, {name: 'm', stage: 'dev', commit: c3})), [
      `Would create tag 'm@v1.1.1' at ${c3} with message "Registering artifact m version v1.1.1"`,
      `Would create tag 'm#dev#2' at ${c3} with message "Assigning stage dev to artifact m version v1.1.1"`,
    ]);
    assert.deepEqual(planToText(planDeprecate(state, {mode: 'unassign', name: 'm', version: 'v1.1.0', stage: 'prod', delete: true})), [
      `Would delete tag 'm#prod#1' (at ${c2}, message "m#prod#1")`,
    ]);
    assert.deepEqual(planToText(planDeprecate(state, {mode: 'artifact', name: 'zzz', head: c3})), ["Cannot find artifact 'zzz'"]);
  });
});
