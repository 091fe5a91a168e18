/**
 * What the terminal receives for one key, in a real terminal (tmux `pipe-pane`, CI unset): a
 * cursor move in a 300-artifact grid at 200×50 rewrites the rows that changed, not the screen.
 * ink-testing-library cannot show this: it hands over whole frames.
 */
import assert from 'node:assert/strict';
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, importHistory, makeRepo, removeTempDirs, tempDir, type ImportTag} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();

const skip = tmuxMissing();
if (skip !== null) console.log(`# ${skip}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const name = (i: number): string => `model-${String(i).padStart(3, '0')}`;

describe('repainting in a real terminal (tmux)', {skip: skip ?? false}, () => {
  let repo: string;
  let term: Terminal | null = null;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does: npm run build)`);
    repo = makeRepo();
    const tags: ImportTag[] = [];
    for (let i = 0; i < 300; i++) {
      tags.push({name: `${name(i)}@v1.${i % 7}.0`, commit: 0, message: 'r', time: T0 + i});
      tags.push({name: `${name(i)}#prod#1`, commit: 0, message: 'a', time: T0 + 400 + i});
    }
    importHistory(repo, {commits: [{message: 'one', files: {'.gto': 'stages: [dev, staging, prod]\n'}}], tags});
  });
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  test('one cursor move at 200×50 writes the rows that changed: no clear, at most a tenth of a full repaint', async () => {
    term = startTerminal({columns: 200, rows: 50, cwd: ROOT});
    const t = term;
    const log = path.join(tempDir('gto-tui-pipe-'), 'pane.out');
    t.record(log);
    t.run(cliCommand(['--no-remote', '-r', repo]));
    await t.waitFor((s) => /^▶ .*model-000/m.test(s) && s.includes(name(40)), 'the grid');
    // the screen is still: every frame of the start has been written
    let size = -1;
    while (statSync(log).size !== size) {
      size = statSync(log).size;
      await sleep(400);
    }
    const fullRepaint = t.styledScreen().length;

    await t.key('j');
    await t.waitFor((s) => /^▶ .*model-001/m.test(s), 'the cursor on the second artifact');
    await sleep(400);
    const written = readFileSync(log).subarray(size).toString('utf8');
    assert.ok(!written.includes('\x1b[2J'), `no screen clear for a cursor move: ${JSON.stringify(written.slice(0, 80))}`);
    assert.ok(
      written.length <= fullRepaint / 10,
      `${written.length} bytes for one cursor move; a full repaint of this screen is ${fullRepaint}`,
    );
    await t.key('q');
  });
});
