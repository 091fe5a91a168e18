/**
 * Conformance cases replayed on the pure core: the repositories of
 * test/conformance/cases built as records, checked against the values their
 * case.json expects (show --json, show NAME rows, stages, history).
 */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DEFAULT_CONFIG} from '../../source/registry/config.js';
import type {Artifact, Registry} from '../../source/registry/model.js';
import {
  DEFAULT_STAGE_QUERY,
  isArtifactActive,
  isArtifactRegistered,
  latestVersion,
  listedVersions,
  stageHolders,
  usedStages,
  versionAuthoring,
  type StageQuery,
} from '../../source/registry/resolve.js';
import {at, FakeRepo, iso} from './fake-repo.js';

/** `show --json` (registry view) as the core computes it. */
const showJson = (registry: Registry, query: Partial<StageQuery> = {}, deprecated = false) => {
  const stages = usedStages(registry);
  const out: Record<string, unknown> = {};
  for (const artifact of registry.artifacts.values()) {
    if (!isArtifactActive(artifact) && !deprecated) continue;
    const holders = stageHolders(artifact, {...DEFAULT_STAGE_QUERY, ...query});
    out[artifact.name] = {
      version: latestVersion(artifact)?.version ?? null,
      stage: Object.fromEntries(stages.map((s) => [s, holders.get(s)?.map((v) => v.version).join(', ') || null])),
      registered: isArtifactRegistered(artifact),
      active: isArtifactActive(artifact),
    };
  }
  return out;
};

/** `show NAME` rows: version, stages, created_at, ref. */
const showRows = (artifact: Artifact, deprecated = false) => {
  const holders = stageHolders(artifact, DEFAULT_STAGE_QUERY);
  return listedVersions(artifact, {includeInactive: deprecated, includeDiscovered: true, includeUnregistered: true}).map((v) => {
    const authoring = versionAuthoring(v);
    const stages = [...holders].filter(([, vs]) => vs.some((x) => x.version === v.version)).map(([s]) => s);
    return [v.version, stages.join(', '), iso(authoring.createdAt), authoring.kind === 'commit' ? authoring.commit : authoring.tag].join(' | ');
  });
};

const get = (registry: Registry, name: string): Artifact => {
  const a = registry.artifacts.get(name);
  assert.ok(a);
  return a;
};

