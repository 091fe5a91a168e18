/** `?`: every key of the screen underneath, generated from the keymap table. */
import {Box} from 'ink';
import {helpRows} from '../keymap.js';
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
  diff: 'Compare',
  diffFile: 'File diff',
  error: 'Last error',
};

/** Splits the rows into as many columns as the height needs, evenly (every key stays visible). */
const columnsOf = <T,>(rows: readonly T[], height: number): T[][] => {
  const count = Math.max(1, Math.ceil(rows.length / height));
  const per = Math.ceil(rows.length / count);
  const columns: T[][] = [];
  for (let i = 0; i < rows.length; i += per) columns.push(rows.slice(i, i + per));
  return columns;
};

export const Help = ({state, height}: {state: State; height: number}) => {
  const theme = useTheme();
  const under = state.modes.at(-2) ?? 'grid';
  const rows = helpRows(state, under);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={theme.accent}>
        Keys: {TITLES[under]}
        {state.readonly ? ' (readonly: write keys hidden)' : ''}
      </Text>
      <Box>
        {columnsOf(rows, Math.max(1, height - 4)).map((column, c) => (
          <Box key={c} flexDirection="column" flexBasis={0} flexGrow={1} marginRight={1}>
            {column.map((row) => (
              <Text key={row.description} wrap="truncate">
                {row.label.padEnd(12)} {row.description}
                {row.writes ? ' ✎' : ''}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      {state.readonly ? null : <Text color={theme.muted}>✎ writes a tag (hidden with --readonly)</Text>}
    </Box>
  );
};
