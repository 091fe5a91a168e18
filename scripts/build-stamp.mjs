#!/usr/bin/env node
// Whether dist/ was built from the sources as they are now, so `npm start` can skip a build
// that would change nothing (tsc plus the bundle take 10-15 s; the check takes milliseconds).
//
//   node scripts/build-stamp.mjs          exit 0 when dist/ is current, 1 when it needs a build
//   node scripts/build-stamp.mjs --write  record what the build that just finished was built from
//
// The stamp (dist/.build-inputs, not packed) is a hash of every file the build reads: source/,
// tsconfig.json, package.json (the build command) and package-lock.json (the compiler's
// version). Content, not modification times: a checkout or stash that restores old content
// with new times, or the other way round, is judged by what the files say.
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STAMP = path.join(ROOT, 'dist', '.build-inputs');
const OUTPUTS = ['dist/cli.js', 'dist/program.js', 'dist/ui/app.js', 'dist/bundle/program.cjs'];

const filesUnder = (dir) =>
  readdirSync(path.join(ROOT, dir), {withFileTypes: true})
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();

const inputsHash = () => {
  const hash = createHash('sha256');
  for (const file of [...filesUnder('source'), 'tsconfig.json', 'package.json', 'package-lock.json']) {
    const content = existsSync(path.join(ROOT, file)) ? readFileSync(path.join(ROOT, file)) : Buffer.alloc(0);
    hash.update(`${file.split(path.sep).join('/')}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
};

if (process.argv[2] === '--write') {
  writeFileSync(STAMP, inputsHash() + '\n');
} else {
  const current = OUTPUTS.every((file) => existsSync(path.join(ROOT, file))) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === inputsHash();
  process.exitCode = current ? 0 : 1;
}
