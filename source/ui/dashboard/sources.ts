/**
 * Which registries a dashboard opens: the `-r` values of the command line, or the `registries:`
 * list of `$XDG_CONFIG_HOME/gto-tui/config.yaml`. Pure: the file's text and the home directory
 * come in, a typed list (or the one line that says what is wrong) goes out.
 *
 *   registries:
 *     - path: ~/src/churn-model
 *     - url: https://git.example.com/ml/vision.git
 *       label: vision
 */
import {redactUrl} from '../../git/redact.js';
import {isYamlMap, parseGtoYaml} from '../../registry/yaml.js';

/** One registry of the dashboard, named in its section header by `label`. */
export type RegistrySource =
  | {readonly kind: 'path'; readonly path: string; readonly label: string}
  | {readonly kind: 'url'; readonly url: string; readonly label: string};

export type SourcesResult = {readonly kind: 'ok'; readonly sources: readonly RegistrySource[]} | {readonly kind: 'error'; readonly message: string};

/** `~` and `~/x` are the home directory, as a shell would read them; `~user` is left as written. */
export const expandHome = (text: string, home: string): string =>
  text === '~' ? home : text.startsWith('~/') ? `${home.replace(/\/+$/, '')}/${text.slice(2)}` : text;

/** A path inside the home directory as `~/…` (what a person wrote in the config file); anything else unchanged. */
export const tildePath = (text: string, home: string): string => {
  const base = home.replace(/\/+$/, '');
  if (base === '') return text;
  return text === base ? '~' : text.startsWith(`${base}/`) ? `~${text.slice(base.length)}` : text;
};

/** `scheme://…` or scp-like `user@host:path`: what git clones rather than opens. */
export const isUrl = (text: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[^/\s:]+@[^/\s:]+:/.test(text);

/** The last part of a path or URL, without `.git`: `~/src/churn-model` → `churn-model`. */
export const defaultLabel = (where: string): string => {
  const parts = where.replace(/[/\\]+$/, '').split(/[/\\:]/);
  const last = parts.at(-1) ?? where;
  return (last.endsWith('.git') ? last.slice(0, -4) : last) || where;
};

/** A `-r` value: a URL is cloned into the cache, anything else is a path (relative to `cwd`). */
export const sourceOfOption = (value: string): RegistrySource =>
  isUrl(value) ? {kind: 'url', url: value, label: defaultLabel(redactUrl(value))} : {kind: 'path', path: value, label: defaultLabel(value)};

const describe = (value: unknown): string => (isYamlMap(value) ? 'a mapping' : Array.isArray(value) ? 'a list' : value === null ? 'empty' : typeof value);

/**
 * The config file's registries. `file` names it in messages. No file at all is an empty list,
 * as is a file without `registries:`; anything else that is not the documented shape is an error.
 */
export const parseSources = (text: string, file: string, home: string): SourcesResult => {
  const fail = (why: string): SourcesResult => ({kind: 'error', message: `${file}: ${why}`});
  const parsed = parseGtoYaml(text);
  if (!parsed.ok) return fail('not valid YAML');
  const top = parsed.value;
  if (top === null || top === undefined) return {kind: 'ok', sources: []};
  if (!isYamlMap(top)) return fail(`expected a mapping with 'registries:', found ${describe(top)}`);
  const list = top.get('registries');
  if (list === undefined || list === null) return {kind: 'ok', sources: []};
  if (!Array.isArray(list)) return fail(`'registries' must be a list, found ${describe(list)}`);
  const sources: RegistrySource[] = [];
  for (const [index, entry] of list.entries()) {
    const where = `registries[${index}]`;
    if (!isYamlMap(entry)) return fail(`${where} must be a mapping with 'path:' or 'url:', found ${describe(entry)}`);
    const unknown = [...entry.keys()].filter((key) => key !== 'path' && key !== 'url' && key !== 'label');
    if (unknown.length > 0) return fail(`${where} has an unknown key '${String(unknown[0])}' (path, url, label)`);
    const path = entry.get('path');
    const url = entry.get('url');
    const label = entry.get('label');
    if ((path === undefined) === (url === undefined)) return fail(`${where} needs exactly one of 'path:' and 'url:'`);
    const value = path ?? url;
    if (typeof value !== 'string' || value.trim() === '') return fail(`${where}: '${path === undefined ? 'url' : 'path'}' must be a non-empty string`);
    if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) return fail(`${where}: 'label' must be a non-empty string`);
    if (url !== undefined && !isUrl(value)) return fail(`${where}: '${redactUrl(value)}' is not a URL (a directory goes under 'path:')`);
    sources.push(
      path === undefined
        ? {kind: 'url', url: value, label: (label as string | undefined) ?? defaultLabel(redactUrl(value))}
        : {kind: 'path', path: expandHome(value, home), label: (label as string | undefined) ?? defaultLabel(value)},
    );
  }
  return {kind: 'ok', sources};
};

/** `$XDG_CONFIG_HOME/gto-tui/config.yaml`, `~/.config/…` when XDG_CONFIG_HOME is unset or relative (XDG's rule). */
export const configFilePath = (env: Readonly<Record<string, string | undefined>>, home: string): string => {
  const base = env['XDG_CONFIG_HOME'];
  return `${base !== undefined && base.startsWith('/') ? base : `${home}/.config`}/gto-tui/config.yaml`;
};

/** `$XDG_CACHE_HOME/gto-tui`, `~/.cache/gto-tui` when XDG_CACHE_HOME is unset or relative. */
export const cacheDirectory = (env: Readonly<Record<string, string | undefined>>, home: string): string => {
  const base = env['XDG_CACHE_HOME'];
  return `${base !== undefined && base.startsWith('/') ? base : `${home}/.cache`}/gto-tui`;
};
