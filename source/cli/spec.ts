/**
 * Every command and flag, as data (spec §4.1–4.9). The parser, the help text and the usage
 * errors all read this table, so they cannot drift apart. No imports: the CLI loads it on
 * every run.
 */

export type FlagSpec = {
  /** Canonical key in CommandContext.flags. */
  readonly key: string;
  /** Every spelling, long and short: `['-r', '--repo']`. */
  readonly names: readonly string[];
  /** `moment`: an ISO 8601 date or time, or a git ref (registry/when.ts), checked while parsing. */
  readonly type: 'boolean' | 'string' | 'integer' | 'choice' | 'moment';
  readonly choices?: readonly string[];
  readonly default?: string | number | boolean;
  readonly required?: boolean;
  readonly hidden?: boolean;
  /** Beyond GTO: listed apart in the command's help, and GTO's behaviour is unchanged without it. */
  readonly extension?: boolean;
  readonly help: string;
};

export type ArgSpec = {readonly name: string; readonly required: boolean; readonly help: string};

export type Section = 'read' | 'modify' | 'other';

export type CommandSpec = {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly hidden?: boolean;
  readonly section: Section;
  readonly summary: string;
  readonly args: readonly ArgSpec[];
  readonly flags: readonly FlagSpec[];
};

export const SECTION_TITLES: Readonly<Record<Section, string>> = {
  read: 'Read the registry',
  modify: 'Modify artifacts',
  other: 'Other',
};

const repo: FlagSpec = {
  key: 'repo',
  names: ['-r', '--repo'],
  type: 'string',
  default: '.',
  help: 'Local or remote repository',
};
const json: FlagSpec = {key: 'json', names: ['--json'], type: 'boolean', help: 'Print output in json format'};
const plain: FlagSpec = {key: 'plain', names: ['--plain'], type: 'boolean', help: 'Print table in grep-able format'};
const message: FlagSpec = {
  key: 'message',
  names: ['-m', '--message'],
  type: 'string',
  help: 'Message to annotate the Git tag with',
};
const simple: FlagSpec = {
  key: 'simple',
  names: ['--simple'],
  type: 'choice',
  choices: ['auto', 'true', 'false'],
  default: 'auto',
  help: 'Use simple notation, e.g. `rf#prod` instead of `rf#prod#5` [supported values: auto, true, false]',
};
const force: FlagSpec = {
  key: 'force',
  names: ['--force'],
  type: 'boolean',
  help: 'Create the Git tag even if it already exists and is in effect',
};
const push: FlagSpec = {
  key: 'push',
  names: ['--push'],
  type: 'boolean',
  help: 'Push created git tag to `origin` (ignored if `repo` option is a remote URL)',
};
const dryRun: FlagSpec = {
  key: 'dryRun',
  names: ['--dry-run'],
  type: 'boolean',
  help: 'Print the tags that would be created or deleted, change nothing',
};

// the output selectors `check-ref` and `show` share
const showName: FlagSpec = {key: 'name', names: ['--name'], type: 'boolean', help: 'Show artifact name'};
const showVersion: FlagSpec = {key: 'version', names: ['--version'], type: 'boolean', help: 'Output artifact version'};
const showStage: FlagSpec = {key: 'stage', names: ['--stage'], type: 'boolean', help: 'Show artifact stage'};

