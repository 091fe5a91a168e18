import assert from 'node:assert/strict';
import {test} from 'node:test';
import {splitAtMarks} from '../../source/git/signatures.js';
import {parseTrustLevel, parseVerifyOutput} from '../../source/git/verifyOutput.js';

const FPR = 'CA49190599B8091886EDAB319FD42C51BCF19611';
const gpg = (...lines: string[]): string => ['[GNUPG:] NEWSIG', ...lines.map((l) => `[GNUPG:] ${l}`)].join('\n') + '\n';

const CASES: readonly {name: string; output: string; min?: string; expected: ReturnType<typeof parseVerifyOutput>}[] = [
  {
    name: 'GPG good, fingerprint from VALIDSIG',
    output: gpg(`GOODSIG 9FD42C51BCF19611 Tess <t@e.x>`, `VALIDSIG ${FPR} 2026-12-03 1796308619 0 4 0 22 8 00 ${FPR}`, 'TRUST_ULTIMATE 0 pgp'),
    expected: {status: 'good', signer: 'Tess <t@e.x>', key: FPR},
  },
  {
    name: 'GPG good but trust below gpg.minTrustLevel',
    output: gpg(`GOODSIG 9FD42C51BCF19611 Tess <t@e.x>`, `VALIDSIG ${FPR} x x 0 4 0 22 8 00 ${FPR}`, 'TRUST_MARGINAL 0 pgp'),
    min: 'Fully',
    expected: {status: 'unknown', reason: 'key trust marginal is below gpg.minTrustLevel fully', key: FPR},
  },
  {name: 'GPG bad', output: gpg('BADSIG 9FD42C51BCF19611 Tess <t@e.x>'), expected: {status: 'bad', reason: 'bad signature', key: '9FD42C51BCF19611'}},
  {name: 'GPG expired key', output: gpg('EXPKEYSIG 9FD42C51BCF19611 Tess <t@e.x>'), expected: {status: 'bad', reason: 'signed with an expired key', key: '9FD42C51BCF19611'}},
  {name: 'GPG revoked key', output: gpg('REVKEYSIG 9FD42C51BCF19611 Tess <t@e.x>'), expected: {status: 'bad', reason: 'signed with a revoked key', key: '9FD42C51BCF19611'}},
  {
    name: 'GPG no public key',
    output: gpg(`ERRSIG 6D82E63353767C55 22 8 00 1796308619 9 ${FPR}`, 'NO_PUBKEY 6D82E63353767C55'),
    expected: {status: 'unknown', reason: 'no public key', key: FPR},
  },
  {
    name: 'GPG error other than a missing key',
    output: gpg('ERRSIG 6D82E63353767C55 22 8 00 1796308619 4'),
    expected: {status: 'unknown', reason: 'the signature could not be checked', key: '6D82E63353767C55'},
  },
  {
    name: 'two signatures (git refuses them)',
    output: gpg('GOODSIG 9FD42C51BCF19611 Tess <t@e.x>', 'NEWSIG', 'BADSIG 6D82E63353767C55 M <m@e.x>'),
    expected: {status: 'unknown', reason: 'more than one signature', key: null},
  },
  {
    name: 'SSH good: the principal may contain " with "',
    output: 'Good "git" signature for ops with care@example.com with ED25519 key SHA256:abc/+=\n',
    expected: {status: 'good', signer: 'ops with care@example.com', key: 'SHA256:abc/+='},
  },
  {
    name: 'SSH good but gpg.minTrustLevel ultimate (an allowed signer is fully trusted)',
    output: 'Good "git" signature for carol with ED25519 key SHA256:abc\n',
    min: 'ultimate',
    expected: {status: 'unknown', reason: 'key trust fully is below gpg.minTrustLevel ultimate', key: 'SHA256:abc'},
  },
  {
    name: 'SSH key without a principal',
    output: 'Good "git" signature with ED25519 key SHA256:xyz\nNo principal matched.\n',
    expected: {status: 'unknown', reason: 'key not in gpg.ssh.allowedSignersFile', key: 'SHA256:xyz'},
  },
  {
    name: 'SSH bad',
    output: 'Could not verify signature.\nSignature verification failed: incorrect signature\n',
    expected: {status: 'bad', reason: 'Signature verification failed: incorrect signature', key: null},
  },
  {
    name: 'the signing program cannot start',
    output: 'fatal: cannot run /nonexistent: No such file or directory\n',
    expected: {status: 'unknown', reason: 'cannot run /nonexistent: No such file or directory', key: null},
  },
  {name: 'no signature', output: 'error: no signature found\n', expected: {status: 'unsigned'}},
  {name: 'nothing printed', output: '', expected: {status: 'unknown', reason: 'git printed nothing about this signature', key: null}},
];

for (const c of CASES) {
  test(`verify-tag output: ${c.name}`, () => {
    assert.deepEqual(parseVerifyOutput(c.output, parseTrustLevel(c.min ?? null)), c.expected);
  });
}

test('gpg.minTrustLevel reads as git reads it; unset is undefined', () => {
  assert.equal(parseTrustLevel(null), 'undefined');
  assert.equal(parseTrustLevel('MARGINAL\n'), 'marginal');
});

test('verify-tag stderr is cut at each mark, and a missing mark (git stopped) is noticed', () => {
  const mark = 'gto-tui verified abc';
  const end = `error: tag '${mark}' not found.\n`;
  // a signing program's output without a final newline still ends where the mark starts
  const stderr = `Good "git" signature for a with K key SHA256:1${end}error: no signature found\n${end}`;
  assert.deepEqual(splitAtMarks(stderr, mark, 2), ['Good "git" signature for a with K key SHA256:1', 'error: no signature found\n']);
  assert.equal(splitAtMarks(stderr, mark, 3), null);
});
