import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatJson, PyFloat, pythonFloat, pythonString} from '../../source/output/json.js';

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
