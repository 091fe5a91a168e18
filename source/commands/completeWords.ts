/**
 * `complete-words WORD...` (hidden): what the completion scripts run on each Tab. Prints one
 * candidate per line (`value`, or `value<TAB>description`), or `:directories` when the shell
 * should complete directory names itself. Registry names come from the same read as `show`
 * (a warm read is one for-each-ref). Never fails and never clones: outside a repository, for
 * a `--repo` that is not a local directory, or on any error, it prints nothing.
 */
import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import type {CommandContext} from '../cli/context.js';
import {completeWords, type Candidate, type RegistryQuery} from '../cli/complete.js';
import {loadConfig, loadRegistry, withRepository} from '../load.js';
import {isVersion} from '../registry/semver.js';
import {parseTag} from '../registry/tag.js';
import {usedStages} from '../registry/resolve.js';

export const DIRECTORIES = ':directories';

/** A candidate is one shell word: no whitespace or control characters (a `.gto` could hold any). */
const oneWord = (value: string): boolean => value !== '' && !/[\s\u0000-\u001f\u007f-\u009f]/.test(value);

const registryNames = async (query: RegistryQuery, repo: string | undefined, cwd: string, env: CommandContext['env']): Promise<string[]> => {
  if (repo !== undefined && repo !== '.') {
    const local = path.resolve(cwd, repo);
    if (!existsSync(local) || !statSync(local).isDirectory()) return [];
  }
  return withRepository(repo, cwd, async (opened, head) => {
    const config = await loadConfig(opened, env);
    if (query.kind === 'stages' && config.stages !== null) return [...config.stages];
    const {registry, tags} = await loadRegistry(opened, env, {config, head});
    switch (query.kind) {
      case 'artifacts':
        return [...registry.artifacts.keys()];
      case 'versions':
        return (registry.artifacts.get(query.artifact)?.versions ?? []).map((v) => v.version).filter(isVersion);
      case 'stages':
        return usedStages(registry);
      case 'tags':
        return tags.map((t) => t.name).filter((name) => parseTag(name) !== null);
    }
  });
};

export const run = async (ctx: CommandContext): Promise<number> => {
  const words = ctx.args.map((word) => word ?? '');
  const current = words.at(-1) ?? '';
  const completion = completeWords(words);
  let candidates: readonly Candidate[];
  if (completion.kind === 'directories') {
    ctx.out(DIRECTORIES);
    return 0;
  }
  if (completion.kind === 'candidates') candidates = completion.candidates;
  else {
    let names: string[] = [];
    try {
      names = await registryNames(completion.query, completion.repo, ctx.cwd, ctx.env);
    } catch {
      // not a repository, an unreadable one: nothing to offer
    }
    const unique = [...new Set(names)].map((name) => ({value: completion.prefix + name}));
    candidates = [...unique, ...completion.extra].filter((c) => c.value.startsWith(current));
  }
  const lines = candidates.filter((c) => oneWord(c.value)).map((c) => (c.description ? `${c.value}\t${c.description}` : c.value));
  if (lines.length > 0) ctx.out(lines.join('\n'));
  return 0;
};
