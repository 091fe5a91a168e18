#!/usr/bin/env node
// Kept tiny on purpose: every run starts here, and each command loads only what it needs.
import {main} from './cli/main.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `gto-tui show | head` closes the pipe early; that is not a failure worth a trace.
  if (error.code === 'EPIPE') process.exit(0);
});

const write = (stream: NodeJS.WriteStream) => (text: string) => {
  stream.write(text + '\n');
};

main(process.argv.slice(2), {
  out: write(process.stdout),
  err: write(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`❌ ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
