/** The last result or error, one line; a longer text ends in a pointer to `e`, which shows it all. */
import type {Status} from '../store.js';
import {Text} from './SafeText.js';
import {safe} from './text.js';
import {useTheme} from './ThemeContext.js';

const MORE = '… e: full text';

/** The line as shown in `width` columns: the first line of the text, cut to leave room for MORE when there is more. */
export const statusText = (status: Status, width: number): string => {
  const prefix = status.kind === 'error' ? '✗ ' : status.kind === 'ok' ? '✓ ' : '';
  const lines = status.text.split('\n').filter((line) => line.trim() !== '');
  const line = [...(prefix + safe(lines[0] ?? ''))];
  const more = status.kind === 'error' && (lines.length > 1 || line.length > width);
  if (!more) return line.join('');
  return line.slice(0, Math.max(0, width - MORE.length)).join('').trimEnd() + MORE;
};

export const StatusLine = ({status, width}: {status: Status | null; width: number}) => {
  const theme = useTheme();
  if (!status) return <Text> </Text>;
  const color = status.kind === 'error' ? theme.error : status.kind === 'ok' ? theme.ok : theme.muted;
  return (
    <Text color={color} wrap="truncate">
      {statusText(status, width)}
    </Text>
  );
};
