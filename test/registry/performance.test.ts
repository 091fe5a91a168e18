import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DEFAULT_CONFIG} from '../../source/registry/config.js';
import {historyEvents} from '../../source/registry/history.js';
import type {CommitRecord, TagRecord} from '../../source/registry/records.js';
import {DEFAULT_STAGE_QUERY, isArtifactActive, latestVersion, stageHolders} from '../../source/registry/resolve.js';
import {buildRegistry, commitsToRead} from '../../source/registry/state.js';

describe('scale (timing lives in bench/, not here)', () => {
  it('builds and resolves a 50,000-tag registry with every tag accounted for', () => {
    const tags: TagRecord[] = [];
    const commits = new Map<string, CommitRecord>();
    const sig = (seconds: number) => ({name: 'T', email: 't@e', time: {seconds, offsetMinutes: 0}});
    let clock = 1_700_000_000;
    for (let a = 0; a < 500; a++) {
      for (let v = 0; v < 50; v++) {
        const sha = `${a.toString(16).padStart(4, '0')}${v.toString(16).padStart(4, '0')}`.padEnd(40, 'f');
        commits.set(sha, {sha, author: sig(clock), committer: sig(clock), message: 'c\n', index: {kind: 'absent'}});
        const tag = (name: string) => tags.push({kind: 'annotated', name, target: sha, targetType: 'commit', tagger: sig(++clock), message: name});
        tag(`art-${a}@v1.${v}.0`);
        tag(`art-${a}#${v % 2 ? 'prod' : 'dev'}#${v + 1}`);
      }
    }
    tags.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    assert.equal(tags.length, 50_000);
    const head = [...commits.keys()][0]!;
    const wanted = commitsToRead(tags, head);
    const registry = buildRegistry({tags, commits: new Map(wanted.map((s) => [s, commits.get(s)!])), head, config: DEFAULT_CONFIG});
    for (const artifact of registry.artifacts.values()) {
      isArtifactActive(artifact);
      latestVersion(artifact);
      stageHolders(artifact, DEFAULT_STAGE_QUERY);
    }
    const history = historyEvents(registry, {ascending: false});
    assert.equal(registry.artifacts.size, 500);
    assert.equal(history.length, 50_000);
    assert.equal(latestVersion(registry.artifacts.get('art-7')!)?.version, 'v1.49.0');
  });
});
