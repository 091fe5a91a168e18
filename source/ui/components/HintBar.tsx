/** The keys that work right now, from the keymap table. */
import {activeBindings} from '../keymap.js';
import {keyLabel} from '../keys.js';
import type {State} from '../store.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

export const hintText = (state: State): string => {
  const seen = new Set<string>();
  const keysTaken = new Set<string>();
  const parts: string[] = [];
  for (const binding of activeBindings(state)) {
    // only the binding a key would really run (the first enabled one) is hinted
    const fresh = binding.keys.filter((k) => !keysTaken.has(k));
    for (const k of binding.keys) keysTaken.add(k);
    if (!binding.hint || seen.has(binding.hint) || fresh.length === 0 || binding.hintWhen?.(state) === false) continue;
    seen.add(binding.hint);
    parts.push(`${binding.label ?? fresh.map(keyLabel).slice(0, 2).join('/')} ${binding.hint}`);
  }
  return parts.join('  ');
};

export const HintBar = ({state}: {state: State}) => {
  const theme = useTheme();
  return (
    <Text color={theme.muted} wrap="truncate">
      {hintText(state)}
    </Text>
  );
};