describe('conformance scenarios on the core', () => {
  it('016: a stage on an unregistered commit is held by the commit sha', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    const c2 = repo.commit('two');
    repo.tag('m#prod#1');
    const registry = repo.registry();
    assert.deepEqual(showJson(registry), {m: {version: null, stage: {prod: c2}, registered: true, active: true}});
    // the §3.3 fix: one row, authored by the assignment
    assert.deepEqual(showRows(get(registry, 'm')), [`${c2} | prod | ${at(3)} | m#prod#1`]);
  });

  it('025: two versions on one commit are both listed, the greater is latest', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m@v1.0.1');
    const m = get(repo.registry(), 'm');
    assert.equal(latestVersion(m)?.version, 'v1.0.1');
    assert.deepEqual(showRows(m), [`v1.0.1 |  | ${at(3)} | m@v1.0.1`, `v1.0.0 |  | ${at(2)} | m@v1.0.0`]);
  });

  it('034: assigning a stage back to an older version', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#prod#1');
    repo.commit('two');
    repo.tag('m@v1.1.0');
    repo.tag('m#prod#2');
    repo.tagAt(c1, 'm#prod#3');
    const registry = repo.registry();
    assert.deepEqual(showJson(registry), {m: {version: 'v1.1.0', stage: {prod: 'v1.0.0'}, registered: true, active: true}});
    assert.deepEqual(showJson(registry, {versionsPerStage: -1}), {m: {version: 'v1.1.0', stage: {prod: 'v1.0.0, v1.1.0'}, registered: true, active: true}});
    assert.deepEqual(showRows(get(registry, 'm')), [`v1.1.0 |  | ${at(5)} | m@v1.1.0`, `v1.0.0 | prod | ${at(2)} | m@v1.0.0`]);
  });

  it('036: newer by tag time, not by counter', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#prod#9');
    repo.commit('two');
    repo.tag('m@v1.1.0');
    repo.tag('m#prod#2');
    assert.deepEqual(showJson(repo.registry()), {m: {version: 'v1.1.0', stage: {prod: 'v1.1.0'}, registered: true, active: true}});
  });

  it('039: tags of two artifacts on one commit', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#dev#1');
    repo.tag('m#prod#2');
    repo.tag('n@v0.1.0');
    repo.tag('n#dev#1');
    const registry = repo.registry();
    assert.deepEqual(showJson(registry), {
      m: {version: 'v1.0.0', stage: {dev: 'v1.0.0', prod: 'v1.0.0'}, registered: true, active: true},
      n: {version: 'v0.1.0', stage: {dev: 'v0.1.0', prod: null}, registered: true, active: true},
    });
    assert.deepEqual(showRows(get(registry, 'm')), [`v1.0.0 | prod, dev | ${at(2)} | m@v1.0.0`]);
  });

  it('049: -d adds deregistered versions', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.commit('two');
    repo.tag('m@v1.1.0');
    repo.tag('m#prod#1');
    repo.tag('m@v1.1.0!');
    repo.commit('three');
    repo.tag('m@v1.2.0');
    const m = get(repo.registry(), 'm');
    assert.deepEqual(showRows(m), [`v1.2.0 |  | ${at(8)} | m@v1.2.0`, `v1.0.0 |  | ${at(2)} | m@v1.0.0`]);
    assert.deepEqual(showRows(m, true), [
      `v1.2.0 |  | ${at(8)} | m@v1.2.0`,
      `v1.1.0 |  | ${at(4)} | m@v1.1.0`,
      `v1.0.0 |  | ${at(2)} | m@v1.0.0`,
    ]);
  });

  it('069: stages of the version in first-met order', () => {
    const repo = new FakeRepo();
    repo.commit('config');
    repo.tag('m@v1.0.0');
    repo.tag('m#staging#1');
    repo.tag('m#qa#2');
    assert.deepEqual(showRows(get(repo.registry(), 'm')), [`v1.0.0 | qa, staging | ${at(2)} | m@v1.0.0`]);
  });

  it('075: artifacts listed at HEAD appear unregistered until tagged', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('annotate', 'features:\n  type: dataset\n  path: data/features.csv\nrf:\n  type: model\n  path: models/rf.pkl\n');
    repo.tag('rf@v1.0.0');
    const registry = repo.registry();
    assert.deepEqual(showJson(registry), {
      rf: {version: 'v1.0.0', stage: {}, registered: true, active: true},
      features: {version: null, stage: {}, registered: false, active: true},
    });
    assert.deepEqual(showRows(get(registry, 'features')), [`${c1} |  | ${at(1)} | ${c1}`]);
    assert.deepEqual(usedStages(registry), []);
  });

  it('124: after unassigning and deregistering, reads agree', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#prod#1');
    repo.commit('two');
    repo.tag('m@v1.1.0');
    repo.tag('m#dev#2');
    repo.tag('m#prod#3');
    repo.tag('n@v0.1.0');
    repo.tag('m#dev!#4');
    repo.tag('m@v1.1.0!');
    assert.deepEqual(showJson(repo.registry()), {
      m: {version: 'v1.0.0', stage: {prod: 'v1.0.0'}, registered: true, active: true},
      n: {version: 'v0.1.0', stage: {prod: null}, registered: true, active: true},
    });
  });

  it('144: an assignment revives a deprecated artifact', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('n@v1.0.0');
    repo.tag('n#prod#1');
    repo.tag('n@deprecated');
    assert.deepEqual(showJson(repo.registry()), {});
    repo.tag('n#dev#2');
    assert.deepEqual(showJson(repo.registry()), {
      n: {version: 'v1.0.0', stage: {dev: 'v1.0.0', prod: 'v1.0.0'}, registered: true, active: true},
    });
  });

  it('§9 #33: --sr then register at that commit gives a single row', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m#prod#1');
    assert.deepEqual(showRows(get(repo.registry(), 'm')), [`${c1} | prod | ${at(2)} | m#prod#1`]);
    repo.tag('m@v1.0.0');
    assert.deepEqual(showRows(get(repo.registry(), 'm')), [`v1.0.0 | prod | ${at(3)} | m@v1.0.0`]);
  });

  it('empty repository: nothing at all', () => {
    const repo = new FakeRepo();
    assert.deepEqual(showJson(repo.registry(DEFAULT_CONFIG)), {});
  });
});
