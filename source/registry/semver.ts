/**
 * Versions as GTO sees them: `v` + SemVer 2.0.0, ordered and bumped the way python-semver
 * does (§2.3). node-semver differs on bumps of pre-releases, so it is not used here.
 */

export type SemVer = {
  // bigint: python-semver's integers are unbounded, and a bump must never print `1e+21`
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly prerelease: string | null;
  readonly build: string | null;
};

const IDENT = String.raw`(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)`;
export const SEMVER_PATTERN =
  String.raw`(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)` +
  String.raw`(?:-${IDENT}(?:\.${IDENT})*)?` +
  String.raw`(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?`;

const SEMVER = new RegExp(
  String.raw`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)` +
    String.raw`(?:-(${IDENT}(?:\.${IDENT})*))?` +
    String.raw`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`,
);

/** Parses a bare SemVer string (no `v`). */
export const parseSemVer = (text: string): SemVer | null => {
  const m = SEMVER.exec(text);
  if (!m) return null;
  return {
    major: BigInt(m[1]!),
    minor: BigInt(m[2]!),
    patch: BigInt(m[3]!),
    prerelease: m[4] ?? null,
    build: m[5] ?? null,
  };
};

/** Parses a GTO version string: lowercase `v` + SemVer. */
export const parseVersion = (version: string): SemVer | null =>
  version.startsWith('v') ? parseSemVer(version.slice(1)) : null;

export const isVersion = (version: string): boolean => parseVersion(version) !== null;

export const formatVersion = (v: SemVer): string =>
  `v${v.major}.${v.minor}.${v.patch}` +
  (v.prerelease === null ? '' : `-${v.prerelease}`) +
  (v.build === null ? '' : `+${v.build}`);

const cmp = (a: bigint | number | string, b: bigint | number | string): number => (a < b ? -1 : a > b ? 1 : 0);

// python-semver's natural compare of pre-release strings; note the final tie-break on the
// *string length* of the whole pre-release, which is what python-semver does.
const comparePrerelease = (a: string, b: string): number => {
  const split = (s: string) => s.split('.').map((part) => (/^[0-9]+$/.test(part) ? BigInt(part) : part));
  const aParts = split(a);
  const bParts = split(b);
  const n = Math.min(aParts.length, bParts.length);
  for (let i = 0; i < n; i++) {
    const x = aParts[i]!;
    const y = bParts[i]!;
    let c: number;
    if (typeof x === 'bigint' && typeof y === 'bigint') c = cmp(x, y);
    else if (typeof x === 'bigint') c = -1;
    else if (typeof y === 'bigint') c = 1;
    else c = cmp(x, y);
    if (c !== 0) return c;
  }
  return cmp(a.length, b.length);
};

/** SemVer precedence; build metadata ignored (python-semver `compare`). */
export const compareSemVer = (a: SemVer, b: SemVer): number => {
  const c = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (c !== 0) return c;
  const ra = a.prerelease ?? '';
  const rb = b.prerelease ?? '';
  const rc = comparePrerelease(ra, rb);
  if (rc === 0) return 0;
  if (!ra) return 1;
  if (!rb) return -1;
  return rc;
};

export type BumpPart = 'major' | 'minor' | 'patch';

/** python-semver bumps: pre-release and build are always dropped. */
export const bumpSemVer = (v: SemVer, part: BumpPart): SemVer => {
  switch (part) {
    case 'major':
      return {major: v.major + 1n, minor: 0n, patch: 0n, prerelease: null, build: null};
    case 'minor':
      return {major: v.major, minor: v.minor + 1n, patch: 0n, prerelease: null, build: null};
    case 'patch':
      return {major: v.major, minor: v.minor, patch: v.patch + 1n, prerelease: null, build: null};
  }
};

export const FIRST_VERSION = 'v0.0.1';
