/**
 * The timeline in a real terminal (tmux, 100×30, NO_COLOR): `[`, `]`, `{`, `}` and `T` arrive
 * as typed, the header and the ◆ markers show without colour, and `Esc` gives the grid back.
 */
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, gitDate, makeRepo, removeTempDirs} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();

const skip = tmuxMissing();
const HOUR = 3600;

const tagBy = (repo: string, who: string, name: string, target: string, time: number): void => {
  git(repo, ['tag', '-a', '-m', name, '--', name, target], {env: {GIT_COMMITTER_NAME: who, GIT_COMMITTER_DATE: gitDate(time)}});
};

describe('the timeline in a real terminal (tmux)', {skip: skip ?? false}, () => {
  let repo: string;
  let term: Terminal | null = null;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does: npm run build)`);
    repo = makeRepo();
    const c1 = commit(repo, 'one', {'.gto': 'stages: [dev, prod]\n'}, {time: T0});
    tagBy(repo, 'Alice Ops', 'churn@v1.0.0', c1, T0 + HOUR);
    tagBy(repo, 'Alice Ops', 'churn#prod#1', c1, T0 + 2 * HOUR);
    const c2 = commit(repo, 'two', {'m': '2'}, {time: T0 + 30 * HOUR});
    tagBy(repo, 'Carol Diaz', 'churn@v3.0.0', c2, T0 + 44 * HOUR);
    tagBy(repo, 'Carol Diaz', 'churn#prod#2', c2, T0 + 45 * HOUR);
  });
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  test('t, [ ] { } and T move through the past; ◆ marks the change without colour; Esc is now again', async () => {
    term = startTerminal({columns: 100, rows: 30, cwd: ROOT});
    const t = term;
    t.run(cliCommand(['-r', repo], {NO_COLOR: '1', TZ: 'UTC'}));
    await t.waitForText(/churn\s+\S?v3\.0\.0\s+-\s+\S?v3\.0\.0/);
    await t.key('t');
    let screen = await t.waitForText('as of 2024-01-02 21:00 · Carol Diaz assigned churn v3.0.0 to prod · event 4/4');
    assert.match(screen, /churn\s+v3\.0\.0\s+-\s+◆v3\.0\.0/);
    assert.doesNotMatch(screen, /\u001b/);
    await t.key('[');
    screen = await t.waitForText('Carol Diaz registered churn v3.0.0 · event 3/4');
    assert.match(screen, /churn\s+◆v3\.0\.0\s+-\s+v1\.0\.0/);
    await t.key('{');
    screen = await t.waitForText('as of 2024-01-01 20:00 · last event at 02:00: Alice Ops assigned churn v1.0.0 to prod · event 2/4');
    await t.key('}');
    await t.waitForText('as of 2024-01-02 20:00');
    await t.key(']');
    await t.waitForText('event 4/4');
    await t.key('T');
    await t.waitForText('go to: ');
    await t.type('churn@v1.0.0');
    await t.key('Enter');
    screen = await t.waitForText('Alice Ops registered churn v1.0.0 · event 1/4');
    assert.match(screen, /◆churn\s+◆v1\.0\.0\s+-\s+-/);
    await t.key('Escape');
    screen = await t.waitFor((s) => !s.includes('as of'), 'the grid at now');
    assert.match(screen, /1 artifact · no origin/);
    assert.doesNotMatch(screen, /◆/);
    await t.key('q');
  });
});
