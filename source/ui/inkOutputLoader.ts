/**
 * Ink's Output class (ink/build/output.js), which Ink's package exports do not name: it is
 * the module next to Ink's entry point, loaded by its file URL, so it is the very module
 * Ink's renderer uses. In the TUI bundle scripts/bundle.mjs replaces this file with a static
 * import of the same path, so the bundle's own copy of Ink is the one sped up.
 */
import type {OutputClass} from './inkOutput.js';

export const loadInkOutput = async (): Promise<OutputClass> => {
  const module = (await import(new URL('./output.js', import.meta.resolve('ink')).href)) as {default: OutputClass};
  return module.default;
};
