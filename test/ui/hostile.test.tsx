/**
 * Text from a repository or a remote is data on every screen: tag messages, tagger names and
 * emails, commit subjects and authors, artifacts.yaml fields, the branch, origin's URL and git's
 * errors (a remote hook's output) carry OSC title/clipboard, CSI clear-screen, SGR blink, C1's
 * 8-bit CSI and U+202E; every frame the app draws must hold none of them.
 */
import assert from 'node:assert/strict';
import {chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, afterEach, describe, test} from 'node:test';
import chalk from 'chalk';
import {T0, applyTestEnv, git, makeRepo, removeTempDirs, tempDir} from '../helpers/repo.js';
import {KEY, renderApp, type Harness} from './harness.js';

applyTestEnv();
process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
after(removeTempDirs);
const level = chalk.level;
afterEach(() => {
  chalk.level = level;
});

/** OSC 0 (window title), OSC 52 (clipboard), CSI 2J, SGR red+blink, C1 CSI, RIGHT-TO-LEFT OVERRIDE. */
export const HOSTILE = '\u001b]0;pwned\u0007\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u001b[31;5mred\u009b2J\u202eevil';
/** The same in YAML 1.2 double-quoted escapes. */
const HOSTILE_YAML = '\\e]0;pwned\\a\\e]52;c;cHduZWQ=\\a\\e[2J\\e[31;5mred\\x9b2J\\u202eevil';
/** A branch name git accepts: no C0, but C1 and bidi controls are bytes >= 0x80. */
const HOSTILE_BRANCH = 'main\u009b2J\u202eevil';

/** Anything a terminal could act on, but newline: C0, DEL, C1, bidi controls. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The SGR sequences Ink itself writes for colour, bold and inverse (never blink). */
const INK_SGR = /\u001b\[(?:[0-9]|[1-9][0-9]|3[0-9];5;[0-9]+|[34]8;2;[0-9;]+)m/g;

const run = (repo: string, args: string[], env: Record<string, string> = {}, input = ''): string => git(repo, args, {env, input});

type Hostile = {repo: string; origin: string; c1: string; c2: string};

/**
 * churn v1.0.0 (dev) at c1 and v1.1.0 at c2 (not on origin), tags by a hostile tagger with
 * hostile messages; hostile commit subjects and authors; a hostile artifacts.yaml; a hostile
 * branch; origin in a directory with a hostile name, whose pre-receive hook prints hostile text.
 */
const makeHostile = (): Hostile => {
  const repo = makeRepo();
  const who = {GIT_AUTHOR_NAME: `Mallory ${HOSTILE}`, GIT_AUTHOR_EMAIL: `m${HOSTILE}@x`, GIT_COMMITTER_NAME: `Mallory ${HOSTILE}`, GIT_COMMITTER_EMAIL: `m${HOSTILE}@x`};
  writeFileSync(path.join(repo, '.gto'), 'stages: [dev, prod]\n');
  writeFileSync(
    path.join(repo, 'artifacts.yaml'),
    `churn:\n  type: "model${HOSTILE_YAML}"\n  path: "models/${HOSTILE_YAML}"\n  labels: ["tab${HOSTILE_YAML}"]\n  description: "Churn ${HOSTILE_YAML}"\n`,
  );
  run(repo, ['checkout', '--quiet', '-b', HOSTILE_BRANCH]);
  run(repo, ['add', '--all']);
  run(repo, ['commit', '--quiet', '--cleanup=verbatim', '-F', '-'], {...who, GIT_AUTHOR_DATE: `@${T0} +0000`, GIT_COMMITTER_DATE: `@${T0} +0000`}, `first ${HOSTILE}`);
  const c1 = run(repo, ['rev-parse', 'HEAD']).trim();
  const tagAt = (name: string, target: string, time: number) =>
    run(repo, ['tag', '-a', '--cleanup=verbatim', '-F', '-', '--', name, target], {...who, GIT_COMMITTER_DATE: `@${time} +0000`}, `${name} ${HOSTILE}`);
  tagAt('churn@v1.0.0', c1, T0 + 10);
  tagAt('churn#dev#1', c1, T0 + 20);
  const origin = path.join(tempDir(), `origin${HOSTILE.replace(/\//g, '')}.git`);
  mkdirSync(origin);
  run(origin, ['init', '--quiet', '--bare']);
  run(repo, ['remote', 'add', 'origin', origin]);
  run(repo, ['push', '--quiet', 'origin', '--all']);
  run(repo, ['push', '--quiet', 'origin', '--tags']);
  run(repo, ['commit', '--quiet', '--allow-empty', '--cleanup=verbatim', '-F', '-'], {...who, GIT_AUTHOR_DATE: `@${T0 + 100} +0000`, GIT_COMMITTER_DATE: `@${T0 + 100} +0000`}, `second ${HOSTILE}`);
  const c2 = run(repo, ['rev-parse', 'HEAD']).trim();
  tagAt('churn@v1.1.0', c2, T0 + 110);
  const hook = path.join(origin, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\nprintf 'hook says %s\\n' '${HOSTILE.replace(/'/g, '')}' >&2\nexit 1\n`);
  chmodSync(hook, 0o755);
  return {repo, origin, c1, c2};
};

/** Every frame drawn so far, with Ink's own colour/inverse/bold codes taken out. */
const framesWithoutInk = (h: Harness): string[] => h.instance.frames.map((frame) => frame.replace(INK_SGR, ''));

