/**
 * What `npm install gto-tui` installs is what the built program loads: every package in
 * `dependencies` is imported or required by dist/ (the bundle included), and every package the
 * build loads is declared there. The README's "Design notes" say why the others are not used.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {builtinModules} from 'node:module';
import path from 'node:path';
import {test} from 'node:test';
import {ROOT} from '../reliability/cli.js';

type Manifest = {dependencies?: Record<string, string>; devDependencies?: Record<string, string>};
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const declared = Object.keys(manifest.dependencies ?? {}).sort();

const builtFiles = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return builtFiles(file);
    return /\.(c|m)?js$/.test(entry.name) ? [file] : [];
  });

/** `from 'x'`, `import('x')`, `require('x')` and `createRequire(…)('x')` in one built file. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bcreateRequire\)?\([^()]*\)\s*\(\s*)(['"])([^'"\s]+)\1/g;

const packageOf = (specifier: string): string | null => {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('file:')) return null;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return builtinModules.includes(name) ? null : name;
};

/** Package → the built files that load it. */
const loadedPackages = (): Map<string, string[]> => {
  const loaded = new Map<string, string[]>();
  for (const file of builtFiles(path.join(ROOT, 'dist'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const name = packageOf(match[2]!);
      if (name === null) continue;
      const files = loaded.get(name) ?? [];
      const relative = path.relative(ROOT, file);
      if (!files.includes(relative)) files.push(relative);
      loaded.set(name, files);
    }
  }
  return loaded;
};

test('every runtime dependency is loaded by the built program, and it loads nothing undeclared', () => {
  const loaded = loadedPackages();
  assert.ok(loaded.size > 0, 'no package found in dist/: is it built?');
  const unused = declared.filter((name) => !loaded.has(name));
  assert.deepEqual(unused, [], `declared in dependencies but never imported or required by dist/: ${unused.join(', ')}`);
  const undeclared = [...loaded.keys()].filter((name) => !declared.includes(name)).sort();
  assert.deepEqual(undeclared, [], `loaded by dist/ but not in dependencies: ${undeclared.map((n) => `${n} (${loaded.get(n)!.join(', ')})`).join('; ')}`);
});

test('the bundle loads its packages from node_modules (yaml, the read path\'s one package)', () => {
  const bundle = readFileSync(path.join(ROOT, 'dist', 'bundle', 'program.cjs'), 'utf8');
  const fromBundle = new Set([...bundle.matchAll(SPECIFIER)].map((m) => packageOf(m[2]!)).filter((n) => n !== null));
  assert.deepEqual([...fromBundle].sort(), ['yaml']);
});

test('npm ls --omit=dev lists exactly the declared dependencies at the top level', () => {
  const listed = JSON.parse(
    execFileSync('npm', ['ls', '--omit=dev', '--depth=0', '--json'], {cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}),
  ) as {dependencies?: Record<string, unknown>};
  assert.deepEqual(Object.keys(listed.dependencies ?? {}).sort(), declared);
  for (const dev of Object.keys(manifest.devDependencies ?? {})) assert.ok(!declared.includes(dev), `${dev} is both a dependency and a devDependency`);
  assert.ok(Object.keys(manifest.devDependencies ?? {}).includes('ink-testing-library'), 'ink-testing-library is a test tool');
});

test('no dependency install script is left unreviewed (npm 11 allowScripts: esbuild is denied, it builds without)', (t) => {
  const listed = spawnSync('npm', ['install-scripts', 'ls'], {cwd: ROOT, encoding: 'utf8'});
  if (listed.status !== 0 && /Unknown command/i.test(listed.stderr + listed.stdout)) {
    t.skip('this npm has no allowScripts (npm < 11)');
    return;
  }
  assert.equal(listed.status, 0, listed.stderr);
  assert.equal(listed.stdout.trim(), 'No packages with unreviewed install scripts.');
});
