/**
 * Random registry histories for property tests: a few commits (some rewriting artifacts.yaml)
 * and tags of every kind GTO reads (registrations, deregistrations, assignments with and
 * without counters, unassignments, deprecations), plus what it leaves out (lightweight tags,
 * `@created`, unrelated tags). Tag times are whole hours apart from a small range, so many
 * fall on the same second, with a few UTC offsets. `recordsOf` turns a history into the
 * records the git layer would hand over; test/commands/asOf.test.ts writes the same history
 * into a real repository.
 */
import fc from 'fast-check';
import type {CommitRecord, TagRecord} from '../../source/registry/records.js';

/** 2024-01-01T00:00:00Z. */
export const BASE = 1704067200;

export type HistoryCommit = {readonly message: string; readonly annotations: string | null; readonly time: number};
export type HistoryTag = {
  readonly name: string;
  /** Index into the commits. */
  readonly commit: number;
  readonly time: number;
  readonly offsetMinutes: number;
  readonly lightweight: boolean;
  readonly author: string;
};
export type History = {readonly commits: readonly HistoryCommit[]; readonly tags: readonly HistoryTag[]};

const ARTIFACTS = ['churn', 'seg', 'models=face'];
const STAGES = ['dev', 'prod'];
const VERSIONS = ['v1.0.0', 'v1.1.0', 'v2.0.0-rc.1', 'v2.0.0'];
const AUTHORS = ['Carol Diaz', 'Bob Builder'];
const ANNOTATIONS = [null, 'churn:\n  type: model\n  labels: [tabular]\n', 'churn: {}\nface: {}\nmodels:face: {}\nlonely: {}\n'];

type Draft = {kind: number; artifact: number; stage: number; version: number; commit: number; hour: number; offset: number; lightweight: boolean; counter: boolean; author: number};

const draft: fc.Arbitrary<Draft> = fc.record({
  kind: fc.integer({min: 0, max: 9}),
  artifact: fc.integer({min: 0, max: ARTIFACTS.length - 1}),
  stage: fc.integer({min: 0, max: STAGES.length - 1}),
  version: fc.integer({min: 0, max: VERSIONS.length - 1}),
  commit: fc.integer({min: 0, max: 3}),
  hour: fc.integer({min: 1, max: 30}),
  offset: fc.constantFrom(0, 120, -300),
  lightweight: fc.integer({min: 0, max: 4}).map((n) => n === 0),
  counter: fc.boolean(),
  author: fc.integer({min: 0, max: AUTHORS.length - 1}),
});

export const historyArbitrary: fc.Arbitrary<History> = fc
  .record({
    commits: fc.array(fc.integer({min: 0, max: ANNOTATIONS.length - 1}), {minLength: 1, maxLength: 4}),
    drafts: fc.array(draft, {minLength: 1, maxLength: 24}),
  })
  .map(({commits: annotationChoices, drafts}) => {
    const commits: HistoryCommit[] = annotationChoices.map((choice, i) => ({message: `commit ${i}`, annotations: ANNOTATIONS[choice]!, time: BASE + i * 1800}));
    const names = new Set<string>();
    const tags: HistoryTag[] = [];
    let counter = 0;
    for (const d of drafts) {
      const artifact = ARTIFACTS[d.artifact]!;
      const stage = STAGES[d.stage]!;
      const version = VERSIONS[d.version]!;
      counter += 1;
      const suffix = d.counter ? `#${counter}` : '';
      const name = [
        `${artifact}@${version}`,
        `${artifact}@${version}`,
        `${artifact}@${version}!${suffix}`,
        `${artifact}#${stage}${suffix}`,
        `${artifact}#${stage}#${counter}`,
        `${artifact}#${stage}#${counter}`,
        `${artifact}#${stage}!${suffix}`,
        `${artifact}@deprecated${suffix}`,
        `${artifact}@created`,
        `release-${counter}`,
      ][d.kind]!;
      if (names.has(name)) continue;
      names.add(name);
      tags.push({
        name,
        commit: Math.min(d.commit, commits.length - 1),
        time: BASE + d.hour * 3600,
        offsetMinutes: d.offset,
        lightweight: d.lightweight,
        author: AUTHORS[d.author]!,
      });
    }
    return {commits, tags};
  });

/** A 40-hex sha per commit (the records need not be git's: the core never hashes). */
export const fakeSha = (i: number): string => `${String(i + 1).padStart(4, '0')}`.padEnd(40, 'c');

/** The records the git layer would read from this history, tags in name order, HEAD = last commit. */
export const recordsOf = (history: History): {tags: TagRecord[]; commits: Map<string, CommitRecord>; head: string} => {
  const commits = new Map<string, CommitRecord>();
  history.commits.forEach((c, i) => {
    const signature = {name: 'Alice Author', email: 'alice@example.com', time: {seconds: c.time, offsetMinutes: 0}};
    commits.set(fakeSha(i), {
      sha: fakeSha(i),
      author: signature,
      committer: signature,
      message: `${c.message}\n`,
      index: c.annotations === null ? {kind: 'absent'} : {kind: 'present', text: c.annotations},
    });
  });
  const tags: TagRecord[] = history.tags.map((t) =>
    t.lightweight
      ? {kind: 'lightweight', name: t.name, target: fakeSha(t.commit), targetType: 'commit'}
      : {
          kind: 'annotated',
          name: t.name,
          target: fakeSha(t.commit),
          targetType: 'commit',
          tagger: {name: t.author, email: 'someone@example.com', time: {seconds: t.time, offsetMinutes: t.offsetMinutes}},
          message: `${t.name}\n`,
        },
  );
  tags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {tags, commits, head: fakeSha(history.commits.length - 1)};
};
