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

/**
 * Emscripten reads the WebAssembly embedded in the package with `fetch()` when there is one, and
 * Node's fetch is undici, loaded on first use: more modules than all of Ink. Without it the same
 * bytes are decoded in place. The compile reads `fetch` synchronously, when it starts; it is put
 * back (descriptor and all: Node defines it lazily) before anything else runs.
 */
const withoutFetch = <T>(start: () => T): T => {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetch?.configurable !== true) return start();
  Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
  try {
    return start();
  } finally {
    Object.defineProperty(globalThis, 'fetch', fetch);
  }
};

export const ready: Promise<void> = withoutFetch(loadYoga).then((loaded) => {
  Object.assign(yoga, loaded);
});
