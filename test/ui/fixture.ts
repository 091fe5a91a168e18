/** A small registry in a real repository with a bare `origin`, for the UI tests. */
import {T0, commit, git, makeBareRemote, makeRepo, tag} from '../helpers/repo.js';

export type Fixture = {repo: string; origin: string; c1: string; c2: string};

/**
 * churn: v1.0.0 (dev, prod) and v1.1.0 (dev, local only); segment: v0.1.0; old: deprecated;
 * `.gto` stages dev/staging/prod; artifacts.yaml labels churn `tabular`.
 */
export const makeFixture = (): Fixture => {
  const repo = makeRepo();
  const c1 = commit(repo, 'first', {
    '.gto': 'stages: [dev, staging, prod]\n',
    'artifacts.yaml': 'churn:\n  type: model\n  path: models/churn.pkl\n  labels: [tabular]\n  description: Churn model\nsegment: {}\n',
  });
  tag(repo, 'churn@v1.0.0', {target: c1, time: T0 + 10, message: 'Registering artifact churn version v1.0.0'});
  tag(repo, 'churn#dev#1', {target: c1, time: T0 + 20});
  tag(repo, 'churn#prod#2', {target: c1, time: T0 + 30});
  tag(repo, 'segment@v0.1.0', {target: c1, time: T0 + 40});
  tag(repo, 'old@v0.0.1', {target: c1, time: T0 + 50});
  tag(repo, 'old@deprecated', {target: c1, time: T0 + 60});
  const c2 = commit(repo, 'second', {'notes.txt': 'more\n'}, {time: T0 + 100});
  const origin = makeBareRemote(repo);
  tag(repo, 'churn@v1.1.0', {target: c2, time: T0 + 110});
  tag(repo, 'churn#dev#3', {target: c2, time: T0 + 120});
  return {repo, origin, c1, c2};
};

export const localTags = (repo: string): string[] => git(repo, ['tag', '--list']).split('\n').filter(Boolean);

export const remoteTagNames = (origin: string): string[] => git(origin, ['tag', '--list']).split('\n').filter(Boolean);

export const tagMessage = (repo: string, name: string): string =>
  git(repo, ['for-each-ref', '--format=%(contents)', `refs/tags/${name}`]).trim();

export const tagTarget = (repo: string, name: string): string => git(repo, ['rev-parse', `${name}^{commit}`]).trim();
