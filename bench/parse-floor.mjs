// The least a first read does in Node before any registry logic: the floor's for-each-ref, its
// output turned into one object per tag. bench/run.mjs times it beside the commands, so the
// cold ratios can be read against what listing and parsing alone cost. Usage: node parse-floor.mjs REPO
import {spawn} from 'node:child_process';

const FORMAT = '%(refname)%00%(objecttype)%00%(objectname)%00%(*objectname)%00%(*objecttype)%00%(taggername)%00%(taggeremail)%00%(taggerdate:raw)%00%(contents)';
const child = spawn('git', ['for-each-ref', 'refs/tags', `--format=${FORMAT}`], {cwd: process.argv[2], stdio: ['ignore', 'pipe', 'inherit']});
const chunks = [];
child.stdout.on('data', (chunk) => chunks.push(chunk));
child.on('close', (code) => {
  if (code !== 0) process.exit(1);
  const text = Buffer.concat(chunks).toString('utf8');
  const records = [];
  let pos = 0;
  while (pos < text.length) {
    const fields = [];
    for (let i = 0; i < 8; i++) {
      const nul = text.indexOf('\0', pos);
      fields.push(text.slice(pos, nul));
      pos = nul + 1;
    }
    // the message runs to the last newline before the next record's first NUL
    const next = text.indexOf('\0', pos);
    const end = next === -1 ? text.length - 1 : text.lastIndexOf('\n', next);
    const [name, type, id, target, targetType, taggerName, taggerEmail, date] = fields;
    records.push({name, type, id, target, targetType, tagger: {name: taggerName, email: taggerEmail, date}, message: text.slice(pos, end)});
    pos = end + 1;
  }
  process.stdout.write(`${records.length}\n`);
});
