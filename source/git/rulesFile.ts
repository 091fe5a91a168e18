/**
 * `.gto-tui.yaml` at a commit, through the cat-file batch the registry read already runs (no
 * process of its own): the promotion rules in effect are the committed ones.
 */
import {RULES_FILE} from '../registry/rules.js';
import type {ObjectReader} from './objects.js';

/** The file's text at `commit`, or null when the commit has none (or has a directory there). */
export const readRulesText = async (reader: ObjectReader, commit: string): Promise<string | null> => {
  const [answer] = await reader.ask([{verb: 'contents', object: `${commit}:${RULES_FILE}`}]);
  return answer?.kind === 'found' && answer.type === 'blob' && answer.contents !== null ? answer.contents.toString('utf8') : null;
};
