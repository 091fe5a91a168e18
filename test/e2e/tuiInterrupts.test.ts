/**
 * The TUI opened on `-r URL` makes a temporary clone before it takes the screen. Stopped by
 * SIGINT, SIGTERM or SIGHUP while `git clone` runs (held by a `git` wrapper first in PATH), it
 * ends the clone, removes the temporary directory, says so and exits 130/143/129.
 */
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {after, describe, test} from 'node:test';
import {applyTestEnv, commit, makeBareRemote, makeRepo, removeTempDirs, T0, tag, tempDir} from '../helpers/repo.js';
import {isRunning, slowGit, waitUntil} from '../reliability/cli.js';
import {cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();

const skip = tmuxMissing();
if (skip !== null) console.log(`# ${skip}`);

const EXIT = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;

/** The parent of process `pid` (the program that started it). */
const parentOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

describe('the TUI stopped while cloning -r URL (tmux)', {skip: skip ?? false}, () => {
  const terms: Terminal[] = [];
  after(() => {
    for (const term of terms) term.kill();
    removeTempDirs();
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    test(`${signal}: the clone is ended and removed, one line, exit ${EXIT[signal]}`, async () => {
      const repo = makeRepo();
      commit(repo, 'one', {'model.bin': '1'}, {time: T0});
      tag(repo, 'm@v1.0.0', {time: T0 + 60});
      const remote = makeBareRemote(repo);
      const tmp = tempDir();
      const git = slowGit();
      const term = startTerminal({columns: 100, rows: 30, cwd: tempDir()});
      terms.push(term);
      term.run(cliCommand(['-r', `file://${remote}`], {...git.env(' clone '), TMPDIR: tmp}), '; echo "exit=$?"');

      assert.ok(await waitUntil(() => git.lines().some((line) => line.startsWith('held ')), 20_000), `the clone started:\n${term.screen()}`);
      const held = git.lines().find((line) => line.startsWith('held '))!;
      const [wrapper, sleeper] = held.split(' ').slice(1, 3).map(Number) as [number, number];
      assert.ok(readdirSync(tmp).some((name) => name.startsWith('gto-tui-clone-')), 'the temporary directory exists');
      process.kill(parentOf(wrapper), signal);

      const screen = await term.waitForText(/exit=\d+/);
      assert.match(screen, new RegExp(`Interrupted by ${signal}; the temporary clone was removed\\.`));
      assert.match(screen, new RegExp(`exit=${EXIT[signal]}`));
      assert.deepEqual(readdirSync(tmp), [], 'no temporary clone left');
      assert.ok(await waitUntil(() => !isRunning(wrapper) && !isRunning(sleeper)), 'git clone was ended');
    });
  }
});
