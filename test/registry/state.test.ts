import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {GtoError} from '../../source/registry/errors.js';
import type {Registry, Version} from '../../source/registry/model.js';
import type {TagRecord} from '../../source/registry/records.js';
import {buildRegistry, commitsToRead, pyListRepr, pyStrip} from '../../source/registry/state.js';
import {DEFAULT_CONFIG} from '../../source/registry/config.js';
import {COMMITTER, EPOCH, FakeRepo} from './fake-repo.js';

const versionsOf = (registry: Registry, name: string): Version[] => {
  const artifact = registry.artifacts.get(name);
  assert.ok(artifact, `artifact ${name} exists`);
  return artifact.versions;
};
const names = (versions: readonly Version[]) => versions.map((v) => v.version);

describe('commitsToRead', () => {
  it('lists distinct commits of annotated version and stage tags, then HEAD', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m#prod#1');
    const c2 = repo.commit('two');
    repo.tag('m@v1.0.0!');
    const c3 = repo.commit('three');
    repo.tagAt(c3, 'm@deprecated');
    repo.ltag('n@v1.0.0', c3);
    repo.tagAt(c2, 'x@created');
    repo.tagAt(c2, 'v2.0.0');
    const c4 = repo.commit('four');
    assert.deepEqual(new Set(commitsToRead(repo.sortedTags(), c4)), new Set([c1, c2, c4]));
    assert.equal(commitsToRead(repo.sortedTags(), c4).length, 3);
  });

  it('needs nothing in an empty repository', () => {
    assert.deepEqual(commitsToRead([], null), []);
  });
});

describe('buildRegistry: which tags count (§2.5, §2.6)', () => {
  it('ignores lightweight and non-GTO tags silently', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.ltag('m@v5.0.0');
    repo.ltag('lightweight-tag@v0.0.1');
    repo.tag('v1.0.0');
    repo.tag('release-1');
    const registry = repo.registry();
    assert.deepEqual([...registry.artifacts.keys()], ['m']);
    assert.deepEqual(names(versionsOf(registry, 'm')), ['v1.0.0']);
    assert.deepEqual(registry.ignored, []);
  });

  it('leaves out @created tags and tags on non-commits, and says why', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('x@created');
    repo.tagAt('t'.repeat(40), 'tree@v1.0.0', undefined, 'tree');
    repo.tag('m@v1.0.0');
    const registry = repo.registry();
    assert.deepEqual([...registry.artifacts.keys()], ['m']);
    assert.deepEqual(
      registry.ignored.map((i) => i.tag),
      ['tree@v1.0.0', 'x@created'],
    );
    assert.match(registry.ignored[0]!.reason, /tree/);
    assert.match(registry.ignored[1]!.reason, /§2\.6/);
    assert.equal(versionsOf(registry, 'm')[0]!.commit, c1);
  });
});

describe('buildRegistry: tag events (§1)', () => {
  it('takes time, offset and identity from the tagger and strips the message like Python', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.setTz(-480);
    repo.tag('m@v1.0.0', '\x1c  Registering m \n\n');
    const [version] = versionsOf(repo.registry(), 'm');
    const [registration] = version!.registrations;
    assert.deepEqual(registration, {
      kind: 'registration',
      artifact: 'm',
      createdAt: {seconds: EPOCH + 120, offsetMinutes: -480},
      author: COMMITTER.name,
      authorEmail: COMMITTER.email,
      message: 'Registering m',
      commit: c1,
      tag: 'm@v1.0.0',
      version: 'v1.0.0',
    });
  });

  it('strips Python whitespace but not a byte-order mark', () => {
    assert.equal(pyStrip('\x85\u3000 text \x1f'), 'text');
    assert.equal(pyStrip('\ufefftext'), '\ufefftext');
  });

  it('writes ManyVersions lists as Python reprs', () => {
    assert.equal(pyListRepr(['v1.0.1', 'v3.0.0']), "['v1.0.1', 'v3.0.0']");
  });
});

