/**
 * Who made a tag, as git's own verification of its signature says (GPG or SSH). The git layer
 * runs the verification (git/signatures.ts); this is the plain data it hands back, and the
 * questions the rest of the program asks of it. Pure.
 */

/**
 * One tag's signature. `signer` is whom git names for a good signature (the key's user ID for
 * GPG, the allowed-signers principal for SSH); `key` the key's fingerprint as git reports it;
 * `reason` git's or the signing program's words for anything else. All of it is text from
 * outside (a key's user ID is whatever its maker typed): escape it before it reaches a terminal.
 */
export type Verification =
  | {readonly status: 'good'; readonly signer: string; readonly key: string | null}
  /** The signature does not match the tag, or its key is expired or revoked. */
  | {readonly status: 'bad'; readonly reason: string; readonly key: string | null}
  /** Signed, but not by anyone the user's keyring or allowed-signers file trusts (or it could not be checked). */
  | {readonly status: 'unknown'; readonly reason: string; readonly key: string | null}
  | {readonly status: 'unsigned'};

export type SignatureStatus = Verification['status'];

export const SIGNATURE_STATUSES: readonly SignatureStatus[] = ['good', 'bad', 'unknown', 'unsigned'];

/** The one-character mark of the TUI's column and the text output: ✓ good, ✗ bad, ? unknown, - unsigned. */
export const SIGNATURE_MARK: Readonly<Record<SignatureStatus, string>> = {good: '✓', bad: '✗', unknown: '?', unsigned: '-'};

/** A signature git accepts and whose signer the user's trust settings know. */
export const isVerified = (verification: Verification | undefined): boolean => verification?.status === 'good';

/**
 * Where promotion rules (`.gto-tui.yaml`) plug in: a stage declared `{signed: true}` takes only
 * signed assignments. The rules judge calls this with the stage's rule and whether the planned
 * write signs its tag (`--sign`, or the TUI's confirmation toggle) and refuses with the message
 * it returns. A holder's existing tag is judged with isVerified on its verification.
 */
export const signedRuleRefusal = (stage: string, rule: {readonly signed?: boolean}, write: {readonly sign: boolean}): string | null =>
  rule.signed === true && !write.sign ? `Stage '${stage}' takes only signed assignments: assign with --sign` : null;
