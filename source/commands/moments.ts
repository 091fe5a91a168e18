/**
 * `--as-of`, `--since`, `--until`: moments on the command line (an ISO 8601 date or time, or a
 * git ref), turned into seconds against the repository in the same read as the records.
 */
import type {Repository} from '../git/repository.js';
import {loadRecords} from '../load.js';
import {printable} from '../output/messages.js';
import {localSeconds} from '../output/time.js';
import {invalidMomentMessage} from '../cli/parse.js';
import {GtoError} from '../registry/errors.js';
import type {DvcAnnotations} from '../registry/dvc.js';
import type {Registry} from '../registry/model.js';
import type {RegistryInput} from '../registry/state.js';
import {registryAsOf} from '../registry/timeline.js';
import {parseWhen, timeSeconds} from '../registry/when.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A moment as given: the option's name (for errors) and its text, already checked by the parser. */
export type MomentOption = {readonly option: string; readonly text: string};

/**
 * The records of the repository and each moment in seconds (inclusive bounds). A ref that names
 * no tag or commit is a bad option value, reported like click's (usage, exit 2).
 */
export const readAtMoments = async (
  repo: Repository,
  env: Env,
  head: string | null,
  options: readonly MomentOption[],
  load: {readonly dvc?: boolean} = {},
): Promise<{input: RegistryInput; seconds: number[]; dvc: DvcAnnotations | null}> => {
  const whens = options.map(({option, text}) => {
    const when = parseWhen(text);
    if (when.kind === 'invalid') throw new GtoError(invalidMomentMessage(option, text), 'usage');
    return when;
  });
  const refs = whens.flatMap((when) => (when.kind === 'ref' ? [when.ref] : []));
  const {input, refs: moments, dvc} = await loadRecords(repo, env, {head, ...load}, refs);
  const seconds = whens.map((when, i) => {
    if (when.kind === 'time') return timeSeconds(when, localSeconds);
    const moment = moments.get(when.ref);
    if (moment == null) {
      throw new GtoError(`Invalid value for '${options[i]!.option}': '${printable(when.ref)}' is neither a date nor a tag or commit of this repository.`, 'usage');
    }
    return moment.seconds;
  });
  return {input, seconds, dvc};
};

/** `show --as-of WHEN`: the registry as it stood then, and `.gto` (and dvc.yaml, asked for) as today. */
export const registryAtMoment = async (
  repo: Repository,
  env: Env,
  head: string | null,
  option: MomentOption,
  load: {readonly dvc?: boolean} = {},
): Promise<{registry: Registry; config: RegistryInput['config']; dvc: DvcAnnotations | null}> => {
  const {input, seconds, dvc} = await readAtMoments(repo, env, head, [option], load);
  return {registry: registryAsOf(input, seconds[0]!), config: input.config, dvc};
};
