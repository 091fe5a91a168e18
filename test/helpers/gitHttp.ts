/**
 * A real git server over HTTP(S) for tests: node's http/https in front of `git http-backend`
 * (CGI), serving the bare repositories under `root`. Credentials are checked like a forge
 * would: Basic auth against `user:password`, a token as the user name with any password, or
 * nothing at all.
 *
 *   const server = await startGitHttp(root, {auth: {user: 'u', password: 'SECRET'}});
 *   git clone http://u:SECRET@127.0.0.1:<port>/repo.git   // server.url('repo.git', 'u:SECRET')
 *   await server.close();
 *
 * HTTPS uses a self-signed certificate made with `openssl` for 127.0.0.1; `caFile` is the
 * certificate to hand git (GIT_SSL_CAINFO). `tlsAvailable()` says whether openssl is there.
 */
import {execFileSync, spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {tempDir} from './repo.js';

export type HttpAuth = {user: string; password: string} | {token: string} | null;

export type GitHttpServer = {
  readonly scheme: 'http' | 'https';
  readonly port: number;
  /** The certificate git must trust (https only). */
  readonly caFile: string | null;
  /** `<scheme>://<userinfo>@127.0.0.1:<port>/<repoPath>` (no `@` when userinfo is empty). */
  url: (repoPath: string, userinfo?: string) => string;
  /** Requests answered, and those refused for missing or wrong credentials. */
  readonly stats: {requests: number; refused: number};
  close: () => Promise<void>;
};

export const tlsAvailable = (): boolean => {
  try {
    execFileSync('openssl', ['version'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
};

const selfSigned = (): {key: string; cert: string; caFile: string} => {
  const dir = tempDir('gto-tui-tls-');
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', caFile],
    {stdio: 'ignore'},
  );
  return {key: readFileSync(keyFile, 'utf8'), cert: readFileSync(caFile, 'utf8'), caFile};
};

const authorized = (auth: HttpAuth, header: string | undefined): boolean => {
  if (auth === null) return true;
  const match = /^Basic (.+)$/.exec(header ?? '');
  if (match === null) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [user, password] = colon === -1 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return 'token' in auth ? user === auth.token : user === auth.user && password === auth.password;
};

/** Run `git http-backend` for one request and relay its CGI response. */
const relay = (root: string, request: http.IncomingMessage, response: http.ServerResponse, user: string): void => {
  const url = new URL(request.url ?? '/', 'http://x');
  const backend = spawn('git', ['http-backend'], {
    env: {
      ...process.env,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      // http-backend allows pushes only from an authenticated user
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  request.pipe(backend.stdin);
  backend.stdin.on('error', () => {});
  let head = Buffer.alloc(0);
  let headersDone = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    response.writeHead(status, headers);
    response.write(head.subarray(end + 4));
  });
  backend.on('close', () => {
    if (!headersDone) response.writeHead(500);
    response.end();
  });
};

export const startGitHttp = async (root: string, options: {auth?: HttpAuth; tls?: boolean} = {}): Promise<GitHttpServer> => {
  const auth = options.auth ?? null;
  const stats = {requests: 0, refused: 0};
  const handler = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    stats.requests++;
    if (!authorized(auth, request.headers.authorization)) {
      stats.refused++;
      request.resume();
      response.writeHead(401, {'WWW-Authenticate': 'Basic realm="gto-tui test"', 'Content-Type': 'text/plain'});
      response.end('authentication required\n');
      return;
    }
    relay(root, request, response, auth === null ? 'anonymous' : 'token' in auth ? 'token' : auth.user);
  };
  const tls = options.tls ? selfSigned() : null;
  const server = tls === null ? http.createServer(handler) : https.createServer({key: tls.key, cert: tls.cert}, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const scheme = tls === null ? 'http' : 'https';
  return {
    scheme,
    port,
    caFile: tls?.caFile ?? null,
    url: (repoPath, userinfo = '') => `${scheme}://${userinfo === '' ? '' : `${userinfo}@`}127.0.0.1:${port}/${repoPath}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
