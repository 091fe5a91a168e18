/**
 * The package as users get it: `npm pack` of a clean copy of the committed tree (what
 * `npm publish` uploads), installed into a temporary prefix without dev dependencies, from the
 * npm cache `npm ci` filled. The installed `gto-tui` must start and read a registry; nothing
 * here runs the checkout's own dist/.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {applyTestEnv, commit, makeRepo, removeTempDirs, tag, tempDir, TEST_ENV} from '../helpers/repo.js';
import {ROOT, runCli} from '../reliability/cli.js';

before(applyTestEnv);
after(removeTempDirs);

type Packed = {readonly filename: string; readonly files: readonly {path: string}[]; readonly size: number; readonly unpackedSize: number};

/** This process's environment minus the `npm_*` variables `npm test` sets (they would configure the inner npm). */
const cleanEnv = (): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_/i.test(key)) env[key] = value;
  return {...env, ...TEST_ENV, NO_COLOR: '1'};
};

const npm = (cwd: string, args: readonly string[]): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], {cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

let packed: Packed;
let prefix: string;
let bin: string;

before(() => {
  // the committed tree, as a fresh clone of it has it (no dist/, nothing uncommitted)
  const checkout = tempDir('gto-tui-pack-');
  execFileSync('bash', ['-c', 'git -C "$1" archive --format=tar HEAD | tar -x -C "$2"', 'archive', ROOT, checkout]);
  assert.equal(existsSync(path.join(checkout, 'dist')), false);
  // the build tools `npm ci` installed; the package itself is installed below without them
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(checkout, 'node_modules'));
  const out = tempDir('gto-tui-tarball-');
  [packed] = JSON.parse(npm(checkout, ['pack', '--json', '--pack-destination', out])) as Packed[];
  prefix = tempDir('gto-tui-prefix-');
  npm(out, ['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', path.join(out, packed!.filename)]);
  bin = path.join(prefix, 'bin', 'gto-tui');
}, {timeout: 300_000});

const installed = (cwd: string, args: readonly string[]): string =>
  execFileSync(bin, args, {cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

test('npm pack builds the program into the tarball, and ships nothing else of the checkout', () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.ok(files.includes('dist/cli.js'), files.join(' '));
  assert.ok(files.includes('dist/bundle/program.cjs'), files.join(' '));
  assert.ok(files.includes('dist/ui/app.js'), files.join(' '));
  const others = files.filter((f) => !f.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json'].includes(f));
  assert.deepEqual(others, []);
  assert.deepEqual(files.filter((f) => f.endsWith('.cache') || f === 'dist/.build-inputs'), [], 'no code cache or build stamp of the build machine');
});

test('the installed package holds its runtime dependencies and none of the dev tools', () => {
  const modules = readdirSync(path.join(prefix, 'lib', 'node_modules', 'gto-tui', 'node_modules'));
  for (const runtime of ['ink', 'react', 'yaml']) assert.ok(modules.includes(runtime), `${runtime} missing: ${modules.join(' ')}`);
  for (const dev of ['typescript', 'esbuild', 'tsx', 'ink-testing-library', 'fast-check']) assert.ok(!modules.includes(dev), `${dev} installed`);
});

test('the installed gto-tui --version names GTO and its own version', () => {
  const {version} = JSON.parse(execFileSync('git', ['-C', ROOT, 'show', 'HEAD:package.json'], {encoding: 'utf8'})) as {version: string};
  assert.match(installed(ROOT, ['--version']), new RegExp(`GTO Version: 1\\.10\\.1 \\(gto-tui ${version.replaceAll('.', '\\.')}\\)\\n$`));
});

test('the installed gto-tui show prints a registry as the checkout build does', async () => {
  const repo = makeRepo();
  commit(repo, 'one', {'artifacts.yaml': 'churn:\n  type: model\n'});
  tag(repo, 'churn@v1.0.0');
  tag(repo, 'churn#prod#1');
  const shown = installed(repo, ['show']);
  assert.match(shown, /^│ churn +│ v1\.0\.0 +│ v1\.0\.0 +│$/m);
  assert.equal(shown, (await runCli(repo, ['show'])).stdout);
});

test('the installed gto-tui completion bash registers a completion that answers from the registry', () => {
  const repo = makeRepo();
  commit(repo, 'one');
  tag(repo, 'churn@v1.0.0');
  tag(repo, 'segment@v0.1.0');
  const script = 'source <(gto-tui completion bash) && complete -p gto-tui && COMP_WORDS=(gto-tui show "$1") && COMP_CWORD=2 && _gto_tui && printf "<%s>\\n" "${COMPREPLY[@]}"';
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', 'chu'], {
    cwd: repo,
    env: {...cleanEnv(), PATH: `${path.dirname(bin)}:${process.env['PATH'] ?? ''}`},
    encoding: 'utf8',
  });
  assert.equal(out, 'complete -F _gto_tui gto-tui\n<churn>\n');
});

test('the installed gto-tui --demo without a terminal prints the demo registry', () => {
  const shown = installed(tempDir(), ['--demo']);
  for (const artifact of ['churn', 'segment', 'cv-class']) assert.match(shown, new RegExp(`^│ ${artifact} +│ v`, 'm'));
});
