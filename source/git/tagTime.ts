/**
 * When a tag written now will say it was made: git stamps the tagger line with
 * GIT_COMMITTER_DATE when it is set (scripts and tests back-date their tags with it), else with
 * the clock. The promotion rules judge an assignment at that time, so a rule checked while
 * writing and the same rule checked afterwards against the tag (`doctor --rules`) agree.
 */

type Env = Readonly<Record<string, string | undefined>>;

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The forms of git's DATE FORMATS (git-commit(1)): `@1700000000 +0000`, `1700000000 +0000`, ISO 8601, RFC 2822; seconds, or null. */
export const parseGitDate = (text: string): number | null => {
  const trimmed = text.trim();
  const raw = /^@?(\d+)(?:\s+[+-]\d{4})?$/.exec(trimmed);
  if (raw !== null) return Number(raw[1]);
  const iso = ISO.exec(trimmed);
  if (iso !== null) {
    const [, y, mo, d, h, mi, s = '0', zone] = iso;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
    if (zone === undefined) {
      // no zone: local time, as git reads it
      return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime() / 1000;
    }
    if (zone.toUpperCase() === 'Z') return utc;
    const digits = zone.replace(':', '');
    const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
    return utc - (digits.startsWith('-') ? -minutes : minutes) * 60;
  }
  // RFC 2822 (`Thu, 07 Apr 2005 22:13:13 +0200`), which Date reads
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? null : Math.floor(parsed / 1000);
};

/** Seconds since the epoch that a tag made now records: GIT_COMMITTER_DATE when set and readable, else `clock()`. */
export const tagTime = (env: Env, clock: () => number = Date.now): number => {
  const date = env['GIT_COMMITTER_DATE'];
  const fixed = date === undefined || date === '' ? null : parseGitDate(date);
  return fixed ?? Math.floor(clock() / 1000);
};
