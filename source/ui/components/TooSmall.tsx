import {MIN_COLUMNS, MIN_ROWS} from '../layout.js';
import {Text} from './SafeText.js';

export const TooSmall = ({columns, rows}: {columns: number; rows: number}) => (
  <Text wrap="truncate">
    Terminal too small ({columns}×{rows}); gto-tui needs {MIN_COLUMNS}×{MIN_ROWS}
  </Text>
);
