/** A confirmation showing exactly what will be written; the focused button is inverse and marked. */
import {Box, Text} from 'ink';
import type {Confirm as ConfirmState} from '../store.js';
import {useTheme} from './ThemeContext.js';

const Button = ({label, focused, marker}: {label: string; focused: boolean; marker: string}) => (
  <Text inverse={focused} bold={focused}>
    {focused ? `${marker} ` : '  '}[ {label} ]
  </Text>
);

export const Confirm = ({confirm, height}: {confirm: ConfirmState; height: number}) => {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={confirm.mode === 'deprecate' ? theme.warn : theme.accent} wrap="truncate">
        {confirm.title}
      </Text>
      {confirm.lines.slice(0, Math.max(1, height - (confirm.sign === undefined ? 5 : 6))).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      {confirm.sign === undefined ? null : (
        <Text wrap="truncate">
          [{confirm.sign ? 'x' : ' '}] sign with your key (s)
        </Text>
      )}
      <Box marginTop={1}>
        <Button label="Cancel" focused={confirm.focus === 'cancel'} marker={theme.selectedMarker} />
        <Text>   </Text>
        <Button label="Confirm" focused={confirm.focus === 'confirm'} marker={theme.selectedMarker} />
      </Box>
    </Box>
  );
};
