import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parseAnnotations} from '../../source/registry/annotations.js';
import type {Annotation} from '../../source/registry/model.js';

const DEFAULTS: Annotation = {type: null, path: null, virtual: true, labels: [], description: '', custom: null};
const ok = (text: string): Record<string, Annotation> => {
  const parsed = parseAnnotations(text);
  assert.equal(parsed.kind, 'ok');
  return parsed.kind === 'ok' ? Object.fromEntries(parsed.annotations) : {};
};

describe('artifacts.yaml (§6.2)', () => {
  it('reads every field and fills GTO defaults (case 076)', () => {
    const text = [
      'rf:',
      '  type: model',
      '  path: models/rf.pkl',
      '  virtual: false',
      '  labels: [tabular, prod-ready]',
      '  description: Random forest classifier',
      '  custom:',
      '    owner: team-a',
      '    metrics: {auc: 0.91}',
      'features:',
      '  type: dataset',
      '  path: data/features.csv',
      'm2: {}',
    ].join('\n');
    assert.deepEqual(ok(text), {
      rf: {
        type: 'model',
        path: 'models/rf.pkl',
        virtual: false,
        labels: ['tabular', 'prod-ready'],
        description: 'Random forest classifier',
        custom: {owner: 'team-a', metrics: {auc: 0.91}},
      },
      features: {...DEFAULTS, type: 'dataset', path: 'data/features.csv'},
      m2: DEFAULTS,
    });
  });

  it('keeps the file order of artifacts', () => {
    const parsed = parseAnnotations('zz: {}\naa: {}\nmm: {}\n');
    assert.equal(parsed.kind, 'ok');
    assert.deepEqual(parsed.kind === 'ok' ? [...parsed.annotations.keys()] : [], ['zz', 'aa', 'mm']);
  });

  const accepted: [string, string, Partial<Annotation>][] = [
    ['unknown fields', 'm:\n  owner: me\n  type: model\n', {type: 'model'}],
    ['a type that is not a valid name', 'm: {type: "bad type"}', {type: 'bad type'}],
    ['labels that are not valid names', 'm: {labels: ["a b"]}', {labels: ['a b']}],
    ['virtual as a pydantic bool string', 'm: {virtual: "no"}', {virtual: false}],
    ['virtual as 0/1', 'm: {virtual: 0}', {virtual: false}],
    ['explicit null type and path', 'm: {type: null, path: ~}', {}],
    ['y/n/yes/no as plain strings (YAML 1.2)', 'm: {type: yes, description: no}', {type: 'yes', description: 'no'}],
    ['any custom value', 'm: {custom: [1, {a: b}]}', {custom: [1, {a: 'b'}]}],
  ];
  for (const [label, text, expected] of accepted) {
    it(`accepts ${label}`, () => assert.deepEqual(ok(text).m, {...DEFAULTS, ...expected}));
  }

  it('accepts artifact names YAML 1.1 would read as booleans', () => {
    assert.deepEqual(Object.keys(ok('y: {}\nn: {}\nno: {}\n')), ['y', 'n', 'no']);
  });

  const corrupt: [string, string][] = [
    ['an empty file', ''],
    ['a comment-only file', '# nothing\n'],
    ['null', 'null'],
    ['a list', '- m1\n- m2\n'],
    ['a scalar', 'just text'],
    ['a non-object entry', 'm1: [1, 2]'],
    ['an entry without a body', 'm1:\n'],
    ['a non-string path', 'm: {path: 3}'],
    ['non-string labels', 'm: {labels: [5]}'],
    ['labels that are not a list', 'm: {labels: abc}'],
    ['null labels', 'm: {labels: null}'],
    ['a non-bool virtual', 'm: {virtual: "x"}'],
    ['a null virtual', 'm: {virtual: null}'],
    ['a numeric type', 'm: {type: 1}'],
    ['a boolean description', 'm: {description: true}'],
    ['a null description', 'm: {description: null}'],
    ['a date description (timestamps resolve like ruamel)', 'm: {description: 2024-01-01}'],
    ['a numeric artifact key', '1: {}'],
    ['invalid YAML', 'm1: [\n'],
    ['duplicate keys', 'm: {}\nm: {}\n'],
    ['two documents', 'm: {}\n---\nn: {}\n'],
    ['an unknown tag', 'm: !custom {}\n'],
  ];
  for (const [label, text] of corrupt) {
    it(`calls ${label} corrupt`, () => assert.deepEqual(parseAnnotations(text), {kind: 'corrupt'}));
  }

  for (const key of ['a:b', '_m', 'a b']) {
    it(`throws the name error for the key ${JSON.stringify(key)}`, () => {
      assert.throws(() => parseAnnotations(`"${key}": {}\n`), {name: 'GtoError', message: new RegExp(`^Invalid value '${key}'`)});
    });
  }

  it('reports a corrupt entry before a bad key', () => {
    assert.deepEqual(parseAnnotations('"a:b": {}\nm: {path: 3}\n'), {kind: 'corrupt'});
  });
});
