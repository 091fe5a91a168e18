import assert from 'node:assert/strict';
import {test} from 'node:test';
import {emojis, emojisEnabled, errorLine, logLine, okLine, printable, pushHint, shellQuote} from '../../source/output/messages.js';

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

test('printable escapes C0, DEL, C1 and bidi controls; tab and a final newline are kept, other newlines escaped', () => {
  assert.equal(printable('a\u001b]0;title\u0007b'), 'a\\u001b]0;title\\u0007b');
  assert.equal(printable('\u001b]52;c;cHduZWQ=\u0007'), '\\u001b]52;c;cHduZWQ=\\u0007');
  assert.equal(printable('x\u007fy'), 'x\\u007fy');
  // C1: U+009B is CSI for a terminal that reads 8-bit controls
  assert.equal(printable('\u00802J\u009b2J\u009f'), '\\u00802J\\u009b2J\\u009f');
  for (const bidi of ['\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u061c']) {
    assert.equal(printable(`a${bidi}b`), `a\\u${bidi.charCodeAt(0).toString(16).padStart(4, '0')}b`);
  }
  assert.equal(printable('a\tb\r\nc\n'), 'a\tb\\r\\nc\n');
  // Latin-1 letters just above C1 are text
  assert.equal(printable('café ñ \u00a0'), 'café ñ \u00a0');
});

test('printable one-line: tabs and every newline escaped too, for a cell or a status line', () => {
  assert.equal(printable('a\tb\nc\n', {oneLine: true}), 'a\\tb\\nc\\n');
  assert.equal(printable('\u009b2J', {oneLine: true}), '\\u009b2J');
});
