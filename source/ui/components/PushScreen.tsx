/** Local-only registry tags, chosen with Space and pushed with Enter. */
import {Box} from 'ink';
import {firstLine} from '../controller.js';
import {scrollTop} from '../layout.js';
import type {PushView} from '../store.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

export const PushScreen = ({push, height}: {push: PushView; height: number}) => {
  const theme = useTheme();
  const visible = Math.max(1, height - 4);
  const top = scrollTop(0, push.cursor, visible, push.tags.length);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Push to origin: {push.chosen.size} of {push.tags.length} local-only tags chosen
      </Text>
      {push.tags.slice(top, top + visible).map((tag, i) => {
        const index = top + i;
        const here = index === push.cursor;
        return (
          <Text key={tag} wrap="truncate">
            {here ? `${theme.selectedMarker} ` : '  '}
            <Text inverse={here}>
              [{push.chosen.has(tag) ? 'x' : ' '}] {tag}
            </Text>
            {push.elsewhere.has(tag) ? <Text color={theme.warn}>  (origin has it at {push.elsewhere.get(tag)!.slice(0, 7)})</Text> : null}
          </Text>
        );
      })}
      {push.progress ? <Text color={theme.accent}>{push.progress}</Text> : null}
      {push.error ? (
        <Text color={theme.error} wrap="wrap">
          ✗ {firstLine(push.error)}
        </Text>
      ) : null}
      {push.error?.trim().includes('\n') ? <Text color={theme.muted}>e: all git printed</Text> : null}
    </Box>
  );
};
