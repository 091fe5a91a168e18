/**
 * `npm start` builds only when the sources changed since the last build: the check hashes what
 * the build reads (scripts/build-stamp.mjs), so a current dist/ opens at once. Runs in a copy of
 * the checkout (its own dist/, the build tools linked) so the checks can change files.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {appendFileSync, cpSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, test} from 'node:test';
import {removeTempDirs, tempDir, TEST_ENV} from '../helpers/repo.js';
import {ROOT} from '../reliability/cli.js';

after(removeTempDirs);

const copyOfCheckout = (): string => {
  const copy = tempDir('gto-tui-start-');
  for (const entry of ['source', 'scripts', 'dist', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    cpSync(path.join(ROOT, entry), path.join(copy, entry), {recursive: true});
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
};

/** The check's verdict: true when dist/ is current. */
const current = (copy: string): boolean => spawnSync(process.execPath, [path.join(copy, 'scripts', 'build-stamp.mjs')]).status === 0;

const env = (): Record<string, string> => {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_/i.test(key)) clean[key] = value;
  return {...clean, ...TEST_ENV, NO_COLOR: '1'};
};

test('npm start on a current build runs the program without building', () => {
  const copy = copyOfCheckout();
  assert.equal(current(copy), true, 'the build the suite made is current');
  const built = statSync(path.join(copy, 'dist', 'cli.js')).mtimeMs;
  const shown = execFileSync('npm', ['start', '--silent'], {cwd: copy, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
  assert.match(shown, /^│ churn +│ v/m, 'without a terminal, --demo prints the demo registry');
  assert.equal(statSync(path.join(copy, 'dist', 'cli.js')).mtimeMs, built, 'tsc did not run');
});

test('a changed source, tsconfig or lock file, or a missing output, asks for a build; the same content again does not', () => {
  const copy = copyOfCheckout();
  const spec = path.join(copy, 'source', 'cli', 'spec.ts');
  const original = readFileSync(spec);
  appendFileSync(spec, '// changed\n');
  assert.equal(current(copy), false, 'source changed');
  writeFileSync(spec, original);
  assert.equal(current(copy), true, 'content is what was built, whatever the file time');
  writeFileSync(path.join(copy, 'source', 'ui', 'new.ts'), 'export {};\n');
  assert.equal(current(copy), false, 'a new source file');
  rmSync(path.join(copy, 'source', 'ui', 'new.ts'));
  for (const file of ['tsconfig.json', 'package-lock.json']) {
    const before = readFileSync(path.join(copy, file));
    appendFileSync(path.join(copy, file), '\n');
    assert.equal(current(copy), false, file);
    writeFileSync(path.join(copy, file), before);
  }
  assert.equal(current(copy), true);
  rmSync(path.join(copy, 'dist', 'bundle', 'program.cjs'));
  assert.equal(current(copy), false, 'the bundle is missing');
});
