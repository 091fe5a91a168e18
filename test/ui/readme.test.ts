import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {keymapMarkdown} from './keymapTable.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('<!-- tui:start -->'), readme.indexOf('<!-- tui:end -->'));

test("the README's key tables are the keymap's, every screen and every key", () => {
  assert.ok(section.length > 0, 'the tui section exists');
  assert.ok(section.includes(keymapMarkdown()), 'regenerate with test/ui/keymapTable.ts and paste into the README');
});
