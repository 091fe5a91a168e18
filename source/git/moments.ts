/**
 * The moment a git ref names (`--as-of churn#prod#3`, `--until main`): an annotated tag's tagger
 * time, otherwise the committer time of the commit it names. Asked of the cat-file process the
 * read already runs, so a ref costs no process of its own.
 */
import type {Timestamp} from '../registry/records.js';
import type {ObjectReader} from './objects.js';
import {parseCommit, parseTagObject} from './parseObjects.js';

/** Each ref's moment, or null when it names no tag or commit. */
export const refMoments = async (objects: ObjectReader, refs: readonly string[]): Promise<Map<string, Timestamp | null>> => {
  const moments = new Map<string, Timestamp | null>();
  const unique = [...new Set(refs)];
  const answers = await objects.ask(unique.map((ref) => ({verb: 'contents' as const, object: ref})));
  unique.forEach((ref, i) => {
    const answer = answers[i];
    let moment: Timestamp | null = null;
    if (answer?.kind === 'found' && answer.contents !== null) {
      const text = answer.contents.toString('utf8');
      if (answer.type === 'tag') moment = parseTagObject(text).tagger.time;
      else if (answer.type === 'commit') moment = parseCommit(text).committer.time;
    }
    moments.set(ref, moment);
  });
  return moments;
};
