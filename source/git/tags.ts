/**
 * Reading every tag in one `git for-each-ref` (spec §12: the cost GTO pays per tag, #156, is
 * the thing to avoid). This is the hot path: one process, one string, one pass.
 */
import type {ObjectType, Signature, TagRecord, Timestamp} from '../registry/records.js';
import {StringDecoder} from 'node:string_decoder';
import {GitError, gitOutput, inRepo, streamGit} from './exec.js';
import type {Repository} from './repository.js';

/**
 * Fields are NUL-separated (NUL cannot occur in ref names, ids, identities or dates, and git
 * cuts a message at its first NUL). for-each-ref ends each record with LF, so a record is
 * exactly nine fields, the last one followed by "\n": checked while parsing.
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
const PREFIX = 'refs/tags/';

/**
 * All tags, sorted by name in byte order (for-each-ref's default `refname` sort, which is the
 * order GTO uses as its tie-breaker, §0.3). A tag on a tag is peeled to the final object with
 * one extra `cat-file --batch-check`, only when such tags exist: git 2.39's `%(*…)` peels once.
 * `onRecord` sees each record as soon as it is parsed, while git is still listing (records
 * of tags on tags before peeling).
 */
export const readTagRecords = async (repo: Repository, onRecord?: (record: TagRecord) => void): Promise<TagRecord[]> => {
  const records: TagRecord[] = [];
  let nested = false;
  const parser = new TagRecordParser((record) => {
    records.push(record);
    if (record.kind === 'annotated' && record.targetType === 'tag') nested = true;
    onRecord?.(record);
  });
  await streamGit(['for-each-ref', `--format=${FORMAT}`, 'refs/tags'], inRepo(repo), (chunk) => parser.write(chunk));
  parser.end();
  if (!nested) return records;
  const tagTargets = records.filter((record) => record.kind === 'annotated' && record.targetType === 'tag').map((record) => record.target);
  const peeled = await peelFully(repo, [...new Set(tagTargets)]);
  return records.map((record) => {
    if (record.kind !== 'annotated' || record.targetType !== 'tag') return record;
    const final = peeled.get(record.target);
    return final === undefined ? record : {...record, target: final.sha, targetType: final.type};
  });
};

/** Parse for-each-ref output produced with FORMAT. Exported for tests and benchmarks. */
export const parseTagRecords = (output: string): TagRecord[] => {
  const records: TagRecord[] = [];
  const parser = new TagRecordParser((record) => records.push(record));
  parser.write(output);
  parser.end();
  return records;
};

/**
 * for-each-ref output (FORMAT) parsed incrementally: `write` the chunks as they come, then
 * `end`. A record is complete once the next record's first NUL (or the end) is seen.
 */
export class TagRecordParser {
  private readonly decoder = new StringDecoder('utf8');
  /** The unparsed start of the current record. */
  private rest = '';
  /** Text after `rest` without any NUL: a long message is joined once, not rescanned per chunk. */
  private readonly waiting: string[] = [];
  private consumed = 0;

  constructor(private readonly onRecord: (record: TagRecord) => void) {}

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (text.indexOf('\0') === -1) {
      if (text !== '') this.waiting.push(text);
      return;
    }
    this.parse(this.take() + text, false);
  }

  end(): void {
    this.parse(this.take() + this.decoder.end(), true);
  }

  private take(): string {
    const text = this.waiting.length === 0 ? this.rest : this.rest + this.waiting.join('');
    this.waiting.length = 0;
    return text;
  }

  private parse(output: string, final: boolean): void {
    let pos = 0;
    const length = output.length;
    while (pos < length) {
      const start = pos;
      const n1 = output.indexOf('\0', pos);
      const n2 = n1 === -1 ? -1 : output.indexOf('\0', n1 + 1);
      const n3 = n2 === -1 ? -1 : output.indexOf('\0', n2 + 1);
      const n4 = n3 === -1 ? -1 : output.indexOf('\0', n3 + 1);
      const n5 = n4 === -1 ? -1 : output.indexOf('\0', n4 + 1);
      const n6 = n5 === -1 ? -1 : output.indexOf('\0', n5 + 1);
      const n7 = n6 === -1 ? -1 : output.indexOf('\0', n6 + 1);
      const n8 = n7 === -1 ? -1 : output.indexOf('\0', n7 + 1);
      if (n8 === -1) {
        if (final) throw malformed(this.consumed + start);
        break;
      }
      pos = n8 + 1;
      // The message may contain "\n" but never NUL, and ref names contain neither: so the
      // message ends at the last "\n" before the next record's first NUL (or the output's end).
      const nextNul = output.indexOf('\0', pos);
      if (nextNul === -1 && !final) {
        pos = start;
        break;
      }
      const end = nextNul === -1 ? length - 1 : output.lastIndexOf('\n', nextNul);
      if (end < pos || output.charCodeAt(end) !== 10) throw malformed(this.consumed + pos);
      if (!output.startsWith(PREFIX, start)) throw malformed(this.consumed + start);
      const name = output.slice(start + PREFIX.length, n1);
      const type = output.slice(n1 + 1, n2);
      if (type !== 'tag') {
        this.onRecord({kind: 'lightweight', name, target: output.slice(n2 + 1, n3), targetType: objectType(type)});
      } else {
        const email = output.slice(n6 + 1, n7);
        const tagger: Signature = {name: output.slice(n5 + 1, n6), email: stripAngles(email), time: parseRawDate(output.slice(n7 + 1, n8))};
        this.onRecord({
          kind: 'annotated',
          name,
          target: output.slice(n4 + 1, n5),
          targetType: objectType(output.slice(n3 + 1, n4)),
          tagger,
          message: output.slice(pos, end),
        });
      }
      pos = end + 1;
    }
    this.consumed += pos;
    this.rest = pos === 0 ? output : output.slice(pos);
  }
}

const stripAngles = (email: string): string =>
  email.length >= 2 && email.charCodeAt(0) === 60 && email.charCodeAt(email.length - 1) === 62 ? email.slice(1, -1) : email;

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
