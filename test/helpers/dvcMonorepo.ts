/**
 * A repository shaped like DVC's example monorepos: a root dvc.yaml and two nested ones, each
 * with pipeline sections (`stages`, `params`, `outs`, `metrics`, `plots`, `vars`) beside the
 * `artifacts:` section the registry reads. Shared by the core, git, CLI and TUI tests.
 */
import {T0, commit, git, tag} from './repo.js';

export const ROOT_DVC_YAML = `stages:
  prepare:
    cmd: python src/prepare.py data/raw.csv
    deps:
      - data/raw.csv
      - src/prepare.py
    params:
      - prepare.split
    outs:
      - data/prepared
params:
  - params.yaml
metrics:
  - metrics.json
artifacts:
  churn:
    path: models/churn.pkl
    type: model
    desc: Predicts which customers will leave next month
    labels:
      - tabular
      - customers
`;

export const CV_DVC_YAML = `vars:
  - params.yaml
stages:
  train:
    cmd: python train.py --out \${model_file}
    deps:
      - data/pool_data
      - train.py
    params:
      - train
    outs:
      - models/model.pkl
    plots:
      - results/train/plots/metrics:
          x: step
artifacts:
  pool-segmentation:
    path: models/model.pkl
    type: model
    desc: 'This is a Computer Vision (CV) model that''s segmenting out swimming pools from satellite images.'
    labels:
      - cv
      - segmentation
      - satellite-images
    meta:
      framework: fastai
      epochs: 8
`;

export const NLP_DVC_YAML = `stages:
  featurize:
    cmd: python featurize.py
    deps: [data/reviews.csv]
    outs:
      - data/vocab.json
params:
  - params.yaml
artifacts:
  sentiment:
    path: ../../models/sentiment
    type: model
    desc: Review sentiment, fine-tuned DistilBERT
    labels: [nlp, reviews]
  vocab:
    path: data/vocab.json
    type: dataset
`;

/** path → contents: the three dvc.yaml files and a few files around them. */
export const DVC_MONOREPO: Readonly<Record<string, string>> = {
  'dvc.yaml': ROOT_DVC_YAML,
  'params.yaml': 'prepare:\n  split: 0.2\n',
  'cv/dvc.yaml': CV_DVC_YAML,
  'cv/params.yaml': 'model_file: models/model.pkl\ntrain:\n  epochs: 8\n',
  'cv/train.py': 'print("train")\n',
  'nlp/sentiment/dvc.yaml': NLP_DVC_YAML,
  'nlp/sentiment/featurize.py': 'print("featurize")\n',
  'nlp/README.md': '# NLP models\n',
};

/**
 * The README's example (section "DVC's dvc.yaml"): churn registered while artifacts.yaml
 * described it, then the monorepo's dvc.yaml files, cv:pool-segmentation registered and in
 * staging, and a HEAD whose `experiments/dvc.yaml` has an entry without `path`; a bare `origin`
 * with everything pushed. Fixed dates and identities: the same commit ids on every machine.
 */
export const makeDvcExample = (repo: string, origin: string): void => {
  commit(repo, 'Churn model\n', {'.gto': 'stages: [dev, staging, prod]\n', 'artifacts.yaml': 'churn:\n  type: model\n  path: old/churn.pkl\n  description: Churn model (artifacts.yaml)\n'}, {time: T0});
  tag(repo, 'churn@v1.0.0', {time: T0 + 3600, message: 'Registering artifact churn version v1.0.0'});
  tag(repo, 'churn#prod#1', {time: T0 + 7200, message: 'Assigning stage prod to artifact churn version v1.0.0'});
  commit(repo, 'Move annotations to dvc.yaml, add cv and nlp projects\n', {...DVC_MONOREPO, 'artifacts.yaml': null}, {time: T0 + 86400});
  tag(repo, 'cv=pool-segmentation@v0.1.0', {time: T0 + 90000, message: 'Registering artifact cv:pool-segmentation version v0.1.0'});
  tag(repo, 'cv=pool-segmentation#staging#1', {time: T0 + 93600, message: 'Assigning stage staging to artifact cv:pool-segmentation version v0.1.0'});
  commit(repo, 'Draft experiment\n', {'experiments/dvc.yaml': 'artifacts:\n  draft-model:\n    type: model\n'}, {time: T0 + 172800});
  git(origin, ['init', '--quiet', '--bare']);
  git(repo, ['remote', 'add', 'origin', origin]);
  git(repo, ['push', '--quiet', 'origin', '--all']);
  git(repo, ['push', '--quiet', 'origin', '--tags']);
};
