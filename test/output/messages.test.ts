import assert from 'node:assert/strict';
import {test} from 'node:test';
import {emojis, emojisEnabled, errorLine, logLine, okLine, pushHint, shellQuote} from '../../source/output/messages.js';

test('shell quoting leaves safe tag names alone and single-quotes the rest', () => {
  assert.equal(shellQuote('m@v0.0.1'), 'm@v0.0.1');
  assert.equal(shellQuote('classification/dvclive=models/nn@v0.0.1'), 'classification/dvclive=models/nn@v0.0.1');
  assert.equal(shellQuote('nn1#prod#1'), "'nn1#prod#1'");
  assert.equal(shellQuote('a2@v1.2.3!'), "'a2@v1.2.3!'");
  assert.equal(shellQuote("it's"), `'it'"'"'s'`);
  assert.equal(shellQuote(''), "''");
});

test('push hints indent the command by four spaces', () => {
  assert.deepEqual(pushHint('m#prod#1', 'push'), ['To push the changes upstream, run:', "    git push origin 'm#prod#1'"]);
  assert.deepEqual(pushHint('a1@v0.0.1', 'delete'), ['To push the changes upstream, run:', '    git push --delete origin a1@v0.0.1']);
});

test('GTO_EMOJIS switches the prefixes; check-ref sentences keep a leading space without them', () => {
  assert.equal(emojisEnabled({}), true);
  assert.equal(emojisEnabled({GTO_EMOJIS: 'false'}), false);
  assert.equal(emojisEnabled({GTO_EMOJIS: '0'}), false);
  assert.equal(emojisEnabled({GTO_EMOJIS: 'True'}), true);
  assert.equal(okLine(emojis(true), 'Artifact "m" was deprecated'), '✅  Artifact "m" was deprecated');
  assert.equal(okLine(emojis(false), 'Artifact "m" was deprecated'), ' Artifact "m" was deprecated');
  assert.equal(errorLine(emojis(true), 'boom'), '❌ boom');
  assert.equal(errorLine(emojis(false), 'boom'), 'boom');
});

test('log lines follow Python logging with GTO format, in local time with milliseconds', () => {
  const now = new Date(2024, 0, 2, 3, 4, 5, 67);
  assert.equal(logLine('WARNING', 'Corrupted artifacts.yaml file in commit abc', now), '2024-01-02 03:04:05,067 [WARNING] gto: Corrupted artifacts.yaml file in commit abc');
});
