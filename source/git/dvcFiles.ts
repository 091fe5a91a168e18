/**
 * Every `dvc.yaml` in a commit's tree, read through the cat-file batch the registry read
 * already runs (spec §12: no process per directory, per file or per tag). The trees are walked
 * one directory level per group of requests, each distinct tree read once; what the walk finds
 * (paths and blob ids) and the files' text are kept in the object cache, so the next read of the
 * same commit asks git for nothing.
 */
import {DVC_FILE, type DvcFile} from '../registry/dvc.js';
import type {DvcBlob, ObjectCache} from './objectCache.js';
import type {ObjectReader} from './objects.js';
import {parseTreeFor, type TreeEntries} from './parseObjects.js';
import {GitError} from './exec.js';

type Pending = {readonly dir: string; readonly id: string};

const byPath = (a: {path: string}, b: {path: string}): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The dvc.yaml blobs of `commit`'s tree, in path order; none when `commit` names no commit. */
export const findDvcFiles = async (reader: ObjectReader, commit: string): Promise<DvcBlob[]> => {
  const [root] = await reader.ask([{verb: 'contents', object: `${commit}^{tree}`}]);
  if (root?.kind !== 'found' || root.contents === null) return [];
  const idBytes = root.oid.length / 2;
  const found: DvcBlob[] = [];
  const trees = new Map<string, TreeEntries>([[root.oid, parseTreeFor(root.contents, idBytes, DVC_FILE)]]);
  let level: Pending[] = [{dir: '', id: root.oid}];
  while (level.length > 0) {
    // a tree seen at several paths (a copied directory) is read once
    const unread = [...new Set(level.map((p) => p.id))].filter((id) => !trees.has(id));
    if (unread.length > 0) {
      const answers = await reader.ask(unread.map((id) => ({verb: 'contents' as const, object: id})));
      unread.forEach((id, i) => {
        const answer = answers[i];
        if (answer?.kind !== 'found' || answer.contents === null) throw new GitError(`missing tree ${id} in ${commit}`, ['cat-file'], 0, '');
        trees.set(id, parseTreeFor(answer.contents, idBytes, DVC_FILE));
      });
    }
    const next: Pending[] = [];
    for (const {dir, id} of level) {
      const entries = trees.get(id)!;
      if (entries.file !== null) found.push({path: dir === '' ? DVC_FILE : `${dir}/${DVC_FILE}`, blob: entries.file});
      for (const [name, child] of entries.trees) next.push({dir: dir === '' ? name : `${dir}/${name}`, id: child});
    }
    level = next;
  }
  return found.sort(byPath);
};

/** The dvc.yaml files of `commit` with their text when the object cache knows them all, else null. */
export const cachedDvcFiles = (cache: ObjectCache, commit: string): DvcFile[] | null => {
  const blobs = cache.dvcFiles(commit);
  if (blobs === undefined) return null;
  const files: DvcFile[] = [];
  for (const {path, blob} of blobs) {
    const text = cache.blob(blob);
    if (text === undefined) return null;
    files.push({path, text});
  }
  return files;
};

/**
 * The dvc.yaml files of `commit` with their text: from the object cache when it knows them,
 * else through `objects()` (the read's cat-file, started only when needed), remembered there.
 */
export const readDvcFiles = async (objects: () => ObjectReader, cache: ObjectCache | null, commit: string): Promise<DvcFile[]> => {
  let blobs = cache?.dvcFiles(commit);
  if (blobs === undefined) {
    blobs = await findDvcFiles(objects(), commit);
    cache?.addDvcFiles(commit, blobs);
  }
  const texts = new Map<string, string>();
  for (const {blob} of blobs) {
    const known = cache?.blob(blob);
    if (known !== undefined) texts.set(blob, known);
  }
  const unread = [...new Set(blobs.map(({blob}) => blob))].filter((blob) => !texts.has(blob));
  if (unread.length > 0) {
    const answers = await objects().ask(unread.map((id) => ({verb: 'contents' as const, object: id})));
    unread.forEach((id, i) => {
      const answer = answers[i];
      if (answer?.kind !== 'found' || answer.contents === null) throw new GitError(`missing blob ${id} in ${commit}`, ['cat-file'], 0, '');
      const text = answer.contents.toString('utf8');
      texts.set(id, text);
      cache?.addBlob(id, text);
    });
  }
  return blobs.map(({path, blob}) => ({path, text: texts.get(blob)!}));
};
