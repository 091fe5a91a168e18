/**
 * Parsing raw git objects and dates as git prints them. Tag objects are parsed the way
 * for-each-ref's `%(taggername)`, `%(taggeremail)`, `%(taggerdate:raw)` and `%(contents)` read
 * them (ref-filter.c), so a tag read from cat-file gives exactly the record a listing gives.
 */
import type {Signature, Timestamp} from '../registry/records.js';

const UTC: Timestamp = {seconds: 0, offsetMinutes: 0};

/**
 * `1704067200 +0530` → seconds and offset minutes. A tag object without a tagger line (possible
 * in very old repositories) yields time 0 at UTC rather than failing the whole listing.
 */
export const parseRawDate = (raw: string): Timestamp => {
  const space = raw.indexOf(' ');
  if (space === -1) {
    const seconds = Number(raw) || 0;
    return seconds === 0 ? UTC : {seconds, offsetMinutes: 0};
  }
  const seconds = Number(raw.slice(0, space)) || 0;
  let i = space + 1;
  const signCode = raw.charCodeAt(i);
  const sign = signCode === 45 ? -1 : 1;
  if (signCode === 45 || signCode === 43) i++;
  const digits = raw.slice(i);
  const hours = Number(digits.slice(0, -2)) || 0;
  const minutes = Number(digits.slice(-2)) || 0;
  // `+ 0` turns the -0 of `-0000` into 0.
  return {seconds, offsetMinutes: sign * (hours * 60 + minutes) + 0};
};

/** Author, committer and message of a raw commit object. */
export const parseCommit = (raw: string): {author: Signature; committer: Signature; message: string} => {
  const split = raw.indexOf('\n\n');
  const headers = split === -1 ? raw : raw.slice(0, split);
  const message = split === -1 ? '' : raw.slice(split + 2);
  let author: Signature | null = null;
  let committer: Signature | null = null;
  for (const line of headers.split('\n')) {
    if (line.startsWith('author ')) author = parseSignature(line.slice(7));
    else if (line.startsWith('committer ')) committer = parseSignature(line.slice(10));
  }
  const unknown: Signature = {name: '', email: '', time: {seconds: 0, offsetMinutes: 0}};
  return {author: author ?? unknown, committer: committer ?? author ?? unknown, message};
};

/** `Name <email> 1704067200 +0530` */
export const parseSignature = (text: string): Signature => {
  const open = text.indexOf('<');
  const close = text.lastIndexOf('>');
  if (open === -1 || close < open) return {name: text.trim(), email: '', time: {seconds: 0, offsetMinutes: 0}};
  return {
    name: text.slice(0, open).trim(),
    email: text.slice(open + 1, close),
    time: parseRawDate(text.slice(close + 1).trim()),
  };
};

/** A raw tag object: what it points at (one step), its tagger and its message. */
export type TagObject = {readonly object: string; readonly type: string; readonly tagger: Signature; readonly message: string};

/**
 * Like ref-filter: the object is a C string (cut at a NUL), the header ends at the first empty
 * line, `%(contents)` starts after any further empty lines, the name ends at the tagger line's
 * first ` <`, the email runs from the next `<` to the next `>`, the date follows the next `> `.
 */
export const parseTagObject = (raw: string): TagObject => {
  const nul = raw.indexOf('\0');
  const text = nul === -1 ? raw : raw.slice(0, nul);
  const length = text.length;
  let object = '';
  let type = '';
  let taggerAt = -1;
  let pos = 0;
  while (pos < length && text.charCodeAt(pos) !== 10) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = length;
    if (object === '' && text.startsWith('object ', pos)) object = text.slice(pos + 7, eol);
    else if (type === '' && text.startsWith('type ', pos)) type = text.slice(pos + 5, eol);
    else if (taggerAt === -1 && text.startsWith('tagger ', pos)) taggerAt = pos + 7;
    pos = eol + 1;
  }
  while (pos < length && text.charCodeAt(pos) === 10) pos++;
  const message = pos >= length ? '' : text.slice(pos);
  return {object, type, tagger: taggerAt === -1 ? NO_TAGGER : tagger(text, taggerAt), message};
};

const NO_TAGGER: Signature = {name: '', email: '', time: UTC};

