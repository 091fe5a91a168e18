#!/usr/bin/env node
// The two bundles the launcher (source/cli.ts) loads through V8's code cache, built from tsc's
// output in dist/:
//
// - dist/bundle/program.cjs: every command, packages left to node_modules. A command loads
//   nothing else, so this stays small.
// - dist/bundle/tui.cjs: the same program with the TUI, Ink and React inside,
//   for `gto-tui` at a terminal. Loading Ink as ~150 ES modules (a file, a compile and a link
//   each) cost more than the rest of the first frame. Yoga, Ink's layout engine, is
//   WebAssembly that an ES module compiles at import with a top-level await, which a CommonJS
//   bundle cannot hold: 'yoga-layout' is replaced by source/ui/yogaLoader.ts, which starts the
//   same compile and lets the app start reading tags meanwhile (it awaits `ready` before it
//   draws).
import * as esbuild from 'esbuild';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = (file) => path.join(ROOT, 'dist', file);

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: {'import.meta.url': 'importMetaUrl'},
  banner: {js: "var importMetaUrl = require('node:url').pathToFileURL(__filename).href;"},
  logLevel: 'warning',
};

/** 'yoga-layout' (exactly: the loader itself imports 'yoga-layout/load') → the loader. */
const yogaLoader = {
  name: 'yoga-loader',
  setup(build) {
    build.onResolve({filter: /^yoga-layout$/}, () => ({path: dist('ui/yogaLoader.js')}));
  },
};

/**
 * source/ui/inkOutputLoader.ts finds Ink's Output module by its file URL at run time; in the
 * bundle it must be the bundle's own copy of that module, so the loader becomes a static import
 * of the same file (esbuild keeps one module per path, the one Ink's renderer imports).
 */
const inkOutputFile = path.join(path.dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
const inkOutputLoader = {
  name: 'ink-output-loader',
  setup(build) {
    build.onLoad({filter: /[\\/]dist[\\/]ui[\\/]inkOutputLoader\.js$/}, () => ({
      contents: `import Output from ${JSON.stringify(inkOutputFile)};\nexport const loadInkOutput = async () => Output;\n`,
      loader: 'js',
      resolveDir: path.dirname(inkOutputFile),
    }));
  },
};

/**
 * Ink's reconciler awaits, at the top level, two things it needs only with DEV set (the React
 * devtools, which are not installed, and its own package.json for them): in the bundle DEV does
 * not load them. A new Ink that changes those lines fails the build here, not at a user's terminal.
 */
const DEV_ONLY_AWAITS = [
  ["await import('./devtools.js');", 'void 0;'],
  ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
];
const inkWithoutTopLevelAwait = {
  name: 'ink-without-top-level-await',
  setup(build) {
    build.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      for (const [from, to] of DEV_ONLY_AWAITS) {
        if (!contents.includes(from)) throw new Error(`${args.path} no longer has \`${from}\`: see scripts/bundle.mjs`);
        contents = contents.replace(from, to);
      }
      return {contents, loader: 'js'};
    });
  },
};

await Promise.all([
  esbuild.build({...common, entryPoints: [dist('program.js')], outfile: dist('bundle/program.cjs'), packages: 'external'}),
  esbuild.build({
    ...common,
    entryPoints: [dist('tuiProgram.js')],
    outfile: dist('bundle/tui.cjs'),
    // Ink imports the React devtools only when DEV is set, and they are not installed
    external: ['react-devtools-core'],
    plugins: [yogaLoader, inkWithoutTopLevelAwait, inkOutputLoader],
  }),
]);