const artifactName: ArgSpec = {name: 'NAME', required: true, help: 'Artifact name'};
/** How every write names and annotates the tag it creates. */
const tagFlags: readonly FlagSpec[] = [message, simple, force];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'check-ref',
    section: 'read',
    summary: 'Find out the artifact version registered/assigned with ref.',
    args: [{name: 'REF', required: true, help: 'Git reference to analyze'}],
    flags: [
      repo,
      json,
      showName,
      showVersion,
      {key: 'event', names: ['--event'], type: 'boolean', help: 'Show event'},
      showStage,
    ],
  },
  {
    name: 'show',
    section: 'read',
    summary: "Show the registry state, highest version, or what's assigned in stage.",
    args: [{name: 'NAME', required: false, help: 'Artifact name to show. If empty, show registry'}],
    flags: [
      repo,
      json,
      plain,
      showName,
      showVersion,
      showStage,
      {key: 'ref', names: ['--ref'], type: 'boolean', help: 'Show ref'},
      {key: 'registeredOnly', names: ['--ro', '--registered-only'], type: 'boolean', help: 'Show only registered versions'},
      {key: 'deprecated', names: ['-d', '--deprecated'], type: 'boolean', help: 'Include deprecated in output'},
      {
        key: 'assignmentsPerVersion',
        names: ['--av', '--assignments-per-version'],
        type: 'integer',
        default: -1,
        help: 'Show N last stages for each version. -1 for all',
      },
      {
        key: 'versionsPerStage',
        names: ['--vs', '--versions-per-stage'],
        type: 'integer',
        default: 1,
        help: "Show N last versions for each stage. -1 for all. Applied after 'assignments-per-version'",
      },
      {
        key: 'sort',
        names: ['--sort'],
        type: 'choice',
        choices: ['timestamp', 'semver'],
        default: 'timestamp',
        help: 'Order assignments by timestamp or semver',
      },
      {
        key: 'asOf',
        names: ['--as-of'],
        type: 'moment',
        extension: true,
        help: 'Show the registry as it stood at WHEN: only tags made up to then count (annotations and .gto as today)',
      },
    ],
  },
  {
    name: 'history',
    section: 'read',
    summary: 'Show a journal of registry operations.',
    args: [{name: 'NAME', required: false, help: 'Artifact name to show. If empty, show all.'}],
    flags: [
      repo,
      json,
      plain,
      // GTO's help says "Show new first"; it shows the oldest first (§4.6, §11).
      {key: 'ascending', names: ['--ascending', '--asc'], type: 'boolean', help: 'Show oldest first'},
      {key: 'since', names: ['--since'], type: 'moment', extension: true, help: 'Only events made at or after WHEN'},
      {key: 'until', names: ['--until'], type: 'moment', extension: true, help: 'The journal as it stood at WHEN: events made up to then'},
    ],
  },
  {
    name: 'stages',
    section: 'read',
    summary: 'Print list of stages used in the registry.',
    args: [],
    flags: [
      repo,
      {key: 'allowed', names: ['--allowed'], type: 'boolean', help: 'Show allowed stages from config'},
      // GTO's help says "ever used"; it means currently in effect (§3.10, §11).
      {key: 'used', names: ['--used'], type: 'boolean', help: 'Show stages currently in use'},
      json,
    ],
  },
  {
    name: 'doctor',
    section: 'read',
    summary: 'Display the version and check the registry for problems.',
    args: [],
    flags: [repo],
  },
  {
    name: 'register',
    section: 'modify',
    summary: 'Create an artifact version to signify an important, published or released iteration.',
    args: [
      artifactName,
      {name: 'REF', required: false, help: 'Git reference to use for registration [default: HEAD]'},
    ],
    flags: [
      repo,
      {key: 'version', names: ['--version', '--ver'], type: 'string', help: 'Version name in SemVer format'},
      ...tagFlags,
      {key: 'bumpMajor', names: ['--bump-major'], type: 'boolean', help: 'Bump major version'},
      {key: 'bumpMinor', names: ['--bump-minor'], type: 'boolean', help: 'Bump minor version'},
      {key: 'bumpPatch', names: ['--bump-patch'], type: 'boolean', help: 'Bump patch version'},
      push,
      dryRun,
    ],
  },
  {
    name: 'assign',
    aliases: ['promote'],
    section: 'modify',
    summary: 'Assign stage to specific artifact version.',
    args: [
      artifactName,
      {name: 'REF', required: false, help: 'Git reference to use'},
    ],
    flags: [
      repo,
      {
        key: 'version',
        names: ['--version'],
        type: 'string',
        help: 'If you provide REF, this will be used to name new version',
      },
      {key: 'stage', names: ['--stage'], type: 'string', required: true, help: 'Stage to assign'},
      ...tagFlags,
      push,
      {
        key: 'skipRegistration',
        names: ['--sr', '--skip-registration'],
        type: 'boolean',
        help: "Don't register a version at specified commit",
      },
      dryRun,
    ],
  },
  {
    name: 'deprecate',
    section: 'modify',
    summary: 'Deprecate artifact, deregister a version, or unassign a stage.',
    args: [
      artifactName,
      {name: 'VERSION', required: false, help: 'Artifact version'},
      {name: 'STAGE', required: false, help: 'Stage to unassign'},
    ],
    flags: [
      repo,
      {key: 'ref', names: ['--ref'], type: 'string', help: 'Git reference to use (for model deprecation)'},
      ...tagFlags,
      {
        key: 'delete',
        names: ['-d', '--delete'],
        type: 'boolean',
        help: 'Delete the git tag(s) instead of creating the new one',
      },
      push,
      dryRun,
    ],
  },
  {
    name: 'parse-tag',
    hidden: true,
    section: 'other',
    summary: "Given git tag name created by this tool, parse it and return it's parts.",
    args: [artifactName],
    flags: [{key: 'key', names: ['--key'], type: 'string', help: 'Which key to return'}],
  },
  {
    name: 'print-state',
    hidden: true,
    section: 'other',
    summary: 'Technical cmd: Print current registry state.',
    args: [],
    flags: [repo],
  },
];

export const findCommand = (name: string): CommandSpec | undefined =>
  COMMANDS.find((c) => c.name === name || (c.aliases?.includes(name) ?? false));

/** Options of the program itself, before any command. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {key: 'showVersion', names: ['--version'], type: 'boolean', help: 'Show version and exit'},
  {key: 'verbose', names: ['-v', '--verbose'], type: 'boolean', help: 'Print git commands to stderr'},
  {key: 'repo', names: ['-r', '--repo'], type: 'string', default: '.', help: 'Repository for the interactive UI'},
  {key: 'demo', names: ['--demo'], type: 'boolean', help: 'Open the interactive UI on a demo registry'},
  {key: 'readonly', names: ['--readonly'], type: 'boolean', help: 'Interactive UI without the keys that write tags'},
  // GTO's --traceback re-raises with a Python trace; we never print traces, so it is a no-op.
  {key: 'traceback', names: ['--traceback', '--tb'], type: 'boolean', hidden: true, help: ''},
];
