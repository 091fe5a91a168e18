/** The assign confirmation's line saying what changes (`prod: v3.0.0 → v3.1.1 · 7 commits · …`), filled in when git answers. */
import {Text} from './SafeText.js';
import type {Pending} from '../store.js';
import {useTheme} from './ThemeContext.js';

export const CompareSummary = ({line}: {line: Pending<string>}) => {
  const theme = useTheme();
  if (line.kind === 'loading') return <Text color={theme.muted} wrap="truncate">comparing with what the stage holds…</Text>;
  if (line.kind === 'error') return <Text color={theme.error} wrap="truncate">cannot compare: {line.message}</Text>;
  return <Text color={theme.accent} wrap="truncate">{line.value}</Text>;
};
