/**
 * Duplicate keys make a YAML file corrupt (ruamel's safe loader refuses them, and so do we).
 * Checking them must cost a fixed number of key comparisons per key: the `yaml` package's own
 * check compares every key with every earlier key of its mapping, which took 19 s for a
 * 40,000-artifact artifacts.yaml. Counted, not timed (timings live in bench/).
 */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parseGtoYaml, type KeyCheckStats} from '../../source/registry/yaml.js';

/** An artifacts.yaml outside the fast subset (quoted keys and values), `n` artifacts. */
const artifacts = (n: number, extra = ''): string => {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`"a${i}":\n  type: model\n  path: "models/a${i}.pkl"\n  labels: ["x", 'y']\n`);
  return lines.join('') + extra;
};

const comparisons = (text: string): {ok: boolean; comparisons: number} => {
  const stats: KeyCheckStats = {comparisons: 0};
  const result = parseGtoYaml(text, stats);
  return {ok: result.ok, comparisons: stats.comparisons};
};

describe('duplicate keys, checked in linear time', () => {
  it('costs a constant number of key comparisons per key: twice the artifacts, twice the comparisons', () => {
    const small = comparisons(artifacts(2_000));
    const large = comparisons(artifacts(4_000));
    assert.ok(small.ok && large.ok);
    // 2,000 artifacts × (1 top-level key + 3 fields) = 8,000 keys
    assert.ok(small.comparisons >= 8_000, `every key is checked (${small.comparisons})`);
    assert.ok(small.comparisons <= 2 * 8_000, `at most two comparisons per key (${small.comparisons})`);
    assert.ok(large.comparisons <= 2.1 * small.comparisons, `linear: ${small.comparisons} → ${large.comparisons}`);
  });

  const duplicated: [string, string][] = [
    ['the last top-level key repeats the first', artifacts(3_000, '"a0": {}\n')],
    ['a repeated field deep inside', artifacts(10, 'm:\n  custom:\n    k: 1\n    k: 2\n')],
    ['a flow mapping', 'm: {type: a, type: b}\n'],
    ['keys equal as values ("a" and a)', '"m": {}\nm: {}\n'],
    ['keys equal as numbers (1 and 0x1)', 'm: {custom: {1: a, 0x1: b}}\n'],
    ['keys equal as booleans (true and True)', 'm: {custom: {true: a, True: b}}\n'],
    ['two empty keys', 'm:\n  custom:\n    ? \n    : a\n    ? \n    : b\n'],
    ['a mapping used as a key', 'm: {custom: {? {a: 1, a: 2} : x}}\n'],
  ];
  for (const [label, text] of duplicated) {
    it(`refuses ${label}`, () => assert.deepEqual(parseGtoYaml(text), {ok: false}));
  }

  const distinct: [string, string][] = [
    ['the same key in different mappings', 'a: {type: x}\nb: {type: y}\n'],
    ['keys that differ in type ("1" and 1)', 'm: {custom: {"1": a, 1: b}}\n'],
    ['two merge keys', 'm:\n  custom:\n    <<: {a: 1}\n    <<: {b: 2}\n'],
    ['NaN twice (never equal, as in the yaml package)', 'm: {custom: {.nan: a, .NaN: b}}\n'],
    ['the same alias twice (aliases are not compared)', 'x: &k k\nm: {custom: {*k : a, *k : b}}\n'],
  ];
  for (const [label, text] of distinct) {
    it(`accepts ${label}`, () => assert.equal(parseGtoYaml(text).ok, true, text));
  }
});