describe('buildRegistry: build order (§3.1)', () => {
  it('creates artifacts in the order deprecations, versions, stages', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('s#prod#1');
    repo.tag('v@v1.0.0');
    repo.tag('d@deprecated');
    assert.deepEqual([...repo.registry().artifacts.keys()], ['d', 'v', 's']);
  });

  it('orders each family by tagger time, equal times by tag name', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('b@v1.0.0');
    repo.tag('a@v1.0.0');
    repo.holdClock();
    repo.tagAt(c1, 'd@v1.0.0');
    repo.tagAt(c1, 'c@v1.0.0');
    assert.deepEqual([...repo.registry().artifacts.keys()], ['b', 'a', 'c', 'd']);
  });

  it('sorts by name first when the input is not in name order', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.holdClock();
    repo.tag('b@v1.0.0');
    repo.tag('a@v1.0.0');
    const tags = [...repo.tags];
    const registry = buildRegistry({tags, commits: repo.commits, head: repo.head, config: DEFAULT_CONFIG});
    assert.deepEqual([...registry.artifacts.keys()], ['a', 'b']);
  });

  it('files a stage tag made before the registration under the registered version', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m#prod#1');
    repo.tag('m@v1.0.0');
    const versions = versionsOf(repo.registry(), 'm');
    assert.deepEqual(names(versions), ['v1.0.0']);
    assert.equal(versions[0]!.stages.get('prod')!.assignments[0]!.version, 'v1.0.0');
    assert.equal(versions[0]!.commit, c1);
  });
});

describe('buildRegistry: version identity (§3.2)', () => {
  it('matches a deregistration to its registration by name and commit only', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tag('m@v1.0.0');
    const c2 = repo.commit('two');
    repo.tag('m@v1.0.0!');
    repo.tagAt(c1, 'm@v1.0.0!#2');
    const versions = versionsOf(repo.registry(), 'm');
    assert.deepEqual(versions.map((v) => [v.version, v.commit, v.registrations.length, v.deregistrations.length]), [
      ['v1.0.0', c1, 1, 1],
      ['v1.0.0', c2, 0, 1],
    ]);
  });

  it('keeps two registrations of one version on one commit as one version', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.tag('m@v1.0.0#3');
    const versions = versionsOf(repo.registry(), 'm');
    assert.equal(versions.length, 1);
    assert.deepEqual(versions[0]!.registrations.map((r) => r.tag), ['m@v1.0.0', 'm@v1.0.0#3']);
  });

  it('accepts two registered versions on one commit until a stage tag needs that commit', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.1');
    repo.tag('m@v3.0.0#0');
    assert.deepEqual(names(versionsOf(repo.registry(), 'm')), ['v1.0.1', 'v3.0.0']);
    repo.tag('m#prod#1');
    assert.throws(
      () => repo.registry(),
      new GtoError(
        "Multiple versions are not allowed on the same Git commit. Violation detected for artifact 'm', versions '['v1.0.1', 'v3.0.0']'.",
      ),
    );
  });

  it('fails the same way when HEAD annotations name an artifact with two versions at HEAD', () => {
    const repo = new FakeRepo();
    repo.commit('one', 'm: {}');
    repo.tag('m@v1.0.0');
    repo.tag('m@v2.0.0');
    assert.throws(() => repo.registry(), /Violation detected for artifact 'm', versions '\['v1.0.0', 'v2.0.0'\]'/);
  });
});

describe('buildRegistry: unregistered commits (§3.3, deliberately fixed)', () => {
  it('makes one sha-named version per commit however many lookups hit it', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one', 'm: {}');
    repo.tag('m#prod#1');
    repo.tag('m#dev#2');
    repo.tag('m#prod!#3');
    const versions = versionsOf(repo.registry(), 'm');
    assert.equal(versions.length, 1);
    const [v] = versions;
    assert.equal(v!.version, c1);
    assert.deepEqual([...v!.stages.keys()], ['prod', 'dev']);
    assert.equal(v!.enrichments.length, 1);
    assert.equal(v!.stages.get('prod')!.unassignments[0]!.version, c1);
  });
});