const assertClean = (h: Harness, where: string): void => {
  for (const frame of framesWithoutInk(h)) {
    const bad = CONTROL.exec(frame);
    assert.equal(bad, null, `${where}: ${JSON.stringify(bad?.[0])} reached the terminal in:\n${JSON.stringify(frame)}`);
  }
};

/** Esc until the grid is the only screen. */
const toGrid = async (h: Harness): Promise<void> => {
  while (h.store.getState().modes.length > 1) await h.press(KEY.escape);
};

/** Walk every screen: grid, help, panel (versions, history), register form (each step), confirmation, assign form, removal, push and its error, the full error. */
const tour = async (h: Harness, check: (where: string) => void): Promise<void> => {
  await h.waitFor((_, s) => s.remote.kind === 'known', 'origin answered');
  check('grid and header');
  await h.press('?');
  check('help');
  await h.press(KEY.escape, KEY.enter);
  await h.waitForText('Versions');
  check('panel: versions');
  await h.press(KEY.tab, 'j');
  check('panel: history');
  await h.press(KEY.escape, 'N');
  await h.waitForText('Register a version');
  await h.press('fresh', KEY.enter);
  check('register: commit list');
  await h.press(KEY.enter);
  check('register: version');
  await h.press(KEY.enter);
  // a paste can carry what a key cannot: C1 and bidi controls are not C0
  await h.press('msg \u009b2J\u202eevil');
  check('register: message');
  await h.press(KEY.enter);
  await h.waitForText('Confirm');
  check('register: confirmation');
  await toGrid(h);
  await h.press('l', 'l', KEY.enter);
  await h.waitForText('Assign a stage');
  check('assign: versions');
  await h.press('j', 'j', KEY.enter);
  check('assign: stages');
  await toGrid(h);
  await h.press('h', 'h', 'x');
  check('deprecate confirmation');
  await h.press(KEY.escape, 'p');
  await h.waitForText('Push to origin');
  check('push screen');
  await h.press(KEY.enter);
  await h.waitFor((_, s) => s.push?.error != null, 'the push error');
  check('push error');
  await h.press(KEY.escape);
  check('status line');
  await h.press('e');
  assert.equal(h.store.getState().modes.at(-1), 'error');
  check('the last error in full: the hook\'s own lines');
};

describe('hostile text on every screen', () => {
  test('colour off: no escape sequence and no control character in any frame', async () => {
    chalk.level = 0;
    const fixture = makeHostile();
    const h = await renderApp(fixture.repo, {color: false, columns: 160, rows: 40});
    try {
      await tour(h, (where) => {
        for (const frame of h.instance.frames) {
          assert.doesNotMatch(frame, /\u001b/, `${where}: ESC in ${JSON.stringify(frame)}`);
          const bad = CONTROL.exec(frame);
          assert.equal(bad, null, `${where}: ${JSON.stringify(bad?.[0])} in ${JSON.stringify(frame)}`);
        }
      });
      // the text is there, shown as escapes
      assert.ok(h.instance.frames.some((f) => f.includes('\\u001b]0;pwned\\u0007')), 'the OSC shown escaped');
      assert.ok(h.instance.frames.some((f) => f.includes('\\u202eevil')), 'U+202E shown escaped');
      assert.ok(h.instance.frames.some((f) => /^│ remote: hook says/m.test(f)), "the remote hook's output is shown, a line of its own");
    } finally {
      h.instance.unmount();
    }
  });

  test('colour on: only the SGR codes Ink writes for colour, bold and inverse', async () => {
    chalk.level = 3;
    const fixture = makeHostile();
    const h = await renderApp(fixture.repo, {color: true, columns: 160, rows: 40});
    try {
      await tour(h, (where) => {
        assertClean(h, where);
        for (const frame of h.instance.frames) assert.ok(!frame.includes('\u001b[31;5m'), `${where}: the hostile SGR`);
      });
    } finally {
      h.instance.unmount();
    }
  });

  test("an unreachable origin whose URL is hostile: the header's remote error is escaped", async () => {
    chalk.level = 0;
    const fixture = makeHostile();
    git(fixture.repo, ['remote', 'set-url', 'origin', `/nonexistent/${HOSTILE.replace(/\//g, '')}.git`]);
    const h = await renderApp(fixture.repo, {color: false, columns: 160, rows: 40});
    try {
      await h.waitFor((_, s) => s.remote.kind === 'error', 'origin fails');
      await h.press('p');
      await h.press('f');
      for (const frame of h.instance.frames) {
        assert.doesNotMatch(frame, /\u001b/, JSON.stringify(frame));
        assert.equal(CONTROL.exec(frame), null, JSON.stringify(frame));
      }
      assert.ok(h.instance.frames.some((f) => f.includes('nonexistent')), 'the error is shown');
    } finally {
      h.instance.unmount();
    }
  });
});

test("every component draws text through SafeText, none with ink's Text", () => {
  const dir = new URL('../../source/ui/components/', import.meta.url);
  const files = readdirSync(dir).filter((name) => name.endsWith('.tsx') && name !== 'SafeText.tsx');
  assert.ok(files.length > 10, 'the scan sees the components');
  for (const name of files) {
    const source = readFileSync(new URL(name, dir), 'utf8');
    const fromInk = /import\s*\{([^}]*)\}\s*from\s*'ink'/.exec(source)?.[1] ?? '';
    assert.doesNotMatch(fromInk, /\bText\b/, `${name} imports Text from ink`);
  }
});
