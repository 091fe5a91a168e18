// Preloaded with `node --import` when GNU time is missing: writes this process's peak RSS
// (kilobytes) to $GTO_BENCH_RSS_FILE when it exits, however it exits.
import fs from 'node:fs';

const file = process.env.GTO_BENCH_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