describe('buildRegistry: enrichment (§3.1 step 5, §6.2)', () => {
  it('adds one commit event per version with the annotation at its commit', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('annotate', 'rf:\n  type: model\n  path: models/rf.pkl\n  virtual: false\n');
    repo.tag('rf@v1.0.0');
    repo.tag('other@v1.0.0');
    const registry = repo.registry();
    const [rf] = versionsOf(registry, 'rf');
    assert.deepEqual(rf!.enrichments, [
      {
        kind: 'commit',
        artifact: 'rf',
        version: 'v1.0.0',
        createdAt: {seconds: EPOCH + 60, offsetMinutes: 0},
        author: 'Alice Author',
        authorEmail: 'alice@example.com',
        message: 'annotate\n',
        commit: c1,
        annotation: {type: 'model', path: 'models/rf.pkl', virtual: false, labels: [], description: '', custom: null},
        committer: 'Carol Committer',
        committerEmail: 'carol@example.com',
        source: 'gto',
      },
    ]);
    assert.equal(versionsOf(registry, 'other')[0]!.enrichments[0]!.annotation, null);
  });

  it('discovers artifacts listed at HEAD after the tagged ones, in file order', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('annotate', 'zz: {}\nrf:\n  type: model\nfeatures:\n  type: dataset\n');
    repo.tag('rf@v1.0.0');
    const registry = repo.registry();
    assert.deepEqual([...registry.artifacts.keys()], ['rf', 'zz', 'features']);
    assert.deepEqual(names(versionsOf(registry, 'rf')), ['v1.0.0']);
    assert.deepEqual(names(versionsOf(registry, 'features')), [c1]);
    assert.equal(versionsOf(registry, 'rf')[0]!.enrichments.length, 1);
  });

  it('adds HEAD as an extra sha-named version of a tagged artifact', () => {
    const repo = new FakeRepo();
    repo.commit('one', 'nn: {}');
    repo.tag('nn@v0.0.1');
    const c2 = repo.commit('two');
    assert.deepEqual(names(versionsOf(repo.registry(), 'nn')), ['v0.0.1', c2]);
  });

  it('reads nothing at HEAD in an empty repository', () => {
    const registry = buildRegistry({tags: [], commits: new Map(), head: null, config: DEFAULT_CONFIG});
    assert.equal(registry.artifacts.size, 0);
  });

  for (const [label, text] of [
    ['a list', '- a\n- b\n'],
    ['an empty file', ''],
    ['null', 'null\n'],
    ['a non-object entry', 'm1: [1, 2]\n'],
    ['invalid YAML', 'm1: [\n'],
  ] as const) {
    it(`aborts on ${label} in the annotations file of any version commit`, () => {
      const repo = new FakeRepo();
      const c1 = repo.commit('broken', text);
      repo.tag('m@v1.0.0');
      repo.commit('fixed', 'm: {}');
      assert.throws(
        () => repo.registry(),
        (error: unknown) =>
          error instanceof GtoError &&
          error.message === "artifacts.yaml file doesn't conform to GTO format" &&
          error.warnings.length === 1 &&
          error.warnings[0] === `Corrupted artifacts.yaml file in commit ${c1}`,
      );
    });
  }

  it('aborts with the name error for an annotation key that is not a simple name', () => {
    const repo = new FakeRepo();
    repo.commit('one', 'a:b: {}\n');
    assert.throws(() => repo.registry(), /Invalid value 'a:b'/);
  });

  it('does not read annotations at a deprecation target', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('broken', '- not a mapping\n');
    repo.commit('fixed', null);
    repo.tagAt(c1, 'm@deprecated');
    assert.equal(repo.registry().artifacts.get('m')!.deprecations.length, 1);
  });
});

describe('buildRegistry: dir:name artifacts', () => {
  it('turns dir=name tags into dir:name artifacts', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('classification/dvclive=models/nn@v0.0.1');
    repo.tag('classification/dvclive=models/nn#prod#1');
    const [v] = versionsOf(repo.registry(), 'classification/dvclive:models/nn');
    assert.equal(v!.stages.get('prod')!.assignments[0]!.artifact, 'classification/dvclive:models/nn');
  });
});

describe('buildRegistry: tags records by hand', () => {
  it('accepts tag records straight from the git layer', () => {
    const tags: TagRecord[] = [
      {kind: 'annotated', name: 'm@v1.0.0', target: 'a'.repeat(40), targetType: 'commit', tagger: {name: 't', email: 'e', time: {seconds: 5, offsetMinutes: 60}}, message: 'x'},
    ];
    const commit = {
      sha: 'a'.repeat(40),
      author: {name: 'a', email: 'b', time: {seconds: 1, offsetMinutes: 0}},
      committer: {name: 'c', email: 'd', time: {seconds: 2, offsetMinutes: 0}},
      message: 'm\n',
      index: {kind: 'absent'} as const,
    };
    const registry = buildRegistry({tags, commits: new Map([[commit.sha, commit]]), head: commit.sha, config: DEFAULT_CONFIG});
    assert.equal(registry.artifacts.get('m')!.versions[0]!.registrations[0]!.createdAt.offsetMinutes, 60);
  });
});
