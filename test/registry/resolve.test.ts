import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {GtoError} from '../../source/registry/errors.js';
import type {Artifact, Registry} from '../../source/registry/model.js';
import {
  DEFAULT_STAGE_QUERY,
  isArtifactActive,
  isArtifactRegistered,
  isDiscovered,
  isRegistered,
  isStageActive,
  isVersionActive,
  latestVersion,
  listedVersions,
  newestArtifactEvent,
  sortVersions,
  stageActivatedAt,
  stageAuthoring,
  stageHolders,
  usedStages,
  versionActivatedAt,
  versionAuthoring,
  type StageQuery,
} from '../../source/registry/resolve.js';
import {EPOCH, FakeRepo} from './fake-repo.js';

const artifactOf = (registry: Registry, name: string): Artifact => {
  const artifact = registry.artifacts.get(name);
  assert.ok(artifact, `artifact ${name} exists`);
  return artifact;
};
const versionNamed = (artifact: Artifact, name: string) => {
  const v = artifact.versions.find((x) => x.version === name);
  assert.ok(v, `version ${name} exists`);
  return v;
};
const holders = (artifact: Artifact, query: Partial<StageQuery> = {}) =>
  Object.fromEntries([...stageHolders(artifact, {...DEFAULT_STAGE_QUERY, ...query})].map(([s, vs]) => [s, vs.map((v) => v.version)]));
const ALL = {includeInactive: false, includeDiscovered: true, includeUnregistered: true};

describe('version activity (§3.4)', () => {
  const cases: [string, (r: FakeRepo) => void, boolean][] = [
    ['a registered version is active', (r) => r.tag('m@v1.0.0'), true],
    ['a deregistered version is inactive', (r) => (r.tag('m@v1.0.0'), r.tag('m@v1.0.0!')), false],
    ['re-registering revives it', (r) => (r.tag('m@v1.0.0'), r.tag('m@v1.0.0!'), r.tag('m@v1.0.0#2')), true],
    ['a deregistration alone is inactive', (r) => r.tag('m@v1.0.0!'), false],
    ['a same-second deregistration wins', (r) => (r.holdClock(), r.tag('m@v1.0.0'), r.tag('m@v1.0.0!')), false],
  ];
  for (const [label, build, expected] of cases) {
    it(label, () => {
      const repo = new FakeRepo();
      repo.commit('one');
      build(repo);
      assert.equal(isVersionActive(artifactOf(repo.registry(), 'm').versions[0]!), expected);
    });
  }

  it('a sha-named version is active, unregistered and discovered', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m#prod#1');
    const [v] = artifactOf(repo.registry(), 'm').versions;
    assert.deepEqual([isVersionActive(v!), isRegistered(v!), isDiscovered(v!)], [true, false, true]);
  });
});

describe('stage record activity (§3.4, §9 #32)', () => {
  const cases: [string, string[], boolean, boolean][] = [
    ['assigned', ['m#dev#1'], false, true],
    ['assigned then unassigned', ['m#dev#1', 'm#dev!#2'], false, false],
    ['unassigned then assigned again', ['m#dev#1', 'm#dev!#2', 'm#dev#3'], false, true],
    ['assign and unassign in the same second: unassignment wins', ['m#dev#2', 'm#dev!#3'], true, false],
    ['unassign and assign in the same second (name order): unassignment still wins', ['m#dev!#1', 'm#dev#2'], true, false],
  ];
  for (const [label, tags, sameSecond, expected] of cases) {
    it(label, () => {
      const repo = new FakeRepo();
      repo.commit('one');
      repo.tag('m@v1.0.0');
      if (sameSecond) repo.holdClock();
      for (const tag of tags) repo.tag(tag);
      const record = artifactOf(repo.registry(), 'm').versions[0]!.stages.get('dev')!;
      assert.equal(isStageActive(record), expected);
      assert.equal(stageActivatedAt(record) !== null, expected);
    });
  }
});

describe('stage records on an unregistered commit (§3.3)', () => {
  // GTO files every stage tag of an unregistered commit under a fresh sha-named version, so an
  // unassignment there never meets the assignment it names: the stage stays held.
  it('an unassignment does not cancel the assignment; the stage keeps its assignment time', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m#prod#1');
    repo.tag('m#prod!#2');
    const registry = repo.registry();
    const m = artifactOf(registry, 'm');
    const record = m.versions[0]!.stages.get('prod')!;
    assert.equal(isStageActive(record), true);
    assert.equal(stageActivatedAt(record)?.seconds, record.assignments[0]!.createdAt.seconds);
    assert.deepEqual(holders(m), {prod: [m.versions[0]!.version]});
    assert.deepEqual(usedStages(registry), ['prod']);
  });

  it('an unassignment alone holds nothing', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m#prod!');
    const registry = repo.registry();
    assert.equal(isStageActive(artifactOf(registry, 'm').versions[0]!.stages.get('prod')!), false);
    assert.deepEqual(usedStages(registry), []);
  });
});

