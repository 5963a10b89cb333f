// Attachments over real HTTP: a photo uploaded from a phone is stored under its SM3 hash with
// its time and position, read back byte for byte, written to the audit chain, and kept
// inside the scope of each role. Runs unchanged on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean } from './client.mjs';

let srv, admin, adminDq, inspector, school, auditor;
let mySchool, otherCountySchool, notMySchool;

// A 1×1 JPEG and PNG, as a phone camera and a screenshot would send them.
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
  'hex');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex');

function upload(client, query, body, contentType = 'image/jpeg') {
  const qs = new URLSearchParams(query).toString();
  return client.req('POST', `/api/v1/attachments?${qs}`, { raw: body, contentType });
}

before(async () => {
  srv = await startServer();
  [admin, adminDq, inspector, school, auditor] = await Promise.all(
    ['admin', 'admin_dq', 'inspector', 'school', 'auditor'].map((u) => loginAs(srv.base, u)));
  const mine = await inspector.get('/api/v1/schools?page_size=200');
  assert.equal(mine.status, 200);
  assert.ok(mine.json.items.length > 0, 'the demo inspector holds schools');
  const own = await school.get('/api/v1/schools');
  assert.equal(own.json.items.length, 1);
  // the school account's school is the inspector's, so both can meet over the same files
  mySchool = mine.json.items.find((s) => s.id === own.json.items[0].id) || mine.json.items[0];
  const held = new Set(mine.json.items.map((s) => s.id));
  const dq = await adminDq.get('/api/v1/schools?page_size=200');
  notMySchool = dq.json.items.find((s) => !held.has(s.id));
  const cx = await admin.get('/api/v1/schools?region_code=330522&page_size=1');
  otherCountySchool = cx.json.items[0];
  assert.ok(notMySchool && otherCountySchool);
});
after(() => stopClean(srv));

test('a photo is stored under its SM3 hash with time and position, and read back byte for byte', async () => {
  const takenAt = Math.floor(Date.now() / 1000) - 60;
  const r = await upload(inspector, {
    school_id: mySchool.id, owner_kind: 'visit', name: '消防通道.jpg', taken_at: takenAt, lat: 30.5447, lng: 119.9591,
  }, JPEG);
  assert.equal(r.status, 201, r.text);
  const a = r.json;
  assert.equal(a.mime, 'image/jpeg');
  assert.equal(a.size_bytes, JPEG.length);
  assert.equal(a.sm3, createHash('sm3').update(JPEG).digest('hex'));
  assert.equal(a.taken_at, takenAt);
  assert.ok(Math.abs(a.lat - 30.5447) < 1e-6 && Math.abs(a.lng - 119.9591) < 1e-6);
  assert.equal(a.school_id, mySchool.id);
  assert.equal(a.name, '消防通道.jpg');

  const g = await inspector.get(a.url);
  assert.equal(g.status, 200);
  assert.equal(g.headers.get('content-type'), 'image/jpeg');
  const bytes = Buffer.from(await (await fetch(srv.base + a.url, { headers: { cookie: `dudao_session=${inspector.cookie}` } })).arrayBuffer());
  assert.ok(bytes.equals(JPEG), 'the bytes read back are the bytes sent');

  // the upload is in the hash-chained audit log, with its hash and position
  const log = await auditor.get(`/api/v1/audit?entity=attachment&entity_id=${a.id}`);
  assert.equal(log.status, 200);
  assert.equal(log.json.items.length, 1);
  const after = log.json.items[0].after;
  assert.equal(after.sm3, a.sm3);
  assert.equal(after.taken_at, takenAt);
  const v = await auditor.get('/api/v1/audit/verify');
  assert.equal(v.json.ok, true, v.text);
});

test('the type is read from the bytes: a text file named .jpg is refused and nothing is written', async () => {
  const before = await auditor.get('/api/v1/audit?entity=attachment');
  const r = await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit', name: 'x.jpg' },
    Buffer.from('not an image at all'));
  assertError(r, 400, 'invalid', 'file');
  const empty = await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit' }, Buffer.alloc(0));
  assertError(empty, 400, 'invalid', 'file');
  const after = await auditor.get('/api/v1/audit?entity=attachment');
  assert.equal(after.json.total, before.json.total);
});

