/**
 * The README's time-travel captures are the built app's output on the demo registry: the two
 * timeline screens (section "Time travel: the registry at any past moment", tmux at 100×30) and
 * the `show --as-of` / `history --since --until` examples (section "The registry at a past
 * moment"), header paths aside.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import path from 'node:path';
import {createDemoRepository, type DemoRepository} from '../../source/ui/demo.js';
import {applyTestEnv, removeTempDirs, tempDir} from '../helpers/repo.js';
import {CLI, ROOT, cliCommand, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

applyTestEnv();

const skip = tmuxMissing();

const README = (): string => readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The fenced blocks of `kind` between two headings of the README. */
const blocks = (from: string, to: string, kind: 'text' | 'console'): string[] => {
  const readme = README();
  const start = readme.indexOf(from);
  const section = readme.slice(start, readme.indexOf(to, start));
  return [...section.matchAll(new RegExp('```' + kind + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]!);
};

/** Runs of blank rows shortened to one, as the README prints screens; the header's paths left out. */
const normalized = (screen: string): string =>
  screen.replace(/\n(?:\n)+/g, '\n\n').replace(/^gto-tui \S+ {2}⎇ main {2}origin \S+$/m, 'gto-tui REPO  ⎇ main  origin ORIGIN');

describe("the README's time-travel captures", () => {
  let demo: DemoRepository;
  let term: Terminal | null = null;
  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does: npm run build)`);
    demo = await createDemoRepository();
  });
  after(() => {
    term?.kill();
    demo.remove();
    removeTempDirs();
  });

  test('show --as-of and history --since --until print what the README shows', () => {
    const [console] = blocks('### The registry at a past moment', '\n### ', 'console');
    assert.ok(console !== undefined, 'a console block in the section');
    const expected = console.split(/^\$ gto-tui /m).filter(Boolean);
    assert.equal(expected.length, 2);
    for (const example of expected) {
      const [line, ...output] = example.split('\n');
      const argv = line!.split(' ');
      const stdout = execFileSync(process.execPath, [CLI, ...argv], {cwd: demo.path, encoding: 'utf8', env: {...process.env, TZ: 'UTC'}});
      assert.equal(stdout, output.join('\n').replace(/\n*$/, '\n'), `gto-tui ${line}`);
    }
  });

  test('t, eight [ steps, then T 2024-03-01T15:00 and a: the two screens of the README', {skip: skip ?? false}, async () => {
    const [first, second] = blocks('### Time travel: the registry at any past moment', '\n### ', 'text');
    assert.ok(first !== undefined && second !== undefined, 'two text captures in the section');
    term = startTerminal({columns: 100, rows: 30, cwd: tempDir()});
    const t = term;
    t.run(cliCommand(['-r', demo.path], {TZ: 'UTC'}));
    await t.waitForText('not pushed');
    await t.key('t');
    await t.waitForText('event 17/17');
    for (let i = 0; i < 8; i++) await t.key('[');
    const back = await t.waitForText('event 9/17');
    assert.equal(normalized(back), normalized(first));
    await t.key('T');
    await t.waitForText('go to: ');
    await t.type('2024-03-01T15:00');
    await t.key('Enter');
    await t.waitForText('event 6/17');
    await t.key('a');
    const refused = await t.waitForText('Writes are off while looking at the past');
    assert.equal(normalized(refused), normalized(second));
    await t.key('Escape');
    await t.key('q');
  });
});
