import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatJson, formatJsonByHand, PyFloat, pythonFloat, pythonString} from '../../source/output/json.js';

test('objects and arrays indent by four spaces with Python separators; empty ones stay inline', () => {
  assert.equal(
    formatJson({a: [1, 'x'], b: {}, c: [], d: null, e: true}),
    '{\n    "a": [\n        1,\n        "x"\n    ],\n    "b": {},\n    "c": [],\n    "d": null,\n    "e": true\n}',
  );
});

test('non-ASCII is escaped like ensure_ascii: é as one escape, emoji as a surrogate pair', () => {
  assert.equal(pythonString('é'), '"\\u00e9"');
  assert.equal(pythonString('🪴'), '"\\ud83e\\udeb4"');
  assert.equal(pythonString('a"b\\c\n\t\u0001\u007f'), '"a\\"b\\\\c\\n\\t\\u0001\\u007f"');
});

test('maps keep their insertion order even for integer-like keys', () => {
  const value = new Map([
    ['b', 1],
    ['1', 2],
  ]);
  assert.equal(formatJson(value), '{\n    "b": 1,\n    "1": 2\n}');
  // A plain object would have moved "1" first.
  assert.equal(formatJson({b: 1, 1: 2}), '{\n    "1": 2,\n    "b": 1\n}');
});

test('bigint counters print as integers, however large', () => {
  assert.equal(formatJson(123456789012345678901234567890n), '123456789012345678901234567890');
  assert.equal(formatJson(1e21), '1000000000000000000000');
});

test('floats print like Python repr', () => {
  assert.equal(formatJson(0.91), '0.91');
  assert.equal(formatJson(new PyFloat(1)), '1.0');
  assert.equal(pythonFloat(1e-5), '1e-05');
  assert.equal(pythonFloat(0.0001), '0.0001');
  assert.equal(pythonFloat(1.5e16), '1.5e+16');
  assert.equal(pythonFloat(123456.789), '123456.789');
  assert.equal(pythonFloat(-2.5), '-2.5');
  assert.equal(pythonFloat(Number.NaN), 'NaN');
});

test('plain data printed through JSON.stringify is exactly the hand renderer\'s text', async () => {
  const fc = (await import('fast-check')).default;
  // strings over the characters that need care: quotes, backslashes, controls, DEL, Latin-1,
  // U+2028, astral (surrogate pairs) and lone surrogates
  const char = fc.constantFrom('a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\b', '\f', '\r', '\u0000', '\u001f', '\u007f', 'é', '\u2028', '🪴', '\ud800', '\udfff', '1');
  const text = fc.array(char, {maxLength: 8}).map((chars) => chars.join(''));
  const leaf = fc.oneof(text, fc.integer(), fc.maxSafeInteger(), fc.constant(null), fc.boolean(), fc.constant(-0));
  const {tree} = fc.letrec((tie) => ({
    tree: fc.oneof({depthSize: 'small'}, leaf, tie('array'), tie('object')),
    array: fc.array(tie('tree'), {maxLength: 4}),
    object: fc.dictionary(text, tie('tree'), {maxKeys: 4}),
  }));
  // with values the native path must leave to the hand renderer, anywhere in the tree
  const special = fc.oneof(fc.constant(new PyFloat(1)), fc.constant(0.5), fc.constant(1e21), fc.constant(12n), fc.constant(new Map<string, unknown>([['2', 1], ['1', 'é']])));
  const mixed = fc.tuple(tree, special, fc.nat()).map(([value, odd, where]) => (Array.isArray(value) ? [...value.slice(0, where % 3), odd, ...value.slice(where % 3)] : {value, odd}));
  fc.assert(fc.property(fc.oneof(tree, mixed), (value) => formatJson(value as never) === formatJsonByHand(value as never)), {numRuns: 3000});
  assert.equal(formatJson({s: 'é\u007f', list: [{k: '🪴'}]}), '{\n    "s": "\\u00e9\\u007f",\n    "list": [\n        {\n            "k": "\\ud83e\\udeb4"\n        }\n    ]\n}');
});
