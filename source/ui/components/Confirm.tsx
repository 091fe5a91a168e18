/** A confirmation showing exactly what will be written; the focused button is inverse and marked. */
import {Box} from 'ink';
import type {Confirm as ConfirmState, Pending} from '../store.js';
import {CompareSummary} from './CompareSummary.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

const Button = ({label, focused, marker}: {label: string; focused: boolean; marker: string}) => (
  <Text inverse={focused} bold={focused}>
    {focused ? `${marker} ` : '  '}[ {label} ]
  </Text>
);

/** What an override confirmation says before the tags: the refusal, and what Force does about it. */
const overrideLines = (refusal: string): string[] => [
  `✗ ${refusal.split('\n')[0]}`,
  'The command line does this only with --force. Force writes:',
  '',
];

export const Confirm = ({confirm, height, summary = null}: {confirm: ConfirmState; height: number; summary?: Pending<string> | null}) => {
  const theme = useTheme();
  const notes = confirm.override === undefined ? [] : overrideLines(confirm.override);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={confirm.mode === 'deprecate' || notes.length > 0 ? theme.warn : theme.accent} wrap="truncate">
        {confirm.title}
      </Text>
      {summary ? <CompareSummary line={summary} /> : null}
      {notes.map((line, i) => (
        <Text key={`override${i}`} color={i === 0 ? theme.warn : undefined} wrap={i === 0 ? 'wrap' : 'truncate'}>
          {line === '' ? ' ' : line}
        </Text>
      ))}
      {confirm.lines.slice(0, Math.max(1, height - 5 - notes.length - (summary ? 1 : 0) - (confirm.sign === undefined ? 0 : 1))).map((line, i) => (
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
        <Button label={notes.length > 0 ? 'Force' : 'Confirm'} focused={confirm.focus === 'confirm'} marker={theme.selectedMarker} />
      </Box>
    </Box>
  );
};
