import {MIN_COLUMNS, MIN_ROWS} from '../layout.js';
import {Text} from './SafeText.js';

/** All that shows below the minimum size; only `q` (and Ctrl+C, and resizing) acts meanwhile. */
export const TooSmall = ({columns, rows}: {columns: number; rows: number}) => (
  <Text wrap="wrap">
    Terminal too small ({columns}×{rows}); gto-tui needs {MIN_COLUMNS}×{MIN_ROWS} · q quits
  </Text>
);
