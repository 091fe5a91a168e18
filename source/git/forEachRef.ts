/**
 * The cold listing: every tag with the fields a registry needs, in one `git for-each-ref`
 * (spec §12), and its parser.
 */
import {StringDecoder} from 'node:string_decoder';
import type {ObjectType, Signature, TagRecord} from '../registry/records.js';
import {GitError} from './exec.js';
import {parseRawDate} from './parseObjects.js';

/**
 * Fields are NUL-separated (NUL cannot occur in ref names, ids, identities or dates, and git
 * cuts a message at its first NUL). for-each-ref ends each record with LF, so a record is
 * exactly nine fields, the last one followed by "\n": checked while parsing.
 * `%(contents)` of a lightweight tag is its commit's message, which the parser skips: asking
 * for it only on tag objects (`%(if:equals=tag)…`) costs git more per ref (~10% at 50,000 tags)
 * than the few commit messages cost.
 */
export const FORMAT = [
  '%(refname)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objecttype)',
  '%(*objectname)',
  '%(taggername)',
  '%(taggeremail)',
  '%(taggerdate:raw)',
  '%(contents)',
].join('%00');
export const PREFIX = 'refs/tags/';

/** Parse for-each-ref output produced with FORMAT. Exported for tests and benchmarks. */
export const parseTagRecords = (output: string): TagRecord[] => {
  const records: TagRecord[] = [];
  const parser = new TagRecordParser((record) => {
    records.push(record);
  });
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

  constructor(
    private readonly onRecord: (record: TagRecord, id: string) => void,
    /** A ref outside refs/tags (a replace ref listed beside the tags); without it, such a ref is malformed output. */
    private readonly onOtherRef?: () => void,
  ) {}

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
      if (!output.startsWith(PREFIX, start)) {
        if (this.onOtherRef === undefined || !output.startsWith('refs/', start)) throw malformed(this.consumed + start);
        this.onOtherRef();
        pos = end + 1;
        continue;
      }
      const name = output.slice(start + PREFIX.length, n1);
      const type = output.slice(n1 + 1, n2);
      if (type !== 'tag') {
        const target = output.slice(n2 + 1, n3);
        this.onRecord({kind: 'lightweight', name, target, targetType: objectType(type)}, target);
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
        }, output.slice(n2 + 1, n3));
      }
      pos = end + 1;
    }
    this.consumed += pos;
    this.rest = pos === 0 ? output : output.slice(pos);
  }
}

const stripAngles = (email: string): string =>
  email.length >= 2 && email.charCodeAt(0) === 60 && email.charCodeAt(email.length - 1) === 62 ? email.slice(1, -1) : email;

export const objectTypes: ReadonlySet<string> = new Set(['commit', 'tree', 'blob', 'tag']);
export const objectType = (type: string): ObjectType => {
  if (objectTypes.has(type)) return type as ObjectType;
  throw new GitError(`unexpected object type '${type}' in git for-each-ref output`, ['for-each-ref'], 0, '');
};

export const malformed = (offset: number): GitError =>
  new GitError(`unexpected git for-each-ref output at offset ${offset}`, ['for-each-ref'], 0, '');
