/**
 * The README's keymap tables, generated from the keymap (source/ui/keymap.ts). readme.test.ts
 * checks the README has exactly these, so the documented keys cannot drift from the real ones.
 * Print them: node --import tsx -e "import('./test/ui/keymapTable.ts').then((m) => console.log(m.keymapMarkdown()))"
 */
import {BINDINGS, bindingLabel} from '../../source/ui/keymap.js';
import type {Mode} from '../../source/ui/store.js';

const SCREENS: readonly {title: string; modes: readonly Mode[]}[] = [
  {title: 'Registry grid', modes: ['grid']},
  {title: 'Filter line (`/`)', modes: ['filter']},
  {title: 'Artifact panel', modes: ['artifact']},
  {title: 'Compare (`D`)', modes: ['diff']},
  {title: 'File diff (Enter on a file)', modes: ['diffFile']},
  {title: 'Register and assign forms', modes: ['register', 'assign']},
  {title: 'Confirmations', modes: ['confirm', 'deprecate']},
  {title: 'Push screen', modes: ['push']},
  {title: 'Help (`?`)', modes: ['help']},
  {title: 'Last error (`e`)', modes: ['error']},
];

const cell = (text: string): string => text.replaceAll('|', '\\|');

export const keymapMarkdown = (): string => {
  const parts: string[] = [];
  for (const screen of SCREENS) {
    const rows: string[] = [];
    const seen = new Set<string>();
    for (const b of BINDINGS) {
      if (!screen.modes.some((m) => b.modes.includes(m)) || seen.has(b.description)) continue;
      seen.add(b.description);
      const keys = b.label ?? b.keys.map((k) => bindingLabel({keys: [k]})).join(', ');
      rows.push(`| ${cell(`\`${keys.split(', ').join('` `')}\``)} | ${cell(b.description)}${b.writes ? ' ✎' : ''} |`);
    }
    parts.push(`**${screen.title}**\n\n| Keys | Does |\n| --- | --- |\n${rows.join('\n')}`);
  }
  return parts.join('\n\n');
};
