// Types for bench/generate.mjs (plain JavaScript so the bench needs no build step).

export type RegistryParams = {
  tags: number;
  artifacts?: number;
  commits?: number;
  unrelatedTags?: number;
  packed?: boolean;
};

export type TagKind = 'register' | 'deregister' | 'assign' | 'unassign' | 'deprecate' | 'unrelated';

export type RegistryMeta = {
  params: Required<RegistryParams>;
  hash: string;
  generator: number;
  counts: Record<TagKind, number>;
  /** A counter-form assignment tag (`a17#prod#4`), for `check-ref`. */
  sampleAssignment: string | null;
  sampleArtifact: string;
  head: string;
  seconds: number;
};

export declare const GENERATOR_VERSION: number;
export declare const REPOS_DIR: string;
export declare const GIT_ENV: Record<string, string>;
export declare const presetFor: (tags: number) => Required<Omit<RegistryParams, 'packed'>>;
export declare const buildStream: (params: Required<Omit<RegistryParams, 'packed'>>) => {
  stream: string;
  counts: Record<TagKind, number>;
  sampleAssignment: string | null;
  sampleArtifact: string;
};
export declare const paramsHash: (params: RegistryParams) => string;
export declare const generateRegistry: (options: RegistryParams & {dir: string}) => RegistryMeta;
export declare const readMeta: (dir: string) => RegistryMeta | null;
export declare const ensureRegistry: (
  options: RegistryParams,
  reposDir?: string,
) => {dir: string; meta: RegistryMeta; cached: boolean};
