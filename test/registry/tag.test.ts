import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import fc from 'fast-check';
import {formatTag, nextCounter, parseTag, type TagAction} from '../../source/registry/tag.js';

describe('tag grammar (§2.4)', () => {
  const valid: [string, unknown][] = [
    ['nn#prod', {action: 'assign', name: 'nn', stage: 'prod', counter: null}],
    ['nn#prod!', {action: 'unassign', name: 'nn', stage: 'prod', counter: null}],
    ['nn#prod#1', {action: 'assign', name: 'nn', stage: 'prod', counter: 1n}],
    ['nn@v1.0.0', {action: 'register', name: 'nn', version: 'v1.0.0', counter: null}],
    ['nn#prod!#2', {action: 'unassign', name: 'nn', stage: 'prod', counter: 2n}],
    ['nn@v1.0.0!', {action: 'deregister', name: 'nn', version: 'v1.0.0', counter: null}],
    ['nn@v1.0.0#1', {action: 'register', name: 'nn', version: 'v1.0.0', counter: 1n}],
    ['nn@v1.0.0!#1', {action: 'deregister', name: 'nn', version: 'v1.0.0', counter: 1n}],
    ['nn@v1.0.0-rc.2', {action: 'register', name: 'nn', version: 'v1.0.0-rc.2', counter: null}],
    ['nn@v1.0.0-alpha', {action: 'register', name: 'nn', version: 'v1.0.0-alpha', counter: null}],
    ['nn@v1.0.0-alpha.1', {action: 'register', name: 'nn', version: 'v1.0.0-alpha.1', counter: null}],
    ['nn@v1.0.0-alpha.beta', {action: 'register', name: 'nn', version: 'v1.0.0-alpha.beta', counter: null}],
    ['new-artifact@v1.0.1!', {action: 'deregister', name: 'new-artifact', version: 'v1.0.1', counter: null}],
    ['dvclive/dsd=nn@v0.0.1', {action: 'register', name: 'dvclive/dsd:nn', version: 'v0.0.1', counter: null}],
    ['a/b=c/d#prod!#12', {action: 'unassign', name: 'a/b:c/d', stage: 'prod', counter: 12n}],
    ['m@deprecated', {action: 'deprecate', name: 'm', counter: null}],
    ['m@deprecated#7', {action: 'deprecate', name: 'm', counter: 7n}],
    ['m#prod#007', {action: 'assign', name: 'm', stage: 'prod', counter: 7n}],
    ['m#prod#0', {action: 'assign', name: 'm', stage: 'prod', counter: 0n}],
    ['x@created', {action: 'created', name: 'x', counter: null}],
    ['path@v1.2.3#5', {action: 'register', name: 'path', version: 'v1.2.3', counter: 5n}],
  ];
  for (const [name, expected] of valid) it(`parses ${name}`, () => assert.deepEqual(parseTag(name), expected));

  const invalid = [
    '', '###', '@@@', 'model@v1', 'nn#prod#-1', 'model@v111', 'model-prod', 'model@0.0.1', 'model-prod-v1',
    'model#prod#-1', 'model#prod#1-2', 'model#prod?#1-2', 'model#prod@v1.2.3', 'model@v1.2.3#prod',
    'model-prod-v1-stage', 'model@prod@v1@stage-1', 'namespace/model@0.0.1', '@namespace/model@0.0.1',
    'model#prod#v1#stage#1-', 'model#prod-v1-stage@1-2', 'model#prod-v1-stage@1-2#@', 'v1.0.0', 'foo',
    'm#prod#2!', 'm@deprecated!', 'm@V1.0.0', 'a:b@v1.0.0',
  ];
  for (const name of invalid) it(`does not parse ${JSON.stringify(name)}`, () => assert.equal(parseTag(name), null));
});