describe('artifact activity and registration (§3.4, §3.5)', () => {
  it('a deprecation newer than everything hides the artifact; a newer event revives it', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('n@v1.0.0');
    repo.tag('n#prod#1');
    repo.tag('n@deprecated');
    assert.equal(isArtifactActive(artifactOf(repo.registry(), 'n')), false);
    repo.tag('n#dev#2');
    assert.equal(isArtifactActive(artifactOf(repo.registry(), 'n')), true);
  });

  it('a version event in the same second beats the deprecation', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.holdClock();
    repo.tag('m@deprecated');
    repo.tag('m@v1.0.0');
    assert.equal(isArtifactActive(artifactOf(repo.registry(), 'm')), true);
  });

  it('a newer HEAD commit listing the artifact revives it (§9 #49)', () => {
    const repo = new FakeRepo();
    repo.commit('one', 'm: {}');
    repo.tag('m@v0.0.1');
    repo.tag('m@deprecated');
    assert.equal(isArtifactActive(artifactOf(repo.registry(), 'm')), false);
    const c2 = repo.commit('two');
    const m = artifactOf(repo.registry(), 'm');
    assert.equal(isArtifactActive(m), true);
    assert.deepEqual(listedVersions(m, ALL).map((v) => v.version), ['v0.0.1', c2]);
  });

  it('only artifacts known solely from annotations are unregistered', () => {
    const repo = new FakeRepo();
    repo.commit('one', 'file-only: {}\ntagged: {}\n');
    repo.tag('tagged@v1.0.0');
    repo.tag('dep@deprecated');
    const registry = repo.registry();
    assert.equal(isArtifactRegistered(artifactOf(registry, 'file-only')), false);
    assert.equal(isArtifactRegistered(artifactOf(registry, 'tagged')), true);
    assert.equal(isArtifactRegistered(artifactOf(registry, 'dep')), true);
  });

  it('newest event of any kind is the deprecation target default', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one', 'm: {}');
    repo.tag('m@v1.0.0');
    const c2 = repo.commit('two');
    const newest = newestArtifactEvent(artifactOf(repo.registry(), 'm'));
    assert.equal(newest?.kind, 'commit');
    assert.equal(newest?.commit, c2);
    assert.notEqual(c1, c2);
  });
});

describe('authoring events (§3.5)', () => {
  it('a registered version is authored by its newest registration, activated by its oldest', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m@v1.0.0!');
    repo.tag('m@v1.0.0#7');
    const [v] = artifactOf(repo.registry(), 'm').versions;
    assert.equal(versionAuthoring(v!).kind, 'registration');
    assert.equal((versionAuthoring(v!) as {tag: string}).tag, 'm@v1.0.0#7');
    assert.equal(versionActivatedAt(v!).seconds, EPOCH + 120);
  });

  it('a sha-named version is authored by its newest assignment or commit event', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one', 'm: {}');
    const registry0 = repo.registry();
    const discovered = artifactOf(registry0, 'm').versions[0]!;
    assert.equal(versionAuthoring(discovered).kind, 'commit');
    assert.equal(versionAuthoring(discovered).commit, c1);
    repo.tag('m#prod#1');
    const [v] = artifactOf(repo.registry(), 'm').versions;
    assert.equal((versionAuthoring(v!) as {tag: string}).tag, 'm#prod#1');
    assert.equal(versionActivatedAt(v!).seconds, EPOCH + 60);
  });

  it('a stage record is authored by its newest assignment', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#prod#1');
    repo.tag('m#prod#2');
    repo.tag('m#prod!#3');
    const record = artifactOf(repo.registry(), 'm').versions[0]!.stages.get('prod')!;
    assert.equal((stageAuthoring(record) as {tag: string}).tag, 'm#prod#2');
  });
});

