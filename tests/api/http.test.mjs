// The HTTP surface: health check, the OpenAPI document, static files and the SPA fallback,
// JSON errors for unknown API paths and wrong methods.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { startServer } from '../lib/server.mjs';
import { Client, loginAs, assertError, stopClean, rawRequest } from './client.mjs';

// The routes of docs/api-foundation.md.
const CONTRACT_ROUTES = [
  ['get', '/healthz'],
  ['get', '/api/v1/openapi.json'],
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/auth/logout'],
  ['get', '/api/v1/auth/me'],
  ['post', '/api/v1/auth/password'],
  ['get', '/api/v1/users'],
  ['post', '/api/v1/users'],
  ['get', '/api/v1/users/{id}'],
  ['patch', '/api/v1/users/{id}'],
  ['post', '/api/v1/users/{id}/password'],
  ['post', '/api/v1/users/{id}/unlock'],
  ['get', '/api/v1/regions'],
  ['get', '/api/v1/schools'],
  ['get', '/api/v1/audit'],
  ['get', '/api/v1/audit/verify'],
];

// A web root of our own, so these tests do not depend on the web app being built.
const web = mkdtempSync(join(tmpdir(), 'dudao-web-'));
const INDEX = '<!doctype html><html><head><meta charset="utf-8"><title>督导</title></head><body><div id="app"></div></body></html>\n';
writeFileSync(join(web, 'index.html'), INDEX);
mkdirSync(join(web, 'assets'));
writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log("dudao");\n');
writeFileSync(join(web, 'assets', 'app-1234.css'), 'body{margin:0}\n');
const BIG_JS = `export const words = ${JSON.stringify('督导'.repeat(2000))};\n`;
writeFileSync(join(web, 'assets', 'big-5678.js'), BIG_JS);
writeFileSync(join(web, 'assets', 'big-5678.js.gz'), gzipSync(BIG_JS));

let srv;

before(async () => { srv = await startServer({ args: ['--web', web] }); });
after(async () => {
  rmSync(web, { recursive: true, force: true });
  await stopClean(srv);
});

