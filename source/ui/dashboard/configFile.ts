/** Reading `$XDG_CONFIG_HOME/gto-tui/config.yaml`: the I/O around sources.ts's parseSources. */
import {readFile} from 'node:fs/promises';
import os from 'node:os';
import {configFilePath, parseSources, type SourcesResult} from './sources.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The home directory `~` means: $HOME, as a shell reads it, else the account's. */
export const homeDirectory = (env: Env): string => env['HOME'] || os.homedir();

/** The config file's registries; no file is an empty list, an unreadable one an error line. */
export const readSources = async (env: Env): Promise<SourcesResult> => {
  const home = homeDirectory(env);
  const file = configFilePath(env, home);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {kind: 'ok', sources: []};
    return {kind: 'error', message: `${file}: ${code ?? 'cannot be read'}`};
  }
  return parseSources(text, file, home);
};
