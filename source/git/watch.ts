/**
 * Watching a repository's refs without running git: the few files and directories where git
 * keeps what the registry is read from. Tags are loose files under `refs/tags/` (a name with
 * `/` is a subdirectory) or lines of `packed-refs`; HEAD names the branch whose ref a commit
 * moves. In a linked worktree HEAD is the worktree's own and every other ref lives in the
 * common directory. With the reftable backend all refs are in `reftable/`.
 *
 * Nothing else in the git directory is watched: the index, `FETCH_HEAD`, lock files and
 * gto-tui's own `.git/gto-tui/` change without the registry changing. Node 20 has no
 * recursive fs.watch on Linux, so each directory under `refs/tags/` gets its own watcher,
 * and a directory that appears gets one when it does. inotify costs no CPU while nothing
 * changes; the watchers do not keep the process alive.
 */
import {existsSync, readdirSync, readFileSync, watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import type {Repository} from './repository.js';

/**
 * What changed: a tag ref (or packed-refs, or a reftable), or what HEAD points at; `at`: when
 * the last of the changes was seen (performance.now()), so a read started after it has them all.
 */
export type RefChange = {readonly tags: boolean; readonly head: boolean; readonly at: number};

export type RefWatch = {readonly close: () => void};

/** How long the refs must be quiet before a change is reported: git writes a lock, then renames it. */
export const SETTLE_MS = 80;

/** The directory holding the refs every worktree shares (git's `commondir` file), else the git dir. */
export const commonGitDir = (gitDir: string): string => {
  try {
    const text = readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim();
    return text === '' ? gitDir : path.resolve(gitDir, text);
  } catch {
    return gitDir;
  }
};

/** The file of the ref HEAD names (`ref: refs/heads/main`), or null for a detached HEAD. */
const headRefFile = (gitDir: string, commonDir: string): string | null => {
  try {
    const match = /^ref:\s*(refs\/\S+)/.exec(readFileSync(path.join(gitDir, 'HEAD'), 'utf8'));
    if (!match) return null;
    const ref = match[1]!;
    // per-worktree refs stay in the worktree's own directory (git's refs/worktree, refs/bisect)
    const own = ref.startsWith('refs/worktree/') || ref.startsWith('refs/bisect/');
    return path.join(own ? gitDir : commonDir, ...ref.split('/'));
  } catch {
    return null;
  }
};

const isLock = (name: string): boolean => name.endsWith('.lock');

/**
 * Watch `dir` and every directory below it; `onEntry` hears the full path of each entry an
 * event names. A directory created later is watched from then on (its entries made before the
 * watcher started are reported too); one removed drops its watcher.
 */
const watchTree = (dir: string, onEntry: (file: string) => void): RefWatch => {
  const watchers = new Map<string, FSWatcher>();
  const add = (directory: string): void => {
    if (watchers.has(directory)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(directory, {persistent: false}, (_event, name) => {
        if (name === null) return onEntry(directory);
        const file = path.join(directory, name.toString());
        if (!isLock(file)) addIfDirectory(file);
        onEntry(file);
      });
    } catch {
      return; // gone already, or not a directory
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(directory);
    });
    watchers.set(directory, watcher);
    for (const entry of entries(directory)) if (entry.isDirectory()) add(path.join(directory, entry.name));
  };
  const addIfDirectory = (file: string): void => {
    if (watchers.has(file)) {
      if (!existsSync(file)) {
        watchers.get(file)?.close();
        watchers.delete(file);
      }
      return;
    }
    const parent = path.dirname(file);
    if (entries(parent).some((entry) => entry.isDirectory() && entry.name === path.basename(file))) {
      add(file);
      // tags written into it before its watcher started
      for (const entry of entries(file)) onEntry(path.join(file, entry.name));
    }
  };
  add(dir);
  return {
    close: () => {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
};

const entries = (dir: string) => {
  try {
    return readdirSync(dir, {withFileTypes: true});
  } catch {
    return [];
  }
};

/** A watcher on one directory's direct entries (no subdirectories), or nothing when it cannot be watched. */
const watchDirectory = (dir: string, onName: (name: string) => void): RefWatch => {
  try {
    const watcher = watch(dir, {persistent: false}, (_event, name) => {
      if (name !== null) onName(name.toString());
    });
    watcher.on('error', () => watcher.close());
    return {close: () => watcher.close()};
  } catch {
    return {close: () => {}};
  }
};

/**
 * Call `onChange` once the refs have settled after a change to a tag, `packed-refs` or what
 * HEAD points at (a checkout, a commit on the checked-out branch, a reset). Returns the handle
 * that stops watching.
 */
export const watchRefs = (repo: Pick<Repository, 'gitDir'>, onChange: (change: RefChange) => void, settleMs = SETTLE_MS): RefWatch => {
  const gitDir = repo.gitDir;
  const commonDir = commonGitDir(gitDir);
  const refsDir = path.join(commonDir, 'refs');
  const tagsDir = path.join(refsDir, 'tags');
  let branchFile = headRefFile(gitDir, commonDir);
  let pending: RefChange | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const note = (what: 'tags' | 'head'): void => {
    if (closed) return;
    pending = {tags: false, head: false, ...pending, [what]: true, at: performance.now()};
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const change = pending;
      pending = null;
      if (change !== null && !closed) onChange(change);
    }, settleMs);
    timer.unref();
  };

  const parts: RefWatch[] = [];
  const onGitDir = (name: string): void => {
    if (name === 'HEAD') {
      branchFile = headRefFile(gitDir, commonDir);
      note('head');
    } else if (name === 'packed-refs' && gitDir === commonDir) note('tags');
  };
  parts.push(watchDirectory(gitDir, onGitDir));
  if (commonDir !== gitDir) parts.push(watchDirectory(commonDir, (name) => (name === 'packed-refs' ? note('tags') : undefined)));

  const reftable = path.join(commonDir, 'reftable');
  if (existsSync(reftable)) {
    parts.push(watchDirectory(reftable, (name) => (isLock(name) ? undefined : note('tags'))));
  } else {
    let tags: RefWatch | null = null;
    const watchTags = (): void => {
      if (tags === null && existsSync(tagsDir)) {
        tags = watchTree(tagsDir, (file) => (isLock(file) ? undefined : note('tags')));
        parts.push(tags);
      }
    };
    // refs/tags/ is made by `git init`, but a repository may have lost it: watched when it comes back
    parts.push(
      watchDirectory(refsDir, (name) => {
        if (name !== 'tags') return;
        watchTags();
        note('tags');
      }),
    );
    watchTags();
    // the checked-out branch: only its own file counts (a commit elsewhere changes nothing shown)
    const headsDir = path.join(refsDir, 'heads');
    parts.push(watchTree(headsDir, (file) => (file === branchFile ? note('head') : undefined)));
  }

  return {
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      for (const part of parts) part.close();
    },
  };
};
