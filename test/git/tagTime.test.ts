import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {parseGitDate, tagTime} from '../../source/git/tagTime.js';
import {applyTestEnv, commit, git, makeRepo, removeTempDirs} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);

/** The tagger time git itself records for a tag made with this GIT_COMMITTER_DATE. */
const gitsOwnTime = (repo: string, date: string, name: string): number => {
  git(repo, ['tag', '-a', '-m', name, name], {env: {GIT_COMMITTER_DATE: date, TZ: 'UTC'}});
  return Number(git(repo, ['for-each-ref', '--format=%(taggerdate:unix)', `refs/tags/${name}`]).trim());
};

test('the time judged is the time git records in the tag, for each of git\'s date formats', () => {
  const repo = makeRepo();
  commit(repo, 'one');
  const dates = [
    '@1709625600 +0000',
    '1709625600 +0200',
    '2024-03-05T10:15:00 +0000',
    '2024-03-05T10:15:00+02:00',
    '2024-03-05 10:15:00 -0530',
    '2024-03-05T10:15:00Z',
    'Tue, 05 Mar 2024 10:15:00 +0100',
    '2024-03-05 10:15:00', // no zone: local time (TZ=UTC here), for git and for us
  ];
  dates.forEach((date, i) => assert.equal(parseGitDate(date), gitsOwnTime(repo, date, `t${i}`), date));
});

test('without GIT_COMMITTER_DATE, or with one it cannot read, the clock', () => {
  const clock = () => 1_709_625_600_999;
  assert.equal(tagTime({}, clock), 1_709_625_600);
  assert.equal(tagTime({GIT_COMMITTER_DATE: ''}, clock), 1_709_625_600);
  assert.equal(tagTime({GIT_COMMITTER_DATE: 'not a date'}, clock), 1_709_625_600);
  assert.equal(tagTime({GIT_COMMITTER_DATE: '@1704067200 +0000'}, clock), 1_704_067_200);
});
