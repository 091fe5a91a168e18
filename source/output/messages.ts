/** The text around GTO's messages: emoji prefixes, log lines, shell quoting (spec §4.0, §4.10). Pure. */

type Env = Readonly<Record<string, string | undefined>>;

/**
 * GTO_EMOJIS, read the way pydantic reads a bool. Only the environment counts: the `EMOJIS`
 * key of `.gto` has no effect (§4.0, §6.1). An unreadable value keeps the default (on),
 * where GTO would crash at start-up.
 */
export const emojisEnabled = (env: Env): boolean => {
  const raw = env['GTO_EMOJIS'];
  if (raw === undefined) return true;
  return !['0', 'off', 'f', 'false', 'n', 'no'].includes(raw.trim().toLowerCase());
};

export type Emojis = {readonly ok: string; readonly fail: string; readonly gto: string};

/** Each emoji carries its own trailing space; messages add the separator space (§4.4). */
export const emojis = (enabled: boolean): Emojis =>
  enabled ? {ok: '✅ ', fail: '❌ ', gto: '🪴 '} : {ok: '', fail: '', gto: ''};

/** `✅  Version "v1" …`: two spaces with emojis, one leading space without (§4.4). */
export const okLine = (e: Emojis, text: string): string => `${e.ok} ${text}`;

/** C0 (but tab and newline), DEL, C1, and the bidirectional controls: marks, embeddings, overrides, isolates. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\n(?!$)/g;
/** The same, and tab and every newline. */
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string): string => {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

/**
 * Control characters and bidirectional controls in text shown as escapes (`\n`, `\u202e`), so
 * text from a repository, a remote or the user cannot split a one-line error, drive the terminal
 * (OSC titles and clipboard, CSI, C1's 8-bit CSI) or reorder what it shows. A final newline is
 * kept: GTO ends some messages with one (§4.1 step 5). `oneLine` (a UI cell, a status line)
 * escapes tabs and every newline too.
 */
export const printable = (text: string, options: {readonly oneLine?: boolean} = {}): string =>
  text.replace(options.oneLine ? UNSAFE_ONE_LINE : UNSAFE, escapeChar);

/** `❌ message` (stderr). */
export const errorLine = (e: Emojis, text: string): string => `${e.fail}${text}`;

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Python logging's default asctime in local time, plus GTO's format:
 * `2024-01-01 00:02:00,123 [WARNING] gto: message` (printed to stdout, §4.0).
 */
export const logLine = (level: 'WARNING' | 'INFO' | 'DEBUG', message: string, now: Date): string => {
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  const time = `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
  const ms = String(now.getMilliseconds()).padStart(3, '0');
  return `${date} ${time},${ms} [${level}] gto: ${message}`;
};

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Python's `shlex.quote`, which GTO 1.10.1 applies to tag names in push hints (§4.10). */
export const shellQuote = (text: string): string => {
  if (text === '') return "''";
  if (SHELL_SAFE.test(text)) return text;
  return `'${text.replaceAll("'", `'"'"'`)}'`;
};

/** The hint printed after a write that was not pushed (§4.10). */
export const pushHint = (tag: string, action: 'push' | 'delete'): string[] => [
  'To push the changes upstream, run:',
  action === 'push' ? `    git push origin ${shellQuote(tag)}` : `    git push --delete origin ${shellQuote(tag)}`,
];
