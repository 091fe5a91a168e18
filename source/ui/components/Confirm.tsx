/** A confirmation showing exactly what will be written; the focused button is inverse and marked. */
import {Box, Text} from 'ink';
import type {Confirm as ConfirmState, Pending} from '../store.js';
import {CompareSummary} from './CompareSummary.js';
import {useTheme} from './ThemeContext.js';

const Button = ({label, focused, marker}: {label: string; focused: boolean; marker: string}) => (
  <Text inverse={focused} bold={focused}>
    {focused ? `${marker} ` : '  '}[ {label} ]
  </Text>
);

export const Confirm = ({confirm, height, summary = null}: {confirm: ConfirmState; height: number; summary?: Pending<string> | null}) => {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={confirm.mode === 'deprecate' ? theme.warn : theme.accent} wrap="truncate">
        {confirm.title}
      </Text>
      {summary ? <CompareSummary line={summary} /> : null}
      {confirm.lines.slice(0, Math.max(1, height - 5 - (summary ? 1 : 0))).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <Box marginTop={1}>
        <Button label="Cancel" focused={confirm.focus === 'cancel'} marker={theme.selectedMarker} />
        <Text>   </Text>
        <Button label="Confirm" focused={confirm.focus === 'confirm'} marker={theme.selectedMarker} />
      </Box>
    </Box>
  );
};
