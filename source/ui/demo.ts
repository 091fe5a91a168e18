/**
 * `--demo`: a throwaway repository with a registry like GTO's Get Started (churn, segment,
 * cv-class; stages dev/staging/prod in `.gto`), several authors, an artifacts.yaml, and a bare
 * `origin` that has some tags but not others, so the "not pushed" marker has something to show.
 * Removed on exit. Git runs only through the git layer's runner.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {gitOutput} from '../git/exec.js';

export type DemoRepository = {readonly path: string; readonly origin: string; readonly remove: () => void};

/** 2024-03-01T09:00:00Z; each demo event is a few hours after the previous one. */
const START = 1709283600;
const HOUR = 3600;

type Person = {name: string; email: string};
const ALICE: Person = {name: 'Alice Chen', email: 'alice@example.com'};
const BOB: Person = {name: 'Bob Okafor', email: 'bob@example.com'};
const CAROL: Person = {name: 'Carol Diaz', email: 'carol@example.com'};
const DAVE: Person = {name: 'Dave Singh', email: 'dave@example.com'};

const GTO_CONFIG = 'stages: [dev, staging, prod]\n';

const ANNOTATIONS_V1 = `churn:
  type: model
  path: models/churn
  description: Predicts which customers will leave next month
  labels: [tabular, customers]
segment:
  type: model
  path: models/segment.pkl
  description: Clusters customers into marketing segments
  labels: [tabular, clustering]
`;

/** A few bytes that git takes for binary (a NUL among them), like a real pickle. */
const binary = (seed: string): Buffer => Buffer.concat([Buffer.from([0x80, 0x04, 0x95, 0x00]), Buffer.from(seed)]);

const params = (trees: number, threshold: number): string => `model: gradient-boosting\ntrees: ${trees}\nlearning_rate: 0.05\nthreshold: ${threshold}\n`;
const metrics = (auc: number, recall: number): string =>
  `{\n  "dataset": "customers-2024",\n  "rows": 120000,\n  "features": 48,\n  "auc": ${auc},\n  "recall": ${recall},\n  "precision": 0.66\n}\n`;

const ANNOTATIONS_V2 = `${ANNOTATIONS_V1}cv-class:
  type: model
  path: models/cv-class.pt
  description: Classifies product photos
  labels: [images, pytorch]
`;

type DemoTag = {name: string; commit: number; who: Person; at: number; pushed: boolean; message: string};

const reg = (artifact: string, version: string, commit: number, who: Person, at: number, pushed = true): DemoTag => ({
  name: `${artifact}@${version}`,
  commit,
  who,
  at,
  pushed,
  message: `Registering artifact ${artifact} version ${version}`,
});

const assign = (artifact: string, stage: string, n: number, version: string, commit: number, who: Person, at: number, pushed = true): DemoTag => ({
  name: `${artifact}#${stage}#${n}`,
  commit,
  who,
  at,
  pushed,
  message: `Assigning stage ${stage} to artifact ${artifact} version ${version}`,
});

const TAGS: DemoTag[] = [
  reg('churn', 'v3.0.0', 0, ALICE, 1),
  assign('churn', 'dev', 1, 'v3.0.0', 0, ALICE, 2),
  reg('segment', 'v0.3.1', 0, BOB, 3),
  assign('segment', 'dev', 1, 'v0.3.1', 0, BOB, 4),
  assign('churn', 'staging', 2, 'v3.0.0', 0, CAROL, 5),
  {name: 'old-model@v1.0.0', commit: 0, who: DAVE, at: 6, pushed: true, message: 'Registering artifact old-model version v1.0.0'},
  reg('churn', 'v3.1.0', 1, BOB, 10),
  assign('churn', 'dev', 3, 'v3.1.0', 1, BOB, 11),
  assign('churn', 'prod', 4, 'v3.0.0', 0, CAROL, 12),
  reg('segment', 'v0.4.1', 2, ALICE, 14),
  assign('segment', 'staging', 2, 'v0.4.1', 2, ALICE, 15),
  reg('cv-class', 'v0.1.13', 2, DAVE, 16),
  assign('cv-class', 'dev', 1, 'v0.1.13', 2, DAVE, 17),
  {name: 'old-model@deprecated', commit: 0, who: CAROL, at: 18, pushed: true, message: 'Deprecating artifact old-model'},
  // local only: the `↑` marker and the push screen have these to show
  reg('churn', 'v3.2.0', 3, ALICE, 20, false),
  assign('churn', 'staging', 5, 'v3.1.0', 1, BOB, 21, false),
  assign('cv-class', 'prod', 2, 'v0.1.13', 2, DAVE, 22, false),
];

