/** The last result or error, one line. */
import type {Status} from '../store.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

export const StatusLine = ({status}: {status: Status | null}) => {
  const theme = useTheme();
  if (!status) return <Text> </Text>;
  const color = status.kind === 'error' ? theme.error : status.kind === 'ok' ? theme.ok : theme.muted;
  const prefix = status.kind === 'error' ? '✗ ' : status.kind === 'ok' ? '✓ ' : '';
  return (
    <Text color={color} wrap="truncate">
      {prefix}
      {status.text}
    </Text>
  );
};
