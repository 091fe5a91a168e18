/**
 * The YAML fast path must agree with the full parser on everything it accepts, and hand
 * everything else (comments, quotes, numbers, anchors, multi-line scalars…) to it.
 */
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {parseDocument} from 'yaml';
import {parseGtoYaml, parseSimpleYaml} from '../../source/registry/yaml.js';

const full = (text: string): unknown => {
  const doc = parseDocument(text, {version: '1.2', customTags: ['timestamp'], merge: true, uniqueKeys: true, logLevel: 'error'});
  if (doc.errors.length > 0 || doc.warnings.length > 0) return 'ERROR';
  return doc.toJS({mapAsMap: true, maxAliasCount: 1000});
};

const word = fc.constantFrom(
  'a', 'a56', 'model', 'models/a56.pkl', 'Synthetic artifact a56', 'true', 'False', 'NULL', 'yes', 'n', 'y', 'on',
  '1', '0o7', '.inf', '-1', '2024-01-01', 'a:b', 'a: b', 'x #c', '"q"', "'q'", '', ' ', 'a  b', '_x', '/abs', 'v1.0.0',
  '[a, b]', '[]', '[a,,b]', '[ bench , gen49 ]', '{a: 1}', '&x a', '*x', '!!str a', '|', '>', '- a', '<<', 'a,b', 'null',
);
const key = fc.constantFrom('a', 'b', 'a56', 'type', 'path', 'labels', 'true', 'null', '1', 'x.y', 'a-b', '_k', 'a b', '- a', '"k"');
const indent = fc.constantFrom('', ' ', '  ', '    ');
const line = fc.tuple(indent, key, fc.constantFrom(':', ': ', ':  ', ':x'), word, fc.constantFrom('', ' ', '  ')).map(([i, k, c, w, t]) => `${i}${k}${c}${w}${t}`);
const goodWord = fc.constantFrom('a', 'model', 'models/a56.pkl', 'Synthetic artifact', 'true', 'Null', 'yes', 'a  b', '_x', '[a, b]', '[]', '[ x ,y ]', '');
const goodKey = fc.constantFrom('a', 'b', 'c', 'type', 'labels', 'x.y', 'a-b', '_k', 'n');
const goodLine = fc.tuple(fc.constantFrom('', '', '', '  ', '  ', '    '), goodKey, fc.constantFrom(': ', ':', ': '), goodWord, fc.constantFrom('', '', ' ')).map(([i, k, c, w, t]) => `${i}${k}${c}${w}${t}`);
const goodDoc = fc.array(fc.oneof({arbitrary: goodLine, weight: 30}, {arbitrary: line, weight: 1}, {arbitrary: fc.constant(''), weight: 1}), {minLength: 1, maxLength: 8}).map((lines) => lines.join('\n'));
const doc = fc.oneof(goodDoc, fc.array(fc.oneof(line, fc.constantFrom('', '   ', '---', '# c', '\t', 'a:\r')), {maxLength: 8}).map((lines) => lines.join("\n")));

describe('YAML fast path', () => {
  it('agrees with the yaml package on every document it accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(doc, (text) => {
        const fast = parseSimpleYaml(text);
        if (fast === undefined) return;
        accepted++;
        assert.deepEqual(fast, full(text), JSON.stringify(text));
      }),
      {numRuns: 20000},
    );
    assert.ok(accepted > 300, `only ${accepted} documents took the fast path`);
  });

  it('takes the fast path for a typical artifacts.yaml', () => {
    const text = 'a56:\n  type: model\n  path: models/a56.pkl\n  labels: [bench, gen49]\n  description: Synthetic artifact a56\n  virtual: false\n  custom:\n    owner: team\n';
    const fast = parseSimpleYaml(text);
    assert.ok(fast !== undefined);
    assert.deepEqual(fast, full(text));
  });

  it('falls back to the full parser outside the subset', () => {
    for (const text of ['a: 1\n', "a: 'x'\n", 'a: b # c\n', 'a: b\n  c\n', 'a: &x b\nc: *x\n', '- a\n', '1: a\n', 'a: 2024-01-01\n', 'a: b\na: c\n']) {
      assert.equal(parseSimpleYaml(text), undefined, text);
    }
    assert.deepEqual(parseGtoYaml('a: 1\nb: b # c\n'), {ok: true, value: new Map<string, unknown>([['a', 1], ['b', 'b']])});
    assert.deepEqual(parseGtoYaml('a: b\na: c\n'), {ok: false});
  });
});