const date = (at: number): string => `@${START + at * HOUR} +0000`;

const identity = (who: Person, at: number): Record<string, string> => ({
  GIT_AUTHOR_NAME: who.name,
  GIT_AUTHOR_EMAIL: who.email,
  GIT_COMMITTER_NAME: who.name,
  GIT_COMMITTER_EMAIL: who.email,
  GIT_AUTHOR_DATE: date(at),
  GIT_COMMITTER_DATE: date(at),
});

export const createDemoRepository = async (): Promise<DemoRepository> => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'gto-tui-demo-'));
  const remove = (): void => rmSync(base, {recursive: true, force: true});
  try {
    const repo = path.join(base, 'example-gto');
    const origin = path.join(base, 'origin.git');
    const git = (args: string[], env: Record<string, string> = {}, cwd = repo, input?: string) =>
      gitOutput(args, {cwd, env, ...(input === undefined ? {} : {input})});

    await gitOutput(['init', '--quiet', '--initial-branch=main', repo], {cwd: base});
    await gitOutput(['init', '--quiet', '--bare', origin], {cwd: base});
    await git(['config', 'user.name', ALICE.name]);
    await git(['config', 'user.email', ALICE.email]);
    await git(['config', 'commit.gpgSign', 'false']);
    await git(['config', 'tag.gpgSign', 'false']);

    const commits: string[] = [];
    /** `files`: each file's new content; null removes it. */
    const commit = async (message: string, files: Record<string, string | Buffer | null>, who: Person, at: number) => {
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(repo, name);
        if (content === null) rmSync(file);
        else {
          mkdirSync(path.dirname(file), {recursive: true});
          writeFileSync(file, content);
        }
      }
      await git(['add', '--all']);
      await git(['commit', '--quiet', '--no-verify', '-m', message], identity(who, at));
      commits.push((await git(['rev-parse', 'HEAD'])).trim());
    };
    const churn = (file: string): string => `models/churn/${file}`;
    await commit(
      'Create churn and segment models',
      {
        '.gto': GTO_CONFIG,
        'artifacts.yaml': ANNOTATIONS_V1,
        'README.md': '# example-gto\n',
        [churn('model.pkl')]: binary('churn 1'),
        [churn('params.yaml')]: params(200, 0.5),
        [churn('metrics.json')]: metrics(0.89, 0.71),
        'models/segment.pkl': binary('segment 1'),
      },
      ALICE,
      0,
    );
    await commit(
      'Retrain churn on March data',
      {'train.log': 'churn: auc 0.91\n', [churn('model.pkl')]: binary('churn 2'), [churn('params.yaml')]: params(300, 0.5), [churn('metrics.json')]: metrics(0.91, 0.74)},
      BOB,
      9,
    );
    await commit(
      'Add cv-class, retrain segment',
      {'artifacts.yaml': ANNOTATIONS_V2, 'train.log': 'segment: silhouette 0.48\n', 'models/segment.pkl': binary('segment 2'), 'models/cv-class.pt': binary('cv-class 1')},
      ALICE,
      13,
    );
    // the metrics file is renamed, so a comparison across this commit has a rename to show
    await commit(
      'Tune churn thresholds',
      {'train.log': 'churn: auc 0.93\n', [churn('params.yaml')]: params(300, 0.42), [churn('metrics.json')]: null, [churn('evaluation.json')]: metrics(0.93, 0.8)},
      ALICE,
      19,
    );

    for (const tag of TAGS) {
      await git(['tag', '--annotate', '--no-sign', '--file=-', '--', tag.name, commits[tag.commit]!], identity(tag.who, tag.at), repo, tag.message);
    }
    await git(['remote', 'add', 'origin', origin]);
    const pushed = TAGS.filter((t) => t.pushed).map((t) => `refs/tags/${t.name}:refs/tags/${t.name}`);
    await git(['push', '--quiet', '--no-verify', 'origin', 'refs/heads/main:refs/heads/main', ...pushed]);
    return {path: repo, origin, remove};
  } catch (error) {
    remove();
    throw error;
  }
};
