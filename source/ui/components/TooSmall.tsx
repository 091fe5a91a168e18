import {MIN_COLUMNS, MIN_ROWS} from '../layout.js';
import {Text} from './SafeText.js';

/**
 * All that shows below the minimum size; only `q` (and Ctrl+C, and resizing) acts meanwhile,
 * and the question `q` asks when tags made in this run are not pushed (`unpushed`).
 */
export const TooSmall = ({columns, rows, unpushed}: {columns: number; rows: number; unpushed: readonly string[] | null}) => (
  <Text wrap="wrap">
    {unpushed === null
      ? `Terminal too small (${columns}×${rows}); gto-tui needs ${MIN_COLUMNS}×${MIN_ROWS} · q quits`
      : `Quit with ${unpushed.length} not pushed (${unpushed.join(', ')})? y quits, n stays`}
  </Text>
);
