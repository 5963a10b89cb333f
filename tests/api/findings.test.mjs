// The 问题台账 and its closed loop over HTTP: every transition and every refusal by role, the
// audit chain behind each step, the numbered 整改通知书 and 督办单 read back with pdftotext,
// the ledger export read back from the XLSX, extensions, the jurisdiction's deadline rules,
// and the scheduler driven by a settable clock (DUDAO_TEST_CLOCK=1) — including two server
// instances on one database issuing exactly one 督办单.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { readXlsx } from '../lib/xlsx_read.mjs';
import { loginAs, assertError, stopClean, createUser, startExtraServer, Client, uniq } from './client.mjs';
// A decision whose procedure ran outside dudao (问责办法: a decision follows the case; tests/api/accountability_cases.test.mjs runs it)
const ARCHIVE_NO = '德教督档〔2026〕7号';

let srv, admin, adminDq, inspector, school, leader, auditor, schoolId, otherSchoolId;

const TEST_ENV = { DUDAO_TEST_CLOCK: '1' };

function today() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function pdfText(client, path) {
  const res = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'fpdf-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const t = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(t.status, 0, t.stderr);
  return t.stdout.replace(/\s+/g, '');
}

async function newFinding(fields = {}) {
  const r = await adminDq.post('/api/v1/findings', {
    school_id: schoolId, description: `测试问题${uniq('d')}`, severity: 'serious', category: '安全',
    indicator_code: 'A1.2', indicator_text: '校园安全管理制度', ...fields,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function issued(fields = {}, issue = {}) {
  const f = await newFinding(fields);
  const r = await inspector.post(`/api/v1/findings/${f.id}/issue`, issue);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

before(async () => {
  srv = await startServer({ env: TEST_ENV });
  [admin, adminDq, inspector, school, leader, auditor] = await Promise.all(
    ['admin', 'admin_dq', 'inspector', 'school', 'leader', 'auditor'].map((u) => loginAs(srv.base, u)));
  schoolId = school.user.school_id;
  assert.ok(schoolId, 'the demo school account has a school');
  const schools = (await adminDq.get('/api/v1/schools?region_code=330521102&page_size=1')).json.items;
  otherSchoolId = schools[0].id;
});
after(async () => { await stopClean(srv); });

describe('the loop: issue → acknowledge → submit → return → resubmit → close', () => {
  test('a full loop, each step an event and an audit row; refused steps change nothing', async () => {
    const f = await newFinding();
    assert.equal(f.state, 'draft');
    assert.equal(f.source, 'manual');
    assert.ok(f.actions.includes('issue'));
    // the school never sees a draft
    assertError(await school.get(`/api/v1/findings/${f.id}`), 404, 'not_found');
    assert.equal((await school.get(`/api/v1/findings?state=draft`)).json.total, 0);
    // the inspector issues it: a 文号 of the county and year, the default deadline by severity (较重 20 days)
    let r = await inspector.post(`/api/v1/findings/${f.id}/issue`, { requirement: '一周内完成消防通道清理' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'issued');
    assert.match(r.json.notice_no, new RegExp(`^德督改〔${today().slice(0, 4)}〕\\d+号$`));
    assert.equal(r.json.deadline, addDays(today(), 20));
    assert.equal(r.json.requirement, '一周内完成消防通道清理');
    // the school sees it now, with what it may do
    r = await school.get(`/api/v1/findings/${f.id}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.actions.sort(), ['acknowledge', 'progress', 'request_extension', 'submit'].sort());
    assert.ok(!r.json.events.some((e) => e.kind === 'created'), 'the office drafting history is not shown');
    // refusals: the school cannot close, the leader cannot act, an empty report is refused
    assertError(await school.post(`/api/v1/findings/${f.id}/close`, {}), 403, 'forbidden');
    assertError(await leader.post(`/api/v1/findings/${f.id}/acknowledge`, {}), 403, 'forbidden');
    assertError(await inspector.post(`/api/v1/findings/${f.id}/acknowledge`, {}), 403, 'forbidden');
    assertError(await school.post(`/api/v1/findings/${f.id}/submit`, { note: '' }), 400, 'invalid', 'note');
    assertError(await inspector.post(`/api/v1/findings/${f.id}/close`, {}), 409, 'conflict'); // not submitted yet
    assertError(await inspector.post(`/api/v1/findings/${f.id}/issue`, {}), 409, 'conflict'); // issued already
    // acknowledge, progress, submit
    r = await school.post(`/api/v1/findings/${f.id}/acknowledge`, { note: '已收到' });
    assert.equal(r.json.state, 'rectifying');
    r = await school.post(`/api/v1/findings/${f.id}/progress`, { note: '已制定整改方案' });
    assert.equal(r.status, 200, r.text);
    // evidence: a photo uploaded for this finding, then named in the report
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const up = await school.req('POST', `/api/v1/attachments?school_id=${schoolId}&owner_kind=finding&owner_id=${f.id}&name=after.png`,
      { raw: png, contentType: 'image/png' });
    assert.equal(up.status, 201, up.text);
    assertError(await school.post(`/api/v1/findings/${f.id}/submit`, { note: '附照片', attachment_ids: [up.json.id + 999] }),
      400, 'invalid', 'attachment_ids');
    r = await school.post(`/api/v1/findings/${f.id}/submit`, { note: '消防通道已清理，附照片', attachment_ids: [up.json.id] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'submitted');
    assert.deepEqual(r.json.attachments.map((x) => x.id), [up.json.id]);
    assert.deepEqual(r.json.events.at(-1).data.attachment_ids, [up.json.id]);
    assertError(await school.post(`/api/v1/findings/${f.id}/submit`, { note: '再交一次' }), 409, 'conflict');
    // return needs a reason; it counts
    assertError(await inspector.post(`/api/v1/findings/${f.id}/return`, { reason: ' ' }), 400, 'invalid', 'reason');
    r = await inspector.post(`/api/v1/findings/${f.id}/return`, { reason: '照片不能反映整改后的全貌' });
    assert.equal(r.json.state, 'rectifying');
    assert.equal(r.json.n_returns, 1);
    r = await school.post(`/api/v1/findings/${f.id}/submit`, { note: '补充了全景照片' });
    assert.equal(r.json.state, 'submitted');
    r = await inspector.post(`/api/v1/findings/${f.id}/close`, { note: '核查属实，予以销号' });
    assert.equal(r.json.state, 'closed');
    assert.ok(r.json.closed_at);
    assert.deepEqual(r.json.actions, ['reopen']);
    assertError(await inspector.post(`/api/v1/findings/${f.id}/close`, {}), 409, 'conflict');
    assertError(await school.post(`/api/v1/findings/${f.id}/reopen`, { reason: 'x' }), 403, 'forbidden');
    // the history, in order
    r = await adminDq.get(`/api/v1/findings/${f.id}`);
    assert.deepEqual(r.json.events.map((e) => e.kind),
      ['created', 'issued', 'acknowledged', 'progress', 'submitted', 'returned', 'submitted', 'closed']);
    assert.equal(r.json.events[5].note, '照片不能反映整改后的全貌');
    assert.equal(r.json.events[1].data.notice_no, r.json.notice_no);
    // the audit chain holds each step
    const audit = await auditor.get(`/api/v1/audit?entity=finding&entity_id=${f.id}&page_size=50`);
    assert.equal(audit.status, 200, audit.text);
    const actions = audit.json.items.map((x) => x.action).reverse();
    assert.deepEqual(actions, ['create', 'issue', 'acknowledge', 'progress', 'submit', 'return', 'submit', 'close']);
    const v = await auditor.get('/api/v1/audit/verify');
    assert.equal(v.json.ok, true, v.text);
  });

  test('scope: another inspector and another school get 404; readers cannot act', async () => {
    const f = await issued();
    const other = await createUser(adminDq, { role: 'inspector', region_code: '330521' });
    const oc = await loginAs(srv.base, other.username, 'Str0ng-Passw0rd');
    assertError(await oc.get(`/api/v1/findings/${f.id}`), 404, 'not_found');
    assertError(await oc.post(`/api/v1/findings/${f.id}/return`, { reason: 'x' }), 404, 'not_found');
    assert.equal((await oc.get('/api/v1/findings')).json.total, 0);
    const otherSchool = await createUser(adminDq, { role: 'school', region_code: '330521', school_id: otherSchoolId });
    const os = await loginAs(srv.base, otherSchool.username, 'Str0ng-Passw0rd');
    assertError(await os.get(`/api/v1/findings/${f.id}`), 404, 'not_found');
    assertError(await os.post(`/api/v1/findings/${f.id}/submit`, { note: 'x' }), 404, 'not_found');
    // the other county's admin does not see 德清县's findings; the city admin does
    const cx = await createUser(admin, { role: 'admin', region_code: '330522' });
    const cxc = await loginAs(srv.base, cx.username, 'Str0ng-Passw0rd');
    assertError(await cxc.get(`/api/v1/findings/${f.id}`), 404, 'not_found');
    assert.equal((await admin.get(`/api/v1/findings/${f.id}`)).status, 200);
    // the leader reads, the auditor does not
    assert.equal((await leader.get(`/api/v1/findings/${f.id}`)).status, 200);
    assertError(await auditor.get('/api/v1/findings'), 403, 'forbidden');
    assertError(await leader.post(`/api/v1/findings/${f.id}/void`, { reason: 'x' }), 403, 'forbidden');
    // unknown fields are refused before anything happens
    assertError(await inspector.post(`/api/v1/findings/${f.id}/return`, { reason: 'x', extra: 1 }), 400, 'unknown_field', 'extra');
  });

  test('void: with a reason, by the office; the finding stays in the ledger', async () => {
    const f = await issued();
    assertError(await inspector.post(`/api/v1/findings/${f.id}/void`, { reason: '录入错误' }), 403, 'forbidden');
    assertError(await adminDq.post(`/api/v1/findings/${f.id}/void`, { reason: '' }), 400, 'invalid', 'reason');
    const r = await adminDq.post(`/api/v1/findings/${f.id}/void`, { reason: '与第 12 号问题重复' });
    assert.equal(r.json.state, 'voided');
    assert.equal(r.json.void_reason, '与第 12 号问题重复');
    assertError(await adminDq.post(`/api/v1/findings/${f.id}/void`, { reason: 'again' }), 409, 'conflict');
    const list = await adminDq.get('/api/v1/findings?state=voided&page_size=200');
    assert.ok(list.json.items.some((x) => x.id === f.id));
    // an inspector may void its own draft
    const d = await newFinding();
    assert.equal((await inspector.post(`/api/v1/findings/${d.id}/void`, { reason: '现场复核不属实' })).json.state, 'voided');
  });

  test('drafts are edited before issue, not after; reopen (回头看) puts a closed finding back', async () => {
    const d = await newFinding();
    let r = await inspector.patch(`/api/v1/findings/${d.id}`, { severity: 'red_line', description: '食堂无证经营' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.severity, 'red_line');
    assertError(await inspector.patch(`/api/v1/findings/${d.id}`, { severity: 'purple' }), 400, 'invalid', 'severity');
    r = await inspector.post(`/api/v1/findings/${d.id}/issue`, {});
    assert.equal(r.json.deadline, addDays(today(), 3), 'red line: 3 days by default');
    assertError(await inspector.patch(`/api/v1/findings/${d.id}`, { description: 'x' }), 409, 'conflict');
    await school.post(`/api/v1/findings/${d.id}/submit`, { note: '已办证' });
    await inspector.post(`/api/v1/findings/${d.id}/close`, {});
    assertError(await inspector.post(`/api/v1/findings/${d.id}/reopen`, {}), 400, 'invalid', 'reason');
    r = await inspector.post(`/api/v1/findings/${d.id}/reopen`, { reason: '回头看发现证照已过期' });
    assert.equal(r.json.state, 'rectifying');
    assert.equal(r.json.n_reopens, 1);
    assert.equal(r.json.is_reinspected, true);
  });

  test('a finding returned twice is marked for accountability', async () => {
    const f = await issued();
    for (let i = 0; i < 2; i++) {
      await school.post(`/api/v1/findings/${f.id}/submit`, { note: `第${i + 1}次整改报告` });
      const r = await inspector.post(`/api/v1/findings/${f.id}/return`, { reason: '整改不到位' });
      assert.equal(r.json.accountability_flag, i === 0 ? null : 'returned_repeatedly');
    }
    const flagged = await adminDq.get('/api/v1/findings?flagged=true&page_size=200');
    assert.ok(flagged.json.items.some((x) => x.id === f.id));
  });
});

describe('extensions (延期)', () => {
  test('the school asks, the admin decides; refusals by rule', async () => {
    const f = await issued();
    assertError(await school.post(`/api/v1/findings/${f.id}/extension`, { deadline: f.deadline, reason: '需采购' }),
      400, 'invalid', 'deadline');
    const later = addDays(f.deadline, 15);
    let r = await school.post(`/api/v1/findings/${f.id}/extension`, { deadline: later, reason: '设备需政府采购' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.has_pending_extension, true);
    assert.equal(r.json.pending_extension.requested_deadline, later);
    assertError(await school.post(`/api/v1/findings/${f.id}/extension`, { deadline: later, reason: '再申请' }), 409, 'conflict');
    assertError(await inspector.post(`/api/v1/findings/${f.id}/extension/decision`, { approve: true, deadline: later }), 403, 'forbidden');
    assertError(await adminDq.post(`/api/v1/findings/${f.id}/extension/decision`, { approve: true }), 400, 'invalid', 'deadline');
    const pending = await adminDq.get('/api/v1/extensions?state=pending');
    assert.ok(pending.json.items.some((x) => x.finding_id === f.id));
    const inbox = await adminDq.get('/api/v1/findings/inbox');
    assert.ok(inbox.json.extensions.total >= 1);
    r = await adminDq.post(`/api/v1/findings/${f.id}/extension/decision`, { approve: true, deadline: later, note: '同意' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.deadline, later);
    assert.equal(r.json.original_deadline, f.deadline);
    assert.equal(r.json.has_pending_extension, false);
    assertError(await adminDq.post(`/api/v1/findings/${f.id}/extension/decision`, { approve: false, reason: 'x' }), 409, 'conflict');
    // a refusal needs a reason and keeps the deadline
    await school.post(`/api/v1/findings/${f.id}/extension`, { deadline: addDays(later, 10), reason: '再延' });
    assertError(await adminDq.post(`/api/v1/findings/${f.id}/extension/decision`, { approve: false }), 400, 'invalid', 'reason');
    r = await adminDq.post(`/api/v1/findings/${f.id}/extension/decision`, { approve: false, reason: '理由不充分' });
    assert.equal(r.json.deadline, later);
    const kinds = r.json.events.map((e) => e.kind);
    assert.deepEqual(kinds.slice(-4), ['extension_requested', 'extension_approved', 'extension_requested', 'extension_refused']);
  });
});

describe('documents, ledger, export and settings', () => {
  test('the 整改通知书 PDF carries its number, the school, the problem and the deadline', async () => {
    const f = await issued({ description: '消防器材过期未更换' });
    const text = await pdfText(school, `/api/v1/findings/${f.id}/notice`);
    assert.ok(text.includes('整改通知书'), text.slice(0, 200));
    assert.ok(text.includes(f.notice_no), 'the number');
    assert.ok(text.includes(f.school_name), 'the school');
    assert.ok(text.includes('消防器材过期未更换'), 'the problem');
    assert.ok(text.includes('德清县人民政府教育督导室'), 'the office');
    const d = await newFinding();
    assertError(await adminDq.get(`/api/v1/findings/${d.id}/notice`), 409, 'conflict');
  });

  test('notice numbers are unique and consecutive under concurrent issues', async () => {
    const drafts = await Promise.all(Array.from({ length: 8 }, () => newFinding()));
    const rs = await Promise.all(drafts.map((d) => inspector.post(`/api/v1/findings/${d.id}/issue`, {})));
    const nos = rs.map((r) => { assert.equal(r.status, 200, r.text); return Number(r.json.notice_no.match(/〕(\d+)号/)[1]); });
    assert.equal(new Set(nos).size, 8);
    nos.sort((x, y) => x - y);
    assert.equal(nos[7] - nos[0], 7, 'no gaps between them');
  });

  test('the ledger filters, sorts, pages and counts by state', async () => {
    let r = await adminDq.get('/api/v1/findings?state=open&severity=serious&sort=-deadline&page_size=5');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length <= 5);
    for (const x of r.json.items) { assert.equal(x.severity, 'serious'); assert.ok(!['closed', 'voided'].includes(x.state)); }
    const ds = r.json.items.map((x) => x.deadline || '');
    const set = ds.filter(Boolean);
    assert.deepEqual([...set].sort().reverse(), set);
    assert.deepEqual(ds.slice(0, set.length), set, 'findings without a deadline come last');
    assert.ok(r.json.counts.closed >= 1 && r.json.counts.issued >= 1, JSON.stringify(r.json.counts));
    r = await adminDq.get(`/api/v1/findings?school_id=${schoolId}&source=manual&indicator_code=A1.2&page_size=200`);
    assert.ok(r.json.total >= 5);
    for (const x of r.json.items) assert.equal(x.school_id, schoolId);
    r = await adminDq.get('/api/v1/findings?region_code=330521001&page_size=1');
    assert.ok(r.json.total >= 5);
    assertError(await adminDq.get('/api/v1/findings?region_code=330522'), 404, 'not_found');
    assertError(await adminDq.get('/api/v1/findings?state=lost'), 400, 'invalid', 'state');
    assertError(await adminDq.get('/api/v1/findings?sort=password'), 400, 'invalid', 'sort');
    r = await adminDq.get('/api/v1/findings?q=消防器材过期');
    assert.equal(r.json.total, 1);
  });

  test('the XLSX export has the ledger rows with their states in Chinese', async () => {
    const res = await fetch(`${srv.base}/api/v1/findings/export?state=closed`, { headers: { cookie: `dudao_session=${adminDq.cookie}` } });
    assert.equal(res.status, 200);
    const rows = readXlsx(Buffer.from(await res.arrayBuffer()));
    assert.equal(rows[0][0], '编号');
    assert.ok(rows[0].includes('整改期限'));
    const stateCol = rows[0].indexOf('状态');
    assert.ok(rows.length >= 2);
    for (const row of rows.slice(1)) assert.equal(row[stateCol], '已销号');
    const list = await adminDq.get('/api/v1/findings?state=closed&page_size=200');
    assert.equal(rows.length - 1, list.json.total);
    assertError(await school.get('/api/v1/findings/export'), 403, 'forbidden');
  });

  test('default deadlines follow the jurisdiction setting, inherited down the tree', async () => {
    let r = await adminDq.get('/api/v1/findings/settings');
    assert.equal(r.json.settings['finding.days.general'], 30);
    r = await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.days.general', value: 12 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.settings['finding.days.general'], 12);
    assertError(await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.days.purple', value: 3 }), 400, 'invalid', 'name');
    assertError(await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.days.general', value: 0 }), 400, 'invalid', 'value');
    assertError(await adminDq.put('/api/v1/findings/settings', { region_code: '330522', name: 'finding.days.general', value: 5 }), 404, 'not_found');
    r = await admin.get('/api/v1/findings/settings?region_code=330521001');
    assert.equal(r.json.settings['finding.days.general'], 12, 'a town inherits its county');
    const f = await issued({ severity: 'general' });
    assert.equal(f.deadline, addDays(today(), 12));
    await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.days.general', value: 30 });
  });

  test('the dashboard aggregates by town, school and category', async () => {
    const r = await adminDq.get('/api/v1/findings/stats');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.totals.n_total >= 10);
    assert.ok(r.json.totals.n_closed >= 1);
    assert.ok(r.json.by_town.some((t) => t.code === '330521001'));
    assert.ok(r.json.by_category.some((c) => c.category === '安全'));
    assert.ok(r.json.median_days_to_close >= 0);
    assert.ok(Array.isArray(r.json.trend) && r.json.trend.length >= 1);
  });
});

describe('the scheduler with a settable clock', () => {
  test('past its deadline a finding becomes overdue, then gets its 督办单 proposed exactly once (the office confirms it), then a 约谈 flag', async () => {
    const base = addDays(today(), 400); // far enough ahead of every other finding's ladder
    const f = await issued({}, { deadline: base });
    let r = await admin.post('/api/v1/jobs/run', { as_of: addDays(base, -2) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.jobs.find((j) => j.name === 'findings.escalate').ran, true);
    r = await inspector.get(`/api/v1/findings/${f.id}`);
    assert.equal(r.json.escalation, 'reminded');
    assert.equal(r.json.is_overdue, false);
    r = await admin.post('/api/v1/jobs/run', { as_of: addDays(base, 1) });
    r = await inspector.get(`/api/v1/findings/${f.id}`);
    assert.equal(r.json.escalation, 'overdue');
    assert.equal(r.json.is_overdue, true);
    assert.equal(r.json.order_no, null);
    const overdue = await adminDq.get('/api/v1/findings?overdue=true&page_size=200');
    assert.ok(overdue.json.items.some((x) => x.id === f.id));
    // the same day again: nothing runs twice
    r = await admin.post('/api/v1/jobs/run', { as_of: addDays(base, 1) });
    assert.ok(r.json.jobs.every((j) => j.ran === false));
    r = await admin.post('/api/v1/jobs/run', { as_of: addDays(base, 8) });
    assert.equal(r.json.jobs[0].report.orders >= 1, true, JSON.stringify(r.json));
    // the ladder proposes the 督办单; it is the office's decision to send it
    let orders = (await adminDq.get('/api/v1/orders?page_size=200')).json.items.filter((o) => o.finding_id === f.id);
    assert.equal(orders.length, 1, 'one proposal');
    assert.equal(orders[0].state, 'proposed');
    assert.equal(orders[0].order_no, '');
    r = await school.get(`/api/v1/findings/${f.id}`);
    assert.equal(r.json.order_no, null, 'not issued yet: the school sees no 督办单');
    assert.ok(!(await school.get('/api/v1/orders?page_size=200')).json.items.some((o) => o.finding_id === f.id));
    assertError(await school.get(`/api/v1/orders/${orders[0].id}/pdf`), 404, 'not_found');
    assertError(await adminDq.get(`/api/v1/orders/${orders[0].id}/pdf`), 409, 'conflict', 'state');
    assertError(await inspector.post(`/api/v1/orders/${orders[0].id}/confirm`, {}), 403, 'forbidden');
    assertError(await adminDq.post(`/api/v1/orders/${orders[0].id}/dismiss`, {}), 400, 'invalid', 'reason');
    r = await adminDq.post(`/api/v1/orders/${orders[0].id}/confirm`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'issued');
    assert.match(r.json.order_no, /^德督办〔\d{4}〕\d+号$/);
    assertError(await adminDq.post(`/api/v1/orders/${orders[0].id}/confirm`, {}), 409, 'conflict', 'state');
    r = await school.get(`/api/v1/findings/${f.id}`);
    assert.match(r.json.order_no, /^德督办〔\d{4}〕\d+号$/);
    await admin.post('/api/v1/jobs/run', { as_of: addDays(base, 9) });
    orders = (await adminDq.get('/api/v1/orders?page_size=200')).json.items.filter((o) => o.finding_id === f.id);
    assert.equal(orders.length, 1, 'one 督办单');
    assert.equal(orders[0].to_department, '德清县教育局');
    const text = await pdfText(school, `/api/v1/orders/${orders[0].id}/pdf`);
    assert.ok(text.includes('督办单') && text.includes(orders[0].order_no) && text.includes('德清县教育局'));
    await admin.post('/api/v1/jobs/run', { as_of: addDays(base, 30) });
    r = await inspector.get(`/api/v1/findings/${f.id}`);
    assert.equal(r.json.escalation, 'interview');
    const kinds = r.json.events.map((e) => e.kind);
    for (const k of ['reminder', 'overdue', 'order_proposed', 'order', 'interview']) assert.equal(kinds.filter((x) => x === k).length, 1, k);
    // the school sees it in its inbox
    const inbox = await school.get('/api/v1/findings/inbox');
    assert.ok(inbox.json.overdue.items.some((x) => x.id === f.id));
    // job status
    const jobs = await admin.get('/api/v1/jobs');
    assert.equal(jobs.json.items.find((j) => j.name === 'findings.escalate').done_period, addDays(base, 30));
    assertError(await inspector.post('/api/v1/jobs/run', {}), 403, 'forbidden');
  });

  test('two server instances on one database: one ladder run, one 督办单', async () => {
    const b = await startExtraServer(srv.dbUrl, srv.dataDir);
    try {
      const base = addDays(today(), 500);
      const f = await issued({}, { deadline: base });
      const onB = admin.clone();
      onB.base = b.base;
      // instance B was started without DUDAO_TEST_CLOCK: it refuses another date
      assertError(await onB.post('/api/v1/jobs/run', { as_of: base }), 403, 'forbidden', 'as_of');
      const c = await startClockServer(srv.dbUrl, srv.dataDir);
      try {
        const onC = admin.clone();
        onC.base = c.base;
        const day = addDays(base, 10);
        const rs = await Promise.all([admin.post('/api/v1/jobs/run', { as_of: day }), onC.post('/api/v1/jobs/run', { as_of: day }),
          admin.post('/api/v1/jobs/run', { as_of: day }), onC.post('/api/v1/jobs/run', { as_of: day })]);
        for (const r of rs) assert.equal(r.status, 200, r.text);
        const ran = rs.flatMap((r) => r.json.jobs.filter((j) => j.name === 'findings.escalate' && j.ran));
        assert.equal(ran.length, 1, 'exactly one instance ran the ladder');
        const orders = (await adminDq.get('/api/v1/orders?page_size=200')).json.items.filter((o) => o.finding_id === f.id);
        assert.equal(orders.length, 1);
        const events = (await adminDq.get(`/api/v1/findings/${f.id}`)).json.events.filter((e) => e.kind === 'order_proposed');
        assert.equal(events.length, 1);
        // the office may also decide not to send it, saying why
        const d = await adminDq.post(`/api/v1/orders/${orders[0].id}/dismiss`, { reason: '学校已于督办前完成整改，待核查' });
        assert.equal(d.status, 200, d.text);
        assert.equal(d.json.state, 'dismissed');
        assert.equal(d.json.dismiss_reason, '学校已于督办前完成整改，待核查');
        const ev = (await adminDq.get(`/api/v1/findings/${f.id}`)).json.events.filter((e) => e.kind === 'order_dismissed');
        assert.equal(ev.length, 1);
      } finally {
        const res = await c.stop();
        assert.equal(res.sanitizer, null);
      }
    } finally {
      const res = await b.stop();
      assert.equal(res.sanitizer, null);
    }
  });
});

describe('complaints (受理举报投诉) from the plaque QR code', () => {
  test('the public files one without logging in; it reaches the responsible inspector; verified it becomes a finding', async () => {
    const anon = new Client(srv.base);
    const sch = (await adminDq.get(`/api/v1/schools/${schoolId}`)).json;
    let r = await anon.get(`/api/v1/public/schools/${sch.code}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, sch.name);
    assert.ok(r.json.categories.includes('乱收费'));
    assert.equal(r.json.principal, undefined, 'no personal data beyond the plaque');
    assertError(await anon.get('/api/v1/public/schools/9999999999'), 404, 'not_found');
    r = await anon.post('/api/v1/public/complaints', { school_code: sch.code, category: '乱收费', content: '学校以资料费名义向每名学生收取200元',
      contact_phone: '13800000000' }, { headers: { 'x-forwarded-for': '10.9.9.9' } });
    assert.equal(r.status, 201, r.text);
    const receipt = r.json.receipt_code;
    assert.match(receipt, /^TS[2-9A-HJ-NP-Z]{12}$/);
    assertError(await anon.post('/api/v1/public/complaints', { school_code: sch.code, category: '八卦', content: '内容足够长的一段话' }),
      400, 'invalid', 'category');
    assertError(await anon.post('/api/v1/public/complaints', { school_code: sch.code, category: '其他', content: '短' }),
      400, 'invalid', 'content');
    // the responsible inspector sees it; another inspector does not
    r = await inspector.get('/api/v1/complaints?state=received');
    const c = r.json.items.find((x) => x.receipt_code === receipt);
    assert.ok(c, 'in the responsible inspector\'s list');
    assert.equal(c.contact_phone, '13800000000');
    assert.ok((await inspector.get('/api/v1/findings/inbox')).json.complaints.total >= 1);
    const other = await createUser(adminDq, { role: 'inspector', region_code: '330521' });
    const oc = await loginAs(srv.base, other.username, 'Str0ng-Passw0rd');
    assert.equal((await oc.get('/api/v1/complaints')).json.items.filter((x) => x.id === c.id).length, 0);
    assertError(await oc.post(`/api/v1/complaints/${c.id}/verify`, {}), 404, 'not_found');
    assertError(await school.get('/api/v1/complaints'), 403, 'forbidden');
    // the lookup before handling: received, nothing else
    r = await anon.get(`/api/v1/public/complaints/${receipt}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.state, 'received');
    // verified → a finding, issued at once
    r = await inspector.post(`/api/v1/complaints/${c.id}/verify`, { severity: 'severe', issue: true, requirement: '立即清退违规收费' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'verified');
    const f = (await inspector.get(`/api/v1/findings/${r.json.finding_id}`)).json;
    assert.equal(f.source, 'complaint');
    assert.equal(f.state, 'issued');
    assert.equal(f.complaint_id, c.id);
    assert.match(f.description, /资料费/);
    assertError(await inspector.post(`/api/v1/complaints/${c.id}/reject`, { outcome: 'x' }), 409, 'conflict');
    // the receipt shows the outcome and nothing else
    r = await anon.get(`/api/v1/public/complaints/${receipt}`);
    assert.equal(r.json.state, 'verified');
    assert.equal(r.json.rectification.stage, 'rectifying');
    assert.ok(r.json.outcome);
    const text = JSON.stringify(r.json);
    for (const secret of ['资料费', '13800000000', f.inspector_name, 'content', 'contact']) assert.ok(!text.includes(secret), secret);
    assertError(await anon.get('/api/v1/public/complaints/TS0000000000XX'), 404, 'not_found');
    // rejected complaints get a reply
    r = await anon.post('/api/v1/public/complaints', { school_code: sch.code, category: '其他', content: '食堂饭菜不好吃，希望改进' });
    const c2 = (await inspector.get('/api/v1/complaints?state=received')).json.items.find((x) => x.receipt_code === r.json.receipt_code);
    assertError(await inspector.post(`/api/v1/complaints/${c2.id}/reject`, {}), 400, 'invalid', 'outcome');
    r = await inspector.post(`/api/v1/complaints/${c2.id}/reject`, { outcome: '经核实，食堂符合标准，已转达改进建议' });
    assert.equal(r.json.state, 'rejected');
  });

  test('flooding from one address is throttled; nothing is written past the limit', async () => {
    const anon = new Client(srv.base);
    const sch = (await adminDq.get(`/api/v1/schools?region_code=330521003&page_size=1`)).json.items[0];
    const before = (await adminDq.get('/api/v1/complaints?page_size=1')).json.total;
    const rs = [];
    for (let i = 0; i < 6; i++)
      rs.push(await anon.post('/api/v1/public/complaints', { school_code: sch.code, category: '其他', content: `第${i}条重复提交的举报内容` }));
    const statuses = rs.map((r) => r.status);
    assert.ok(statuses.filter((x) => x === 201).length <= 3, statuses.join(','));
    assert.ok(statuses.includes(429), statuses.join(','));
    assertError(rs.at(-1), 429, 'rate_limited');
    const after = (await adminDq.get('/api/v1/complaints?page_size=1')).json.total;
    assert.ok(after - before <= 3);
  });
});

describe('accountability (问责) and 约谈', () => {
  test('measures by target, the 复核/申诉 time limits, and the twice-in-a-year aggravating case', async () => {
    const f = await issued();
    const d = today();
    assertError(await adminDq.post('/api/v1/accountability', { archive_no: ARCHIVE_NO, target_kind: 'unit', target_name: '测试学校', measure: 'sanction',
      grounds: '整改不力', decided_on: d }), 400, 'invalid', 'measure');
    assertError(await adminDq.post('/api/v1/accountability', { archive_no: ARCHIVE_NO, target_kind: 'alien', target_name: 'x', measure: 'interview',
      grounds: 'x', decided_on: d }), 400, 'invalid', 'target_kind');
    const name = `问责测试学校${uniq('a')}`;
    let r = await adminDq.post('/api/v1/accountability', { archive_no: ARCHIVE_NO, target_kind: 'unit', target_name: name, measure: 'public_criticism',
      grounds: '督导问题逾期未整改', decided_on: addDays(d, -100), finding_id: f.id });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.review.apply_by, addDays(d, -70));
    assert.equal(r.json.review.decide_by, addDays(d, -40));
    assert.equal(r.json.appeal.apply_by, addDays(d, -85));
    assert.equal(r.json.appeal.decide_by, addDays(d, -25));
    assert.equal(r.json.is_aggravated, false);
    assert.equal(r.json.measure_label, '公开批评');
    // past the 30 days: a review can no longer be applied for
    assertError(await adminDq.post(`/api/v1/accountability/${r.json.id}/review`, { step: 'review', state: 'applied' }), 400, 'invalid');
    r = await adminDq.post('/api/v1/accountability', { archive_no: ARCHIVE_NO, target_kind: 'unit', target_name: name, measure: 'bulletin',
      grounds: '再次逾期', decided_on: d });
    assert.equal(r.json.is_aggravated, true);
    assert.match(r.json.aggravation, /一年内被教育督导问责两次及以上/);
    const id = r.json.id;
    assertError(await adminDq.post(`/api/v1/accountability/${id}/review`, { step: 'review', state: 'upheld' }), 409, 'conflict');
    r = await adminDq.post(`/api/v1/accountability/${id}/review`, { step: 'review', state: 'applied' });
    assert.equal(r.json.review.state, 'applied');
    r = await adminDq.post(`/api/v1/accountability/${id}/review`, { step: 'review', state: 'upheld' });
    assert.equal(r.json.review.state, 'upheld');
    assertError(await leader.post('/api/v1/accountability', {}), 403, 'forbidden');
    assert.ok((await leader.get('/api/v1/accountability')).json.items.some((x) => x.id === id));
    // 约谈 linked to the finding shows on its timeline
    r = await adminDq.post('/api/v1/interviews', { target_name: '校长', held_on: d, place: '县督导室', finding_id: f.id });
    assert.equal(r.status, 201, r.text);
    const ev = (await adminDq.get(`/api/v1/findings/${f.id}`)).json.events.at(-1);
    assert.equal(ev.kind, 'interview_held');
  });
});

describe('bulletins (通报)', () => {
  test('composed from the data, approved by a second person, published with its names redacted', async () => {
    const d = today();
    let r = await adminDq.post('/api/v1/bulletins', { period_from: addDays(d, -30), period_to: d });
    assert.equal(r.status, 201, r.text);
    const b = r.json;
    assert.equal(b.state, 'draft');
    assert.match(b.body, /共下发督导问题整改通知书\d+件/);
    assert.ok(b.data.totals.n_issued >= 10, JSON.stringify(b.data.totals));
    assert.ok(b.data.towns.length >= 1);
    assert.ok(b.redactions.length >= 5, 'principals and inspectors are on the redaction list');
    const principal = (await adminDq.get(`/api/v1/schools/${schoolId}`)).json.principal;
    assert.ok(b.redactions.includes(principal));
    // the editor names the principal in the text
    r = await adminDq.patch(`/api/v1/bulletins/${b.id}`, { body: `${b.body}\n\n对${principal}校长进行了约谈。` });
    assert.equal(r.status, 200, r.text);
    assertError(await adminDq.post(`/api/v1/bulletins/${b.id}/publish`), 409, 'conflict');
    assertError(await adminDq.post(`/api/v1/bulletins/${b.id}/approve`), 403, 'forbidden'); // its own author
    r = await leader.post(`/api/v1/bulletins/${b.id}/approve`);
    assert.equal(r.status, 200, r.text);
    assertError(await adminDq.patch(`/api/v1/bulletins/${b.id}`, { title: '改' }), 409, 'conflict');
    r = await adminDq.post(`/api/v1/bulletins/${b.id}/publish`);
    assert.match(r.json.bulletin_no, /^德督通〔\d{4}〕\d+号$/);
    // the public page: no session, no personal names
    const anon = new Client(srv.base);
    r = await anon.get('/api/v1/public/bulletins');
    assert.ok(r.json.items.some((x) => x.id === b.id));
    r = await anon.get(`/api/v1/public/bulletins/${b.id}`);
    assert.equal(r.status, 200);
    const pub = JSON.stringify(r.json);
    for (const n of b.redactions) assert.ok(!pub.includes(n), `name ${n} on the public page`);
    assert.ok(pub.includes(`${principal[0]}某`));
    assert.equal(r.json.redactions, undefined);
    const text = await pdfText(anon, `/api/v1/public/bulletins/${b.id}/pdf`);
    for (const n of b.redactions) assert.ok(!text.includes(n), `name ${n} in the public PDF`);
    assert.ok(text.includes(r.json.bulletin_no));
    const staff = await pdfText(adminDq, `/api/v1/bulletins/${b.id}/pdf`);
    assert.ok(staff.includes(principal), 'the internal PDF keeps the text as written');
    // a draft is not public
    const draft = (await adminDq.post('/api/v1/bulletins', { period_from: d, period_to: d })).json;
    assertError(await anon.get(`/api/v1/public/bulletins/${draft.id}`), 404, 'not_found');
  });
});

describe('recurrence', () => {
  test('the same indicator again at a school, or at many schools of a county, is flagged by the daily job', async () => {
    const one = await issued({ indicator_code: 'R9.9' });
    const two = await issued({ indicator_code: 'R9.9' });
    const schools = (await adminDq.get('/api/v1/schools?region_code=330521&page_size=6')).json.items;
    const spread = [];
    for (const s of schools.slice(0, 5)) {
      const f = (await adminDq.post('/api/v1/findings', { school_id: s.id, description: '共性问题：安全台账缺失', indicator_code: 'R8.8', issue: true })).json;
      assert.equal(f.state, 'issued');
      spread.push(f);
    }
    await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.recurrence_window_days', value: 3650 });
    const r = await admin.post('/api/v1/jobs/run', { as_of: addDays(today(), 700) });
    assert.equal(r.json.jobs.find((j) => j.name === 'findings.recurrence').ran, true, JSON.stringify(r.json));
    assert.equal((await adminDq.get(`/api/v1/findings/${one.id}`)).json.recurrence_flag, null, 'the first is not a recurrence');
    const t = (await adminDq.get(`/api/v1/findings/${two.id}`)).json;
    assert.equal(t.recurrence_flag, 'school');
    assert.ok(t.events.some((e) => e.kind === 'recurrence'));
    for (const f of spread) assert.match((await adminDq.get(`/api/v1/findings/${f.id}`)).json.recurrence_flag, /county/);
    await adminDq.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.recurrence_window_days', value: 365 });
  });
});

describe('回头看 (re-inspection)', () => {
  test('every closed red-line finding of the period is picked, the pick is listed, and one may be reopened', async () => {
    const f = await issued({ severity: 'red_line', description: '校车超载（回头看测试）' });
    await school.post(`/api/v1/findings/${f.id}/submit`, { note: '已整改' });
    await inspector.post(`/api/v1/findings/${f.id}/close`, {});
    assertError(await inspector.post('/api/v1/findings/reinspection', { closed_from: today(), closed_to: today() }), 403, 'forbidden');
    assertError(await adminDq.post('/api/v1/findings/reinspection', { closed_from: today(), closed_to: addDays(today(), -1) }), 400, 'invalid');
    let r = await adminDq.post('/api/v1/findings/reinspection', { closed_from: today(), closed_to: today() });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.ids.includes(f.id));
    assert.ok(r.json.n_red_line >= 1);
    r = await adminDq.get('/api/v1/findings?reinspected=true&state=closed&page_size=200');
    assert.ok(r.json.items.some((x) => x.id === f.id));
    r = await adminDq.post('/api/v1/findings/reinspection', { closed_from: today(), closed_to: today() });
    assert.ok(!r.json.ids.includes(f.id), 'picked once');
    r = await inspector.post(`/api/v1/findings/${f.id}/reopen`, { reason: '回头看发现仍有超载' });
    assert.equal(r.json.state, 'rectifying');
    assert.ok(r.json.events.some((e) => e.kind === 'reinspection'));
  });
});

// Another instance with the settable clock (startExtraServer passes no environment of its own).
async function startClockServer(dbUrl, dataDir) {
  const old = process.env.DUDAO_TEST_CLOCK;
  process.env.DUDAO_TEST_CLOCK = '1';
  try {
    return await startExtraServer(dbUrl, dataDir);
  } finally {
    if (old === undefined) delete process.env.DUDAO_TEST_CLOCK;
    else process.env.DUDAO_TEST_CLOCK = old;
  }
}

