// A 专项 team visits schools its members do not hold (挂牌): the photos one member takes are
// readable by the others on the task, and by nobody else outside the office. And the office
// sets how many routine visits a month each school must have.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD } from './client.mjs';

let srv, adminDq, inspector;
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const plusDays = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer();
  adminDq = await loginAs(srv.base, 'admin_dq');
  inspector = await loginAs(srv.base, 'inspector');
});
after(() => stopClean(srv));

// an inspector of the roster with an account of its own
async function withAccount(ins) {
  const u = await createUser(adminDq, { role: 'inspector', region_code: '330521', display_name: ins.name });
  const link = await adminDq.patch(`/api/v1/inspectors/${ins.id}`, { user_id: u.id });
  assert.equal(link.status, 200, link.text);
  return loginAs(srv.base, u.username, GOOD_PASSWORD);
}

test("a team member reads the photos of the task's visits; an inspector off the task does not", async () => {
  const roster = (await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items;
  const me = roster.find((i) => i.user_id === inspector.user.id);
  const free = roster.filter((i) => i.id !== me.id && !i.user_id && i.status === 'active');
  const mate = await withAccount(free[0]);
  const outsider = await withAccount(free[1]);
  // a school none of the three holds
  const held = new Set();
  for (const c of [inspector, mate, outsider]) {
    for (const s of (await c.get('/api/v1/schools?page_size=200')).json.items) held.add(s.id);
  }
  const schools = (await adminDq.get('/api/v1/schools?region_code=330521&type_code=211&page_size=200')).json.items;
  const target = schools.find((s) => !held.has(s.id));
  assert.ok(target, 'a primary school held by none of them');
  const fw = (await adminDq.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
  let r = await adminDq.post('/api/v1/tasks', {
    kind: 'followup', title: '随访督导（组队）', // 专项 would need ≥ 3 督学 and the notice first
    framework_version_id: fw, due_on: plusDays(10),
    members: [{ inspector_id: me.id, role: 'leader' }, { inspector_id: free[0].id }], school_ids: [target.id],
  });
  assert.equal(r.status, 201, r.text);
  const task = r.json;
  r = await inspector.post('/api/v1/visits', { target_id: task.targets[0].id });
  assert.equal(r.status, 201, r.text);
  const visit = r.json;
  r = await inspector.req('POST', `/api/v1/visits/${visit.id}/photos`, { raw: JPEG, contentType: 'image/jpeg' });
  assert.equal(r.status, 201, r.text);
  const photo = r.json;

  const seen = await mate.get(`/api/v1/attachments/${photo.id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.headers.get('content-type'), 'image/jpeg');
  assertError(await outsider.get(`/api/v1/attachments/${photo.id}`), 404, 'not_found', 'attachment_id');
  const list = await mate.get(`/api/v1/attachments?owner_kind=visit&owner_id=${visit.id}`);
  assert.equal(list.json.total, 1);
  const none = await outsider.get(`/api/v1/attachments?owner_kind=visit&owner_id=${visit.id}`);
  assert.equal(none.json.total, 0);
});

test('the office sets the routine visits a month (visit.per_month), inherited by its coverage view', async () => {
  const month = plusDays(0).slice(0, 7);
  let cov = await adminDq.get(`/api/v1/visits/coverage?month=${month}`);
  assert.equal(cov.json.rules.per_month, 1, 'one a month unless the office says otherwise');
  const r = await adminDq.put('/api/v1/settings', { region_code: '330521', name: 'visit.per_month', value: 2 });
  assert.equal(r.status, 200, r.text);
  cov = await adminDq.get(`/api/v1/visits/coverage?month=${month}`);
  assert.equal(cov.json.rules.per_month, 2);
  assertError(await adminDq.put('/api/v1/settings', { region_code: '330521', name: 'visit.per_year', value: 2 }),
    400, 'invalid', 'name');
});
