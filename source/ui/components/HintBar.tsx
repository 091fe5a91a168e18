/** The keys that work right now, from the keymap table, as many as the width holds. */
import {textFieldActive} from '../controller.js';
import {activeBindings} from '../keymap.js';
import {keyLabel} from '../keys.js';
import type {State} from '../store.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

type Hint = {readonly text: string; readonly priority: number};

const GAP = '  ';

/** Every hint of this state, in keymap order, with its priority (0: always shown). */
export const hints = (state: State): Hint[] => {
  const seen = new Set<string>();
  const keysTaken = new Set<string>();
  const typing = textFieldActive(state);
  const list: Hint[] = [];
  for (const binding of activeBindings(state)) {
    // only the binding a key would really run (the first enabled one) is hinted; in a text
    // field a printable key types itself, so it is not offered (F1, not ?)
    const fresh = binding.keys.filter((k) => !keysTaken.has(k) && !(typing && [...k].length === 1));
    for (const k of binding.keys) keysTaken.add(k);
    if (!binding.hint || seen.has(binding.hint) || fresh.length === 0 || binding.hintWhen?.(state) === false) continue;
    seen.add(binding.hint);
    const priority = typeof binding.priority === 'function' ? binding.priority(state) : (binding.priority ?? 3);
    const keys = binding.label ?? fresh.map(keyLabel).slice(0, binding.hintKeys ?? 2).join('/');
    list.push({text: `${keys} ${binding.hint}`, priority});
  }
  return list;
};

/**
 * The hint bar in `width` columns: the hints of priority 0 (help, and quit or the way back)
 * always, then the others by priority while they fit, each whole, in keymap order.
 */
export const hintText = (state: State, width = Number.POSITIVE_INFINITY): string => {
  const all = hints(state);
  const kept = new Set(all.filter((hint) => hint.priority === 0));
  const line = (set: ReadonlySet<Hint>): string =>
    all
      .filter((hint) => set.has(hint))
      .map((hint) => hint.text)
      .join(GAP);
  const rest = all.filter((hint) => hint.priority > 0).sort((a, b) => a.priority - b.priority);
  for (const hint of rest) {
    const next = new Set(kept).add(hint);
    if ([...line(next)].length <= width) kept.add(hint);
  }
  return line(kept);
};

export const HintBar = ({state, width}: {state: State; width: number}) => {
  const theme = useTheme();
  return (
    <Text color={theme.muted} wrap="truncate">
      {hintText(state, width)}
    </Text>
  );
};