describe('health and OpenAPI', () => {
  test('GET /healthz answers without auth', async () => {
    const r = await new Client(srv.base).get('/healthz');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'ok');
    assert.equal(r.json.db, 'ok');
    assert.equal(typeof r.json.version, 'string');
    assert.ok(r.json.version.length > 0);
  });

  test('openapi.json is an OpenAPI 3 document listing every route of the contract', async () => {
    const r = await new Client(srv.base).get('/api/v1/openapi.json');
    assert.equal(r.status, 200, r.text.slice(0, 200));
    assert.match(r.headers.get('content-type'), /json/);
    const doc = r.json;
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.info && doc.info.title, 'info.title');
    // Paths may be written relative to servers[0].url (e.g. "/api/v1").
    const prefix = (doc.servers && doc.servers[0] && doc.servers[0].url) || '';
    const listed = new Set();
    for (const [p, ops] of Object.entries(doc.paths || {})) {
      const full = p.startsWith('/api/') || p === '/healthz' ? p : prefix.replace(/\/$/, '') + p;
      for (const m of Object.keys(ops)) listed.add(`${m.toLowerCase()} ${full.replace(/\{[^}]+\}/g, '{id}')}`);
    }
    const missing = CONTRACT_ROUTES.filter(([m, p]) => !listed.has(`${m} ${p}`)).map((x) => x.join(' '));
    assert.deepEqual(missing, [], `routes missing from openapi.json (listed: ${[...listed].join(', ')})`);
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        if (typeof op !== 'object' || m === 'parameters') continue;
        assert.ok(op.responses && Object.keys(op.responses).length > 0, `${m} ${p} has responses`);
      }
    }
  });

  test('openapi.json documents the answers the server gives and the bodies it takes', async () => {
    const doc = (await new Client(srv.base).get('/api/v1/openapi.json')).json;
    const op = (m, p) => doc.paths[p]?.[m] ?? doc.paths[p.replace(/^\/api\/v1/, '')]?.[m];
    // Status codes these suites see the server answer (docs/api-foundation.md's error table).
    const answers = {
      'post /api/v1/auth/login': [200, 400, 401, 413, 423],
      'post /api/v1/auth/password': [204, 400, 401, 403],
      'get /api/v1/users': [200, 400, 401, 403],
      'post /api/v1/users': [201, 400, 401, 403, 404, 409, 413],
      'get /api/v1/users/{id}': [200, 401, 403, 404],
      'patch /api/v1/users/{id}': [200, 400, 401, 403, 404],
      'post /api/v1/users/{id}/password': [204, 400, 401, 403, 404],
      'post /api/v1/users/{id}/unlock': [204, 401, 403, 404],
      'get /api/v1/audit': [200, 400, 401, 403],
    };
    const missing = [];
    for (const [k, codes] of Object.entries(answers)) {
      const [m, p] = k.split(' ');
      const o = op(m, p);
      assert.ok(o, `${k} in openapi.json`);
      for (const c of codes) if (!(String(c) in (o.responses || {}))) missing.push(`${k} ${c}`);
    }
    assert.deepEqual(missing, [], 'answers the server gives but openapi.json does not document');
    const props = (m, p) => Object.keys(op(m, p).requestBody?.content?.['application/json']?.schema?.properties || {}).sort();
    assert.deepEqual(props('post', '/api/v1/users'),
      ['display_name', 'expires_on', 'org_id', 'password', 'phone', 'region_code', 'role', 'school_id', 'unit_id', 'username']);
    assert.deepEqual(props('patch', '/api/v1/users/{id}'),
      ['display_name', 'expires_on', 'is_disabled', 'org_id', 'phone', 'region_code', 'role', 'school_id']);
    assert.deepEqual(props('post', '/api/v1/auth/login'), ['password', 'username']);
    // operationId is what client generators name functions after: unique identifiers.
    const ids = [];
    for (const ops of Object.values(doc.paths)) {
      for (const [m, o] of Object.entries(ops)) if (m !== 'parameters' && o.operationId) ids.push(o.operationId);
    }
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    const bad = ids.filter((id) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(id));
    assert.deepEqual(bad, [], 'operationIds are identifiers');
  });

  test('the routes openapi.json lists exist on the server (none answers 404 route-not-found)', async () => {
    const doc = (await new Client(srv.base).get('/api/v1/openapi.json')).json;
    const prefix = (doc.servers && doc.servers[0] && doc.servers[0].url) || '';
    const admin = await loginAs(srv.base, 'admin');
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (!Object.keys(ops).includes('get') || p.includes('{')) continue;
      const full = p.startsWith('/api/') || p === '/healthz' ? p : prefix.replace(/\/$/, '') + p;
      const r = await admin.get(full);
      assert.ok(r.status !== 404 && r.status !== 405 && r.status < 500, `GET ${full}: ${r.status} ${r.text.slice(0, 200)}`);
    }
  });
});

