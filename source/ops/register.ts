/** `register NAME [REF]` as a plan (spec §4.1). Pure: the caller resolves REF. */
import {isRegistered, isVersionActive, latestVersion} from '../registry/resolve.js';
import {bumpSemVer, FIRST_VERSION, formatVersion, parseVersion, type BumpPart} from '../registry/semver.js';
import {findVersion} from './lookup.js';
import {checkFullName, messageOr, planning, refuse, tagFor, type CreateStep, type OpState, type Plan, type SimpleMode} from './plan.js';

export type RegisterArgs = {
  readonly name: string;
  /** REF as the user wrote it (`HEAD` by default), for the error message. */
  readonly ref: string;
  /** REF resolved to a full commit sha, or null when it names no commit. */
  readonly commit: string | null;
  readonly version?: string | undefined;
  readonly bump?: {readonly major?: boolean; readonly minor?: boolean; readonly patch?: boolean} | undefined;
  readonly message?: string | undefined;
  readonly simple?: SimpleMode | undefined;
  readonly force?: boolean | undefined;
};

/** The registration step, or a Refusal thrown in GTO's check order. Shared with assign. */
export const registrationStep = (state: OpState, args: RegisterArgs): CreateStep => {
  const {name} = args;
  checkFullName(name);
  const bumps: BumpPart[] = [];
  if (args.bump?.major) bumps.push('major');
  if (args.bump?.minor) bumps.push('minor');
  if (args.bump?.patch) bumps.push('patch');
  const given = args.version !== undefined && args.version !== '' ? args.version : undefined;
  if ((given === undefined ? 0 : 1) + bumps.length > 1) refuse('Need to specify either version or single bump argument');
  // GTO reports this one as an "unexpected error"; the text is the same (§4.0)
  const commit = args.commit ?? refuse(`unknown Git revision '${args.ref}'`);

  const artifact = state.registry.artifacts.get(name);
  const atCommit = findVersion(artifact, {commit});
  let version = given;
  if (atCommit !== null) {
    if (!args.force && isRegistered(atCommit) && isVersionActive(atCommit)) {
      refuse(`'${name}' is already registered in this commit with version '${atCommit.version}'`);
    }
    if (version === undefined) version = atCommit.version;
    else if (version !== atCommit.version) refuse(`For this REF you can only register ${atCommit.version}`);
  }

  if (version !== undefined) {
    if (parseVersion(version) === null) refuse(`Supplied version '${version}' cannot be parsed`);
    // GTO's message ends with a newline, which prints as a blank line after it (§4.1 step 5)
    if (findVersion(artifact, {version}) !== atCommit) refuse(`Version '${version}' already was registered.\n`);
  } else {
    const latest = artifact === undefined ? null : latestVersion(artifact);
    if (latest !== null) {
      // python-semver bump of the greatest active registered version; patch unless told (§2.3)
      const part = bumps.includes('major') ? 'major' : bumps.includes('minor') ? 'minor' : 'patch';
      version = formatVersion(bumpSemVer(parseVersion(latest.version)!, part));
    } else if (bumps.length > 0) {
      refuse("Can't apply bump, because this is the first version being registered");
    } else {
      version = FIRST_VERSION;
    }
  }
  const finalVersion = version!;

  const simple = args.simple !== 'false';
  const tag = tagFor({action: 'register', name, version: finalVersion}, simple, state);
  return {
    op: 'create',
    tag,
    target: commit,
    message: messageOr(args.message, `Registering artifact ${name} version ${finalVersion}`),
    event: 'registration',
    artifact: name,
    version: finalVersion,
  };
};

export const planRegister = (state: OpState, args: RegisterArgs): Plan => planning(() => [registrationStep(state, args)]);
