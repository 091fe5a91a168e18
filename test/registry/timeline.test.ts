import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import fc from 'fast-check';
import {DEFAULT_CONFIG} from '../../source/registry/config.js';
import type {Registry} from '../../source/registry/model.js';
import type {TagRecord} from '../../source/registry/records.js';
import {latestVersion, stageHolders, DEFAULT_STAGE_QUERY} from '../../source/registry/resolve.js';
import {buildRegistry, type RegistryInput} from '../../source/registry/state.js';
import {buildTimeline, registryAsOf, tagsAsOf} from '../../source/registry/timeline.js';
import {EPOCH, FakeRepo} from './fake-repo.js';
import {historyArbitrary, recordsOf} from './randomHistory.js';

const inputOf = (repo: FakeRepo): RegistryInput => ({tags: repo.sortedTags(), commits: repo.commits, head: repo.head, config: DEFAULT_CONFIG});

const holder = (registry: Registry, name: string, stage: string): string | null =>
  stageHolders(registry.artifacts.get(name)!, DEFAULT_STAGE_QUERY).get(stage)?.[0]?.version ?? null;

/** A state that throws (ManyVersions) is not a registry any moment can show. */
const builds = (input: RegistryInput): boolean => {
  try {
    buildRegistry(input);
    return true;
  } catch {
    return false;
  }
};

describe('registryAsOf: the state from the tags made up to a moment (spec §2.5)', () => {
  const repo = new FakeRepo();
  repo.commit('one', 'churn: {}\n');
  repo.tag('churn@v1.0.0'); // +2 min
  repo.tag('churn#prod#1'); // +3
  repo.commit('two'); // +4
  repo.tag('churn@v1.1.0'); // +5
  repo.commit('three'); // +6
  repo.tag('churn@v2.0.0'); // +7
  repo.tag('churn#prod#2'); // +8
  repo.ltag('churn#prod#3');
  const minute = (n: number): number => EPOCH + n * 60;

  it('as of a moment after every tag it is today’s state, object for object', () => {
    assert.deepStrictEqual(registryAsOf(inputOf(repo), minute(1000)), buildRegistry(inputOf(repo)));
  });

  it('counts a tag made at exactly the moment, not one a second later', () => {
    assert.equal(holder(registryAsOf(inputOf(repo), minute(8)), 'churn', 'prod'), 'v2.0.0');
    assert.equal(holder(registryAsOf(inputOf(repo), minute(8) - 1), 'churn', 'prod'), 'v1.0.0');
    assert.equal(latestVersion(registryAsOf(inputOf(repo), minute(6)).artifacts.get('churn')!)?.version, 'v1.1.0');
  });

  it('keeps lightweight tags (no time, no event) and leaves HEAD’s annotated artifacts in place', () => {
    const tags = tagsAsOf(inputOf(repo).tags, minute(0));
    assert.deepEqual(tags.map((t: TagRecord) => t.name), ['churn#prod#3']);
    const before = registryAsOf(inputOf(repo), minute(0));
    assert.deepEqual([...before.artifacts.keys()], ['churn']);
    assert.equal(latestVersion(before.artifacts.get('churn')!), null);
  });
});

describe('buildTimeline: stepping event by event', () => {
  it('orders same-second events the way the state builder applies them: deprecations, versions, stages, then name', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.holdClock();
    repo.tagAt(c1, 'b#prod#1');
    repo.tagAt(c1, 'a#prod#2');
    repo.tagAt(c1, 'b@v1.0.0');
    repo.tagAt(c1, 'b@deprecated');
    repo.tagAt(c1, 'x@created');
    repo.tagAt(c1, 'v9');
    const timeline = buildTimeline(inputOf(repo));
    assert.deepEqual(timeline.entries.map((e) => e.record.name), ['b@deprecated', 'b@v1.0.0', 'a#prod#2', 'b#prod#1']);
    assert.equal(timeline.positionOfTag('b@v1.0.0'), 2);
    assert.equal(timeline.positionOfTag('x@created'), null);
    assert.equal(timeline.positionAt(EPOCH), 0);
    assert.equal(timeline.positionAt(repo.now().seconds), 4);
  });

  it('a stage tag made before its commit was registered moves to the registered version (spec §3.1)', () => {
    const repo = new FakeRepo();
    const c1 = repo.commit('one');
    repo.tagAt(c1, 'm#prod#1');
    repo.tagAt(c1, 'm@v1.0.0');
    const timeline = buildTimeline(inputOf(repo));
    assert.deepEqual(timeline.artifactAt('m', 1)!.versions.map((v) => v.version), [c1]);
    assert.deepEqual(timeline.artifactAt('m', 2)!.versions.map((v) => v.version), ['v1.0.0']);
    assert.equal(timeline.artifactAt('m', 0), null);
  });

  it('property: after any number of events, every artifact is the one buildRegistry makes from those tags', () => {
    let checked = 0;
    fc.assert(
      fc.property(historyArbitrary, (history) => {
        const {tags, commits, head} = recordsOf(history);
        const input: RegistryInput = {tags, commits, head, config: DEFAULT_CONFIG};
        fc.pre(builds(input));
        checked++;
        const timeline = buildTimeline(input);
        const eventTags = new Set(timeline.entries.map((e) => e.record.name));
        for (let p = 0; p <= timeline.entries.length; p++) {
          const applied = new Set(timeline.entries.slice(0, p).map((e) => e.record.name));
          const expected = buildRegistry({...input, tags: tags.filter((t) => !eventTags.has(t.name) || applied.has(t.name))});
          assert.deepEqual(new Set(timeline.namesAt(p)), new Set(expected.artifacts.keys()), `artifacts after ${p} events`);
          for (const [name, artifact] of expected.artifacts) assert.deepStrictEqual(timeline.artifactAt(name, p), artifact, `${name} after ${p} events`);
        }
        // and a moment is the position after every event of its second
        for (const entry of timeline.entries) {
          const seconds = entry.time.seconds;
          const p = timeline.positionAt(seconds);
          assert.ok(p === timeline.entries.length || timeline.entries[p]!.time.seconds > seconds);
          const asOf = registryAsOf(input, seconds);
          for (const [name, artifact] of asOf.artifacts) assert.deepStrictEqual(timeline.artifactAt(name, p), artifact, `${name} as of ${seconds}`);
        }
      }),
      {numRuns: 150},
    );
    assert.ok(checked > 100, `only ${checked} histories built`);
  });
});