describe('version lists (§3.6, §3.7)', () => {
  it('sorts SemVer descending with later-inserted equals first, sha names last (§9 #6)', () => {
    const repo = new FakeRepo();
    const commits = ['rc1', 'rc2', 'p1', 'alpha', 'minor', 'meta'].map((m) => repo.commit(m));
    repo.tagAt(commits[0]!, 'm@v1.0.0-rc.1');
    repo.tagAt(commits[1]!, 'm@v1.0.0-rc.2+build.5');
    repo.tagAt(commits[2]!, 'm@v1.0.1');
    repo.tagAt(commits[3]!, 'm@v1.0.0-alpha');
    repo.tagAt(commits[4]!, 'm@v1.1.0');
    repo.tagAt(commits[5]!, 'm@v1.1.0+meta');
    const c7 = repo.commit('seven');
    repo.tag('m#prod#1');
    const c8 = repo.commit('eight');
    repo.tag('m#dev#2');
    const m = artifactOf(repo.registry(), 'm');
    assert.deepEqual(listedVersions(m, ALL).map((v) => v.version), [
      'v1.1.0+meta',
      'v1.1.0',
      'v1.0.1',
      'v1.0.0-rc.2+build.5',
      'v1.0.0-rc.1',
      'v1.0.0-alpha',
      ...[c7, c8].sort().reverse(),
    ]);
    assert.equal(latestVersion(m)?.version, 'v1.1.0+meta');
  });

  it('sorts by authoring time descending for timestamp order', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    const c2 = repo.commit('two');
    repo.tagAt(c2, 'm@v1.0.0');
    repo.tagAt(c1, 'm@v2.0.0');
    const m = artifactOf(repo.registry(), 'm');
    assert.deepEqual(sortVersions(m.versions, 'timestamp').map((v) => v.version), ['v2.0.0', 'v1.0.0']);
    assert.deepEqual(sortVersions(m.versions, 'semver').map((v) => v.version), ['v2.0.0', 'v1.0.0']);
  });

  it('filters: inactive only with -d, discovered and unregistered on request', () => {
    const repo = new FakeRepo();
    repo.commit('one', 'm: {}');
    repo.tag('m@v1.0.0');
    repo.commit('two');
    repo.tag('m@v1.1.0');
    repo.tag('m@v1.1.0!');
    const c3 = repo.commit('three');
    const m = artifactOf(repo.registry(), 'm');
    const list = (o: Partial<typeof ALL>) => listedVersions(m, {...ALL, ...o}).map((v) => v.version);
    assert.deepEqual(list({}), ['v1.0.0', c3]);
    assert.deepEqual(list({includeDiscovered: false, includeUnregistered: false}), ['v1.0.0']);
    assert.deepEqual(list({includeDiscovered: false}), ['v1.0.0', c3]);
    assert.deepEqual(list({includeInactive: true}), ['v1.1.0', 'v1.0.0', c3]);
  });

  it('latest ignores deregistered and unregistered versions and is null without registrations', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.commit('two');
    repo.tag('m@v2.0.0');
    repo.tag('m@v2.0.0!');
    repo.commit('three');
    repo.tag('m#prod#1');
    repo.tag('n#prod#1');
    const registry = repo.registry();
    assert.equal(latestVersion(artifactOf(registry, 'm'))?.version, 'v1.0.0');
    assert.equal(latestVersion(artifactOf(registry, 'n')), null);
  });
});

