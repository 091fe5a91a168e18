/** Tag and commit times as GTO prints them, in the writer's own UTC offset (spec §0.3, §4.0), and moments in local time. */
import type {Timestamp} from '../registry/records.js';

const two = (n: number): string => String(n).padStart(2, '0');

const offset = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
};

const format = (ts: Timestamp, separator: string): string => {
  const local = new Date((ts.seconds + ts.offsetMinutes * 60) * 1000);
  const date = `${String(local.getUTCFullYear()).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
  return `${date}${separator}${time}${offset(ts.offsetMinutes)}`;
};

/** `2024-01-01T00:02:00+00:00`: Python's `datetime.isoformat()`, used in JSON. */
export const isoTime = (ts: Timestamp): string => format(ts, 'T');

/** `2024-01-01 00:02:00+00:00`: `str(datetime)`, used in tables. */
export const tableTime = (ts: Timestamp): string => format(ts, ' ');

/** Calendar fields read in the local time zone (TZ), as git reads a date without a zone. */
export const localSeconds = (f: {year: number; month: number; day: number; hour: number; minute: number; second: number}): number => {
  const date = new Date(0);
  date.setFullYear(f.year, f.month - 1, f.day);
  date.setHours(f.hour, f.minute, f.second, 0);
  return Math.floor(date.getTime() / 1000);
};

/** `2024-03-01 21:00` in the local time zone: a moment as the viewer reads it. */
export const localMinute = (seconds: number): string => {
  const d = new Date(seconds * 1000);
  return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
};
