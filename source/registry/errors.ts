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
  /** Lines printed to stdout before the error (GTO's logging goes to stdout, §4.0). */
  readonly stdoutLines: readonly string[];

  constructor(
    message: string,
    readonly kind: ErrorKind = 'gto',
    stdoutLines: readonly string[] = [],
  ) {
    super(message);
    this.stdoutLines = stdoutLines;
  }
}

export const isGtoError = (error: unknown): error is GtoError => error instanceof GtoError;
