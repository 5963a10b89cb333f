// 突发事件 (挂牌督导办法第五条) over HTTP, on SQLite and PostgreSQL: an inspector reports an incident
// with a photo from the phone, the office sees the alert count at once, handles it, turns it
// into a draft finding in the ledger and closes it; each step audited; wrong steps refused with
// a clear error and nothing changed; scope: the school never sees reports, an inspector who
// neither reported nor holds the school gets 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD } from './client.mjs';

let srv, adminDq, inspector, school, auditor, leader, outsider, schoolId;

const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
  'hex');

const REPORT = {
  title: '食堂学生集体腹痛', description: '午餐后 12 名学生腹痛呕吐，已送县人民医院', category: 'public_health',
  severity: 'large', told: '校长、县教育局安全科',
};

async function report(fields = {}) {
  const r = await inspector.post('/api/v1/incidents', { school_id: schoolId, ...REPORT, ...fields });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

before(async () => {
  srv = await startServer();
  [adminDq, inspector, school, auditor, leader] = await Promise.all(
    ['admin_dq', 'inspector', 'school', 'auditor', 'leader'].map((u) => loginAs(srv.base, u)));
  schoolId = school.user.school_id;
  const u = await createUser(adminDq, { role: 'inspector' });
  outsider = await loginAs(srv.base, u.username, GOOD_PASSWORD);
});
after(async () => { await stopClean(srv); });

test('an incident from the phone to a finding: photo, alert, handle, finding, close, audit', async () => {
  const before = (await adminDq.get('/api/v1/incidents')).json.received;
  const up = await inspector.req('POST', `/api/v1/attachments?school_id=${schoolId}&owner_kind=incident&name=scene.jpg`,
    { raw: JPEG, contentType: 'image/jpeg' });
  assert.equal(up.status, 201, up.text);
  const occurred = Math.floor(Date.now() / 1000) - 1800;
  const x = await report({ occurred_at: occurred, attachment_ids: [up.json.id] });
  assert.equal(x.state, 'received');
  assert.equal(x.state_label, '已接报');
  assert.equal(x.severity_label, '较大');
  assert.equal(x.category_label, '公共卫生');
  assert.equal(x.told, REPORT.told);
  assert.equal(x.school_id, schoolId);
  assert.equal(Date.parse(x.occurred_at) / 1000, occurred);
  assert.equal(x.attachments.length, 1);
  assert.equal(x.attachments[0].id, up.json.id);
  assert.deepEqual(x.actions, [], 'the inspector reports; the office handles');

  // the office is alerted at once: the waiting count went up by one and the report is listed first
  const list = (await adminDq.get('/api/v1/incidents')).json;
  assert.equal(list.received, before + 1);
  assert.equal(list.items[0].id, x.id);
  assert.deepEqual(list.items[0].actions, ['handle', 'close', 'to_finding']);
  assert.equal((await leader.get(`/api/v1/incidents/${x.id}`)).status, 200, 'leaders read');
  // the photo reads back for the office
  const photo = await adminDq.get(`/api/v1/attachments/${up.json.id}`);
  assert.equal(photo.status, 200);

  // the inspector cannot handle it; handling needs a note
  assertError(await inspector.post(`/api/v1/incidents/${x.id}/handle`, { note: '已处置' }), 403, 'forbidden');
  assertError(await adminDq.post(`/api/v1/incidents/${x.id}/handle`, {}), 400, 'invalid', 'note');
  let r = await adminDq.post(`/api/v1/incidents/${x.id}/handle`, { note: '县疾控已介入，食堂停业整顿' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'handled');
  assert.equal(r.json.handled_note, '县疾控已介入，食堂停业整顿');
  assert.equal((await adminDq.get('/api/v1/incidents')).json.received, before, 'handled: no longer waiting');
  // handled twice: refused, state unchanged
  assertError(await adminDq.post(`/api/v1/incidents/${x.id}/handle`, { note: 'again' }), 409, 'conflict', 'wrong_state');

  // becomes a draft finding in the ledger, linked
  r = await adminDq.post(`/api/v1/incidents/${x.id}/finding`, {});
  assert.equal(r.status, 200, r.text);
  const fid = r.json.finding_id;
  assert.ok(fid > 0);
  const f = await adminDq.get(`/api/v1/findings/${fid}`);
  assert.equal(f.status, 200, f.text);
  assert.equal(f.json.state, 'draft');
  assert.equal(f.json.school_id, schoolId);
  assert.equal(f.json.severity, 'severe', '较大 → 严重');
  assert.match(f.json.description, new RegExp(`#${x.id}`));
  assertError(await adminDq.post(`/api/v1/incidents/${x.id}/finding`, {}), 409, 'conflict', 'already_finding');

  r = await adminDq.post(`/api/v1/incidents/${x.id}/close`, { note: '学生均已康复出院' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'closed');
  assert.deepEqual(r.json.actions, []);
  assertError(await adminDq.post(`/api/v1/incidents/${x.id}/close`, { note: 'x' }), 409, 'conflict', 'wrong_state');

  const audit = (await auditor.get(`/api/v1/audit?entity=incident&entity_id=${x.id}&page_size=50`)).json.items;
  assert.deepEqual(audit.map((a) => a.action).sort(), ['close', 'create', 'handle', 'to_finding']);
});

test('scope: the school never sees reports, an unrelated inspector gets 404, the reporter sees its own', async () => {
  const x = await report();
  assertError(await school.get('/api/v1/incidents'), 403, 'forbidden');
  assertError(await school.get(`/api/v1/incidents/${x.id}`), 403, 'forbidden');
  assertError(await auditor.get('/api/v1/incidents'), 403, 'forbidden');
  assertError(await outsider.get(`/api/v1/incidents/${x.id}`), 404, 'not_found');
  assert.ok(!(await outsider.get('/api/v1/incidents')).json.items.some((i) => i.id === x.id));
  assert.ok((await inspector.get('/api/v1/incidents')).json.items.some((i) => i.id === x.id));
  // an inspector cannot report for a school it does not hold
  assertError(await outsider.post('/api/v1/incidents', { school_id: schoolId, ...REPORT }), 404, 'not_found', 'school_id');
});

test('bad input changes nothing', async () => {
  const count = async () => (await adminDq.get('/api/v1/incidents')).json.items.length;
  const n = await count();
  const bad = [
    [{ category: 'fire' }, 'category'], [{ severity: 'huge' }, 'severity'], [{ title: '' }, 'title'],
    [{ description: '' }, 'description'], [{ occurred_at: Math.floor(Date.now() / 1000) + 86400 }, 'occurred_at'],
    [{ attachment_ids: ['x'] }, 'attachment_ids'], [{ attachment_ids: [999999999] }, 'attachment_ids'],
    [{ school_id: 0 }, 'school_id'],
  ];
  for (const [fields, field] of bad) {
    const r = await inspector.post('/api/v1/incidents', { school_id: schoolId, ...REPORT, ...fields });
    assertError(r, 400, 'invalid', field);
  }
  assertError(await inspector.post('/api/v1/incidents', { school_id: schoolId, ...REPORT, extra: 1 }), 400, 'unknown_field');
  assert.equal(await count(), n);
  // a photo already linked to a report cannot be linked again, and the failed report leaves nothing
  const up = await inspector.req('POST', `/api/v1/attachments?school_id=${schoolId}&owner_kind=incident`,
    { raw: JPEG, contentType: 'image/jpeg' });
  await report({ attachment_ids: [up.json.id] });
  const n2 = await count();
  assertError(await inspector.post('/api/v1/incidents', { school_id: schoolId, ...REPORT, attachment_ids: [up.json.id] }),
    400, 'invalid', 'attachment_ids');
  assert.equal(await count(), n2);
  assertError(await adminDq.get('/api/v1/incidents?state=open'), 400, 'invalid');
  assertError(await adminDq.post('/api/v1/incidents/999999/handle', { note: 'x' }), 404, 'not_found');
});
