// A small HTTP client for the API tests: one client = one browser session. It keeps the
// `dudao_session` cookie (as a browser would), sends the CSRF token on mutating requests
// once it has one, and decodes JSON answers.
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { dudao, sanitizerReport, BIN } from '../lib/server.mjs';

export const DEMO_PASSWORD = 'Dudao@2026';
export const COOKIE = 'dudao_session';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Parses one Set-Cookie header into {name, value, attrs: {lowercased name: value|true}}.
export function parseSetCookie(line) {
  const [pair, ...rest] = line.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const attrs = {};
  for (const a of rest) {
    if (!a) continue;
    const i = a.indexOf('=');
    if (i < 0) attrs[a.toLowerCase()] = true;
    else attrs[a.slice(0, i).toLowerCase()] = a.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attrs };
}

export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = null; // value of dudao_session, or null
    this.csrf = null;
    this.user = null;
  }

  // A new client sharing nothing with this one but the server.
  fresh() { return new Client(this.base); }

  // Another client that holds this one's cookie and token (a copied/stolen cookie).
  clone() {
    const c = new Client(this.base);
    c.cookie = this.cookie; c.csrf = this.csrf; c.user = this.user;
    return c;
  }

  // Sends a request. opts: body (object → JSON), raw (string/Buffer/stream sent as is),
  // headers, csrf (false: send no token; a string: send that token), contentType.
  // Returns {status, headers, text, json, setCookies}.
  async req(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    let body;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] ??= opts.contentType ?? 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    if (this.cookie) headers.cookie = `${COOKIE}=${this.cookie}`;
    if (MUTATING.has(method)) {
      if (typeof opts.csrf === 'string') headers['x-csrf-token'] = opts.csrf;
      else if (opts.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    }
    const init = { method, headers, body, redirect: 'manual' };
    if (body && typeof body.getReader === 'function') init.duplex = 'half';
    const r = await fetch(this.base + path, init);
    const text = await r.text();
    let json;
    if ((r.headers.get('content-type') || '').includes('json') && text) {
      try { json = JSON.parse(text); } catch { json = undefined; }
    }
    const setCookies = r.headers.getSetCookie ? r.headers.getSetCookie() : [];
    for (const line of setCookies) {
      const c = parseSetCookie(line);
      if (c.name !== COOKIE) continue;
      const expired = c.value === '' || c.attrs['max-age'] === '0' ||
        (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now());
      this.cookie = expired ? null : c.value;
    }
    return { status: r.status, headers: r.headers, text, json, setCookies };
  }

  get(path, opts) { return this.req('GET', path, opts); }
  post(path, body, opts = {}) { return this.req('POST', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.req('PATCH', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.req('PUT', path, { ...opts, body }); }
  del(path, opts) { return this.req('DELETE', path, opts); }

  // Logs in; remembers the csrf token and the user on success. Returns the response.
  async login(username, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status === 200 && r.json) {
      this.csrf = r.json.csrf_token;
      this.user = r.json.user;
    }
    return r;
  }
}

// A logged-in client, or an assertion failure naming the account.
export async function loginAs(base, username, password = DEMO_PASSWORD) {
  const c = new Client(base);
  const r = await c.login(username, password);
  assert.equal(r.status, 200, `login as ${username}: ${r.status} ${r.text}`);
  assert.ok(c.cookie, `login as ${username} set no ${COOKIE} cookie`);
  return c;
}

// Asserts an error answer: status, JSON {error, message[, field]}. Returns the body.
export function assertError(r, status, code, field) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${r.text.slice(0, 300)}`);
  assert.ok(r.json, `error answer is not JSON: ${r.headers.get('content-type')} ${r.text.slice(0, 200)}`);
  assert.equal(r.json.error, code, `error code: ${r.text.slice(0, 300)}`);
  assert.equal(typeof r.json.message, 'string', 'error has a message');
  assert.ok(r.json.message.length > 0, 'error message is not empty');
  if (field !== undefined) assert.equal(r.json.field, field, `error field: ${r.text.slice(0, 300)}`);
  return r.json;
}

// Stops the server and asserts a clean exit: status 0 on SIGTERM, no sanitizer report.
export async function stopClean(srv) {
  if (!srv) return;
  const res = await srv.stop();
  assert.equal(res.sanitizer, null, `sanitizer report in server stderr: ${res.sanitizer}`);
  assert.equal(res.signal, null, `server died of signal ${res.signal}; stderr: ${res.stderr.slice(-2000)}`);
  assert.equal(res.code, 0, `server exit code ${res.code}; stderr: ${res.stderr.slice(-2000)}`);
  return res;
}

// Sends bytes over a raw TCP connection (for requests fetch will not make, e.g. un-normalised
// paths) and resolves with {status, headers (lowercased), body} of the answer.
export function rawRequest(base, requestText) {
  const u = new URL(base);
  return new Promise((ok, fail) => {
    const s = net.connect(Number(u.port), u.hostname, () => s.end(requestText));
    const chunks = [];
    s.on('data', (d) => chunks.push(d));
    s.on('error', fail);
    s.on('close', () => {
      const all = Buffer.concat(chunks).toString('latin1');
      const head = all.slice(0, all.indexOf('\r\n\r\n'));
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      ok({ status: Number(statusLine.split(' ')[1]), headers, body: all.slice(head.length + 4) });
    });
    s.setTimeout(10000, () => { s.destroy(new Error('raw request timed out')); });
  });
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Unique names per test run, so tests never depend on one another's leftovers.
let seq = 0;
export function uniq(prefix = 'u') {
  seq += 1;
  return `${prefix}${Date.now().toString(36)}${seq}`;
}

// A password that passes the policy.
export const GOOD_PASSWORD = 'Str0ng-Passw0rd';

// Creates a user as `admin` (a logged-in client) and returns the created User.
export async function createUser(admin, fields = {}) {
  const body = {
    username: uniq('t'),
    display_name: '测试用户',
    role: 'inspector',
    region_code: '330521',
    password: GOOD_PASSWORD,
    ...fields,
  };
  const r = await admin.post('/api/v1/users', body);
  assert.equal(r.status, 201, `create user ${body.username}: ${r.status} ${r.text}`);
  return r.json;
}

// Runs a dudao command (see dudao() in the harness) and fails on any sanitizer report in its
// output, whatever its exit status: the ASan build runs these too.
export function cli(args, opts = {}) {
  const r = dudao(args, opts);
  assert.notEqual(r.status, null, `dudao ${args.join(' ')} did not finish: it timed out, died of a signal, or could ` +
    `not be started (binary missing or being rebuilt?)\nstdout: ${r.stdout.slice(-1000)}\nstderr: ${r.stderr.slice(-2000)}`);
  const report = sanitizerReport(r.stderr) || sanitizerReport(r.stdout);
  assert.equal(report, null, `sanitizer report from dudao ${args.join(' ')}: ${report}\n${r.stderr.slice(-3000)}`);
  return r;
}

// Starts another server process on an existing database (the harness always makes a fresh
// one): a second instance behind the same load balancer, or a restart on a changed database.
// stop() sends SIGTERM and resolves {code, signal, stderr, sanitizer}.
export async function startExtraServer(dbUrl, dataDir, args = []) {
  const port = await new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
  const child = spawn(BIN, ['serve', '--db', dbUrl, '--data', dataDir, '--listen', `127.0.0.1:${port}`, ...args]);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.on('data', () => {});
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ }
    if (i > 200 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`extra server did not start: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    base,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const res = await exited;
      return { ...res, stderr, sanitizer: sanitizerReport(stderr) };
    },
  };
}
