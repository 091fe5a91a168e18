/**
 * A list picked with ink-select-input (↑↓ j k move and wrap, 1-9 and Enter pick); the keymap
 * documents those keys and leaves them to it. Items keep the UI's look: `▶` and inverse video
 * on the highlighted one, a tab-separated tail drawn muted.
 */
import {Box} from 'ink';
import SelectInput from 'ink-select-input';
import {useMemo, useRef} from 'react';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

const Indicator = ({isSelected = false}: {isSelected?: boolean}) => {
  const theme = useTheme();
  // flexShrink 0: a long item is truncated, the marker column never narrowed
  return (
    <Box flexShrink={0}>
      <Text inverse={isSelected}>{isSelected ? `${theme.selectedMarker} ` : '  '}</Text>
    </Box>
  );
};

const Item = ({isSelected = false, label}: {isSelected?: boolean; label: string}) => {
  const theme = useTheme();
  const tab = label.indexOf('\t');
  const main = tab === -1 ? label : label.slice(0, tab);
  return (
    <Text wrap="truncate">
      <Text inverse={isSelected}>{main}</Text>
      {tab === -1 ? null : <Text color={theme.muted}>{'  ' + label.slice(tab + 1)}</Text>}
    </Text>
  );
};

type Props = {
  /** One line per choice; text after a tab is drawn muted. */
  readonly labels: readonly string[];
  readonly index: number;
  readonly height: number;
  /** Only the focused picker reacts to keys. */
  readonly focused: boolean;
  readonly onHighlight: (index: number) => void;
  readonly onPick: (index: number) => void;
};

export const Picker = ({labels, index, height, focused, onHighlight, onPick}: Props) => {
  const items = useMemo(() => labels.map((label, i) => ({key: String(i), label, value: i})), [labels]);
  // SelectInput keeps its own highlight. When the form's choice changes without it (a digit
  // picks without moving the highlight, Esc comes back to the step), it is remounted there.
  const reported = useRef(index);
  const generation = useRef(0);
  if (index !== reported.current) {
    generation.current++;
    reported.current = index;
  }
  // ink-select-input hands Enter on an empty list `undefined`
  if (items.length === 0) return null;
  return (
    <Box paddingLeft={4} flexDirection="column">
      <SelectInput
        key={generation.current}
        items={items}
        initialIndex={Math.min(index, Math.max(0, items.length - 1))}
        limit={Math.max(1, height)}
        isFocused={focused}
        indicatorComponent={Indicator}
        itemComponent={Item}
        onHighlight={(item) => {
          reported.current = item.value;
          onHighlight(item.value);
        }}
        onSelect={(item) => onPick(item.value)}
      />
    </Box>
  );
};
