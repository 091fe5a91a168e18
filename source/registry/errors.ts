/**
 * Errors carry the exact text users see. The CLI prints `❌ <message>` and exits 1
 * (2 for usage errors); the TUI shows the same message on its status line.
 */
export type ErrorKind =
  /** A registry error GTO reports as `❌ message`. */
  | 'gto'
  /** Bad command-line usage: exit code 2, printed click-style. */
  | 'usage';

export class GtoError extends Error {
  override readonly name = 'GtoError';
  /**
   * WARNING log lines GTO prints (to stdout, §4.0) before the error, e.g. `Corrupted
   * artifacts.yaml file in commit <sha>`. The CLI adds GTO's log prefix and clock.
   */
  readonly warnings: readonly string[];

  constructor(message: string, kind: ErrorKind = 'gto', warnings: readonly string[] = []) {
    super(message);
    this.kind = kind;
    this.warnings = warnings;
  }

  readonly kind: ErrorKind;
}

export const isGtoError = (error: unknown): error is GtoError => error instanceof GtoError;