describe('static files and SPA fallback', () => {
  test('GET / returns index.html', async () => {
    const r = await fetch(srv.base + '/');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.equal(await r.text(), INDEX);
  });

  test('a client-side route returns index.html (SPA fallback)', async () => {
    for (const p of ['/some/spa/route', '/users', '/login?next=%2Fusers', '/schools/12/visits']) {
      const r = await fetch(srv.base + p);
      assert.equal(r.status, 200, p);
      assert.match(r.headers.get('content-type'), /text\/html/, p);
      assert.equal(await r.text(), INDEX, p);
    }
  });

  test('assets are served with their types', async () => {
    let r = await fetch(srv.base + '/assets/app-1234.js');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /javascript/);
    assert.equal(await r.text(), 'console.log("dudao");\n');
    r = await fetch(srv.base + '/assets/app-1234.css');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /text\/css/);
  });

  test('caching: index.html revalidates, hashed assets are immutable, ETag gives 304', async () => {
    let r = await fetch(srv.base + '/');
    assert.match(r.headers.get('cache-control') || '', /no-cache|no-store/, 'index.html must not be cached stale');
    r = await fetch(srv.base + '/assets/app-1234.js');
    assert.match(r.headers.get('cache-control') || '', /max-age=\d{6,}/, 'hashed assets are cached long');
    const etag = r.headers.get('etag');
    assert.ok(etag, 'assets carry an ETag');
    r = await fetch(srv.base + '/assets/app-1234.js', { headers: { 'if-none-match': etag } });
    assert.equal(r.status, 304);
  });

  test('a precompressed .gz is sent to clients that accept gzip, the plain file to others', async () => {
    let r = await rawRequest(srv.base, 'GET /assets/big-5678.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.match(r.headers.vary || '', /accept-encoding/i);
    assert.equal(gunzipSync(Buffer.from(r.body, 'latin1')).toString('utf8'), BIG_JS);
    r = await rawRequest(srv.base, 'GET /assets/big-5678.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(Buffer.from(r.body, 'latin1').toString('utf8'), BIG_JS);
  });

  test('paths cannot escape the web root', async () => {
    const secret = existsSync('/etc/hostname') ? readFileSync('/etc/hostname', 'utf8').trim() : '';
    for (const p of ['/../../../../etc/passwd', '/assets/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..%2f..%2f..%2f..%2fetc%2fhostname']) {
      const r = await rawRequest(srv.base, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.ok(!r.body.includes('root:x:0:0'), `${p} leaked /etc/passwd`);
      assert.ok(r.status === 400 || r.status === 403 || r.status === 404 || r.body === INDEX,
        `${p}: ${r.status} ${r.body.slice(0, 100)}`);
      if (secret && r.body.trim() === secret) assert.fail(`${p} leaked /etc/hostname`);
    }
  });
});

describe('request headers and the per-connection memory', () => {
  // The connection's memory pool is 16 KiB (http/server.c SERVER_CONN_MEMORY, so 1,000 idle
  // keep-alive connections cost ~16 MiB): headers of the size browsers and proxies send —
  // a long cookie line of another application on the same host, forwarding headers — still fit.
  test('8 KB of extra headers on an authenticated, mutating request are fine', async () => {
    const c = await loginAs(srv.base, 'admin');
    const headers = { 'x-other-app-state': 'x'.repeat(4000), 'x-forwarded-for': '10.0.0.1, '.repeat(300) + '10.0.0.2' };
    const r = await c.req('GET', '/api/v1/auth/me', { headers });
    assert.equal(r.status, 200, r.text);
    const w = await c.req('POST', '/api/v1/auth/logout', { body: {}, headers });
    assert.ok(w.status === 200 || w.status === 204, `${w.status} ${w.text}`);
  });

  test('headers beyond the pool → 431, and the server goes on answering', async () => {
    const r = await rawRequest(srv.base, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40000)}\r\nConnection: close\r\n\r\n`);
    assert.equal(r.status, 431);
    assert.equal((await new Client(srv.base).get('/healthz')).status, 200);
  });
});

describe('API errors are JSON', () => {
  test('GET /api/v1/nope → 404 JSON, not the SPA page', async () => {
    for (const p of ['/api/v1/nope', '/api/v1/users/1/nope', '/api/v2/users', '/api/v1/']) {
      const r = await new Client(srv.base).get(p);
      assert.equal(r.status, 404, `${p}: ${r.status}`);
      assert.match(r.headers.get('content-type'), /application\/json/, p);
      assert.equal(r.json.error, 'not_found', p);
      assert.ok(!r.text.includes('<html'), p);
    }
    const admin = await loginAs(srv.base, 'admin');
    assertError(await admin.get('/api/v1/nope'), 404, 'not_found');
  });

  test('a wrong method → 405 method_not_allowed', async () => {
    const c = await loginAs(srv.base, 'admin');
    for (const [m, p] of [['GET', '/api/v1/auth/login'], ['DELETE', '/api/v1/auth/me'], ['PUT', '/api/v1/users'],
      ['DELETE', '/api/v1/users/1'], ['POST', '/api/v1/audit/verify'], ['POST', '/healthz']]) {
      const r = await c.req(m, p, m === 'GET' ? {} : { body: {} });
      assertError(r, 405, 'method_not_allowed');
      const allow = r.headers.get('allow');
      if (allow) assert.ok(!allow.includes(m), `Allow: ${allow} for ${m} ${p}`);
    }
  });

  test('an unauthenticated API call is 401 JSON', async () => {
    for (const p of ['/api/v1/users', '/api/v1/regions', '/api/v1/schools', '/api/v1/audit']) {
      assertError(await new Client(srv.base).get(p), 401, 'unauthenticated');
    }
  });

  test('a JSON route takes only application/json: a cross-site form post never reaches it', async () => {
    // a text/plain "simple request" shaped into valid JSON, as a login-CSRF page would send it
    const c = new Client(srv.base);
    const r = await c.req('POST', '/api/v1/auth/login', {
      raw: '{"username":"admin","password":"Dudao@2026"}', contentType: 'text/plain',
    });
    assertError(r, 400, 'invalid', 'Content-Type');
    assert.equal(c.cookie, null, 'no session was opened');
    const form = await fetch(`${srv.base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=admin',
    });
    assert.equal(form.status, 400);
    const ok = await fetch(`${srv.base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"username":"admin","password":"Dudao@2026"}',
    });
    assert.equal(ok.status, 200, 'a charset parameter is fine');
  });

  test('one request is one access-log line: control characters in the URL are escaped', async () => {
    await fetch(`${srv.base}/api/v1/nope%0aGET%20/forged%20200`);
    // the line is written once the answer has gone out: wait for it
    let lines = [];
    // (the access log goes out in batches, at the latest about a second later)
    for (let i = 0; i < 250 && lines.length === 0; i++) {
      await new Promise((ok) => setTimeout(ok, 20));
      lines = srv.log().split('\n').filter((l) => l.includes('/forged'));
    }
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], /nope\\x0aGET/);
  });

  test('the session cookie is not readable from a response body and JSON answers are not cached', async () => {
    const c = await loginAs(srv.base, 'admin');
    const r = await c.get('/api/v1/auth/me');
    assert.ok(!r.text.includes(c.cookie), 'the session token never appears in a body');
    const cc = r.headers.get('cache-control') || '';
    assert.match(cc, /no-store|no-cache|private/, `cache-control on /auth/me: "${cc}"`);
  });
});

describe('declared query parameters are checked before the handler', () => {
  test('a bad type, an out-of-range number, a bad enum or a missing required parameter is 400 naming it', async () => {
    const admin = await loginAs(srv.base, 'admin');
    assertError(await admin.get('/api/v1/schools?zone_id=abc'), 400, 'invalid', 'zone_id');
    assertError(await admin.get('/api/v1/schools?zone_id=1.5'), 400, 'invalid', 'zone_id');
    assertError(await admin.get('/api/v1/users?page_size=201'), 400, 'invalid', 'page_size');
    assertError(await admin.get('/api/v1/users?page=0'), 400, 'invalid', 'page');
    assertError(await admin.get('/api/v1/tasks?school_id=0'), 400, 'invalid', 'school_id');
    assertError(await admin.get('/api/v1/balance/stats?school_year=2101'), 400, 'invalid', 'school_year');
    assertError(await admin.get('/api/v1/users?is_disabled=yes'), 400, 'invalid', 'is_disabled');
    assertError(await admin.get('/api/v1/frameworks?status=bogus'), 400, 'invalid', 'status');
    assertError(await admin.get('/api/v1/extensions?state=bogus'), 400, 'invalid', 'state');
    assertError(await admin.get('/api/v1/attachments?owner_id=1'), 400, 'invalid', 'owner_kind');
    assertError(await admin.get('/api/v1/attachments?owner_kind=visit'), 400, 'invalid', 'owner_id');
    const auditor = await loginAs(srv.base, 'auditor');
    assertError(await auditor.get('/api/v1/audit?from=2026-13-01'), 400, 'invalid', 'from');
  });

  test('valid, empty and undeclared parameters reach the handler', async () => {
    const admin = await loginAs(srv.base, 'admin');
    let r = await admin.get('/api/v1/users?page=1&page_size=200&is_disabled=false&nonsense=1');
    assert.equal(r.status, 200, r.text);
    r = await admin.get('/api/v1/schools?zone_id=&page_size=');
    assert.equal(r.status, 200, r.text);
    r = await admin.get('/api/v1/frameworks?status=published');
    assert.equal(r.status, 200, r.text);
  });

  test('the check runs after authentication and the role check', async () => {
    assertError(await new Client(srv.base).get('/api/v1/users?page_size=abc'), 401, 'unauthenticated');
    const school = await loginAs(srv.base, 'school');
    assertError(await school.get('/api/v1/users?page_size=abc'), 403, 'forbidden');
  });

  test('openapi.json lists each declared parameter with its type, range and values', async () => {
    const doc = (await new Client(srv.base).get('/api/v1/openapi.json')).json;
    const param = (path, method, name) => doc.paths[path][method].parameters.find((p) => p.name === name);
    assert.deepEqual(param('/api/v1/users', 'get', 'page_size').schema, { type: 'integer', minimum: 1, maximum: 200 });
    assert.equal(param('/api/v1/users', 'get', 'is_disabled').schema.type, 'boolean');
    assert.deepEqual(param('/api/v1/frameworks', 'get', 'status').schema.enum, ['draft', 'published', 'retired']);
    assert.equal(param('/api/v1/audit', 'get', 'from').schema.format, 'date');
    assert.equal(param('/api/v1/attachments', 'get', 'owner_kind').required, true);
    assert.equal(param('/api/v1/users', 'get', 'q').required, false);
  });
});

describe('documents: one way to send a PDF or XLSX', () => {
  const CX = '330522';
  const fetchDoc = (c, path) => fetch(`${srv.base}${path}`, { headers: { cookie: `dudao_session=${c.cookie}` } });

  test('a PDF is a download unless inline=1; inline=0 is a download too', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const path = `/api/v1/balance/report?county_code=${CX}&school_year=2025`;
    for (const [q, disposition] of [['', /^attachment; filename\*=UTF-8''/], ['&inline=0', /^attachment;/],
      ['&inline=1', /^inline; filename\*=UTF-8''/]]) {
      const res = await fetchDoc(admin, path + q);
      assert.equal(res.status, 200, q);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.match(res.headers.get('content-disposition'), disposition, q);
      assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    }
    assertError(await admin.get(`${path}&inline=yes`), 400, 'invalid', 'inline');
  });

  test('an XLSX is a download with an RFC 5987 file name', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const res = await fetchDoc(admin, `/api/v1/balance/exports/basic?county_code=${CX}&school_year=2025&inline=1`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    // the route offers no preview: an undeclared inline is ignored
    assert.match(res.headers.get('content-disposition'),
      new RegExp(`^attachment; filename\\*=UTF-8''${encodeURIComponent('基本均衡差异系数表.xlsx').replace(/[.]/g, '\\.')}$`));
  });
});

describe('behind https', () => {
  test('the session cookie is Secure once the public address is https', async () => {
    const tls = await startServer({ args: ['--public-url', 'https://dudao.example.gov.cn'] });
    try {
      const c = new Client(tls.base);
      const r = await c.login('admin');
      assert.equal(r.status, 200, r.text);
      const line = r.setCookies.find((l) => l.startsWith('dudao_session='));
      assert.match(line, /;\s*Secure/i);
      assert.match(line, /HttpOnly/i);
      const out = await c.post('/api/v1/auth/logout', {});
      assert.match(out.setCookies.find((l) => l.startsWith('dudao_session=')), /;\s*Secure/i);
    } finally {
      await stopClean(tls);
    }
  });

  test('on plain http (a county machine on its LAN) the cookie is not Secure, or no browser would send it', async () => {
    const c = new Client(srv.base);
    const r = await c.login('admin');
    assert.doesNotMatch(r.setCookies.find((l) => l.startsWith('dudao_session=')), /Secure/i);
  });
});

describe('behind a reverse proxy', () => {
  async function loginIp(base, headers) {
    const c = new Client(base);
    const r = await c.req('POST', '/api/v1/auth/login', {
      body: { username: 'leader', password: 'Dudao@2026' }, headers,
    });
    assert.equal(r.status, 200, r.text);
    const auditor = await loginAs(base, 'auditor');
    const log = await auditor.get('/api/v1/audit?action=login&actor=leader&page_size=1');
    return log.json.items[0].ip;
  }

  test("the client's address is the one the trusted proxy appended, never one the client wrote", async () => {
    const proxied = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });
    try {
      // the client wrote 6.6.6.6 itself; nginx appended the address it saw
      assert.equal(await loginIp(proxied.base, { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }), '203.0.113.9');
      assert.equal(await loginIp(proxied.base, { 'x-forwarded-for': 'not-an-address' }), '127.0.0.1');
    } finally {
      await stopClean(proxied);
    }
  });

  test('without a trusted proxy X-Forwarded-For is ignored', async () => {
    assert.equal(await loginIp(srv.base, { 'x-forwarded-for': '203.0.113.9' }), '127.0.0.1');
  });
});
