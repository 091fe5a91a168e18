import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {eventsForTag, historyEvents} from '../../source/registry/history.js';
import type {TagEvent} from '../../source/registry/model.js';
import {at, FakeRepo, iso} from './fake-repo.js';

/** history --plain columns, untruncated: timestamp, artifact, event, version, stage, ref. */
const rows = (events: TagEvent[]) =>
  events.map((e) => [iso(e.createdAt), e.artifact, e.kind, 'version' in e ? e.version : '-', 'stage' in e ? e.stage : '-', e.tag].join(' '));

/** The repository of conformance cases 052–055. */
const threeArtifacts = () => {
  const repo = new FakeRepo();
  const c1 = repo.commit('one');
  repo.tag('churn@v1.0.0');
  repo.tag('churn#dev#1');
  repo.tag('segment@v0.1.0');
  const c2 = repo.commit('two');
  repo.tag('churn@v1.1.0');
  repo.tag('churn#dev#2');
  repo.tag('churn#prod#3');
  repo.tag('segment#dev#1');
  repo.tag('segment#dev!#2');
  const c3 = repo.commit('three');
  repo.tagAt(c2, 'churn@v1.1.0!');
  repo.tag('old@v0.0.1');
  repo.tag('old@deprecated');
  return {repo, c1, c2, c3};
};

describe('history (§4.6)', () => {
  it('lists every tag event of every artifact newest first (cases 052/053)', () => {
    const {repo, c2} = threeArtifacts();
    assert.deepEqual(rows(historyEvents(repo.registry(), {ascending: false})), [
      `${at(14)} old deprecation - - old@deprecated`,
      `${at(13)} old registration v0.0.1 - old@v0.0.1`,
      `${at(12)} churn deregistration v1.1.0 - churn@v1.1.0!`,
      `${at(10)} segment unassignment ${c2} dev segment#dev!#2`,
      `${at(9)} segment assignment ${c2} dev segment#dev#1`,
      `${at(8)} churn assignment v1.1.0 prod churn#prod#3`,
      `${at(7)} churn assignment v1.1.0 dev churn#dev#2`,
      `${at(6)} churn registration v1.1.0 - churn@v1.1.0`,
      `${at(4)} segment registration v0.1.0 - segment@v0.1.0`,
      `${at(3)} churn assignment v1.0.0 dev churn#dev#1`,
      `${at(2)} churn registration v1.0.0 - churn@v1.0.0`,
    ]);
  });

  it('--ascending lists the oldest first and a name filters exactly (cases 054/055)', () => {
    const {repo} = threeArtifacts();
    const registry = repo.registry();
    const asc = historyEvents(registry, {ascending: true});
    assert.deepEqual(asc.map((e) => e.tag), historyEvents(registry, {ascending: false}).map((e) => e.tag).reverse());
    assert.deepEqual(historyEvents(registry, {artifact: 'churn', ascending: true}).map((e) => e.tag), [
      'churn@v1.0.0',
      'churn#dev#1',
      'churn@v1.1.0',
      'churn#dev#2',
      'churn#prod#3',
      'churn@v1.1.0!',
    ]);
    assert.deepEqual(historyEvents(registry, {artifact: 'nope', ascending: false}), []);
    assert.deepEqual(historyEvents(registry, {artifact: 'chur', ascending: false}), []);
  });

  it('orders same-second events by priority: assignment above its registration (case 040)', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.holdClock();
    repo.tag('m@v1.0.0');
    repo.tag('m#prod#1');
    repo.releaseClock();
    repo.commit('two');
    repo.tag('m@v1.1.0');
    const registry = repo.registry();
    assert.deepEqual(historyEvents(registry, {ascending: false}).map((e) => e.tag), ['m@v1.1.0', 'm#prod#1', 'm@v1.0.0']);
    assert.deepEqual(historyEvents(registry, {ascending: true}).map((e) => e.tag), ['m@v1.0.0', 'm#prod#1', 'm@v1.1.0']);
  });

  it('keeps the tagger timezone and orders by the instant (case 057)', () => {
    const repo = new FakeRepo();
    repo.setTz(330);
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.setTz(-480);
    repo.tag('m#prod#1');
    assert.deepEqual(
      historyEvents(repo.registry(), {ascending: false}).map((e) => iso(e.createdAt)),
      ['2023-12-31T16:03:00-08:00', '2024-01-01T05:32:00+05:30'],
    );
  });

  it('leaves out commit events', () => {
    const repo = new FakeRepo();
    repo.commit('one', 'rf: {}\nfeatures: {}\n');
    repo.tag('rf@v1.0.0');
    assert.deepEqual(historyEvents(repo.registry(), {ascending: false}).map((e) => e.tag), ['rf@v1.0.0']);
  });

  it('breaks residual ties between artifacts by state order, later artifact first when descending', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.holdClock();
    repo.tag('b@v1.0.0');
    repo.tag('a@v1.0.0');
    const registry = repo.registry();
    assert.deepEqual([...registry.artifacts.keys()], ['a', 'b']);
    assert.deepEqual(historyEvents(registry, {ascending: false}).map((e) => e.tag), ['b@v1.0.0', 'a@v1.0.0']);
    assert.deepEqual(historyEvents(registry, {ascending: true}).map((e) => e.tag), ['a@v1.0.0', 'b@v1.0.0']);
  });

  it('breaks residual ties inside an artifact by its nested newest-first orders, reversed', () => {
    // stage lists, version lists and the artifact list are each reversed once (§3.4), so two
    // same-second assignments of one version come out in record order when descending
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.holdClock();
    repo.tag('m#dev#1');
    repo.tag('m#prod#2');
    const registry = repo.registry();
    assert.deepEqual(historyEvents(registry, {ascending: false}).map((e) => e.tag), ['m#prod#2', 'm#dev#1', 'm@v1.0.0']);
    assert.deepEqual(historyEvents(registry, {ascending: true}).map((e) => e.tag), ['m@v1.0.0', 'm#dev#1', 'm#prod#2']);
  });
});

describe('events of a tag (check-ref, §4.4)', () => {
  it('finds exactly the event each GTO tag created (§9 #22)', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('artifact@v0.0.1');
    repo.tag('artifact#staging#1');
    repo.tag('artifact#prod#2');
    repo.tag('artifact#dev#3');
    repo.tag('artifact@deprecated');
    const registry = repo.registry();
    for (const tag of ['artifact@v0.0.1', 'artifact#staging#1', 'artifact#prod#2', 'artifact#dev#3', 'artifact@deprecated']) {
      const events = eventsForTag(registry, tag);
      assert.equal(events.length, 1, tag);
      assert.equal(events[0]!.tag, tag);
    }
    const [prod] = eventsForTag(registry, 'artifact#prod#2');
    assert.equal(prod!.kind, 'assignment');
    assert.equal((prod as {version: string}).version, 'v0.0.1');
  });

  it('names the sha for an assignment to an unregistered commit', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    const c2 = repo.commit('two');
    repo.tag('m#prod#1');
    const [event] = eventsForTag(repo.registry(), 'm#prod#1');
    assert.equal((event as {version: string}).version, c2);
  });

  it('finds nothing for lightweight, unknown and non-GTO names', () => {
    const repo = new FakeRepo();
    repo.commit('one');
    repo.tag('m@v1.0.0');
    repo.ltag('m@v5.0.0');
    const registry = repo.registry();
    for (const tag of ['m@v5.0.0', 'this-tag-does-not-exist', 'main', 'nope@v1.0.0', 'v1.0.0']) {
      assert.deepEqual(eventsForTag(registry, tag), [], tag);
    }
  });
});
