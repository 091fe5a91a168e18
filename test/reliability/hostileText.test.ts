/**
 * Text from a repository, a remote or the command line never reaches the terminal as control:
 * C0, DEL, C1 (U+0080–U+009F, 8-bit CSI/OSC to some terminals) and bidi controls in an error
 * line are escapes. The TUI's screens are checked in test/ui/hostile.test.tsx.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {applyTestEnv, commit, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {runBuilt} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

/** Anything a terminal could act on: C0 but newline, DEL, C1, bidi controls. */
export const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('CLI error lines', () => {
  it('a name or version with C1 or bidi controls is escaped in the one error line', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    for (const hostile of ['m\u009b2J', 'm\u0085x', 'm\u202eledom', 'm\u061cx', 'm\u2067x', 'm\u001b]0;t\u0007']) {
      for (const args of [['register', hostile], ['assign', 'm', '--version', 'v1.0.0', '--stage', hostile], ['show', hostile]]) {
        const run = await runBuilt(repo, args);
        assert.notEqual(run.code, 0, JSON.stringify(args));
        assert.doesNotMatch(run.stderr + run.stdout, TERMINAL_CONTROL, `${JSON.stringify(args)}: ${JSON.stringify(run.stderr)}`);
        assert.match(run.stderr, /\\u00(9b|85|1b)|\\u(202e|061c|2067)/, JSON.stringify(args));
      }
    }
  });
});
