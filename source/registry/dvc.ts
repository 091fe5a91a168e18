/**
 * Model annotations from DVC's `dvc.yaml` files: the `artifacts:` section, which DVC 3 and
 * Studio read where GTO reads artifacts.yaml. An entry `NAME` of `DIR/dvc.yaml` is the artifact
 * `DIR:NAME` (`NAME` at the root), the `dir:name` form GTO's tags already use. Every other
 * section (`stages`, `params`, `metrics`, `plots`, …) is ignored. Pure.
 */
import path from 'node:path';
import {toPlain} from './annotations.js';
import type {Annotation} from './model.js';
import {isDirName, isSimpleName} from './names.js';
import {isYamlMap, parseGtoYaml} from './yaml.js';

/** One `dvc.yaml` of the tree: its path from the root (`/`-separated) and its text. */
export type DvcFile = {readonly path: string; readonly text: string};

export type DvcAnnotations = {
  /** The dvc.yaml files read, in path order. */
  readonly files: readonly string[];
  /** By full artifact name, in the order of the files and of the entries in each. */
  readonly annotations: ReadonlyMap<string, Annotation>;
  /** One line per problem, each naming its file: what was left out, and why. */
  readonly problems: readonly string[];
};

export const DVC_FILE = 'dvc.yaml';

/** `cv/dvc.yaml` → `cv`; the root's file → ''. */
export const dvcDirectory = (file: string): string => (file === DVC_FILE ? '' : file.slice(0, -(DVC_FILE.length + 1)));

/** The dvc.yaml that declares the artifact `name` (`dir:name` → `dir/dvc.yaml`). */
export const dvcFileOf = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? DVC_FILE : `${name.slice(0, colon)}/${DVC_FILE}`;
};

/** The artifact an entry `name` of the dvc.yaml in `dir` declares: `dir:name`, or `name` at the root. */
export const dvcArtifactName = (dir: string, name: string): string => (dir === '' ? name : `${dir}:${name}`);

/** A URL (`s3://…`) or an absolute path: DVC takes it as written. */
const ELSEWHERE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|\/)/;

/** An entry's `path` is relative to its dvc.yaml's directory (DVC's `artifacts.get_path`); shown from the root. */
export const pathFromRoot = (dir: string, entryPath: string): string =>
  dir === '' || ELSEWHERE.test(entryPath) ? entryPath : path.posix.normalize(`${dir}/${entryPath}`);

/** DVC's artifact schema (`dvc/annotations.py`): `path` required, `desc`/`type` strings, `labels` strings, `meta` anything. */
const readEntry = (dir: string, entry: unknown): Annotation | string => {
  if (!isYamlMap(entry)) return 'is not a mapping';
  const entryPath = entry.get('path');
  if (entryPath === undefined) return "has no 'path'";
  if (typeof entryPath !== 'string') return "has a 'path' that is not a string";
  const type = entry.has('type') ? entry.get('type') : null;
  if (type !== null && typeof type !== 'string') return "has a 'type' that is not a string";
  const desc = entry.has('desc') ? entry.get('desc') : '';
  if (typeof desc !== 'string') return "has a 'desc' that is not a string";
  const labels = entry.has('labels') ? entry.get('labels') : [];
  if (!Array.isArray(labels) || !labels.every((label) => typeof label === 'string')) return "has 'labels' that are not a list of strings";
  return {
    type,
    path: pathFromRoot(dir, entryPath),
    // GTO's default: a DVC-tracked file is not committed to Git
    virtual: true,
    labels: labels as string[],
    description: desc,
    custom: entry.has('meta') ? toPlain(entry.get('meta')) : null,
  };
};

const quoted = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : String(value));

/** The artifacts one dvc.yaml declares, and its problems (an entry with a problem is left out, the others kept). */
export const parseDvcFile = (file: DvcFile): {annotations: Map<string, Annotation>; problems: string[]} => {
  const annotations = new Map<string, Annotation>();
  const problems: string[] = [];
  const problem = (text: string): {annotations: Map<string, Annotation>; problems: string[]} => {
    problems.push(`${file.path}: ${text}`);
    return {annotations, problems};
  };
  const parsed = parseGtoYaml(file.text);
  if (!parsed.ok) return problem('not valid YAML');
  // an empty file is an empty dvc.yaml
  if (parsed.value === null || parsed.value === undefined) return {annotations, problems};
  if (!isYamlMap(parsed.value)) return problem('not a mapping of sections');
  const section = parsed.value.get('artifacts');
  if (section === undefined || section === null) return {annotations, problems};
  if (!isYamlMap(section)) return problem("'artifacts' is not a mapping");
  const dir = dvcDirectory(file.path);
  // the directory is the `DIR` of every `DIR:name` here, and GTO's tags can spell only some
  if (dir !== '' && section.size > 0 && !isDirName(dir)) {
    return problem(`its directory cannot be part of an artifact name ('${dir}:…'): letters, digits, '_', '.', '-' and '/' only`);
  }
  for (const [name, entry] of section) {
    if (typeof name !== 'string' || !isSimpleName(name)) {
      problem(`artifact name ${quoted(name)} is not valid: letters, digits, '-', '_' and '/', starting and ending with a letter or digit`);
      continue;
    }
    const annotation = readEntry(dir, entry);
    if (typeof annotation === 'string') problem(`artifact '${name}' ${annotation}`);
    else annotations.set(dvcArtifactName(dir, name), annotation);
  }
  return {annotations, problems};
};

/** Every file's artifacts together (`files` in path order), with every problem. */
export const readDvcAnnotations = (files: readonly DvcFile[]): DvcAnnotations => {
  const annotations = new Map<string, Annotation>();
  const problems: string[] = [];
  for (const file of files) {
    const one = parseDvcFile(file);
    for (const [name, annotation] of one.annotations) annotations.set(name, annotation);
    problems.push(...one.problems);
  }
  return {files: files.map((file) => file.path), annotations, problems};
};
