// 突发事件 (挂牌督导办法第五条) over HTTP, on SQLite and PostgreSQL: an inspector reports an incident
// with a photo from the phone, the office sees the alert count at once, handles it, turns it
// into a draft finding in the ledger and closes it; each step audited; wrong steps refused with
// a clear error and nothing changed; scope: the school never sees reports, an inspector who
// neither reported nor holds the school gets 404.
// Findings belong to the team that found them: a 专项 team member who did not record the finding
// issues and closes it, an inspector outside the team gets 404; the office's review of a 销号
// (finding.close_review) approved and sent back; the 核查 clock (finding.verify_days) marked
// overdue by the daily job run on the test clock (DUDAO_TEST_CLOCK=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD } from './client.mjs';

let srv, admin, adminDq, inspector, school, auditor, leader, outsider, schoolId;

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
  srv = await startServer({ env: { DUDAO_TEST_CLOCK: '1' } });
  [admin, adminDq, inspector, school, auditor, leader] = await Promise.all(
    ['admin', 'admin_dq', 'inspector', 'school', 'auditor', 'leader'].map((u) => loginAs(srv.base, u)));
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

function today() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function leafCodes(doc) {
  const out = [];
  const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.push(n.code)));
  walk(doc.indicators);
  return out;
}

// A 专项 task for the demo school with the holder as leader and `extra` inspectors; the holder
// records a visit with one failed item: a draft finding of the task.
async function taskFinding(extra) {
  const ins = (await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items;
  const me = ins.find((i) => i.user_id === inspector.user.id);
  const fw = (await admin.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
  let r = await adminDq.post('/api/v1/tasks', {
    kind: 'inspection', title: '校园安全督查（四不两直）', notice_mode: 'unannounced', framework_version_id: fw,
    due_on: addDays(today(), 10), school_ids: [schoolId],
    members: [{ inspector_id: me.id, role: 'leader' }, ...extra.map((id) => ({ inspector_id: id }))],
  });
  assert.equal(r.status, 201, r.text);
  const task = r.json;
  r = await inspector.post('/api/v1/visits', { target_id: task.targets[0].id });
  assert.equal(r.status, 201, r.text);
  const v = r.json;
  const loc = v.school_location || { lat: 30.5, lng: 119.9 };
  r = await inspector.post(`/api/v1/visits/${v.id}/checkin`, { lat: loc.lat + 0.0002, lng: loc.lng, accuracy_m: 15 });
  assert.equal(r.status, 200, r.text);
  const codes = leafCodes(v.framework.document);
  const answers = Object.fromEntries(codes.map((c) => [c, { value: 'good' }]));
  answers[codes[5]] = { value: 'problem', note: '消防通道堆放杂物' };
  r = await inspector.patch(`/api/v1/visits/${v.id}`, { answers, notes: '专项督导' });
  assert.equal(r.status, 200, r.text);
  r = await inspector.post(`/api/v1/visits/${v.id}/submit`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.findings.length, 1);
  const f = (await adminDq.get(`/api/v1/findings/${r.json.findings[0].id}`)).json;
  assert.equal(f.task_id, task.id);
  assert.equal(f.state, 'draft');
  return f;
}

// An inspector account linked to an inspector of the county who holds none of the demo school.
async function teamInspector() {
  const ins = (await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items;
  const me = ins.find((i) => i.user_id === inspector.user.id);
  const cand = ins.filter((i) => i.id !== me.id && !i.user_id);
  const u = await createUser(adminDq, { role: 'inspector' });
  for (const c of cand) {
    const r = await adminDq.patch(`/api/v1/inspectors/${c.id}`, { user_id: u.id });
    if (r.status !== 200) continue;
    return { inspectorId: c.id, client: await loginAs(srv.base, u.username, GOOD_PASSWORD) };
  }
  assert.fail('no inspector to link');
}

test('a 督查 team member who did not record the finding issues and closes it; outside the team: 404', async () => {
  const member = await teamInspector();
  const f = await taskFinding([member.inspectorId]);
  // the member does not hold the school, yet sees the task's finding in the ledger and on its page
  const mine = (await member.client.get(`/api/v1/findings?task_id=${f.task_id}`)).json;
  assert.deepEqual(mine.items.map((x) => x.id), [f.id]);
  const page = await member.client.get(`/api/v1/findings/${f.id}`);
  assert.equal(page.status, 200, page.text);
  assert.ok(page.json.actions.includes('issue'));
  // outside the team and not the holder: nothing, and nothing it can do
  assertError(await outsider.get(`/api/v1/findings/${f.id}`), 404, 'not_found');
  assert.equal((await outsider.get(`/api/v1/findings?task_id=${f.task_id}`)).json.total, 0);
  assertError(await outsider.post(`/api/v1/findings/${f.id}/issue`, {}), 404, 'not_found');
  assert.equal((await adminDq.get(`/api/v1/findings/${f.id}`)).json.state, 'draft');
  // the member issues, the school submits, the member closes
  let r = await member.client.post(`/api/v1/findings/${f.id}/issue`, { requirement: '三日内清理消防通道' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'issued');
  r = await school.post(`/api/v1/findings/${f.id}/submit`, { note: '已清理完毕' });
  assert.equal(r.status, 200, r.text);
  assertError(await outsider.post(`/api/v1/findings/${f.id}/close`, {}), 404, 'not_found');
  r = await member.client.post(`/api/v1/findings/${f.id}/close`, { note: '现场核查已整改' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'closed');
  const ev = r.json.events.filter((e) => ['issued', 'closed'].includes(e.kind));
  assert.equal(ev.length, 2);
});

async function submittedFinding(severity) {
  const r = await adminDq.post('/api/v1/findings', {
    school_id: schoolId, description: `销号审核测试 ${severity}`, severity, category: '安全',
    indicator_code: 'A1.2', indicator_text: '校园安全管理制度',
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  let x = await inspector.post(`/api/v1/findings/${id}/issue`, {});
  assert.equal(x.status, 200, x.text);
  x = await school.post(`/api/v1/findings/${id}/submit`, { note: '已整改' });
  assert.equal(x.status, 200, x.text);
  return x.json;
}

async function setRule(name, value) {
  const r = await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name, value });
  assert.equal(r.status, 200, r.text);
}

test("销号 with the office's review: 严重 waits and is approved, another sent back; 一般 closes as before", async () => {
  await setRule('finding.close_review', 1);
  try {
    // a 一般 finding: the setting covers 严重 and 红线 only, so the 销号 closes at once
    const g = await submittedFinding('general');
    let r = await inspector.post(`/api/v1/findings/${g.id}/close`, {});
    assert.equal(r.json.state, 'closed');
    // a 严重 finding waits for the office
    const f = await submittedFinding('severe');
    r = await inspector.post(`/api/v1/findings/${f.id}/close`, { note: '核查通过' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'review');
    assert.equal(r.json.closed_at, null);
    assert.ok(r.json.events.some((e) => e.kind === 'close_requested'));
    assert.deepEqual(r.json.actions, [], 'the inspector waits');
    // the office's queue
    const queue = (await adminDq.get('/api/v1/findings?state=review')).json;
    assert.ok(queue.items.some((x) => x.id === f.id));
    assert.equal(queue.counts.review, queue.total);
    const inbox = (await adminDq.get('/api/v1/findings/inbox')).json;
    assert.ok(inbox.to_review.items.some((x) => x.id === f.id), 'in the office inbox');
    assert.equal((await inspector.get('/api/v1/findings/inbox')).json.to_review, undefined, 'the office\'s queue only');
    const page = (await adminDq.get(`/api/v1/findings/${f.id}`)).json;
    assert.ok(page.actions.includes('approve_close') && page.actions.includes('send_back'));
    // the inspector and the school cannot decide it
    assertError(await inspector.post(`/api/v1/findings/${f.id}/approve_close`, {}), 403, 'forbidden');
    assertError(await school.post(`/api/v1/findings/${f.id}/approve_close`, {}), 403, 'forbidden');
    r = await adminDq.post(`/api/v1/findings/${f.id}/approve_close`, { note: '同意销号' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'closed');
    assert.ok(r.json.closed_at);
    assertError(await adminDq.post(`/api/v1/findings/${f.id}/approve_close`, {}), 409, 'conflict');

    // another, sent back: a reason is required, then it waits for verification again
    const h = await submittedFinding('red_line');
    r = await inspector.post(`/api/v1/findings/${h.id}/close`, {});
    assert.equal(r.json.state, 'review');
    assertError(await adminDq.post(`/api/v1/findings/${h.id}/send_back`, {}), 400, 'invalid');
    assert.equal((await adminDq.get(`/api/v1/findings/${h.id}`)).json.state, 'review', 'refused: unchanged');
    r = await adminDq.post(`/api/v1/findings/${h.id}/send_back`, { reason: '请现场复核照片与台账' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'submitted');
    assert.ok(r.json.events.some((e) => e.kind === 'close_sent_back' && e.note === '请现场复核照片与台账'));
    const audit = (await auditor.get(`/api/v1/audit?entity=finding&entity_id=${h.id}&page_size=50`)).json.items;
    assert.ok(audit.some((a) => a.action === 'send_back'));
    // the office's own 销号 needs no review
    r = await adminDq.post(`/api/v1/findings/${h.id}/close`, {});
    assert.equal(r.json.state, 'closed');
  } finally {
    await setRule('finding.close_review', 0);
  }
  // the setting is checked
  assertError(await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.close_review', value: 3 }),
    400, 'invalid', 'value');
  // off again: the inspector's 销号 closes
  const k = await submittedFinding('severe');
  assert.equal((await inspector.post(`/api/v1/findings/${k.id}/close`, {})).json.state, 'closed');
});

test('核查 overdue: the report waits past finding.verify_days, the daily job marks it for the inspector and the office', async () => {
  await setRule('finding.verify_days', 2);
  const f = await submittedFinding('serious');
  const due = addDays(today(), 2);
  let page = (await inspector.get(`/api/v1/findings/${f.id}`)).json;
  assert.equal(page.verify_due, due);
  assert.equal(page.is_verify_overdue, false);
  // the day of the deadline: not yet
  let r = await admin.post('/api/v1/jobs/run', { as_of: due });
  assert.equal(r.status, 200, r.text);
  assert.equal((await inspector.get(`/api/v1/findings/${f.id}`)).json.is_verify_overdue, false);
  // the day after: marked, with its reminder, in the ledger of both
  r = await admin.post('/api/v1/jobs/run', { as_of: addDays(due, 1) });
  assert.equal(r.status, 200, r.text);
  for (const c of [inspector, adminDq]) {
    const list = (await c.get('/api/v1/findings?state=submitted&page_size=200')).json.items;
    const row = list.find((x) => x.id === f.id);
    assert.ok(row, 'in the ledger');
    assert.equal(row.is_verify_overdue, true);
    assert.equal(row.verify_due, due);
  }
  page = (await inspector.get(`/api/v1/findings/${f.id}`)).json;
  assert.equal(page.events.filter((e) => e.kind === 'verify_overdue').length, 1);
  // run again: no second reminder
  await admin.post('/api/v1/jobs/run', { as_of: addDays(due, 2) });
  page = (await inspector.get(`/api/v1/findings/${f.id}`)).json;
  assert.equal(page.events.filter((e) => e.kind === 'verify_overdue').length, 1);
  // verified: the marker goes
  r = await inspector.post(`/api/v1/findings/${f.id}/close`, {});
  assert.equal(r.json.state, 'closed');
  assert.equal(r.json.is_verify_overdue, false);
  assert.equal(r.json.verify_due, null);
  await setRule('finding.verify_days', 7);
});

test('销号 with an on-site re-check (finding.close_onsite): 严重 needs a position at the school and a photo', async () => {
  const sch = (await adminDq.get(`/api/v1/schools/${schoolId}`)).json;
  assert.ok(sch.lat && sch.lng, 'the demo school has a position');
  await setRule('finding.close_onsite', 1);
  try {
    // 一般 is not covered: closes as before
    const g = await submittedFinding('general');
    assert.equal((await inspector.post(`/api/v1/findings/${g.id}/close`, {})).json.state, 'closed');
    const f = await submittedFinding('severe');
    const photo = async () => {
      const up = await inspector.req('POST', `/api/v1/attachments?school_id=${schoolId}&owner_kind=finding&owner_id=${f.id}&name=recheck.jpg`,
        { raw: JPEG, contentType: 'image/jpeg' });
      assert.equal(up.status, 201, up.text);
      return up.json.id;
    };
    // no re-check, or a position without a photo: refused, naming the field, nothing changed
    let e = assertError(await inspector.post(`/api/v1/findings/${f.id}/close`, { note: '已核查' }), 400, 'invalid', 'onsite');
    assert.equal(e.refusal, 'onsite_required');
    assertError(await inspector.post(`/api/v1/findings/${f.id}/close`, { onsite: { lat: sch.lat, lng: sch.lng, accuracy_m: 10 } }), 400, 'invalid', 'onsite');
    const p1 = await photo();
    // a position far from the school (about 11 km north): not on site
    e = assertError(await inspector.post(`/api/v1/findings/${f.id}/close`, { onsite: { lat: sch.lat + 0.1, lng: sch.lng, accuracy_m: 10 }, attachment_ids: [p1] }), 400, 'invalid', 'onsite');
    assert.match(e.message, /不在现场/);
    assertError(await inspector.post(`/api/v1/findings/${f.id}/close`, { onsite: { lat: 'x', lng: sch.lng }, attachment_ids: [p1] }), 400, 'invalid', 'onsite');
    assert.equal((await adminDq.get(`/api/v1/findings/${f.id}`)).json.state, 'submitted', 'refusals change nothing');
    // at the school (about 50 m away), with the photo: closed, the re-check in the history
    const r = await inspector.post(`/api/v1/findings/${f.id}/close`, { note: '现场复核：已整改', onsite: { lat: sch.lat + 0.00045, lng: sch.lng, accuracy_m: 15 }, attachment_ids: [p1] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'closed');
    const ev = r.json.events.find((x) => x.kind === 'closed');
    assert.ok(ev.data.onsite, JSON.stringify(ev));
    assert.equal(ev.data.onsite.verdict, 'on_site');
    assert.ok(Math.abs(ev.data.onsite.distance_m - 50) <= 1);
    assert.deepEqual(ev.data.attachment_ids, [p1]);
    // the office closing itself needs the re-check too
    const h = await submittedFinding('red_line');
    assertError(await adminDq.post(`/api/v1/findings/${h.id}/close`, {}), 400, 'invalid', 'onsite');
    const rules = (await adminDq.get('/api/v1/findings/settings?region_code=330521')).json;
    assert.equal(JSON.stringify(rules).includes('finding.close_onsite'), true);
  } finally {
    await setRule('finding.close_onsite', 0);
  }
  assertError(await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.close_onsite', value: 3 }), 400, 'invalid', 'value');
});
