/** What a command module receives from the dispatcher, and what it exports. */

/** A `repeat: 'many'` flag's values are a list, in the order given. */
export type FlagValue = string | boolean | number | readonly string[];

export type CommandContext = {
  /** Positional arguments, in the order the command's spec declares them. */
  readonly args: readonly (string | undefined)[];
  /** Flag values by canonical name (`json`, `repo`, `versionsPerStage`…), defaults filled in. */
  readonly flags: Readonly<Record<string, FlagValue | undefined>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Writes text plus a newline to stdout / stderr. */
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
};

/**
 * A command module (`source/commands/<name>.ts`) exports `run`. It returns the exit code (0 when
 * omitted) and throws GtoError for the messages users see (`❌ message`, exit 1; kind 'usage'
 * prints the click-style usage block and exits 2).
 */
export type CommandModule = {
  readonly run: (ctx: CommandContext) => Promise<number | void>;
};

export const flagString = (ctx: CommandContext, name: string): string | undefined => {
  const value = ctx.flags[name];
  return typeof value === 'string' ? value : undefined;
};

export const flagBool = (ctx: CommandContext, name: string): boolean => ctx.flags[name] === true;

export const flagInt = (ctx: CommandContext, name: string, fallback: number): number => {
  const value = ctx.flags[name];
  return typeof value === 'number' ? value : fallback;
};
