import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {bumpSemVer, compareSemVer, FIRST_VERSION, formatVersion, isVersion, parseVersion} from '../../source/registry/semver.js';

const v = (text: string) => {
  const parsed = parseVersion(text);
  assert.ok(parsed, `${text} should parse`);
  return parsed;
};

describe('versions (§2.3)', () => {
  const valid = ['v0.1.2', 'v3.4.5-pre.2+build.4', 'v3.4.5-pre.2-build.4', 'v1.0.0-rc.2', 'v1.0.0-alpha.beta', 'v0.0.0', 'v1.0.0+meta'];
  const invalid = ['1', 'v1', 'v1.2', '0.1.2', '3.4.5-pre.2+build.4', 'V1.0.0', 'v01.0.0', '', 'v1.0.0-01', 'v1.0.0+', 'v1.0.0-'];
  for (const text of valid) it(`accepts ${text}`, () => assert.equal(isVersion(text), true));
  for (const text of invalid) it(`rejects ${JSON.stringify(text)}`, () => assert.equal(isVersion(text), false));

  it('formats what it parses', () => {
    for (const text of valid) assert.equal(formatVersion(v(text)), text);
  });

  const ordered: [string, string, number][] = [
    ['v1.3.2', 'v1.3.3', -1],
    ['v1.2.4', 'v1.2.4', 0],
    ['v1.10.0', 'v1.9.0', 1],
    ['v1.0.0-rc.1', 'v1.0.0', -1],
    ['v1.0.0-alpha', 'v1.0.0-alpha.1', -1],
    ['v1.0.0-alpha.1', 'v1.0.0-alpha.beta', -1],
    ['v1.0.0-rc.2', 'v1.0.0-rc.10', -1],
    ['v1.0.0-beta', 'v1.0.0-alpha', 1],
    ['v1.1.0', 'v1.1.0+meta', 0],
    ['v1.0.0-rc.2+build.5', 'v1.0.0-rc.2', 0],
  ];
  for (const [a, b, expected] of ordered) {
    it(`orders ${a} ${expected < 0 ? '<' : expected > 0 ? '>' : '=='} ${b}`, () => {
      assert.equal(Math.sign(compareSemVer(v(a), v(b))), expected);
    });
  }

  const bumps: [string, 'major' | 'minor' | 'patch', string][] = [
    ['v1.3.4', 'major', 'v2.0.0'],
    ['v1.3.4', 'minor', 'v1.4.0'],
    ['v1.3.4', 'patch', 'v1.3.5'],
    ['v1.0.0-rc.2+build.5', 'patch', 'v1.0.1'],
    ['v1.0.0-alpha', 'minor', 'v1.1.0'],
    ['v99999999999999999999.0.0', 'major', 'v100000000000000000000.0.0'],
  ];
  for (const [from, part, to] of bumps) {
    it(`bumps ${from} ${part} to ${to} like python-semver`, () => assert.equal(formatVersion(bumpSemVer(v(from), part)), to));
  }

  it('starts at v0.0.1', () => assert.equal(FIRST_VERSION, 'v0.0.1'));
});
