#!/usr/bin/env node
/**
 * The launcher: every run starts here. A command lives a fraction of a second, so two costs
 * that a long-lived program never notices are worth avoiding (§12, bench/profile.md):
 *
 * - Compiling. The bundled program (bundle/program.cjs, one file for every command) is compiled
 *   through V8's code cache: the bytecode of the functions a command ran is kept beside the
 *   bundle, one file per command, and the next run of that command starts from it instead of
 *   parsing and compiling them again. A cache that does not match the bundle byte count and
 *   time, or that V8 rejects (another Node, other flags), is ignored and rewritten; one that
 *   cannot be written (a read-only install) is simply not kept.
 * - Optimising too early. V8 queues a function for TurboFan after a few milliseconds of use; a
 *   5,000-tag read spent ~60 ms of CPU compiling code it then ran once, on the core git needs,
 *   and waited ~15 ms at exit for compiles still running. Four times the interrupt budget (how
 *   much a function runs before it is considered) leaves a small read to the interpreter and
 *   baseline code while the loops of a 50,000-tag read still get optimised. Set before the
 *   bundle is compiled: V8 checks a code cache against the flags it was made with.
 *
 * Without the bundle (a plain `tsc` build) the program is imported as modules.
 */
import {closeSync, fstatSync, openSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import {Script} from 'node:vm';
import type {RunOptions} from './program.js';

type Program = {readonly run: (options: RunOptions) => void};

/** V8 11's default interrupt budget (Node 20) is 66 KiB of bytecode run; 4× measured best at 5,000 and 50,000 tags. */
setFlagsFromString(`--interrupt-budget=${4 * 67_584}`);

const loadUi: RunOptions['loadUi'] = () => import('./ui/app.js');

const HEADER = 'gto-tui code cache 1';

/** One cache per command (its functions), named after the first argument when it looks like one. */
const cacheKey = (arg: string | undefined): string => (arg !== undefined && /^[a-z][a-z-]{0,31}$/.test(arg) ? arg : 'default');

/** The bundled program, and its byte count and time, which name this build. */
const loadBundle = (file: string): {program: Program; build: string} | null => {
  let source: string;
  let build: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const {size, mtimeMs} = fstatSync(fd);
      build = `${size} ${mtimeMs}`;
      source = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const cacheFile = `${file}.${cacheKey(process.argv[2])}.cache`;
  const stamp = `${HEADER} ${build}\n`;
  let cachedData: Buffer | undefined;
  try {
    const stored = readFileSync(cacheFile);
    // V8 checks its version, its flags and the source *length*: the stamp ties it to this bundle
    if (stored.toString('latin1', 0, stamp.length) === stamp) cachedData = stored.subarray(stamp.length);
  } catch {
    // none yet
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {"use strict";${source}\n})`, {filename: file, cachedData});
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.on('exit', (code) => {
      if (code !== 0) return;
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        // made at exit, so it holds every function this command compiled
        writeFileSync(temp, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
        renameSync(temp, cacheFile);
      } catch {
        // a read-only install: every run compiles, as without a cache
      }
    });
  }
  const module = {exports: {}};
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
  return {program: module.exports as Program, build};
};

/**
 * A person at a terminal without a command gets the TUI: its bundle (the program with the UI,
 * Ink and React inside) is the one to load. Anything else, or a guess that was wrong (that
 * bundle runs every command too), loads the smaller command bundle.
 */
const wantsTui = Boolean(process.stdin.isTTY && process.stdout.isTTY) && cacheKey(process.argv[2]) === 'default';

const bundled = loadBundle(fileURLToPath(new URL(wantsTui ? 'bundle/tui.cjs' : 'bundle/program.cjs', import.meta.url)));
if (bundled !== null) bundled.program.run({loadUi, build: bundled.build});
else ((await import('./program.js')) as Program).run({loadUi});
