/**
 * Reading every tag in one `git for-each-ref` (spec §12: the cost GTO pays per tag, #156, is
 * the thing to avoid). This is the hot path: one process, one string, one pass.
 */
import type {ObjectType, Signature, TagRecord, Timestamp} from '../registry/records.js';
import {GitError, gitOutput, inRepo} from './exec.js';
import type {Repository} from './repository.js';

/**
 * Fields are NUL-separated (NUL cannot occur in ref names, ids, identities or dates, and git
 * cuts a message at its first NUL). for-each-ref ends each record with LF, so a record is
 * exactly FIELD_COUNT fields, the last one followed by "\n": checked while parsing.
 * The message is asked for only on tag objects, so lightweight tags don't read their commit.
 */
const FORMAT = [
  '%(refname)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objecttype)',
  '%(*objectname)',
  '%(taggername)',
  '%(taggeremail)',
  '%(taggerdate:raw)',
  '%(if:equals=tag)%(objecttype)%(then)%(contents)%(end)',
].join('%00');
const FIELD_COUNT = 9;
const PREFIX = 'refs/tags/';

/**
 * All tags, sorted by name in byte order (for-each-ref's default `refname` sort, which is the
 * order GTO uses as its tie-breaker, §0.3). A tag on a tag is peeled to the final object with
 * one extra `cat-file --batch-check`, only when such tags exist: git 2.39's `%(*…)` peels once.
 */
export const readTagRecords = async (repo: Repository): Promise<TagRecord[]> => {
  const output = await gitOutput(['for-each-ref', `--format=${FORMAT}`, 'refs/tags'], inRepo(repo));
  const records = parseTagRecords(output);
  const nested = records.filter((record) => record.kind === 'annotated' && record.targetType === 'tag');
  if (nested.length === 0) return records;
  const peeled = await peelFully(repo, [...new Set(nested.map((record) => record.target))]);
  return records.map((record) => {
    if (record.kind !== 'annotated' || record.targetType !== 'tag') return record;
    const final = peeled.get(record.target);
    return final === undefined ? record : {...record, target: final.sha, targetType: final.type};
  });
};

/** Parse for-each-ref output produced with FORMAT. Exported for tests and benchmarks. */
export const parseTagRecords = (output: string): TagRecord[] => {
  const records: TagRecord[] = [];
  const fields: string[] = new Array<string>(FIELD_COUNT);
  let pos = 0;
  while (pos < output.length) {
    for (let i = 0; i < FIELD_COUNT - 1; i++) {
      const end = output.indexOf('\0', pos);
      if (end === -1) throw malformed(pos);
      fields[i] = output.slice(pos, end);
      pos = end + 1;
    }
    // The message may contain "\n" but never NUL, and ref names contain neither: so the
    // message ends at the last "\n" before the next record's first NUL (or the output's end).
    const nextNul = output.indexOf('\0', pos);
    const end = nextNul === -1 ? output.length - 1 : output.lastIndexOf('\n', nextNul);
    if (end < pos || output.charCodeAt(end) !== 10) throw malformed(pos);
    fields[FIELD_COUNT - 1] = output.slice(pos, end);
    pos = end + 1;
    records.push(toRecord(fields));
  }
  return records;
};

const toRecord = (fields: string[]): TagRecord => {
  const [refname = '', type = '', objectname = '', peeledType = '', peeledName = '', taggerName = '', taggerEmail = '', date = '', message = ''] =
    fields;
  if (!refname.startsWith(PREFIX)) throw malformed(0);
  const name = refname.slice(PREFIX.length);
  if (type !== 'tag') return {kind: 'lightweight', name, target: objectname, targetType: objectType(type)};
  const tagger: Signature = {name: taggerName, email: stripAngles(taggerEmail), time: parseRawDate(date)};
  return {kind: 'annotated', name, target: peeledName, targetType: objectType(peeledType), tagger, message};
};

const stripAngles = (email: string): string =>
  email.startsWith('<') && email.endsWith('>') ? email.slice(1, -1) : email;

/**
 * `1704067200 +0530` → seconds and offset minutes. A tag object without a tagger line (possible
 * in very old repositories) yields time 0 at UTC rather than failing the whole listing.
 */
export const parseRawDate = (raw: string): Timestamp => {
  const space = raw.indexOf(' ');
  if (space === -1) return {seconds: Number(raw) || 0, offsetMinutes: 0};
  const seconds = Number(raw.slice(0, space)) || 0;
  const offset = raw.slice(space + 1);
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.replace(/^[+-]/, '');
  const hours = Number(digits.slice(0, -2)) || 0;
  const minutes = Number(digits.slice(-2)) || 0;
  // `+ 0` turns the -0 of `-0000` into 0.
  return {seconds, offsetMinutes: sign * (hours * 60 + minutes) + 0};
};

const objectTypes: ReadonlySet<string> = new Set(['commit', 'tree', 'blob', 'tag']);
const objectType = (type: string): ObjectType => {
  if (objectTypes.has(type)) return type as ObjectType;
  throw new GitError(`unexpected object type '${type}' in git for-each-ref output`, ['for-each-ref'], 0, '');
};

const malformed = (offset: number): GitError =>
  new GitError(`unexpected git for-each-ref output at offset ${offset}`, ['for-each-ref'], 0, '');

/** sha of a tag object → the object at the end of its tag chain. */
const peelFully = async (repo: Repository, tagShas: readonly string[]): Promise<Map<string, {sha: string; type: ObjectType}>> => {
  const output = await gitOutput(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    ...inRepo(repo),
    input: tagShas.map((sha) => `${sha}^{}\n`).join(''),
  });
  const peeled = new Map<string, {sha: string; type: ObjectType}>();
  output
    .split('\n')
    .slice(0, tagShas.length)
    .forEach((line, i) => {
      const [sha, type] = line.split(' ');
      const tag = tagShas[i];
      if (tag !== undefined && sha !== undefined && type !== undefined && objectTypes.has(type)) {
        peeled.set(tag, {sha, type: type as ObjectType});
      }
    });
  return peeled;
};

/** Just the tag names, byte-sorted (cheap: no object is read). */
export const tagNames = async (repo: Repository): Promise<string[]> => {
  const output = await gitOutput(['for-each-ref', '--format=%(refname)', 'refs/tags'], inRepo(repo));
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (line.startsWith(PREFIX) ? line.slice(PREFIX.length) : line));
};
