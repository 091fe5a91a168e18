/**
 * What a fetch changed among the local tags, said in one line for the status line:
 * `Fetched 3 new tags: churn#prod#7, churn@v1.2.0, segment#dev#2; 1 moved: m#dev#4`. Pure.
 */
export type TagChanges = {readonly added: readonly string[]; readonly moved: readonly string[]; readonly removed: readonly string[]};

/** Tags (name → object id) new, at another object, or gone in `after`, each list in name order. */
export const tagChanges = (before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): TagChanges => {
  const added: string[] = [];
  const moved: string[] = [];
  const removed: string[] = [];
  for (const [name, id] of after) {
    const was = before.get(name);
    if (was === undefined) added.push(name);
    else if (was !== id) moved.push(name);
  }
  for (const name of before.keys()) if (!after.has(name)) removed.push(name);
  return {added: added.sort(), moved: moved.sort(), removed: removed.sort()};
};

/** The first few names, then how many more: a status line has one row. */
const NAMED = 3;

const some = (names: readonly string[]): string =>
  names.slice(0, NAMED).join(', ') + (names.length > NAMED ? `, … (${names.length - NAMED} more)` : '');

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `f`'s result: what came, what moved, what went; and the tags git kept because origin's differ. */
export const fetchSummary = (changes: TagChanges, conflicts: readonly string[]): string => {
  const parts: string[] = [];
  if (changes.added.length > 0) parts.push(`${count(changes.added.length, 'new tag')}: ${some(changes.added)}`);
  if (changes.moved.length > 0) parts.push(`${changes.moved.length} moved: ${some(changes.moved)}`);
  if (changes.removed.length > 0) parts.push(`${changes.removed.length} deleted: ${some(changes.removed)}`);
  const kept = conflicts.length === 0 ? '' : `; kept local ${some(conflicts)} (differs on origin)`;
  return (parts.length === 0 ? 'Fetched tags from origin: nothing new' : `Fetched ${parts.join('; ')}`) + kept;
};
