/**
 * A moment as people write it: an ISO 8601 date or time (`2024-03-01`, `2024-03-01T14:00`,
 * `2024-03-01T14:00:00+02:00`), or a git ref whose tagger or committer time the git layer looks
 * up. A time without a zone is local time, like git's dates; which offset that is depends on
 * the time zone, so the caller supplies the conversion (output/time.ts `localSeconds`). Pure,
 * no imports: the CLI's option parser checks `--as-of` values with it on every run.
 */

/** Calendar fields as written, month and day from 1. */
export type DateFields = {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
};

export type When =
  /** `offsetMinutes` null: local time. */
  | {readonly kind: 'time'; readonly fields: DateFields; readonly offsetMinutes: number | null}
  | {readonly kind: 'ref'; readonly ref: string};

export type ParsedWhen = When | {readonly kind: 'invalid'};

/** How the help and errors describe a WHEN. */
export const WHEN_FORMS = 'YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM] (local time without a zone) or a git ref';

/** Date-shaped text is a date or a mistake, never a ref: `refs/tags/2024-...` names such a tag. */
const DATE_SHAPED = /^\d{4}-/;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export const parseWhen = (text: string): ParsedWhen => {
  if (text === '') return {kind: 'invalid'};
  if (!DATE_SHAPED.test(text)) return /[\x00-\x20\x7f]/.test(text) ? {kind: 'invalid'} : {kind: 'ref', ref: text};
  const m = ISO.exec(text);
  if (m === null) return {kind: 'invalid'};
  const number = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  const fields: DateFields = {year: number(1), month: number(2), day: number(3), hour: number(4), minute: number(5), second: number(6)};
  if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > daysIn(fields.year, fields.month)) return {kind: 'invalid'};
  if (fields.hour > 23 || fields.minute > 59 || fields.second > 59) return {kind: 'invalid'};
  let offsetMinutes: number | null = null;
  if (m[7] !== undefined) offsetMinutes = 0;
  else if (m[8] !== undefined) {
    const hours = number(9);
    const minutes = number(10);
    if (hours > 23 || minutes > 59) return {kind: 'invalid'};
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return {kind: 'time', fields, offsetMinutes};
};

/** Seconds since the epoch of the fields read as UTC. */
export const utcSeconds = (f: DateFields): number => {
  const date = new Date(0);
  date.setUTCFullYear(f.year, f.month - 1, f.day);
  date.setUTCHours(f.hour, f.minute, f.second, 0);
  return Math.floor(date.getTime() / 1000);
};

/** The moment in whole seconds; `localSeconds` reads zone-less fields in the local time zone. */
export const timeSeconds = (when: Extract<When, {kind: 'time'}>, localSeconds: (fields: DateFields) => number): number =>
  when.offsetMinutes === null ? localSeconds(when.fields) : utcSeconds(when.fields) - when.offsetMinutes * 60;
