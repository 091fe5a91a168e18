/**
 * zsh completes only inside its line editor, so its script is tried the way a person uses it:
 * zsh in a real terminal (tmux), compinit, the script sourced, then Tab. bash and fish are
 * asked directly by test/commands/completion.test.ts.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {applyTestEnv, commit, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {CLI, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

const zshMissing = (): string | null => (spawnSync('zsh', ['--version']).status === 0 ? null : 'zsh is not installed (apt-get install zsh; .ci/run installs it)');
const skip = tmuxMissing() ?? zshMissing();

describe('zsh completion in a real terminal', {skip: skip ?? false}, () => {
  let term: Terminal;
  before(async () => {
    applyTestEnv();
    const repo = makeRepo();
    commit(repo, 'one', {'.gto': 'stages: [dev, prod]\n'});
    tag(repo, 'churn@v1.0.0');
    tag(repo, 'segment@v0.1.0');
    commit(repo, 'two');
    tag(repo, 'churn@v1.1.0', {time: 1704067300});
    const bin = tempDir('gto-tui-bin-');
    writeFileSync(path.join(bin, 'gto-tui'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
    chmodSync(path.join(bin, 'gto-tui'), 0o755);
    term = startTerminal({columns: 100, rows: 20, cwd: repo, shellEnv: {PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: tempDir('gto-tui-home-')}});
    // zsh without any rc file; the prompt marks that zsh (not bash) is answering
    term.run(['env', 'PS1=zsh> ', 'zsh', '-f']);
    await term.waitForText('zsh>');
    term.run(['autoload', '-U', 'compinit'], ' && compinit -u && source <(gto-tui completion zsh) && echo loaded');
    await term.waitForText(/^loaded$/m);
  });
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  /** On a cleared screen, type `line`, press Tab, and wait for `expected`. */
  const tab = async (line: string, expected: RegExp): Promise<void> => {
    await term.key('C-c', 100);
    await term.key('C-l', 100);
    await term.waitFor((screen) => screen === 'zsh>', 'a clear screen');
    await term.type(line, 10);
    await term.key('Tab', 100);
    await term.waitForText(expected);
  };

  test('Tab completes a command, an artifact, a version after NAME@ and a choice', async () => {
    await tab('gto-tui hist', /^zsh> gto-tui history$/m);
    await tab('gto-tui show seg', /^zsh> gto-tui show segment$/m);
    await tab('gto-tui show churn@v1.1', /^zsh> gto-tui show churn@v1\.1\.0$/m);
    await tab('gto-tui show --sort sem', /^zsh> gto-tui show --sort semver$/m);
  });

  test('Tab lists the candidates when there are several, with descriptions for options', async () => {
    await tab('gto-tui assign churn --stage ', /^dev\s+prod\s*$/m);
    await tab('gto-tui show --so', /^zsh> gto-tui show --sort$/m);
    await tab('gto-tui show --r', /--ro\s+-- Show only registered versions/);
  });
});
