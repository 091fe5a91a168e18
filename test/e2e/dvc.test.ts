/**
 * The README's captures of the TUI on a DVC monorepo (section "DVC's dvc.yaml") are the built
 * app's screens: the same repository, made again, shown in tmux at 100×30, must print them
 * (header path aside).
 */
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {makeDvcExample} from '../helpers/dvcMonorepo.js';
import {applyTestEnv, makeRepo, removeTempDirs, tempDir} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();

const skip = tmuxMissing();
if (skip !== null) console.log(`# ${skip}`);

/** The README's `text` blocks of the section, in order. */
const readmeCaptures = (): string[] => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf("## DVC's dvc.yaml"), readme.indexOf('## Where gto-tui differs from GTO'));
  return [...section.matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
};

/** Runs of blank rows shortened to one, as the README prints screens; the header's paths left out. */
const normalized = (screen: string): string =>
  screen
    .replace(/\n(?:\n)+/g, '\n\n')
    .replace(/^gto-tui \S+ {2}⎇ main {2}origin \S+$/m, 'gto-tui REPO  ⎇ main  origin ORIGIN');

describe("the README's dvc.yaml captures (tmux)", {skip: skip ?? false}, () => {
  let repo: string;
  let term: Terminal | null = null;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does: npm run build)`);
    repo = makeRepo();
    const originDir = path.join(tempDir('gto-tui-origin-'), 'origin.git');
    mkdirSync(originDir);
    makeDvcExample(repo, originDir);
  });
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  test('the grid with a malformed dvc.yaml, and the panel of cv:pool-segmentation', async () => {
    const [grid, panel] = readmeCaptures();
    assert.ok(grid !== undefined && panel !== undefined, 'two text captures in the section');
    term = startTerminal({columns: 100, rows: 30, cwd: repo});
    const t = term;
    t.run(cliCommand([]));
    // settled: origin answered and the header's spinner gone (a frame can show one without the other)
    const first = await t.waitFor((s) => s.includes('all pushed') && s.includes('draft-model') && !s.includes('Asking origin'), 'the grid, origin answered');
    assert.equal(normalized(first), normalized(grid));
    await t.key('Down');
    await t.key('Enter');
    const second = await t.waitForText('History [all]');
    assert.equal(normalized(second), normalized(panel));
    await t.key('q');
  });
});
