/**
 * A repository shaped like DVC's example monorepos: a root dvc.yaml and two nested ones, each
 * with pipeline sections (`stages`, `params`, `outs`, `metrics`, `plots`, `vars`) beside the
 * `artifacts:` section the registry reads. Shared by the core, git, CLI and TUI tests.
 */

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
