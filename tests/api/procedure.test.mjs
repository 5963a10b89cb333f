// The procedure of 《教育督导条例》 for 专项 and 综合 alike, over real HTTP, on SQLite and
// PostgreSQL: the team of ≥ 3 督学 (第十六条) and the written notice (第十七条) required, an
// unannounced check as its own kind (督查); steps kept per target (a school of a two-school
// 综合督导 never reads or completes the other's steps); the 督导意见书 refused before the
// 初步意见 and the 申辩 (第二十、二十一条); the 整改报告 and the office's 核查 (第二十二条).
// Bad input changes nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD } from './client.mjs';
// A decision whose procedure ran outside dudao (问责办法: a decision follows the case; tests/api/accountability_cases.test.mjs runs it)
const ARCHIVE_NO = '德教督档〔2026〕7号';

let srv, adminDq, inspector, schoolA, schoolB;
let me, team, fw, idA, idB;
const ALL_GOOD = (codes) => Object.fromEntries(codes.map((c) => [c, { value: 'good' }]));

function plusDays(n) {
  return new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
}

function leafCodes(doc) {
  const out = [];
  const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.push(n.code)));
  walk(doc.indicators);
  return out;
}

async function doVisit(client, targetId) {
  let r = await client.post('/api/v1/visits', { target_id: targetId });
  assert.equal(r.status, 201, r.text);
  const v = r.json;
  const loc = v.school_location || { lat: 30.5, lng: 119.9 };
  r = await client.post(`/api/v1/visits/${v.id}/checkin`, { lat: loc.lat + 0.0002, lng: loc.lng, accuracy_m: 15 });
  assert.equal(r.status, 200, r.text);
  r = await client.patch(`/api/v1/visits/${v.id}`, { answers: ALL_GOOD(leafCodes(v.framework.document)), notes: '良好。' });
  assert.equal(r.status, 200, r.text);
  r = await client.post(`/api/v1/visits/${v.id}/submit`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

function pdfText(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'procedure-pdf-'));
  const f = join(dir, 'x.pdf');
  writeFileSync(f, buf);
  const r = spawnSync('pdftotext', [f, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, '');
}

const taskCount = async () => (await adminDq.get('/api/v1/tasks?page_size=1')).json.total;

before(async () => {
  srv = await startServer();
  [adminDq, inspector, schoolA] = await Promise.all(['admin_dq', 'inspector', 'school'].map((u) => loginAs(srv.base, u)));
  const ins = (await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items;
  me = ins.find((i) => i.user_id === inspector.user.id);
  assert.ok(me, 'the demo inspector is on the roster');
  team = [{ inspector_id: me.id, role: 'leader' }, ...ins.filter((i) => i.id !== me.id && i.status === 'active').slice(0, 2)
    .map((i) => ({ inspector_id: i.id }))];
  idA = schoolA.user.school_id;
  const primaries = (await adminDq.get('/api/v1/schools?region_code=330521&type_code=211&page_size=50')).json.items;
  idB = primaries.find((s) => s.id !== idA).id;
  const u = await createUser(adminDq, { role: 'school', region_code: '330521', school_id: idB });
  schoolB = await loginAs(srv.base, u.username, GOOD_PASSWORD);
  fw = (await adminDq.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
});
after(() => stopClean(srv));

describe('the team and the notice (第十六、十七条)', () => {
  test('a 2-person 专项 team is refused; an unannounced 专项 is refused; 督查 may be unannounced', async () => {
    const before = await taskCount();
    const base = { kind: 'special', title: '校园安全专项督导', framework_version_id: fw, due_on: plusDays(20), school_ids: [idA] };
    const r2 = await adminDq.post('/api/v1/tasks', { ...base, members: team.slice(0, 2) });
    assertError(r2, 400, 'invalid', 'members');
    assert.match(r2.json.message, /3 名以上督学/);
    assertError(await adminDq.post('/api/v1/tasks', { ...base, kind: 'comprehensive', members: team.slice(0, 2) }), 400, 'invalid', 'members');
    assertError(await adminDq.post('/api/v1/tasks', { ...base, members: team, notice_mode: 'unannounced' }), 400, 'invalid', 'notice_mode');
    assert.equal(await taskCount(), before, 'nothing was created');
    const ok = await adminDq.post('/api/v1/tasks', { ...base, members: team });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.targets[0].step, 'notice', 'a 专项 starts at the written notice like a 综合');
    // no visit before the notice
    assertError(await inspector.post('/api/v1/visits', { target_id: ok.json.targets[0].id }), 409, 'conflict');
    const check = await adminDq.post('/api/v1/tasks', { ...base, kind: 'inspection', title: '暗访督查', notice_mode: 'unannounced', members: team.slice(0, 1) });
    assert.equal(check.status, 201, check.text);
    assert.equal(check.json.kind_label, '督查（暗访）');
    assert.equal(check.json.step, null, 'a 督查 has no 条例 steps');
    assert.equal(check.json.targets[0].step, undefined);
  });
});

describe('a 综合督导 of two schools, steps per school', () => {
  let t, gA, gB;
  test('each school reads and completes only its own steps', async () => {
    const r = await adminDq.post('/api/v1/tasks', {
      kind: 'comprehensive', title: '两校综合督导', framework_version_id: fw, due_on: plusDays(40), school_ids: [idA, idB], members: team,
    });
    assert.equal(r.status, 201, r.text);
    t = r.json;
    gA = t.targets.find((g) => g.school_id === idA);
    gB = t.targets.find((g) => g.school_id === idB);
    assert.deepEqual([gA.step, gB.step], ['notice', 'notice']);
    // several targets: the step must name one
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'notice', note: '通知' }), 400, 'invalid', 'target_id');
    let s = await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'notice', target_id: gA.id, note: '甲校：定于下周开展综合督导。' });
    assert.equal(s.status, 200, s.text);
    s = await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'notice', target_id: gB.id, note: '乙校：定于下月开展综合督导。' });
    assert.equal(s.status, 200, s.text);
    // school A's self-evaluation moves A only
    s = await schoolA.post(`/api/v1/tasks/${t.id}/steps`, { step: 'self_eval', note: '甲校自评：良好' });
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.targets.length, 1, 'school A sees its own target only');
    assert.equal(s.json.targets[0].step, 'onsite');
    // school B cannot complete A's step, not even by naming A's target
    assertError(await schoolB.post(`/api/v1/tasks/${t.id}/steps`, { step: 'onsite', target_id: gA.id, note: 'x' }), 404, 'not_found', 'target_id');
    const full = (await adminDq.get(`/api/v1/tasks/${t.id}`)).json;
    assert.deepEqual(full.targets.map((g) => [g.id, g.step]).sort(), [[gA.id, 'onsite'], [gB.id, 'self_eval']].sort());
    assert.equal(full.step, 'self_eval', 'the task shows its earliest step');
    assert.equal(full.steps.length, 3);
    // each school reads only its own steps
    const seenA = (await schoolA.get(`/api/v1/tasks/${t.id}`)).json;
    const seenB = (await schoolB.get(`/api/v1/tasks/${t.id}`)).json;
    assert.deepEqual(seenA.steps.map((x) => x.target_id), [gA.id, gA.id]);
    assert.deepEqual(seenB.steps.map((x) => x.target_id), [gB.id]);
    assert.ok(!JSON.stringify(seenB).includes('甲校'), 'nothing of school A reaches school B');
    assert.ok(!JSON.stringify(seenA).includes('乙校'), 'nothing of school B reaches school A');
    // B's on-site visit waits for B's self-evaluation; A's can start
    assertError(await inspector.post('/api/v1/visits', { target_id: gB.id }), 409, 'conflict');
    const vA = await doVisit(inspector, gA.id);
    const after = (await adminDq.get(`/api/v1/tasks/${t.id}`)).json;
    assert.equal(after.targets.find((g) => g.id === gA.id).step, 'preliminary');
    assert.equal(after.targets.find((g) => g.id === gB.id).step, 'self_eval', 'B untouched');
    // 第十九条: the team hears the public and holds 座谈会, recorded per target
    let h = await inspector.post(`/api/v1/tasks/${t.id}/hearings`, { target_id: gA.id, kind: 'parents', held_on: plusDays(0), n_participants: 12, summary: '甲校家长座谈：作业量适中。' });
    assert.equal(h.status, 200, h.text);
    assertError(await inspector.post(`/api/v1/tasks/${t.id}/hearings`, { target_id: gA.id, kind: 'aliens', held_on: plusDays(0), summary: 'x' }), 400, 'invalid', 'kind');
    assertError(await schoolA.post(`/api/v1/tasks/${t.id}/hearings`, { kind: 'public', held_on: plusDays(0), summary: 'x' }), 403, 'forbidden');
    assert.deepEqual((await schoolA.get(`/api/v1/tasks/${t.id}`)).json.hearings.map((x) => x.label), ['家长座谈会']);
    assert.deepEqual((await schoolB.get(`/api/v1/tasks/${t.id}`)).json.hearings, [], 'school B does not read school A\'s 座谈会');

    // 第二十、二十一条: the 意见书 is refused before the 初步意见 and the 申辩
    const deadline = plusDays(30);
    const early = await adminDq.post(`/api/v1/visits/${vA.id}/opinion`, { evaluation: '办学规范。', deadline });
    assertError(early, 409, 'conflict', 'step');
    assert.match(early.json.message, /申辩/);
    assert.equal(after.targets.find((g) => g.id === gA.id).can_issue_opinion, false);
    s = await inspector.post(`/api/v1/tasks/${t.id}/steps`, { step: 'preliminary', target_id: gA.id, note: '初步意见：办学规范。' });
    assert.equal(s.status, 200, s.text);
    // after the 初步意见, no more hearings for A
    assertError(await inspector.post(`/api/v1/tasks/${t.id}/hearings`, { target_id: gA.id, kind: 'teachers', held_on: plusDays(0), summary: '教师座谈' }), 409, 'conflict', 'step');
    assertError(await adminDq.post(`/api/v1/visits/${vA.id}/opinion`, { evaluation: '办学规范。', deadline }), 409, 'conflict', 'step');
    s = await schoolA.post(`/api/v1/tasks/${t.id}/steps`, { step: 'response', note: '无异议' });
    assert.equal(s.status, 200, s.text);
    const op = await adminDq.post(`/api/v1/visits/${vA.id}/opinion`, { evaluation: '办学规范。', deadline });
    assert.equal(op.status, 201, op.text);
    assert.match(op.json.doc_no, /〔\d{4}〕\d+号$/);
    // issuing it is the opinion step of A: A now owes its 整改报告 (第二十二条)
    let cur = (await adminDq.get(`/api/v1/tasks/${t.id}`)).json;
    assert.equal(cur.targets.find((g) => g.id === gA.id).step, 'rectify');
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'verify', target_id: gA.id, note: 'x' }), 409, 'conflict', 'step');
    s = await schoolA.post(`/api/v1/tasks/${t.id}/steps`, { step: 'rectify', note: '整改报告：已整改。' });
    assert.equal(s.status, 200, s.text);
    s = await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'verify', target_id: gA.id, note: '核查：整改到位。' });
    assert.equal(s.status, 200, s.text);
    cur = s.json;
    assert.equal(cur.targets.find((g) => g.id === gA.id).step, 'closed');
    assert.equal(cur.status, 'open', 'the task stays open while school B is not done');
    assert.equal(cur.step, 'self_eval');
    assert.deepEqual(cur.steps.filter((x) => x.target_id === gA.id).map((x) => x.step),
      ['notice', 'self_eval', 'onsite', 'preliminary', 'response', 'opinion', 'rectify', 'verify']);
    // school B still sees only its own single step
    const stillB = (await schoolB.get(`/api/v1/tasks/${t.id}`)).json;
    assert.deepEqual(stillB.steps.map((x) => x.step), ['notice']);
    assert.equal(stillB.targets.length, 1);
  });

  test('the 督导报告: refused until every 意见书 is issued, then composed, sent, 备案, published, PDF read back', async () => {
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/report`, {}), 409, 'conflict', 'task_id');
    assertError(await adminDq.get(`/api/v1/tasks/${t.id}/report`), 404, 'not_found');
    // school B goes through to its 意见书
    let s = await schoolB.post(`/api/v1/tasks/${t.id}/steps`, { step: 'self_eval', note: '乙校自评：合格' });
    assert.equal(s.status, 200, s.text);
    const vB = await doVisit(inspector, gB.id);
    s = await inspector.post(`/api/v1/tasks/${t.id}/steps`, { step: 'preliminary', target_id: gB.id, note: '初步意见：基本规范。' });
    assert.equal(s.status, 200, s.text);
    s = await schoolB.post(`/api/v1/tasks/${t.id}/steps`, { step: 'response', note: '无异议' });
    assert.equal(s.status, 200, s.text);
    const op = await adminDq.post(`/api/v1/visits/${vB.id}/opinion`, { evaluation: '基本规范。', deadline: plusDays(30) });
    assert.equal(op.status, 201, op.text);
    // schools and inspectors neither compose nor read it
    assertError(await schoolA.post(`/api/v1/tasks/${t.id}/report`, {}), 403, 'forbidden');
    assertError(await inspector.get(`/api/v1/tasks/${t.id}/report.pdf`), 403, 'forbidden');
    let r = await adminDq.post(`/api/v1/tasks/${t.id}/report`, {});
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.doc_no, /〔\d{4}〕\d+号$/);
    assert.equal(r.json.body.targets.length, 2);
    assert.equal(r.json.is_public, false);
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/report`, {}), 409, 'conflict');
    // publishing waits for the report to reach the government
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/report/actions`, { action: 'publish' }), 409, 'conflict', 'action');
    // not published yet: the public sees nothing of it
    const anon = await fetch(`${adminDq.base}/api/v1/public/reports`).then((x) => x.json());
    assert.ok(!anon.items.some((x) => x.task_id === t.id));
    assert.equal((await fetch(`${adminDq.base}/api/v1/public/reports/${t.id}/pdf`)).status, 404);
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/report/actions`, { action: 'burn' }), 400, 'invalid', 'action');
    r = await adminDq.post(`/api/v1/tasks/${t.id}/report/actions`, { action: 'send' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.sent_to, '德清县人民政府');
    assert.ok(r.json.sent_at);
    r = await adminDq.post(`/api/v1/tasks/${t.id}/report/actions`, { action: 'file' });
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.filed_with, /湖州市/);
    r = await adminDq.post(`/api/v1/tasks/${t.id}/report/actions`, { action: 'publish' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_public, true);
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/report/actions`, { action: 'send' }), 409, 'conflict');
    const pdf = await fetch(`${adminDq.base}/api/v1/tasks/${t.id}/report.pdf`, { headers: { cookie: `dudao_session=${adminDq.cookie}` } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    assert.ok(text.includes('两校综合督导督导报告'), text.slice(0, 300));
    assert.ok(text.includes(r.json.doc_no));
    assert.ok(text.includes('德清县人民政府'));
    for (const g of [gA, gB]) assert.ok(text.includes(g.school_name), g.school_name);
    assert.ok(text.includes(op.json.doc_no), 'the 意见书 numbers are in the report');
    assert.ok(text.includes('备案'));
    // published (条例第二十三条): on the public page without an account, with its PDF
    const pub = await fetch(`${adminDq.base}/api/v1/public/reports`).then((x) => x.json());
    const item = pub.items.find((x) => x.task_id === t.id);
    assert.ok(item, 'the published report is listed');
    assert.equal(item.doc_no, r.json.doc_no);
    assert.equal(item.county_name, '德清县');
    const ppdf = await fetch(`${adminDq.base}${item.pdf}`);
    assert.equal(ppdf.status, 200);
    const ptext = pdfText(Buffer.from(await ppdf.arrayBuffer()));
    assert.ok(ptext.includes(r.json.doc_no));
    assert.equal((await fetch(`${adminDq.base}/api/v1/public/reports/999999/pdf`)).status, 404);
  });
});

describe('问责: the time limits counted from receipt (问责办法)', () => {
  const mk = async (name, decidedDaysAgo) => {
    const r = await adminDq.post('/api/v1/accountability', { archive_no: ARCHIVE_NO, target_kind: 'unit', target_name: name, measure: 'public_criticism',
      grounds: '督导问题逾期未整改', decided_on: plusDays(-decidedDaysAgo) });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const review = (id, body) => adminDq.post(`/api/v1/accountability/${id}/review`, body);

  test("a clock within its last days is a reminder in the office's inbox", async () => {
    const name = `时限提醒${Date.now()}`;
    const id = await mk(name, 27); // received on the decision day: 复核 may be applied until day 30, 3 days left
    const inbox = (await adminDq.get('/api/v1/findings/inbox')).json;
    const due = inbox.clocks_due.items.filter((x) => x.kind === 'decision' && x.id === id);
    assert.equal(due.length, 1, JSON.stringify(inbox.clocks_due));
    assert.equal(due[0].clock, 'review_apply');
    assert.equal(due[0].target_name, name);
    assert.equal(due[0].days_left, 3);
    const fresh = await mk(`时限提醒乙${Date.now()}`, 1); // 29 days left: no reminder yet
    assert.ok(!(await adminDq.get('/api/v1/findings/inbox')).json.clocks_due.items.some((x) => x.kind === 'decision' && x.id === fresh));
    assert.equal(typeof inbox.orders_proposed.total, 'number');
    assert.equal((await schoolA.get('/api/v1/findings/inbox')).json.clocks_due, undefined, "the office's reminders only");
  });

  test('复核 applied on day 31 of receipt is refused, day 30 allowed; 申诉 on day 16 refused, day 15 allowed', async () => {
    const id = await mk(`时限测试甲${Date.now()}`, 45);
    // decided 45 days ago, received 31 days ago: day 31 — refused, nothing changes
    const late = await review(id, { step: 'review', state: 'applied', received_on: plusDays(-31) });
    assertError(late, 400, 'invalid', 'on');
    assert.match(late.json.message, /第 31 日/);
    let cur = (await adminDq.get('/api/v1/accountability')).json.items.find((x) => x.id === id);
    assert.equal(cur.review.state, 'none');
    assert.equal(cur.received_on, null, 'the refused step recorded nothing');
    // received 30 days ago: day 30 — allowed
    let r = await review(id, { step: 'review', state: 'applied', received_on: plusDays(-30) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.received_on, plusDays(-30));
    assert.equal(r.json.clocks.review_decide.due_on, plusDays(30), 'decided within 30 days of receiving the application');
    assert.equal(r.json.clocks.review_decide.days_left, 30);
    assert.equal(r.json.clocks.review_decide.is_running, true);
    // a receipt before the decision is refused
    const id2 = await mk(`时限测试乙${Date.now()}`, 10);
    assertError(await review(id2, { step: 'review', state: 'applied', received_on: plusDays(-11) }), 400, 'invalid', 'received_on');
    // an appeal before the 复核决定 is refused
    assertError(await review(id, { step: 'appeal', state: 'applied' }), 409, 'conflict', 'step');
    // the 复核决定 received 16 days ago: the 申诉 on day 16 is refused
    r = await review(id, { step: 'review', state: 'upheld', on: plusDays(-16), received_on: plusDays(-16) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.clocks.appeal_apply.due_on, plusDays(-1));
    assert.equal(r.json.clocks.appeal_apply.is_late, true);
    assertError(await review(id, { step: 'appeal', state: 'applied' }), 400, 'invalid', 'on');
    // dated on day 15 it is allowed
    r = await review(id, { step: 'appeal', state: 'applied', on: plusDays(-1) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.appeal.state, 'applied');
    // a step in the future is refused
    assertError(await review(id2, { step: 'review', state: 'applied', on: plusDays(1) }), 400, 'invalid', 'on');
  });
});

describe('督办单 by decision', () => {
  test('several items with deadlines; the issuer cannot sign off; unsigned is not sent; signed is sent and numbered', async () => {
    const u = await createUser(adminDq, { role: 'admin', region_code: '330521', display_name: '督导室主任' });
    const chief = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    const list = async () => (await adminDq.get('/api/v1/supervision-decisions')).json.total;
    const before = await list();
    const body = { school_id: idA, title: '关于校园安全隐患限期整改的督办单', basis: '综合督导发现的问题逾期未整改',
      items: [{ text: '消防通道堵塞，立即清理', deadline: plusDays(7) }, { text: '食堂索证索票不全，补齐台账', deadline: plusDays(15) }] };
    assertError(await adminDq.post('/api/v1/supervision-decisions', { ...body, items: [] }), 400, 'invalid', 'items');
    assertError(await adminDq.post('/api/v1/supervision-decisions', { ...body, items: [{ text: '无期限' }] }), 400, 'invalid', 'items');
    assertError(await adminDq.post('/api/v1/supervision-decisions', { ...body, items: [{ text: 'x', deadline: plusDays(-1) }] }), 400, 'invalid', 'items');
    assertError(await schoolA.post('/api/v1/supervision-decisions', body), 403, 'forbidden');
    assert.equal(await list(), before, 'bad input created nothing');
    let r = await adminDq.post('/api/v1/supervision-decisions', body);
    assert.equal(r.status, 201, r.text);
    const d = r.json;
    assert.equal(d.state, 'draft');
    assert.deepEqual(d.items.map((x) => [x.n, x.deadline]), [[1, plusDays(7)], [2, plusDays(15)]]);
    assert.equal(d.order_no, null);
    // not sent unsigned; the school does not see a draft
    const unsigned = await adminDq.post(`/api/v1/supervision-decisions/${d.id}/send`, {});
    assertError(unsigned, 409, 'conflict', 'state');
    assert.match(unsigned.json.message, /签批/);
    assertError(await schoolA.get(`/api/v1/supervision-decisions/${d.id}`), 404, 'not_found');
    // the issuer cannot sign off its own
    assertError(await adminDq.post(`/api/v1/supervision-decisions/${d.id}/sign`, {}), 403, 'forbidden', 'signed_by');
    assert.equal((await adminDq.get(`/api/v1/supervision-decisions/${d.id}`)).json.state, 'draft');
    r = await chief.post(`/api/v1/supervision-decisions/${d.id}/sign`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'signed');
    assert.equal(r.json.signed_by, u.id);
    r = await adminDq.post(`/api/v1/supervision-decisions/${d.id}/send`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'sent');
    assert.match(r.json.order_no, /^德督办〔\d{4}〕\d+号$/);
    assertError(await adminDq.post(`/api/v1/supervision-decisions/${d.id}/send`, {}), 409, 'conflict');
    // the school sees it now; another school does not
    const seen = await schoolA.get(`/api/v1/supervision-decisions/${d.id}`);
    assert.equal(seen.status, 200, seen.text);
    assert.equal(seen.json.items.length, 2);
    assertError(await schoolB.get(`/api/v1/supervision-decisions/${d.id}`), 404, 'not_found');
    assert.ok(!(await schoolB.get('/api/v1/supervision-decisions')).json.items.some((x) => x.id === d.id));
  });
});

describe('cycles (综合督导 every 3–5 years, 乡镇 at least every 5)', () => {
  test('what is due by school and town, after the 综合督导 above', async () => {
    assertError(await inspector.get('/api/v1/visits/cycles'), 403, 'forbidden');
    assertError(await schoolA.get('/api/v1/visits/cycles'), 403, 'forbidden');
    const r = await adminDq.get('/api/v1/visits/cycles');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.years, 5);
    assert.equal(r.json.town_years, 5);
    const today = plusDays(0);
    const a = r.json.schools.find((s) => s.school_id === idA);
    assert.equal(a.last_on, today, 'school A had its 综合督导 today');
    assert.equal(a.state, 'ok');
    assert.equal(a.due_on, `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`);
    const never = r.json.schools.filter((s) => s.state === 'never');
    assert.ok(never.length > 0 && never.every((s) => s.last_on === null && s.due_on === today), 'never visited: due now');
    assert.equal(r.json.school_totals.never + r.json.school_totals.ok + r.json.school_totals.due + r.json.school_totals.overdue,
      r.json.schools.length);
    assert.ok(r.json.towns.length > 0 && r.json.towns.every((t) => /^330521/.test(t.code)), 'the county\'s towns only');
    assert.ok(r.json.schools.every((s) => s.school_id), 'schools carry their id');
  });
});

describe('the office\'s 机关代字', () => {
  test('a per-office setting used by the numbered documents that follow', async () => {
    let r = await adminDq.get('/api/v1/doc-agency-code');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.agency_code, null);
    assert.match(r.json.example, /^德督办〔\d{4}〕1号$/);
    assertError(await adminDq.put('/api/v1/doc-agency-code', { agency_code: '德教' }), 400, 'invalid', 'agency_code');
    assertError(await schoolA.put('/api/v1/doc-agency-code', { agency_code: '德教督' }), 403, 'forbidden');
    assert.equal((await adminDq.get('/api/v1/doc-agency-code')).json.agency_code, null, 'refused: nothing set');
    r = await adminDq.put('/api/v1/doc-agency-code', { agency_code: '德教督' });
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.example, /^德教督办〔\d{4}〕1号$/);
    // a 督办单 sent now carries it
    const u = await createUser(adminDq, { role: 'admin', region_code: '330521', display_name: '副主任' });
    const other = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    const d = await adminDq.post('/api/v1/supervision-decisions', { school_id: idB, title: '督办', items: [{ text: '整改', deadline: plusDays(5) }] });
    assert.equal(d.status, 201, d.text);
    assert.equal((await other.post(`/api/v1/supervision-decisions/${d.json.id}/sign`, {})).status, 200);
    const sent = await adminDq.post(`/api/v1/supervision-decisions/${d.json.id}/send`, {});
    assert.equal(sent.status, 200, sent.text);
    assert.match(sent.json.order_no, /^德教督办〔\d{4}〕\d+号$/);
  });
});
