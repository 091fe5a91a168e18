/**
 * The launcher (dist/cli.js) runs the bundled program through V8's code cache: one cache file
 * per command beside the bundle, used when it matches, rewritten when it does not, never a
 * reason for a run to fail. Runs a private copy of dist/ so the caches it breaks are its own.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {cpSync, existsSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {after, before, test} from 'node:test';
import {applyTestEnv, commit, makeRepo, removeTempDirs, tag, tempDir, TEST_ENV} from '../helpers/repo.js';
import {ROOT} from '../reliability/cli.js';

before(applyTestEnv);
after(removeTempDirs);

const HEADER = 'gto-tui code cache 1 ';

/** dist/ copied into a temporary package root (node_modules linked, for `yaml`). */
const installCopy = (): string => {
  const root = tempDir('gto-tui-install-');
  cpSync(path.join(ROOT, 'dist'), path.join(root, 'dist'), {recursive: true});
  cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  for (const file of ['show', 'default', 'history'].map((key) => cacheOf(root, key))) rmSync(file, {force: true});
  return root;
};

const bundleOf = (root: string): string => path.join(root, 'dist', 'bundle', 'program.cjs');
const cacheOf = (root: string, key: string): string => `${bundleOf(root)}.${key}.cache`;

const run = (root: string, args: readonly string[], cwd: string): {code: number; stdout: string} => {
  try {
    const stdout = execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], {
      cwd,
      env: {...process.env, ...TEST_ENV},
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return {code: 0, stdout};
  } catch (error) {
    const failed = error as {status: number; stdout: string};
    return {code: failed.status, stdout: failed.stdout};
  }
};

const registry = (): string => {
  const dir = makeRepo();
  commit(dir, 'one', {'artifacts.yaml': 'm:\n  type: model\n'});
  tag(dir, 'm@v1.0.0');
  tag(dir, 'm#prod#1');
  return dir;
};

test('a command writes its code cache once, then runs from it with the same output', () => {
  const root = installCopy();
  const repo = registry();
  const first = run(root, ['show', '--json'], repo);
  assert.equal(first.code, 0);
  assert.match(first.stdout, /"m": \{/);
  const cache = cacheOf(root, 'show');
  assert.ok(existsSync(cache), 'the show cache is written');
  const bundle = statSync(bundleOf(root));
  assert.equal(readFileSync(cache, 'latin1').split('\n')[0], `${HEADER}${bundle.size} ${bundle.mtimeMs}`);
  const written = statSync(cache).mtimeMs;
  const bytes = readFileSync(cache);
  const second = run(root, ['show', '--json'], repo);
  assert.deepEqual(second, first);
  // accepted: not rewritten
  assert.equal(statSync(cache).mtimeMs, written);
  assert.deepEqual(readFileSync(cache), bytes);
  // each command has its own
  assert.equal(run(root, ['history', '--json'], repo).code, 0);
  assert.ok(existsSync(cacheOf(root, 'history')));
});

test('a damaged or stale cache is ignored and rewritten; a failed run writes none', () => {
  const root = installCopy();
  const repo = registry();
  const expected = run(root, ['show', '--json'], repo);
  const cache = cacheOf(root, 'show');
  const bundle = statSync(bundleOf(root));
  // right stamp, garbage after it: V8 rejects the data
  const garbage = Buffer.concat([Buffer.from(`${HEADER}${bundle.size} ${bundle.mtimeMs}\n`, 'latin1'), Buffer.alloc(4096, 7)]);
  writeFileSync(cache, garbage);
  assert.deepEqual(run(root, ['show', '--json'], repo), expected);
  assert.notDeepEqual(readFileSync(cache), garbage, 'rewritten after V8 rejected it');
  // a rebuilt bundle (new time): the old cache is not used, and is replaced
  const later = new Date(Math.floor(bundle.mtimeMs) + 60_000);
  utimesSync(bundleOf(root), later, later);
  assert.deepEqual(run(root, ['show', '--json'], repo), expected);
  const rebuilt = statSync(bundleOf(root));
  assert.equal(readFileSync(cache, 'latin1').split('\n')[0], `${HEADER}${rebuilt.size} ${rebuilt.mtimeMs}`);
  // an unknown command fails (exit 2) and leaves no cache behind
  assert.equal(run(root, ['nosuchcommand'], repo).code, 2);
  assert.equal(existsSync(cacheOf(root, 'nosuchcommand')), false);
});

test('without the bundle the launcher runs the program as modules, with the same output', () => {
  const root = installCopy();
  const repo = registry();
  const bundled = run(root, ['show', '--json'], repo);
  rmSync(bundleOf(root));
  assert.deepEqual(run(root, ['show', '--json'], repo), bundled);
  assert.match(run(root, ['--version'], repo).stdout, /GTO Version: 1\.10\.1 \(gto-tui \d+\.\d+\.\d+\)/);
});

/**
 * Every file the program loads as a module: an `--import` hook logs each `file:` URL the ES
 * module loader loads, and at exit every file `require` loaded.
 */
const MODULE_LOG = `
import {appendFileSync} from 'node:fs';
import {createRequire, register} from 'node:module';
const out = process.env.GTO_TEST_MODULE_LOG;
register('data:text/javascript,' + encodeURIComponent(\`
import {appendFileSync} from 'node:fs';
let out;
export const initialize = (data) => { out = data.out; };
export const load = async (url, context, next) => {
  if (url.startsWith('file:')) appendFileSync(out, url + '\\\\n');
  return next(url, context);
};\`), {data: {out}});
process.on('exit', () => {
  for (const file of Object.keys(createRequire(process.cwd() + '/').cache)) appendFileSync(out, 'require ' + file + '\\n');
});
`;

test('at a terminal the TUI draws its first frame from one bundle, loading no module beside the launcher', (t) => {
  if (spawnSync('script', ['--version']).error) return t.skip('util-linux script is not installed');
  const root = installCopy();
  const repo = registry();
  const log = path.join(tempDir('gto-tui-modules-'), 'modules.log');
  writeFileSync(log, '');
  const hook = `data:text/javascript,${encodeURIComponent(MODULE_LOG)}`;
  const inner = ['stty cols 100 rows 30 2>/dev/null; exec', process.execPath, '--import', hook, path.join(root, 'dist', 'cli.js'), '-r', repo]
    .map((word, i) => (i === 0 ? word : `'${word.replaceAll("'", `'\\''`)}'`))
    .join(' ');
  const env: Record<string, string | undefined> = {...process.env, ...TEST_ENV, TERM: 'xterm-256color', GTO_TUI_EXIT_AFTER_FIRST_FRAME: '1', GTO_TEST_MODULE_LOG: log};
  delete env['CI'];
  const result = spawnSync('script', ['-qfec', inner, '/dev/null'], {env, encoding: 'utf8', timeout: 60_000, stdio: ['pipe', 'pipe', 'pipe']});
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /v1\.0\.0/, 'the grid was drawn');
  // the launcher, and nothing else as a module: the UI, Ink and React came from the bundle
  assert.deepEqual(readFileSync(log, 'utf8').split('\n').filter(Boolean), [pathToFileURL(path.join(root, 'dist', 'cli.js')).href]);
  assert.equal(existsSync(`${path.join(root, 'dist', 'bundle', 'tui.cjs')}.default.cache`), true, 'the TUI bundle ran and kept its code cache');
});
