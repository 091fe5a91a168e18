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
 * Whether git `waiting` (a subcommand) runs while `other` starts: with a git first in PATH whose
 * `waiting` holds on (up to `patienceMs`) until `other` has started, then goes on as usual. A
 * command that starts `other` only after `waiting` has finished makes it wait in vain.
 */
export const overlaps = async <T>(waiting: string, other: string, work: () => Promise<T>, patienceMs = 2000): Promise<{overlapped: boolean; result: T}> => {
  const realGit = execFileSync('which', ['git'], {encoding: 'utf8'}).trim();
  const bin = tempDir('gto-tui-bin-');
  const mark = path.join(bin, 'started');
  const log = path.join(bin, 'log');
  writeFileSync(log, '');
  const tries = Math.ceil(patienceMs / 50);
  writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh
if [ "$1" = '${other}' ]; then : > '${mark}'; fi
if [ "$1" = '${waiting}' ]; then
  i=0
  while [ ! -e '${mark}' ] && [ $i -lt ${tries} ]; do sleep 0.05; i=$((i+1)); done
  if [ -e '${mark}' ]; then echo overlapped >> '${log}'; else echo alone >> '${log}'; fi
fi
exec '${realGit}' "$@"
`,
  );
  chmodSync(path.join(bin, 'git'), 0o755);
  const savedPath = process.env['PATH'];
  process.env['PATH'] = `${bin}${path.delimiter}${savedPath ?? ''}`;
  let result: T;
  try {
    result = await work();
  } finally {
    process.env['PATH'] = savedPath;
  }
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  if (lines.length !== 1) throw new Error(`git ${waiting} ran ${lines.length} times`);
  return {overlapped: lines[0] === 'overlapped', result};
};

/**
 * Run `work` with the logging git first in `process.env.PATH` (git is spawned with process.env),
 * and return its result with the subcommands it started, sorted: reads start some concurrently,
 * so the set and the count matter, not the order. `work` may ask what has started so far.
 */
export const withLoggedGit = async <T>(work: (soFar: () => string[]) => Promise<T>): Promise<{processes: string[]; result: T; commandLines: string[]}> => {
  const realGit = execFileSync('which', ['git'], {encoding: 'utf8'}).trim();
  const bin = tempDir('gto-tui-bin-');
  const log = path.join(bin, 'log');
  const lines = path.join(bin, 'lines');
  writeFileSync(log, '');
  writeFileSync(lines, '');
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\nprintf '%s\\n' "$*" >> '${lines}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  const savedPath = process.env['PATH'];
  process.env['PATH'] = `${bin}${path.delimiter}${savedPath ?? ''}`;
  const soFar = (): string[] => readFileSync(log, 'utf8').split('\n').filter(Boolean).sort();
  let result: T;
  try {
    result = await work(soFar);
  } finally {
    process.env['PATH'] = savedPath;
  }
  // whole command lines too: a subcommand after `-c name=value` options is logged as `-c` above
  return {processes: soFar(), result, commandLines: readFileSync(lines, 'utf8').split('\n').filter(Boolean)};
};