const tagger = (text: string, at: number): Signature => {
  let eol = text.indexOf('\n', at);
  if (eol === -1) eol = text.length;
  const nameEnd = text.indexOf(' <', at);
  const name = nameEnd === -1 || nameEnd >= eol ? '' : text.slice(at, nameEnd);
  const open = text.indexOf('<', at);
  const close = open === -1 ? -1 : text.indexOf('>', open);
  const email = close === -1 ? '' : text.slice(open + 1, close);
  const dateAt = text.indexOf('> ', at);
  return {name, email, time: dateAt === -1 ? UTC : taggerDate(text, dateAt + 2, eol)};
};

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** `%(taggerdate:raw)` of the text after `> `: git's strtoumax/strtol, printed `%+05d`, re-read. */
const taggerDate = (text: string, at: number, eol: number): Timestamp => {
  // the usual `1704067200 +0530` up to the end of the line
  let i = at;
  while (i < eol && isDigit(text.charCodeAt(i))) i++;
  const sign = text.charCodeAt(i + 1);
  if (
    i > at &&
    i + 6 === eol &&
    text.charCodeAt(i) === 32 &&
    (sign === 43 || sign === 45) &&
    isDigit(text.charCodeAt(i + 2)) &&
    isDigit(text.charCodeAt(i + 3)) &&
    isDigit(text.charCodeAt(i + 4)) &&
    isDigit(text.charCodeAt(i + 5))
  ) {
    const hours = (text.charCodeAt(i + 2) - 48) * 10 + text.charCodeAt(i + 3) - 48;
    const minutes = (text.charCodeAt(i + 4) - 48) * 10 + text.charCodeAt(i + 5) - 48;
    return {seconds: Number(text.slice(at, i)), offsetMinutes: (sign === 45 ? -1 : 1) * (hours * 60 + minutes) + 0};
  }
  const seconds = strtol(text, at);
  const zone = strtol(text, seconds.end);
  const tz = zone.value;
  return parseRawDate(`${seconds.value} ${tz < 0 ? '-' : '+'}${String(Math.abs(tz)).padStart(4, '0')}`);
};

/** C strtol in base 10 on `text` from `at`: leading white space, a sign, digits (none: 0, end = at). */
const strtol = (text: string, at: number): {value: number; end: number} => {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 32 || (text.charCodeAt(i) >= 9 && text.charCodeAt(i) <= 13))) i++;
  let sign = 1;
  if (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 43) {
    if (text.charCodeAt(i) === 45) sign = -1;
    i++;
  }
  const start = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === start) return {value: 0, end: at};
  return {value: sign * Number(text.slice(start, i)), end: i};
};

/** What a directory walk needs of one tree: its subdirectories, and the blob id of one file name. */
export type TreeEntries = {
  readonly trees: readonly (readonly [name: string, id: string])[];
  /** The id of the blob named `fileName` (a regular file, not a link), or null. */
  readonly file: string | null;
};

const TREE_MODE = '40000';

/**
 * A raw tree object (`<mode> <name>\0<binary id>` entries; `idBytes` is 20 for SHA-1, 32 for
 * SHA-256). Submodules (160000) and symbolic links (120000) are neither trees nor files here.
 */
export const parseTreeFor = (raw: Buffer, idBytes: number, fileName: string): TreeEntries => {
  const trees: [string, string][] = [];
  let file: string | null = null;
  const wanted = Buffer.from(fileName, 'utf8');
  let pos = 0;
  while (pos < raw.length) {
    const space = raw.indexOf(32, pos);
    const nul = space === -1 ? -1 : raw.indexOf(0, space + 1);
    if (nul === -1 || nul + 1 + idBytes > raw.length) throw new Error('malformed tree object');
    const mode = raw.toString('latin1', pos, space);
    const idStart = nul + 1;
    if (mode === TREE_MODE) {
      trees.push([raw.toString('utf8', space + 1, nul), raw.toString('hex', idStart, idStart + idBytes)]);
    } else if ((mode === '100644' || mode === '100755') && nul - space - 1 === wanted.length && raw.compare(wanted, 0, wanted.length, space + 1, nul) === 0) {
      file = raw.toString('hex', idStart, idStart + idBytes);
    }
    pos = idStart + idBytes;
  }
  return {trees, file};
};
