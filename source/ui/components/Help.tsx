/** `?` (or F1): every key of the screen underneath, generated from the keymap table; wrapped, scrolling. */
import {Box} from 'ink';
import {HELP_GUTTER, helpSubject} from '../help.js';
import {helpView} from '../keymap.js';
import type {Mode, State} from '../store.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

const TITLES: Readonly<Record<Mode, string>> = {
  grid: 'Registry',
  artifact: 'Artifact',
  register: 'Register',
  assign: 'Assign',
  deprecate: 'Deprecate',
  push: 'Push',
  confirm: 'Confirm',
  help: 'Help',
  filter: 'Filter',
  timeline: 'Timeline',
  moment: 'Go to a moment',
  diff: 'Compare',
  diffFile: 'File diff',
  error: 'Last error',
};

export const Help = ({state}: {state: State}) => {
  const theme = useTheme();
  const {lines, rows} = helpView(state);
  const top = Math.max(0, Math.min(state.helpTop, lines.length - rows));
  const shown = lines.slice(top, top + rows);
  const range = lines.length > rows ? `  lines ${top + 1}-${top + shown.length} of ${lines.length}` : '';
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          Keys: {TITLES[helpSubject(state)]}
          {state.readonly ? ' (readonly: write keys hidden)' : ''}
        </Text>
        <Text color={theme.muted}>{range}</Text>
      </Text>
      {shown.map(([left, right], i) => (
        <Text key={top + i} wrap="truncate">
          <Text bold>{left.keys}</Text> {left.text}
          {right === undefined ? null : (
            <>
              {' '.repeat(HELP_GUTTER)}
              <Text bold>{right.keys}</Text> {right.text}
            </>
          )}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate">
        {top + shown.length < lines.length ? `↓ ${lines.length - top - shown.length} more: j, PgDn` : state.readonly ? ' ' : '✎ writes a tag (hidden with --readonly)'}
      </Text>
    </Box>
  );
};
