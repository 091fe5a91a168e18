/** artifacts.yaml (spec §6.2): artifact annotations, read at commits. Pure. */
import type {Annotation} from './model.js';

export type ParsedAnnotations =
  | {readonly kind: 'ok'; readonly annotations: ReadonlyMap<string, Annotation>}
  /** Not GTO's format: GTO logs a warning and aborts the command. */
  | {readonly kind: 'corrupt'};

/** YAML 1.1, as GTO (PyYAML) reads it. Throws GtoError for a key that is not a valid name. */
export const parseAnnotations = (text: string): ParsedAnnotations => {
  void text;
  throw new Error('not implemented yet');
};
