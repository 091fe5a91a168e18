/** The pieces both write forms are made of: a labelled row, a text input, the shared props. */
import type {ReactNode} from 'react';
import type {Snapshot} from '../services.types.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

/** What the register and assign forms receive. */
export type FormProps<F> = {
  form: F;
  snapshot: Snapshot;
  height: number;
};

/** One row: the marker when it is the active step, the label, the value. */
export const Field = ({label, active, children}: {label: string; active: boolean; children: ReactNode}) => {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {active ? `${theme.selectedMarker} ` : '  '}
      <Text bold={active}>{label.padEnd(9)}</Text>
      {children}
    </Text>
  );
};

/**
 * A text value; while active, with a block cursor. Empty, it shows the placeholder where the
 * text will be, under the cursor (as shells and editors do), not beside it.
 */
export const Input = ({value, active, placeholder = ''}: {value: string; active: boolean; placeholder?: string}) => {
  const theme = useTheme();
  if (!active) return <Text>{value === '' ? placeholder : value}</Text>;
  if (value === '' && placeholder !== '') {
    const [first = ' ', ...rest] = [...placeholder];
    return (
      <Text>
        <Text inverse>{first}</Text>
        <Text color={theme.muted}>{rest.join('')}</Text>
      </Text>
    );
  }
  return (
    <Text>
      {value}
      <Text inverse> </Text>
    </Text>
  );
};