test('bad parameters name the field', async () => {
  assertError(await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit', lat: 30.1 }, JPEG), 400, 'invalid', 'lng');
  assertError(await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit', lat: 'north', lng: 1 }, JPEG), 400, 'invalid', 'lat');
  assertError(await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit', lat: 91, lng: 1 }, JPEG), 400, 'invalid', 'lat');
  assertError(await upload(inspector, { school_id: mySchool.id, owner_kind: 'Visit!' }, JPEG), 400, 'invalid', 'owner_kind');
  assertError(await upload(inspector, { school_id: 'abc', owner_kind: 'visit' }, JPEG), 400, 'invalid', 'school_id');
  const noCsrf = await inspector.req('POST', `/api/v1/attachments?school_id=${mySchool.id}`, { raw: JPEG, contentType: 'image/jpeg', csrf: false });
  assert.equal(noCsrf.status, 403);
});

test('scope: an inspector attaches only to schools it holds; a county admin reads only its county', async () => {
  assertError(await upload(inspector, { school_id: notMySchool.id, owner_kind: 'visit' }, JPEG), 404, 'not_found', 'school_id');
  const r = await upload(admin, { school_id: otherCountySchool.id, owner_kind: 'finding' }, PNG, 'image/png');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.mime, 'image/png');
  assertError(await adminDq.get(r.json.url), 404, 'not_found', 'attachment_id');
  assertError(await inspector.get(r.json.url), 404, 'not_found', 'attachment_id');
  assert.equal((await admin.get(r.json.url)).status, 200);
  // the auditor reads the audit log, not the files (三员分立)
  assert.equal((await auditor.get(r.json.url)).status, 403);
});

test("a school reads its findings' files but not an inspector's visit photos", async () => {
  const visitPhoto = await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit' }, JPEG);
  const evidence = await upload(inspector, { school_id: mySchool.id, owner_kind: 'finding' }, PNG, 'image/png');
  assert.equal(visitPhoto.status, 201);
  assert.equal(evidence.status, 201);
  assertError(await school.get(visitPhoto.json.url), 404, 'not_found', 'attachment_id');
  assert.equal((await school.get(evidence.json.url)).status, 200);
  // the school's own upload is its own to read
  const mine = await upload(school, { school_id: mySchool.id, owner_kind: 'visit' }, JPEG);
  assert.equal(mine.status, 201, mine.text);
  assert.equal((await school.get(mine.json.url)).status, 200);
  // a school cannot attach to another school
  assertError(await upload(school, { school_id: notMySchool.id, owner_kind: 'finding' }, JPEG), 404, 'not_found', 'school_id');
});

test('an inspector reads the files of the schools it holds, not the rest of its county', async () => {
  const r = await upload(adminDq, { school_id: notMySchool.id, owner_kind: 'finding' }, JPEG);
  assert.equal(r.status, 201, r.text);
  assertError(await inspector.get(r.json.url), 404, 'not_found', 'attachment_id');
  assert.equal((await adminDq.get(r.json.url)).status, 200);
});

test('an owner named at upload must exist and belong to the school; other owners are linked by their record', async () => {
  assertError(await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit', owner_id: 1 }, JPEG), 400, 'invalid', 'owner_id');
  assertError(await upload(inspector, { school_id: mySchool.id, owner_kind: 'finding', owner_id: 999999 }, JPEG), 400, 'invalid', 'owner_id');
});

test('an upload without a session is refused before its body is read', async () => {
  const r = await fetch(`${srv.base}/api/v1/attachments?school_id=${mySchool.id}`, {
    method: 'POST', body: Buffer.alloc(8 * 1024 * 1024, 1), headers: { 'content-type': 'image/jpeg' },
  }).catch((e) => ({ status: 'reset', error: e }));
  // the server answers 401 at once; a client still sending may see the connection close instead
  assert.ok(r.status === 401 || r.status === 'reset', `got ${r.status}`);
  const small = await fetch(`${srv.base}/api/v1/attachments?school_id=${mySchool.id}`, {
    method: 'POST', body: JPEG, headers: { 'content-type': 'image/jpeg' },
  });
  assert.equal(small.status, 401);
  assert.equal((await small.json()).error, 'unauthenticated');
});

test('a stored file is served sandboxed: no script runs in it, only the app may frame it', async () => {
  const r = await upload(inspector, { school_id: mySchool.id, owner_kind: 'visit' }, JPEG);
  const g = await inspector.get(r.json.url);
  assert.match(g.headers.get('content-security-policy') || '', /sandbox/);
  assert.match(g.headers.get('content-security-policy') || '', /frame-ancestors 'self'/);
  assert.equal(g.headers.get('x-content-type-options'), 'nosniff');
});