describe('stage holders (§3.8)', () => {
  const twoVersions = () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#prod#1');
    const c2 = repo.commit('two');
    repo.tag('m@v2.0.0');
    return {repo, c1, c2};
  };

  it('the newest active assignment holds the stage (case 033)', () => {
    const {repo} = twoVersions();
    repo.tag('m#prod#2');
    const m = artifactOf(repo.registry(), 'm');
    assert.deepEqual(holders(m), {prod: ['v2.0.0']});
    assert.deepEqual(holders(m, {versionsPerStage: -1}), {prod: ['v2.0.0', 'v1.0.0']});
  });

  it('unassigning the holder falls back to the previous one (case 011)', () => {
    const {repo} = twoVersions();
    repo.tag('m#prod#2');
    repo.tag('m#prod!#3');
    const m = artifactOf(repo.registry(), 'm');
    assert.deepEqual(holders(m), {prod: ['v1.0.0']});
    assert.deepEqual(holders(m, {versionsPerStage: -1}), {prod: ['v1.0.0']});
  });

  it('semver sort picks the greatest holder, timestamp the newest assignment (case 037)', () => {
    const {repo, c1} = twoVersions();
    repo.tag('m#prod#2');
    repo.tagAt(c1, 'm#prod#3');
    const m = artifactOf(repo.registry(), 'm');
    assert.deepEqual(holders(m), {prod: ['v1.0.0']});
    assert.deepEqual(holders(m, {sort: 'semver'}), {prod: ['v2.0.0']});
    assert.deepEqual(holders(m, {versionsPerStage: -1}), {prod: ['v1.0.0', 'v2.0.0']});
  });

  for (const order of [['m#prod#1', 'm#prod#2'], ['m#prod#2', 'm#prod#1']]) {
    it(`same-second assignments go to the older registration (§9 #31, ${order.join(' then ')})`, () => {
      const repo = new FakeRepo();
      const c1 = repo.commit('one');
      repo.tag('m@v1.0.0');
      const c2 = repo.commit('two');
      repo.tag('m@v2.0.0');
      repo.holdClock();
      repo.tagAt(order[0] === 'm#prod#1' ? c1 : c2, order[0]!);
      repo.tagAt(order[1] === 'm#prod#1' ? c1 : c2, order[1]!);
      const m = artifactOf(repo.registry(), 'm');
      assert.deepEqual(holders(m), {prod: ['v1.0.0']});
      assert.deepEqual(holders(m, {sort: 'semver'}), {prod: ['v2.0.0']});
    });
  }

  it('deregistered versions hold nothing', () => {
    const {repo} = twoVersions();
    repo.tag('m#prod#2');
    repo.tag('m@v2.0.0!');
    assert.deepEqual(holders(artifactOf(repo.registry(), 'm')), {prod: ['v1.0.0']});
  });

  it('showcase: --vs -1 and --av 1 keep the earliest-activated stage (§9 #30)', () => {
    const repo = new FakeRepo();
    repo.commit('Create models');
    const c2 = repo.commit('Add artifacts');
    repo.tag('rf@v1.2.3');
    repo.tag('nn@v0.0.1');
    const c3 = repo.commit('Update model');
    repo.tag('rf@v1.2.4');
    repo.tagAt(c2, 'nn#staging#1');
    repo.tagAt(c2, 'rf#production#1');
    repo.tagAt(c3, 'rf#staging#2');
    repo.tagAt(c3, 'rf#production#3');
    repo.tagAt(c2, 'rf#production#4');
    const rf = artifactOf(repo.registry(), 'rf');
    assert.deepEqual(holders(rf), {production: ['v1.2.3'], staging: ['v1.2.4']});
    assert.deepEqual(holders(rf, {versionsPerStage: -1}), {production: ['v1.2.3', 'v1.2.4'], staging: ['v1.2.4']});
    assert.deepEqual(holders(rf, {sort: 'semver'}), {production: ['v1.2.4'], staging: ['v1.2.4']});
    assert.deepEqual(holders(rf, {assignmentsPerVersion: 1, versionsPerStage: -1}), {production: ['v1.2.3'], staging: ['v1.2.4']});
  });

  it('--ro leaves unregistered holders out, --vs 0 keeps empty stages, bad --av/--vs fail (§9 #34)', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('nn1@v0.0.1');
    repo.tag('nn1#qa#1');
    const c2 = repo.commit('two');
    repo.tag('nn1#qa#2');
    const nn1 = artifactOf(repo.registry(), 'nn1');
    assert.deepEqual(holders(nn1), {qa: [c2]});
    assert.deepEqual(holders(nn1, {registeredOnly: true}), {qa: ['v0.0.1']});
    assert.deepEqual(holders(nn1, {versionsPerStage: 0}), {qa: []});
    assert.throws(() => holders(nn1, {assignmentsPerVersion: -2}), new GtoError("'assignments_per_version' must be >= -1"));
    assert.throws(() => holders(nn1, {versionsPerStage: -2}), new GtoError("'versions_per_stage' must be >=-1"));
  });

  it('orders stages by when they were first met, newest assignment first (case 035)', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#dev#1');
    repo.tag('m#staging#2');
    repo.tag('m#prod#3');
    repo.commit('two');
    repo.tag('m@v1.1.0');
    repo.tag('m#dev#4');
    const m = artifactOf(repo.registry(), 'm');
    assert.deepEqual(Object.keys(holders(m)), ['dev', 'prod', 'staging']);
    assert.deepEqual(holders(m), {dev: ['v1.1.0'], prod: ['v1.0.0'], staging: ['v1.0.0']});
  });
});

describe('used stages (§3.10)', () => {
  it('counts active records of active versions, deprecated artifacts included (case 067)', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#staging#1');
    repo.tag('m#dev#2');
    repo.tag('m#qa#3');
    repo.tag('m#qa!#4');
    repo.tag('n@v1.0.0');
    repo.tag('n#canary#1');
    repo.tag('n@deprecated');
    assert.deepEqual(usedStages(repo.registry()), ['canary', 'dev', 'staging']);
  });

  it('drops stages whose only holder was deregistered (§9 #36)', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v0.0.1');
    repo.tag('m#dev#1');
    repo.tag('m#qa#2');
    assert.deepEqual(usedStages(repo.registry()), ['dev', 'qa']);
    repo.tag('m#dev!#3');
    assert.deepEqual(usedStages(repo.registry()), ['qa']);
    repo.tag('m@v0.0.1!');
    assert.deepEqual(usedStages(repo.registry()), []);
  });
});
