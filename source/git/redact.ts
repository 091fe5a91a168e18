/**
 * Credentials in URLs never reach a terminal. A `-r` URL or an origin may carry them
 * (`https://user:password@host/x`, a token as the user name `https://ghp_…@host/x`), and they
 * would otherwise show in error lines, the `-v` trace of git's command lines, git's own stderr
 * and the TUI header. GTO prints the URL whole; we print `https://***@host/x`.
 */

/** `scheme://` and the authority after it: up to the path, query or fragment, or a space. */
const SCHEME_AUTHORITY = /([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*)/gi;

/**
 * `text` with the user info of every `scheme://…@host` URL in it replaced by `***`: all of it,
 * since a token cannot be told from a user name. Up to the last `@` of the authority, so a raw
 * `@` in a password (which git and curl split differently) is hidden too. scp-like addresses
 * (`git@host:org/repo`) are left alone: that syntax has no password, and ssh user names such as
 * `git` are no secret. Idempotent.
 */
export const redactUrl = (text: string): string =>
  text.replace(SCHEME_AUTHORITY, (whole, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    return at === -1 ? whole : `${scheme}***${authority.slice(at)}`;
  });
