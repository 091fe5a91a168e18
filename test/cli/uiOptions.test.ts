/**
 * The interactive UI's own options reach it from the command line, are listed apart in
 * `--help`, and a bad value is a click-style usage error (one line, exit 2).
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {main, type UiModule} from '../../source/cli/main.js';

type Opened = Parameters<NonNullable<UiModule['runApp']>>[0];

const run = async (argv: string[]): Promise<{code: number; out: string; err: string; opened: Opened | null}> => {
  let opened: Opened | null = null;
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
    cwd: process.cwd(),
    interactive: true,
    loadUi: async () => ({
      runApp: async (options) => {
        opened = options;
        return 0;
      },
    }),
  });
  return {code, out: out.join('\n'), err: err.join('\n'), opened};
};

test('--remote-interval SECONDS reaches the UI; a minute by default; 0 is allowed', async () => {
  assert.equal((await run([])).opened?.remoteInterval, 60);
  assert.equal((await run(['--remote-interval', '5'])).opened?.remoteInterval, 5);
  assert.equal((await run(['--remote-interval=0', '--no-remote'])).opened?.remoteInterval, 0);
  assert.equal((await run(['--remote-interval=0', '--no-remote'])).opened?.noRemote, true);
});

test('a negative or non-numeric --remote-interval is a usage error, and the UI does not open', async () => {
  const negative = await run(['--remote-interval', '-1']);
  assert.equal(negative.code, 2);
  assert.equal(negative.opened, null);
  assert.match(negative.err, /^Error: Invalid value for '--remote-interval': -1 is not in the range x>=0\.$/m);
  const word = await run(['--remote-interval', 'often']);
  assert.equal(word.code, 2);
  assert.match(word.err, /Invalid value for '--remote-interval': 'often' is not a valid integer\./);
});

test('--help lists --remote-interval with the other interactive UI options', async () => {
  const {out} = await run(['--help']);
  const ui = out.slice(out.indexOf("Interactive UI options (gto-tui's own):"));
  assert.match(ui.split('\n\n')[0]!, /--remote-interval INTEGER\s+Seconds between the UI's checks of origin's tags \(0: on opening and R only\)\s+\[default: 60\]/);
  assert.match(out.slice(0, out.indexOf('Interactive UI options')), /^(?![\s\S]*--remote-interval)/, 'not among the options GTO has');
});

test('-r is repeatable for the UI: every repository reaches it, in order; none given is the working directory', async () => {
  const several = (await run(['-r', 'a', '--repo', 'https://example.com/b.git', '-rc'])).opened;
  assert.deepEqual(several?.repos, ['a', 'https://example.com/b.git', 'c']);
  assert.equal(several?.repo, 'a');
  const none = (await run([])).opened;
  assert.deepEqual(none?.repos, []);
  assert.equal(none?.repo, '.');
  assert.equal(none?.all, false);
  assert.equal((await run(['--all'])).opened?.all, true);
});

test('a command given -r twice is a usage error (exit 2, one line), before or after its name', async () => {
  for (const argv of [['show', '-r', 'a', '-r', 'b'], ['-r', 'a', '-r', 'b', 'show'], ['history', '--repo=a', '--repo', 'b']]) {
    const result = await run(argv);
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.opened, null);
    assert.match(result.err, /^Error: Option '-r' \/ '--repo' was given more than once: a command works on one repository \(several open in the interactive UI\)\.$/m);
    assert.equal(result.err.split('\n').filter((line) => line.startsWith('Error')).length, 1);
  }
});

test('--help lists the repeatable -r and --all with the interactive UI options', async () => {
  const {out} = await run(['--help']);
  const ui = out.slice(out.indexOf("Interactive UI options (gto-tui's own):")).split('\n\n')[0]!;
  assert.match(ui, /-r, --repo TEXT\s+Repository for the interactive UI \(path or URL\); repeat it for a dashboard of several/);
  assert.match(ui, /--all\s+Interactive UI on every registry listed in \$XDG_CONFIG_HOME\/gto-tui\/config\.yaml/);
});
