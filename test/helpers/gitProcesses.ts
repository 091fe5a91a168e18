/**
 * Counting git processes: tests that hold a command to a fixed set of git processes, whatever the
 * number of tags, commits or directories, put a `git` first in PATH that logs each subcommand and
 * then runs the real git.
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {tempDir} from './repo.js';

/**
 * Run `work` with the logging git first in `process.env.PATH` (git is spawned with process.env),
 * and return its result with the subcommands it started, sorted: reads start some concurrently,
 * so the set and the count matter, not the order. `work` may ask what has started so far.
 * `started` is the same list in the order git was started, for a test about what starts first.
 */
export const withLoggedGit = async <T>(work: (soFar: () => string[]) => Promise<T>): Promise<{processes: string[]; started: string[]; result: T}> => {
  const realGit = execFileSync('which', ['git'], {encoding: 'utf8'}).trim();
  const bin = tempDir('gto-tui-bin-');
  const log = path.join(bin, 'log');
  writeFileSync(log, '');
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  const savedPath = process.env['PATH'];
  process.env['PATH'] = `${bin}${path.delimiter}${savedPath ?? ''}`;
  const inOrder = (): string[] => readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const soFar = (): string[] => inOrder().sort();
  let result: T;
  try {
    result = await work(soFar);
  } finally {
    process.env['PATH'] = savedPath;
  }
  return {processes: soFar(), started: inOrder(), result};
};
