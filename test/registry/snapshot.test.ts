import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Registry} from '../../source/registry/model.js';
import {registryFromText, registryToText} from '../../source/registry/snapshot.js';
import {FakeRepo} from './fake-repo.js';

/**
 * Everything about a registry a reader can observe, in order: Map and key orders included
 * (deepStrictEqual alone does not compare the order of Map entries or of object keys).
 */
const observable = (value: unknown): unknown => {
  if (value instanceof Map) return {map: [...value].map(([k, v]) => [k, observable(v)])};
  if (Array.isArray(value)) return value.map(observable);
  if (value !== null && typeof value === 'object') {
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    return {keys: Object.keys(value), values: Object.values(value).map(observable)};
  }
  return value;
};

const roundTrip = (registry: Registry): Registry => {
  const text = registryToText(registry);
  assert.ok(text !== null, 'the registry can be snapshotted');
  assert.match(text, /^[\x00-\x7f]*$/, 'the snapshot text is ASCII');
  return registryFromText(text);
};

/** A registry using every kind of record the builder makes. */
const everything = (): FakeRepo => {
  const repo = new FakeRepo();
  repo.commit('one', 'm:\n  type: model\n  path: m.pkl\n  labels: [a, "é"]\n  description: "ünïcode ✓ \\u0000"\n  custom: {n: 1, list: [x, 2.5, null, true], nested: {k: v}}\nn: {}\n');
  repo.tag('m@v1.0.0', 'first\n\n  with lines  ');
  repo.tag('m#prod#1');
  repo.tag('m#staging#2');
  repo.commit('two');
  repo.tag('m@v1.1.0');
  repo.tag('m#prod#3');
  repo.tag('m#staging!#4');
  repo.tagAt(repo.rev(1), 'm@v1.0.0!#5');
  repo.tagAt(repo.rev(1), 'm#dev#6');
  repo.ltag('release-1');
  repo.tag('z@created');
  repo.commit('three', 'm:\n  type: model\nu: {type: dataset}\n');
  repo.tag('old@v0.1.0');
  repo.tag('old@deprecated');
  repo.tag('u#dev#1');
  repo.tagAt(repo.rev(2), 'tree@v1.0.0', 'on a tree', 'tree');
  return repo;
};

describe('registry snapshot text', () => {
  test('reads back every artifact, version, stage record and event exactly, orders included', () => {
    const registry = everything().registry();
    assert.ok(registry.artifacts.size >= 3 && registry.ignored.length >= 2, 'the fixture covers ignored tags and several artifacts');
    const back = roundTrip(registry);
    assert.deepStrictEqual(back, registry);
    assert.deepStrictEqual(observable(back), observable(registry));
  });

  test('an empty registry', () => {
    const registry = new FakeRepo().registry();
    assert.deepStrictEqual(observable(roundTrip(registry)), observable(registry));
  });

  test('an annotation JSON would change is not snapshotted', () => {
    const cases: [string, unknown][] = [
      ['a YAML timestamp', new Date(0)],
      ['a big integer', 10n ** 30n],
      ['minus zero', -0],
      ['not a number', Number.NaN],
      ['a __proto__ key', JSON.parse('{"__proto__": 1}')],
    ];
    for (const [what, custom] of cases) {
      const registry = everything().registry();
      const version = registry.artifacts.get('m')!.versions[0]!;
      const event = version.enrichments[0]!;
      (version.enrichments as unknown[])[0] = {...event, annotation: {...event.annotation!, custom: {deep: [custom]}}};
      assert.equal(registryToText(registry), null, what);
    }
  });

  test('text that is not a snapshot throws', () => {
    assert.throws(() => registryFromText('{"artifacts": 1, "ignored": []}'));
    assert.throws(() => registryFromText('{"artifacts": [], "ign'));
  });
});
