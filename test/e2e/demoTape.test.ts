/**
 * demo.tape, played: every Type and key line goes to the built CLI in tmux (100×30), and after
 * each step the screens its "# expect:" comments name must appear (polled; Sleep lines are
 * the recording's pacing and are not slept here). VHS itself cannot run in the test
 * environment; this keeps the tape, and so the README's picture, true to the app.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {TEST_ENV, removeTempDirs, tempDir} from '../helpers/repo.js';
import {parseTape} from '../../scripts/demo/tape.js';
import {CLI, ROOT, shellQuote, startTerminal, tmuxMissing, type Terminal} from './tmux.js';

const TAPE = path.join(ROOT, 'demo.tape');

const tape = parseTape(readFileSync(TAPE, 'utf8'));

test('demo.tape is a VHS tape recording demo.gif, and its tour shows every screen of the README', () => {
  assert.equal(tape.output, 'demo.gif');
  assert.equal(tape.settings.get('Shell'), '"bash"');
  for (const setting of ['FontSize', 'Width', 'Height']) assert.match(tape.settings.get(setting) ?? '', /^\d+$/, setting);
  assert.deepEqual(tape.steps[0]?.step, {kind: 'type', text: 'npm start', line: tape.steps[0]!.step.line});
  const expected = tape.steps.flatMap((s) => s.expect.map(String));
  for (const screen of ['History [all]', 'Keys: Artifact', '/seg', 'Register a version', 'Assign a stage', 'Push to origin', 'Pushed 5 tags']) {
    assert.ok(expected.some((e) => e.includes(screen)), `the tour expects '${screen}'`);
  }
  assert.ok(tape.steps.every((s, i) => i === 0 || s.step.kind !== 'type' || s.step.text !== 'npm start'), 'started once');
  assert.deepEqual(tape.steps.at(-1)?.step, {kind: 'type', text: 'q', line: tape.steps.at(-1)!.step.line}, 'the tour ends by quitting');
});

const skip = tmuxMissing();

describe('demo.tape played in tmux', {skip: skip ?? false}, () => {
  let term: Terminal | null = null;
  after(() => {
    term?.kill();
    removeTempDirs();
  });

  test('every screen the tape expects appears, in order, and q hands the shell back', async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: build first (npm test does)`);
    // `npm start` is `npm run build && node dist/cli.js --demo`; the suite has just built, so a
    // shim earlier on PATH runs the second half only (CI removed: Ink draws nothing under CI)
    const bin = tempDir('gto-tui-tape-bin-');
    const shim = path.join(bin, 'npm');
    writeFileSync(
      shim,
      `#!/bin/sh\nif [ "$1" = start ]; then exec env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${shellQuote(process.execPath)} ${shellQuote(CLI)} --demo; fi\necho "npm shim: only 'npm start'" >&2\nexit 2\n`,
    );
    chmodSync(shim, 0o755);
    // the demo's first read makes the per-user key: in the suite's private state directory, not the real home
    const shellEnv = {PATH: `${bin}:${process.env['PATH'] ?? ''}`, XDG_STATE_HOME: TEST_ENV['XDG_STATE_HOME']!};
    term = startTerminal({columns: 100, rows: 30, cwd: ROOT, shellEnv});
    const t = term;
    let checked = 0;
    for (const {step, expect} of tape.steps) {
      if (step.kind === 'type') {
        // the first Type is the shell command line; in the UI each character is one key
        if (step.text === 'npm start') await t.type(step.text, 5);
        else await t.type(step.text);
      } else {
        for (let i = 0; i < step.count; i++) await t.key(step.key, 80);
      }
      for (const want of expect) {
        await t.waitForText(want).catch((error: Error) => {
          throw new Error(`demo.tape:${step.line}: ${error.message}`);
        });
        checked++;
      }
    }
    assert.ok(checked >= 20, `${checked} screens checked`);
    assert.equal(t.alternateScreen(), false, 'q left the alternate screen');
  });
});
