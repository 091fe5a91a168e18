/**
 * The registry model as GTO's JSON: field names and order of its pydantic models
 * (`dict_state()` / `model_dump()`, spec §4.4–4.9). Pure.
 */
import type {
  Annotation,
  Artifact,
  CommitEvent,
  RegistryEvent,
  StageRecord,
  TagEvent,
  Version,
} from '../registry/model.js';
import {EVENT_PRIORITY, isAddition} from '../registry/model.js';
import {
  isDiscovered,
  isStageActive,
  isVersionActive,
  stageActivatedAt,
  stageAuthoring,
  versionActivatedAt,
  versionAuthoring,
} from '../registry/resolve.js';
import type {Json} from './json.js';
import {isoTime} from './time.js';

type JsonObject = {[key: string]: Json};

/** A 40-character commit sha, which tables cut to 7 characters (§4.5, §4.6). */
export const isHexsha = (value: string): boolean => /^[0-9a-fA-F]{40}$/.test(value);
export const shortSha = (value: string): string => (isHexsha(value) ? value.slice(0, 7) : value);

/** The tag that made an event, or the commit sha for an artifacts.yaml sighting. */
export const eventRef = (event: RegistryEvent): string => (event.kind === 'commit' ? event.commit : event.tag);

const annotationJson = (a: Annotation): JsonObject => ({
  type: a.type,
  path: a.path,
  virtual: a.virtual,
  labels: [...a.labels],
  description: a.description,
  custom: a.custom as Json,
});

type EventOptions = {
  /** `dict_state()` adds `event`; plain `dict()` does not. */
  readonly withEvent: boolean;
  /** check-ref leaves out `priority` and `addition`. */
  readonly withPriority: boolean;
};

/** One event, fields in pydantic order: base fields, then the event class's own. */
export const eventJson = (event: RegistryEvent, options: EventOptions): JsonObject => {
  const out: JsonObject = {};
  if (options.withPriority) {
    out['priority'] = EVENT_PRIORITY[event.kind];
    out['addition'] = isAddition(event.kind);
  }
  out['artifact'] = event.artifact;
  out['created_at'] = isoTime(event.createdAt);
  out['author'] = event.author;
  out['author_email'] = event.authorEmail;
  out['message'] = event.message;
  out['commit_hexsha'] = event.commit;
  if (event.kind === 'commit') {
    out['version'] = event.version;
    out['enrichments'] = commitEnrichments(event);
    out['committer'] = event.committer;
    out['committer_email'] = event.committerEmail;
  } else {
    out['tag'] = event.tag;
    if (event.kind !== 'deprecation') out['version'] = event.version;
    if (event.kind === 'assignment' || event.kind === 'unassignment') out['stage'] = event.stage;
  }
  if (options.withEvent) out['event'] = event.kind;
  return out;
};

const commitEnrichments = (event: CommitEvent): Json[] =>
  event.annotation === null ? [] : [{source: event.source, artifact: annotationJson(event.annotation)}];

const plain = (event: RegistryEvent): JsonObject => eventJson(event, {withEvent: false, withPriority: true});
const withEvent = (event: RegistryEvent): JsonObject => eventJson(event, {withEvent: true, withPriority: true});

const authored = (event: RegistryEvent): JsonObject => ({
  created_at: isoTime(event.createdAt),
  author: event.author,
  author_email: event.authorEmail,
  message: event.message,
  ref: eventRef(event),
});

/** VStage.dict_state(). */
export const stageRecordJson = (record: StageRecord): JsonObject => {
  const activated = stageActivatedAt(record);
  return {
    artifact: record.artifact,
    commit_hexsha: record.commit,
    version: record.version,
    stage: record.stage,
    assignments: record.assignments.map(withEvent),
    unassignments: record.unassignments.map(withEvent),
    is_active: isStageActive(record),
    activated_at: activated === null ? null : isoTime(activated),
    ...authored(stageAuthoring(record)),
  };
};

/** Version.dict_state() with `stages` replaced by the records `show` computed (§4.5). */
export const versionJson = (version: Version, stages: readonly StageRecord[]): JsonObject => ({
  artifact: version.artifact,
  commit_hexsha: version.commit,
  version: version.version,
  enrichments: version.enrichments.map(plain),
  registrations: version.registrations.map(plain),
  deregistrations: version.deregistrations.map(plain),
  stages: stages.map(stageRecordJson),
  is_active: isVersionActive(version),
  activated_at: isoTime(versionActivatedAt(version)),
  ...authored(versionAuthoring(version)),
  discovered: isDiscovered(version),
});

/** check-ref's event: `dict_state(exclude={"priority", "addition"})` (§4.4). */
export const checkRefJson = (event: TagEvent): JsonObject => eventJson(event, {withEvent: true, withPriority: false});

/** print-state: the pydantic `model_dump()` of the whole state (§4.9); no derived fields. */
export const artifactDump = (artifact: Artifact): JsonObject => ({
  artifact: artifact.name,
  versions: artifact.versions.map((v) => ({
    artifact: v.artifact,
    commit_hexsha: v.commit,
    version: v.version,
    enrichments: v.enrichments.map(plain),
    registrations: v.registrations.map(plain),
    deregistrations: v.deregistrations.map(plain),
    stages: new Map<string, Json>(
      [...v.stages.entries()].map(([stage, r]) => [
        stage,
        {
          artifact: r.artifact,
          commit_hexsha: r.commit,
          version: r.version,
          stage: r.stage,
          assignments: r.assignments.map(plain),
          unassignments: r.unassignments.map(plain),
        },
      ]),
    ),
  })),
  creations: [],
  deprecations: artifact.deprecations.map(plain),
});
