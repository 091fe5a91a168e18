/**
 * Yoga for the TUI bundle (scripts/bundle.mjs puts this module where Ink imports
 * 'yoga-layout'). The package compiles its WebAssembly with a top-level await, which a CommonJS
 * bundle cannot hold; here the compile starts when the bundle loads and `ready` settles when it
 * is done. Ink uses Yoga only when it lays out a frame, so the app awaits `ready` before it
 * renders and reads the tags meanwhile. Outside the bundle Ink imports the package itself and
 * this module is not loaded.
 */
import {loadYoga} from 'yoga-layout/load';

type Yoga = Awaited<ReturnType<typeof loadYoga>>;

/** Empty until `ready`: filled in place, since Ink's modules hold this very object. */
const yoga = {} as Yoga;
export default yoga;

export const ready: Promise<void> = loadYoga().then((loaded) => {
  Object.assign(yoga, loaded);
});
