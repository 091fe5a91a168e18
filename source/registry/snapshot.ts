/**
 * A built registry as JSON text and back, for the registry snapshot (git/registrySnapshot.ts):
 * the state is a pure function of the tags, the commits and HEAD, so a read that finds the same
 * inputs can take it from text that `JSON.parse` turns into objects natively, instead of
 * building it again in JavaScript. Pure.
 */
import type {Artifact, IgnoredTag, Registry, StageRecord, Version} from './model.js';

type StoredVersion = Omit<Version, 'stages'> & {readonly stages: readonly (readonly [string, StageRecord])[]};
type StoredArtifact = Omit<Artifact, 'versions'> & {readonly versions: readonly StoredVersion[]};
type Stored = {readonly artifacts: readonly StoredArtifact[]; readonly ignored: readonly IgnoredTag[]};

/**
 * Values JSON gives back unchanged. Everything the builder makes is (strings, integer times);
 * only an annotation's free-form `custom` may hold what JSON cannot carry (a YAML timestamp, a
 * big integer, -0, a `__proto__` key).
 */
const isJsonExact = (value: unknown): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonExact);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || !isJsonExact((value as Record<string, unknown>)[key])) return false;
  }
  return true;
};

/**
 * The registry as ASCII JSON (non-ASCII escaped, so the text can be read back as latin1, which
 * is faster than UTF-8), or null when some annotation would not survive the round trip or an
 * annotations file was too large to read.
 */
export const registryToText = (registry: Registry): string | null => {
  // rare, and a warning every read must repeat: such a registry is built each time instead
  if (registry.unreadAnnotations.length > 0) return null;
  const artifacts: StoredArtifact[] = [];
  for (const artifact of registry.artifacts.values()) {
    const versions: StoredVersion[] = [];
    for (const version of artifact.versions) {
      for (const event of version.enrichments) if (event.annotation !== null && !isJsonExact(event.annotation.custom)) return null;
      // the spread keeps `stages` where it was, so the objects read back have the same key order
      versions.push({...version, stages: [...version.stages]});
    }
    artifacts.push({...artifact, versions});
  }
  const stored: Stored = {artifacts, ignored: registry.ignored};
  return asciiJson(stored);
};

/** JSON with every character outside ASCII escaped: the text is the same read as latin1 or UTF-8. */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The registry `registryToText` wrote; throws on text that is not one. */
export const registryFromText = (text: string): Registry => {
  const stored = JSON.parse(text) as {artifacts: {name: string; versions: {stages: unknown}[]}[]; ignored: IgnoredTag[]};
  if (!Array.isArray(stored.artifacts) || !Array.isArray(stored.ignored)) throw new Error('not a registry snapshot');
  const artifacts = new Map<string, Artifact>();
  for (const artifact of stored.artifacts) {
    const versions = artifact.versions;
    for (let i = 0; i < versions.length; i++) {
      const version = versions[i]!;
      version.stages = new Map(version.stages as [string, StageRecord][]);
    }
    artifacts.set(artifact.name, artifact as unknown as Artifact);
  }
  return {artifacts, ignored: stored.ignored, unreadAnnotations: []};
};