describe('tag names GTO creates (§2.7)', () => {
  const cases: [TagAction, bigint | null, string][] = [
    [{action: 'register', name: 'myartifact', version: 'v1'}, null, 'myartifact@v1'],
    [{action: 'register', name: 'myartifact', version: 'v1'}, 1n, 'myartifact@v1#1'],
    [{action: 'deregister', name: 'myartifact', version: 'v1'}, null, 'myartifact@v1!'],
    [{action: 'deregister', name: 'myartifact', version: 'v1'}, 1n, 'myartifact@v1!#1'],
    [{action: 'assign', name: 'myartifact', stage: 'stage'}, null, 'myartifact#stage'],
    [{action: 'assign', name: 'myartifact', stage: 'stage'}, 1n, 'myartifact#stage#1'],
    [{action: 'unassign', name: 'myartifact', stage: 'stage'}, 1n, 'myartifact#stage!#1'],
    [{action: 'deprecate', name: 'm'}, null, 'm@deprecated'],
    [{action: 'deprecate', name: 'm'}, 3n, 'm@deprecated#3'],
    [{action: 'register', name: 'classification/dvclive:models/nn', version: 'v0.0.1'}, null, 'classification/dvclive=models/nn@v0.0.1'],
  ];
  for (const [action, counter, expected] of cases) it(`formats ${expected}`, () => assert.equal(formatTag(action, counter), expected));
});

describe('nextCounter (§2.7)', () => {
  it('is 1 when the artifact has no counted tag', () => {
    assert.equal(nextCounter('m', ['m@v1.0.0', 'm#prod', 'other#prod#9', 'v1.0.0']), 1n);
  });
  it('is one more than the largest counter of any action of that artifact', () => {
    assert.equal(nextCounter('m', ['m#prod#2', 'm@v1.0.0#5', 'm@deprecated#3', 'm#dev!#4', 'n#prod#10']), 6n);
  });
  it('matches dir:name artifacts through their dir=name tags', () => {
    assert.equal(nextCounter('a/b:c', ['a/b=c#prod#4', 'c#prod#9']), 5n);
  });
  it('reads leading zeros as numbers and ignores non-GTO names', () => {
    assert.equal(nextCounter('m', ['m#prod#010', 'm#prod#2!']), 11n);
  });
  it('grows past 2^53 without losing precision', () => {
    assert.equal(nextCounter('m', ['m#prod#9007199254740993']), 9007199254740994n);
  });
});

describe('tag grammar properties', () => {
  const simple = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9_/-]{0,8}[A-Za-z0-9])?$/);
  const dir = fc.stringMatching(/^[A-Za-z0-9_./-]{1,8}$/);
  const artifact = fc.tuple(fc.option(dir, {nil: undefined}), simple).map(([d, n]) => (d === undefined ? n : `${d}:${n}`));
  const ident = fc.oneof(fc.constantFrom('0', '1', '12'), fc.stringMatching(/^[0-9]*[a-zA-Z-][0-9a-zA-Z-]{0,4}$/));
  const num = fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,3}$/));
  const version = fc
    .tuple(num, num, num, fc.option(fc.array(ident, {minLength: 1, maxLength: 3})), fc.option(fc.stringMatching(/^[0-9a-zA-Z-]{1,5}$/)))
    .map(([a, b, c, pre, build]) => `v${a}.${b}.${c}${pre ? `-${pre.join('.')}` : ''}${build ? `+${build}` : ''}`);
  const action: fc.Arbitrary<TagAction> = fc.oneof(
    fc.record({action: fc.constant('register' as const), name: artifact, version}),
    fc.record({action: fc.constant('deregister' as const), name: artifact, version}),
    fc.record({action: fc.constant('assign' as const), name: artifact, stage: simple}),
    fc.record({action: fc.constant('unassign' as const), name: artifact, stage: simple}),
    fc.record({action: fc.constant('deprecate' as const), name: artifact}),
  );
  const counter = fc.option(fc.bigInt({min: 0n, max: 10n ** 30n}), {nil: null});

  it('parseTag(formatTag(x)) gives x back for every valid action', () => {
    fc.assert(
      fc.property(action, counter, (a, c) => {
        assert.deepEqual(parseTag(formatTag(a, c)), {...a, counter: c});
      }),
      {numRuns: 2000},
    );
  });

  it('parseTag never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 60}), (s) => {
        const parsed = parseTag(s);
        assert.ok(parsed === null || typeof parsed.name === 'string');
      }),
      {numRuns: 3000},
    );
  });
});
