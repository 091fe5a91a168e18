import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isVerified, signedRuleRefusal} from '../../source/registry/signatures.js';

test('a stage declared {signed: true} refuses an unsigned assignment and takes a signed one', () => {
  assert.equal(signedRuleRefusal('prod', {signed: true}, {sign: false}), "Stage 'prod' takes only signed assignments: assign with --sign");
  assert.equal(signedRuleRefusal('prod', {signed: true}, {sign: true}), null);
  assert.equal(signedRuleRefusal('dev', {}, {sign: false}), null);
});

test('only a good signature counts as verified', () => {
  assert.ok(isVerified({status: 'good', signer: 'carol', key: null}));
  for (const v of [{status: 'bad', reason: 'x', key: null}, {status: 'unknown', reason: 'x', key: null}, {status: 'unsigned'}] as const) assert.ok(!isVerified(v));
  assert.ok(!isVerified(undefined));
});
