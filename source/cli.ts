#!/usr/bin/env node
// Entry point placeholder: the command dispatcher lands with the read commands.
process.stdout.write('gto-tui\n');
