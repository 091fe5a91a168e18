/**
 * A list picked with ink-select-input (↑↓ j k move and wrap, 1-9 and Enter pick); the keymap
 * documents those keys and leaves them to it. Items keep the UI's look: `▶` and inverse video
 * on the highlighted one, a tab-separated tail drawn muted, and the digit that picks each item
 * shown before it.
 */
import {Box} from 'ink';
import SelectInput from 'ink-select-input';
import {createContext, useContext, useMemo, useRef, type MutableRefObject} from 'react';
import {Text} from './SafeText.js';
import {useTheme} from './ThemeContext.js';

/**
 * Where ink-select-input's window starts. A digit picks the n-th item *shown*, and the window
 * rotates when the highlight wraps or scrolls past an end; the list does not say where it went,
 * so it is followed from the highlight moves (the same rule the list applies).
 */
type Window = {start: number; count: number; limit: number};

/** The first item shown at mount: ink-select-input starts with `initial` on the last row when it is not on the first page. */
const initialWindow = (initial: number, count: number, height: number): Window => {
  const limit = Math.min(Math.max(1, height), count);
  return {start: initial > limit - 1 ? initial - (limit - 1) : 0, count, limit};
};

/** The window after the highlight moved from `from` to `to` (one step, either way, wrapping). */
const moveWindow = (window: Window, from: number, to: number): Window => {
  const {start, count, limit} = window;
  if ((to - start + count) % count < limit) return window;
  const down = to === (from + 1) % count;
  return {...window, start: down ? (to - limit + 1 + count) % count : to};
};

const WindowContext = createContext<MutableRefObject<Window> | null>(null);

const Indicator = ({isSelected = false}: {isSelected?: boolean}) => {
  const theme = useTheme();
  // flexShrink 0: a long item is truncated, the marker column never narrowed
  return (
    <Box flexShrink={0}>
      <Text inverse={isSelected}>{isSelected ? `${theme.selectedMarker} ` : '  '}</Text>
    </Box>
  );
};

const Item = ({isSelected = false, label, value}: {isSelected?: boolean; label: string; value?: number}) => {
  const theme = useTheme();
  const window = useContext(WindowContext)?.current;
  const position = window && value !== undefined ? (value - window.start + window.count) % window.count : 9;
  const tab = label.indexOf('\t');
  const main = tab === -1 ? label : label.slice(0, tab);
  return (
    <Text wrap="truncate">
      <Text color={theme.muted}>{position < 9 ? `${position + 1} ` : '  '}</Text>
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
  const initialIndex = Math.min(index, Math.max(0, items.length - 1));
  const limit = Math.max(1, height);
  // SelectInput keeps its own highlight. When the form's choice changes without it (a digit
  // picks without moving the highlight, Esc comes back to the step), or the list changes
  // length or height, it is remounted there.
  const reported = useRef(index);
  const generation = useRef(0);
  const window = useRef<Window>(initialWindow(initialIndex, items.length, limit));
  const shape = useRef(`${items.length}:${limit}`);
  if (index !== reported.current || shape.current !== `${items.length}:${limit}`) {
    generation.current++;
    reported.current = index;
    shape.current = `${items.length}:${limit}`;
    window.current = initialWindow(initialIndex, items.length, limit);
  }
  // ink-select-input hands Enter on an empty list `undefined`
  if (items.length === 0) return null;
  return (
    <WindowContext.Provider value={window}>
      <Box paddingLeft={4} flexDirection="column">
        <SelectInput
          key={generation.current}
          items={items}
          initialIndex={initialIndex}
          limit={limit}
          isFocused={focused}
          indicatorComponent={Indicator}
          itemComponent={Item}
          onHighlight={(item) => {
            window.current = moveWindow(window.current, reported.current, item.value);
            reported.current = item.value;
            onHighlight(item.value);
          }}
          onSelect={(item) => onPick(item.value)}
        />
      </Box>
    </WindowContext.Provider>
  );
};
