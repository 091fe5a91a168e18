/**
 * What completion offers after each kind of command line, read from the flag table: commands,
 * each command's options, option values, and the registry lookups the arguments need.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {completeWords, type Completion} from '../../source/cli/complete.js';
import {COMMANDS} from '../../source/cli/spec.js';

const values = (completion: Completion): string[] => {
  assert.equal(completion.kind, 'candidates', JSON.stringify(completion));
  return completion.kind === 'candidates' ? completion.candidates.map((c) => c.value) : [];
};

test('the first word completes to the commands users see, aliases included, never hidden ones', () => {
  assert.deepEqual(values(completeWords([''])), ['check-ref', 'show', 'history', 'stages', 'doctor', 'register', 'assign', 'promote', 'deprecate', 'diff', 'completion']);
  assert.deepEqual(values(completeWords(['s'])), ['show', 'stages']);
  assert.deepEqual(values(completeWords(['complete-'])), []);
  assert.deepEqual(values(completeWords(['pr'])), ['promote']);
});

test('commands are described by their summaries', () => {
  const completion = completeWords(['hist']);
  assert.deepEqual(completion.kind === 'candidates' ? completion.candidates : null, [{value: 'history', description: 'Show a journal of registry operations.'}]);
});

test("the program's own options, and a command after them", () => {
  assert.deepEqual(values(completeWords(['--d'])), ['--demo']);
  assert.deepEqual(values(completeWords(['-'])), ['--version', '-v', '--verbose', '-r', '--repo', '--all', '--demo', '--readonly', '--no-remote', '--remote-interval', '-h', '--help']);
  assert.deepEqual(values(completeWords(['--remote-interval', ''])), [], 'seconds: nothing to offer');
  assert.deepEqual(values(completeWords(['--remote-interval', '30', 'sh'])), ['show'], 'it takes a value');
  assert.deepEqual(values(completeWords(['-v', '--readonly', 'his'])), ['history']);
  assert.deepEqual(completeWords(['-r']), {kind: 'candidates', candidates: [{value: '-r', description: 'Repository for the interactive UI (path or URL); repeat it for a dashboard of several'}]});
  assert.deepEqual(completeWords(['-r', '']), {kind: 'directories'});
  assert.deepEqual(values(completeWords(['-r', 'some/repo', 'sh'])), ['show']);
});

test("each command completes exactly its own options from the flag table, plus -h/--help", () => {
  for (const command of COMMANDS.filter((c) => !c.hidden)) {
    const offered = values(completeWords([command.name, '-']));
    const expected = [...command.flags.filter((f) => !f.hidden).flatMap((f) => f.names), '-h', '--help'];
    assert.deepEqual(offered, expected, command.name);
  }
  assert.deepEqual(values(completeWords(['show', '--so'])), ['--sort']);
  assert.deepEqual(values(completeWords(['deprecate', 'churn', '--d'])), ['--delete', '--dry-run']);
  assert.deepEqual(values(completeWords(['unknown-command', '--'])), []);
  assert.deepEqual(values(completeWords(['print-state', '--'])), []);
});

test('option values: choices, directories for --repo, stages for assign --stage, nothing for free text', () => {
  assert.deepEqual(values(completeWords(['show', '--sort', ''])), ['timestamp', 'semver']);
  assert.deepEqual(values(completeWords(['register', 'churn', '--simple', 't'])), ['true']);
  assert.deepEqual(completeWords(['show', '-r', '']), {kind: 'directories'});
  assert.deepEqual(completeWords(['assign', 'churn', '--stage', 'p']), {kind: 'registry', query: {kind: 'stages'}, repo: undefined, prefix: '', extra: []});
  assert.deepEqual(values(completeWords(['register', 'churn', '-m', ''])), []);
  assert.deepEqual(values(completeWords(['show', '--av', ''])), []);
});

test('--flag=value: bash hands `=` as a word of its own, zsh and fish keep one word', () => {
  assert.deepEqual(values(completeWords(['show', '--sort', '=', 's'])), ['semver']);
  assert.deepEqual(values(completeWords(['show', '--sort', '='])), []);
  assert.deepEqual(values(completeWords(['show', '--sort=t'])), ['--sort=timestamp']);
  assert.deepEqual(completeWords(['assign', 'churn', '--stage=p']), {kind: 'registry', query: {kind: 'stages'}, repo: undefined, prefix: '--stage=', extra: []});
  assert.deepEqual(values(completeWords(['show', '--json=x'])), []);
});

test('arguments ask the registry: artifacts, versions of the artifact named before, stages, tags', () => {
  const registry = (query: unknown, prefix = '', extra: unknown[] = [], repo?: string) => ({kind: 'registry', query, repo, prefix, extra});
  assert.deepEqual(completeWords(['show', '']), registry({kind: 'artifacts'}));
  assert.deepEqual(completeWords(['history', '--json', 'ch']), registry({kind: 'artifacts'}));
  assert.deepEqual(completeWords(['register', '']), registry({kind: 'artifacts'}));
  assert.deepEqual(completeWords(['promote', 'churn', '']), {kind: 'candidates', candidates: []}, 'REF of assign: a git revision');
  assert.deepEqual(completeWords(['deprecate', 'churn', '']), registry({kind: 'versions', artifact: 'churn'}));
  assert.deepEqual(completeWords(['deprecate', 'churn', 'v1.0.0', '']), registry({kind: 'stages'}));
  assert.deepEqual(values(completeWords(['deprecate', 'churn', 'v1.0.0', 'prod', ''])), []);
  assert.deepEqual(completeWords(['check-ref', '']), registry({kind: 'tags'}));
  assert.deepEqual(
    completeWords(['show', 'churn@v1']),
    registry({kind: 'versions', artifact: 'churn'}, 'churn@', [{value: 'churn@latest'}, {value: 'churn@greatest'}]),
  );
  assert.deepEqual(completeWords(['show', 'churn#p']), registry({kind: 'stages'}, 'churn#'));
  assert.deepEqual(completeWords(['history', 'churn@']), registry({kind: 'artifacts'}), 'only show reads NAME@VERSION');
  assert.deepEqual(values(completeWords(['completion', ''])), ['bash', 'zsh', 'fish']);
});

test('the repository named on the line is the one asked, wherever --repo stands', () => {
  const repoOf = (words: string[]) => {
    const completion = completeWords(words);
    return completion.kind === 'registry' ? completion.repo : 'not a registry lookup';
  };
  assert.equal(repoOf(['-r', '/a', 'show', '']), '/a');
  assert.equal(repoOf(['show', '--repo', '/b', '']), '/b');
  assert.equal(repoOf(['show', '--repo=/c', '']), '/c');
  assert.equal(repoOf(['--repo', '=', '/d', 'show', '']), '/d');
  assert.equal(repoOf(['show', '--json', '']), undefined);
});

test('after --, words are arguments even when they start with a dash', () => {
  assert.deepEqual(completeWords(['show', '--', '-']), {kind: 'registry', query: {kind: 'artifacts'}, repo: undefined, prefix: '', extra: []});
  assert.deepEqual(completeWords(['deprecate', '--', '-x', '']), {kind: 'registry', query: {kind: 'versions', artifact: '-x'}, repo: undefined, prefix: '', extra: []});
});
