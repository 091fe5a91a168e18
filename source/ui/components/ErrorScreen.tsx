/** `e`: the whole text of the last error, wrapped, every line escaped. */
import {Box} from 'ink';
import {Text} from './SafeText.js';
import {safeLines} from './text.js';
import {useTheme} from './ThemeContext.js';

export const ErrorScreen = ({text, height}: {text: string; height: number}) => {
  const theme = useTheme();
  const lines = safeLines(text.trimEnd());
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} height={Math.max(3, height)} overflow="hidden">
      <Text bold color={theme.error}>
        Last error
      </Text>
      {lines.map((line, i) => (
        <Text key={i} wrap="wrap">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
};
