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

/** The confirm button of an override: Assign anyway past a promotion rule, Force past GTO's refusal. */
const overrideButton = (confirm: ConfirmState): string | null =>
  confirm.ruleOverride !== undefined ? 'Assign anyway' : confirm.override !== undefined ? 'Force' : null;

/** What an override confirmation says before the tags: each refusal, and what the button does about them. */
const overrideLines = (confirm: ConfirmState): string[] => {
  const button = overrideButton(confirm);
  if (button === null) return [];
  const refusals = [confirm.override, confirm.ruleOverride].filter((r) => r !== undefined);
  const flags = [confirm.override === undefined ? null : '--force', confirm.ruleOverride === undefined ? null : '--ignore-rules'].filter((f) => f !== null);
  return [...refusals.map((refusal) => `✗ ${refusal.split('\n')[0]}`), `The command line does this only with ${flags.join(' ')}. ${button} writes:`, ''];
};

export const Confirm = ({confirm, height, summary = null}: {confirm: ConfirmState; height: number; summary?: Pending<string> | null}) => {
  const theme = useTheme();
  const notes = overrideLines(confirm);
  const button = overrideButton(confirm);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={confirm.mode === 'deprecate' || notes.length > 0 ? theme.warn : theme.accent} wrap="truncate">
        {confirm.title}
      </Text>
      {summary ? <CompareSummary line={summary} /> : null}
      {notes.map((line, i) => (
        <Text key={`override${i}`} color={line.startsWith('✗ ') ? theme.warn : undefined} wrap={line.startsWith('✗ ') ? 'wrap' : 'truncate'}>
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
          {confirm.signRequired === undefined ? `[${confirm.sign ? 'x' : ' '}] sign with your key (s)` : `[x] signed with your key: ${confirm.signRequired}`}
        </Text>
      )}
      <Box marginTop={1}>
        <Button label="Cancel" focused={confirm.focus === 'cancel'} marker={theme.selectedMarker} />
        <Text>   </Text>
        <Button label={button ?? 'Confirm'} focused={confirm.focus === 'confirm'} marker={theme.selectedMarker} />
      </Box>
    </Box>
  );
};
