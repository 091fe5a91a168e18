import assert from 'node:assert/strict';
import {test} from 'node:test';
import {redactUrl} from '../../source/git/redact.js';

test('redactUrl hides all user info of a scheme URL: user:password, a token as user name, with port, path, percent-encoding', () => {
  const cases: Array<[string, string]> = [
    ['https://user:s3cret@host/x.git', 'https://***@host/x.git'],
    ['http://alice:PW@127.0.0.1:8080/deep/path/repo.git', 'http://***@127.0.0.1:8080/deep/path/repo.git'],
    ['https://ghp_TOKEN@github.com/org/repo', 'https://***@github.com/org/repo'],
    ['https://us%40er:p%3Ass@host/x', 'https://***@host/x'],
    ['https://user:p@ss@host/x', 'https://***@host/x'],
    ['ssh://user:pw@host:22/srv/x.git', 'ssh://***@host:22/srv/x.git'],
    ['ssh://git@host/x.git', 'ssh://***@host/x.git'],
    ['file://user:pw@/srv/x.git', 'file://***@/srv/x.git'],
    ['HTTPS://u:p@HOST/x', 'HTTPS://***@HOST/x'],
    ['git+ssh://u:p@[::1]:22/x', 'git+ssh://***@[::1]:22/x'],
    ['https://user:s3cret@host', 'https://***@host'],
    ['https://host/x?a=b@c', 'https://host/x?a=b@c'],
    ['https://host/path/user@x', 'https://host/path/user@x'],
    ['https://host/x.git', 'https://host/x.git'],
    ['file:///srv/x@y.git', 'file:///srv/x@y.git'],
    ['git@github.com:org/repo.git', 'git@github.com:org/repo.git'],
    ['/abs/path@x', '/abs/path@x'],
  ];
  for (const [url, shown] of cases) {
    assert.equal(redactUrl(url), shown, url);
    assert.equal(redactUrl(redactUrl(url)), shown, `${url} twice`);
  }
});

test('redactUrl finds URLs inside git messages and command lines', () => {
  assert.equal(
    redactUrl("fatal: could not read Password for 'https://ghp_T0K@host': terminal prompts disabled"),
    "fatal: could not read Password for 'https://***@host': terminal prompts disabled",
  );
  assert.equal(redactUrl('git clone -- http://u:p@h:1/x /tmp/c and https://v:q@k/y'), 'git clone -- http://***@h:1/x /tmp/c and https://***@k/y');
});
