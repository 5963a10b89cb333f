// The read path's HTTP savings (issue 16): conditional GETs (a strong ETag, 304 on a match, a
// new tag once the data changes), gzip for JSON over 1 KB when the client accepts it (the same
// JSON once decoded; nothing compressed without the header or for small bodies, Vary always),
// and the access log written in batches that a clean shutdown still writes out in full.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startServer } from '../lib/server.mjs';
import { loginAs, stopClean, startExtraServer } from './client.mjs';

let srv, admin;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
});
after(async () => { await stopClean(srv); });

// A GET with exactly these headers (fetch would add Accept-Encoding and decode): raw bytes.
function rawGet(base, path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = http.get(base + path, { headers: { cookie: `dudao_session=${admin.cookie}`, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
  });
}

const LIST = '/api/v1/schools?page_size=50';

describe('conditional GET', () => {
  test('a list carries a strong ETag; If-None-Match with it → 304 without a body', async () => {
    const a = await rawGet(srv.base, LIST);
    assert.equal(a.status, 200);
    const tag = a.headers.etag;
    assert.match(tag || '', /^"[0-9a-f]{32}"$/, `ETag: ${tag}`);
    assert.equal(a.headers['cache-control'], 'no-store', 'personal data stays off the browser\'s disk');
    const b = await rawGet(srv.base, LIST, { 'if-none-match': tag });
    assert.equal(b.status, 304);
    assert.equal(b.body.length, 0);
    assert.equal(b.headers.etag, tag);
    const c = await rawGet(srv.base, LIST, { 'if-none-match': '"0000", ' + tag });
    assert.equal(c.status, 304, 'a tag anywhere in the list matches');
    const d = await rawGet(srv.base, LIST, { 'if-none-match': '"deadbeef"' });
    assert.equal(d.status, 200);
    assert.deepEqual(JSON.parse(d.body), JSON.parse(a.body));
  });

  test('after a change the list has a new ETag and the old one no longer gives 304', async () => {
    const a = await rawGet(srv.base, LIST);
    const first = JSON.parse(a.body).items[0];
    const r = await admin.patch(`/api/v1/schools/${first.id}`, { name: first.name + '（改）' });
    assert.equal(r.status, 200, r.text);
    const b = await rawGet(srv.base, LIST, { 'if-none-match': a.headers.etag });
    assert.equal(b.status, 200);
    assert.notEqual(b.headers.etag, a.headers.etag);
    assert.equal(JSON.parse(b.body).items.find((s) => s.id === first.id).name, first.name + '（改）');
  });

  test('the session is still checked: a 304 needs a valid session', async () => {
    const a = await rawGet(srv.base, LIST);
    const b = await rawGet(srv.base, LIST, { 'if-none-match': a.headers.etag, cookie: 'dudao_session=forged' });
    assert.equal(b.status, 401);
  });
});

describe('gzip', () => {
  test('a JSON body over 1 KB goes gzip-compressed to a client that accepts it, and decodes to the same JSON', async () => {
    const plain = await rawGet(srv.base, LIST);
    assert.ok(plain.body.length > 1024, `the list is ${plain.body.length} bytes`);
    assert.equal(plain.headers['content-encoding'], undefined, 'no compression without Accept-Encoding');
    assert.match(plain.headers.vary || '', /Accept-Encoding/i);
    const z = await rawGet(srv.base, LIST, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(z.status, 200);
    assert.equal(z.headers['content-encoding'], 'gzip');
    assert.match(z.headers.vary || '', /Accept-Encoding/i);
    assert.ok(z.body.length < plain.body.length / 3, `${z.body.length} of ${plain.body.length} bytes`);
    assert.equal(gunzipSync(z.body).toString(), plain.body.toString(), 'the same bytes once decoded');
    assert.notEqual(z.headers.etag, plain.headers.etag, 'each encoding has its own strong tag');
    const again = await rawGet(srv.base, LIST, { 'accept-encoding': 'gzip', 'if-none-match': z.headers.etag });
    assert.equal(again.status, 304);
  });

  test('no compression for gzip;q=0, another encoding only, or a small body', async () => {
    for (const ae of ['gzip;q=0', 'br', 'identity']) {
      const r = await rawGet(srv.base, LIST, { 'accept-encoding': ae });
      assert.equal(r.headers['content-encoding'], undefined, `Accept-Encoding: ${ae}`);
      JSON.parse(r.body);
    }
    const small = await rawGet(srv.base, '/api/v1/schools?page_size=1&q=__nothing__', { 'accept-encoding': 'gzip' });
    assert.equal(small.status, 200);
    assert.ok(small.body.length <= 1024);
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(JSON.parse(small.body).items, []);
  });

  test('every converted route decodes to the JSON the uncompressed answer holds', async () => {
    for (const path of ['/api/v1/users?page_size=50', '/api/v1/inspectors?page_size=50', '/api/v1/zones',
      '/api/v1/findings?page_size=50', '/api/v1/visits/coverage']) {
      const plain = await rawGet(srv.base, path);
      assert.equal(plain.status, 200, `${path}: ${plain.body.toString().slice(0, 200)}`);
      const z = await rawGet(srv.base, path, { 'accept-encoding': 'gzip' });
      const text = z.headers['content-encoding'] === 'gzip' ? gunzipSync(z.body).toString() : z.body.toString();
      assert.deepEqual(JSON.parse(text), JSON.parse(plain.body), path);
    }
  });
});

describe('access log in batches', () => {
  test('a clean shutdown writes every request line', async () => {
    const extra = await startExtraServer(srv.dbUrl, srv.dataDir);
    const N = 300;
    for (let i = 0; i < N; i += 30)
      await Promise.all(Array.from({ length: 30 }, (_, k) => fetch(`${extra.base}/healthz?n=${i + k}`).then((r) => r.text())));
    const res = await extra.stop();
    assert.equal(res.code, 0, res.stderr.slice(-2000));
    // the line names the path (not the query string): count the lines
    const lines = res.stderr.split('\n').filter((l) => / INFO GET \/healthz(\?\S*)? 200 /.test(l));
    assert.ok(lines.length >= N, `${lines.length} of ${N} request lines in the log`);
    for (const l of lines) assert.match(l, /^\S+ INFO GET \/healthz\S* 200 \d+ [\d.]+ms -\s*$/, `a whole line: ${l}`);
  });
});
