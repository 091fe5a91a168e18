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
  /** An `integer`'s lowest value (click's IntRange(min=…)). */
  readonly min?: number;
  readonly default?: string | number | boolean;
  readonly required?: boolean;
  readonly hidden?: boolean;
  /** Not in GTO 1.10.1: help lists it apart, under the program's own name. */
  readonly extension?: boolean;
  /** `ui`: an option of the interactive UI alone (gto-tui's own), listed apart in `--help`. */
  readonly section?: 'ui';
  /**
   * `many`: every value given is kept, in order (the UI's `-r A -r B`); `once`: a second value is
   * a usage error (a command reads one repository). Otherwise the last value wins, as in click.
   */
  readonly repeat?: 'many' | 'once';
  readonly help: string;
};

export type ArgSpec = {readonly name: string; readonly required: boolean; readonly help: string};

/** `own`: gto-tui's commands that GTO does not have, listed apart in `--help`. */
export type Section = 'read' | 'modify' | 'own' | 'other';

export type CommandSpec = {
  readonly name: string;
  /** Receives its arguments unparsed (the completion helper: whatever words the shell has). */
  readonly raw?: boolean;
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
  own: "gto-tui's own commands (not in GTO)",
  other: 'Other',
};

const repo: FlagSpec = {
  key: 'repo',
  names: ['-r', '--repo'],
  type: 'string',
  default: '.',
  repeat: 'once',
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
  extension: true,
  help: 'Print the tags that would be created or deleted, change nothing',
};
const dvc: FlagSpec = {
  key: 'dvc',
  names: ['--dvc'],
  type: 'boolean',
  extension: true,
  help: "Also read artifacts from the `artifacts:` sections of the dvc.yaml files at HEAD (DVC's model registry)",
};
const sign: FlagSpec = {
  key: 'sign',
  names: ['--sign'],
  type: 'boolean',
  extension: true,
  help: 'Sign the tags it creates with your configured key, as `git tag -s` does (gpg.format, user.signingkey)',
};
const ignoreRules: FlagSpec = {
  key: 'ignoreRules',
  names: ['--ignore-rules'],
  type: 'boolean',
  extension: true,
  help: "Assign even if the promotion rules of .gto-tui.yaml refuse it; the tag message says which rule was overridden",
};
const verify: FlagSpec = {
  key: 'verify',
  names: ['--verify'],
  type: 'boolean',
  extension: true,
  help: "Verify each tag's signature with git verify-tag (your keyring, gpg.ssh.allowedSignersFile) and show who signed it",
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
      {...dvc, help: "With --json: the artifact's type, path and description from its dvc.yaml at HEAD"},
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
      dvc,
      {...verify, help: `${verify.help}: a signature column, or a "signature" field on each event with --json`},
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
      {...verify, help: `${verify.help}: a signature column, or a "signature" field on each event with --json`},
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
    flags: [
      repo,
      {...dvc, help: 'Also check the dvc.yaml files at HEAD and report the malformed ones'},
      {...verify, help: 'Also verify the signature of every registry tag; a bad one is a problem (exit 1)'},
      {
        key: 'rules',
        names: ['--rules'],
        type: 'boolean',
        extension: true,
        help: 'Also list the past assignments that broke the promotion rules of .gto-tui.yaml at HEAD (one not overridden is a problem, exit 1)',
      },
    ],
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
      sign,
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
      sign,
      ignoreRules,
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
      sign,
    ],
  },
  {
    name: 'diff',
    section: 'own',
    summary: 'Show the commits and changed files between two versions of an artifact.',
    args: [
      artifactName,
      {name: 'FROM', required: false, help: 'Version, #stage or git ref [default: the version the last stage holds]'},
      {name: 'TO', required: false, help: 'Version, #stage or git ref [default: the latest version]'},
    ],
    flags: [repo, json],
  },
  {
    name: 'completion',
    section: 'own',
    summary: 'Print a shell script that completes gto-tui commands, options and registry names.',
    args: [{name: 'SHELL', required: true, help: 'bash, zsh or fish'}],
    flags: [],
  },
  {
    // what the completion scripts run on each Tab: the words so far in, candidates out
    name: 'complete-words',
    hidden: true,
    raw: true,
    section: 'other',
    summary: 'Technical cmd: completion candidates for the words of a command line.',
    args: [],
    flags: [],
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
  {
    key: 'repo',
    names: ['-r', '--repo'],
    type: 'string',
    repeat: 'many',
    section: 'ui',
    help: 'Repository for the interactive UI (path or URL); repeat it for a dashboard of several',
  },
  {
    key: 'all',
    names: ['--all'],
    type: 'boolean',
    section: 'ui',
    help: 'Interactive UI on every registry listed in $XDG_CONFIG_HOME/gto-tui/config.yaml',
  },
  {key: 'demo', names: ['--demo'], type: 'boolean', section: 'ui', help: 'Open the interactive UI on a demo registry'},
  {key: 'readonly', names: ['--readonly'], type: 'boolean', section: 'ui', help: 'Interactive UI without the keys that write tags'},
  {
    key: 'noRemote',
    names: ['--no-remote'],
    type: 'boolean',
    section: 'ui',
    help: 'Interactive UI that asks origin only on push or fetch (no background ls-remote)',
  },
  {
    key: 'remoteInterval',
    names: ['--remote-interval'],
    type: 'integer',
    min: 0,
    // the UI's DEFAULT_REMOTE_INTERVAL_SECONDS (not imported: the command line loads no UI code)
    default: 60,
    section: 'ui',
    help: "Seconds between the UI's checks of origin's tags (0: on opening and R only)",
  },
  // GTO's --traceback re-raises with a Python trace; we never print traces, so it is a no-op.
  {key: 'traceback', names: ['--traceback', '--tb'], type: 'boolean', hidden: true, help: ''},
];
