/**
 * A form's list of choices: the window of items on screen, `▶` and inverse video on the
 * highlighted one, a tab-separated tail drawn muted, and the digit that picks each item shown
 * before it. While searching (`/`), the search line above it and only the matches. The keys
 * are the keymap's (pickerController.ts moves the highlight); this only draws.
 */
import {Box} from 'ink';
import {shownItems, windowTop, type PickerView} from '../picker.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

type Props = {
  /** One line per choice; text after a tab is drawn muted. */
  readonly labels: readonly string[];
  /** What the search looks in, per choice. */
  readonly search: readonly string[];
  /** The highlighted choice. */
  readonly index: number;
  readonly view: PickerView;
  /** Rows for the items. */
  readonly rows: number;
  /** More choices come as the list is scrolled (HEAD's history not read to its end). */
  readonly more: boolean;
  /** A name typed on the search line is looked up as a commit (the lists of commits). */
  readonly commits: boolean;
};

const Item = ({label, number, selected}: {label: string; number: number | null; selected: boolean}) => {
  const theme = useTheme();
  const tab = label.indexOf('\t');
  const main = tab === -1 ? label : label.slice(0, tab);
  return (
    <Box>
      {/* flexShrink 0: a long item is truncated, the marker column never narrowed */}
      <Box flexShrink={0}>
        <Text inverse={selected}>{selected ? `${theme.selectedMarker} ` : '  '}</Text>
      </Box>
      <Text wrap="truncate">
        <Text color={theme.muted}>{number === null ? '  ' : `${number} `}</Text>
        <Text inverse={selected}>{main}</Text>
        {tab === -1 ? null : <Text color={theme.muted}>{'  ' + label.slice(tab + 1)}</Text>}
      </Text>
    </Box>
  );
};

const SearchLine = ({view, matches, more, commits}: {view: PickerView; matches: number; more: boolean; commits: boolean}) => {
  const theme = useTheme();
  const query = view.query ?? '';
  const lookup = view.lookup !== null && view.lookup.query === query.trim() ? view.lookup : null;
  const found = lookup === null ? '' : lookup.index === null ? ' · names no commit' : ` · '${lookup.query}' is listed first`;
  const counted = query.trim() === '' ? '' : `${matches} ${matches === 1 ? 'match' : 'matches'}${more ? ' so far' : ''}`;
  return (
    <Text wrap="truncate">
      /{query}
      <Text inverse> </Text>
      <Text color={theme.muted}>
        {'  '}
        {counted === '' ? (commits ? 'type to search, or a sha, branch or tag' : 'type to search') : counted}
        {found}
      </Text>
    </Text>
  );
};

export const Picker = ({labels, search, index, view, rows, more, commits}: Props) => {
  const shown = shownItems(search, view);
  const position = shown.indexOf(index);
  const top = windowTop(view, position, rows, shown.length);
  const window = shown.slice(top, top + rows);
  const typing = view.query !== null;
  return (
    <Box paddingLeft={4} flexDirection="column">
      {typing ? <SearchLine view={view} matches={shown.length} more={more} commits={commits} /> : null}
      {window.map((item, i) => (
        // while typing, digits go to the search line: no numbers to pick with
        <Item key={item} label={labels[item] ?? ''} number={typing || i >= 9 ? null : i + 1} selected={item === index} />
      ))}
    </Box>
  );
};
