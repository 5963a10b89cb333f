// 问责 by the procedure of 《教育督导问责办法》 (issue 14): a case is opened after the 督导 work
// ended with its grounds as one of the 办法's six categories; the 调查认定工作组 is formed within
// 60 days (the clock reminds the office), the target is notified in writing and heard (陈述申辩),
// member units may be consulted, the 督导委员会 approves; only then is the decision made, and it
// ends the case. Out-of-order steps, a decision before 审定 and bad input are refused and change
// nothing; a leader reads, only an admin writes; another county's office does not see the case.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, uniq, createUser, GOOD_PASSWORD } from './client.mjs';

let srv, admin, leader, other;

function daysAgo(n) {
  return new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
}

before(async () => {
  srv = await startServer({ demo: true });
  admin = await loginAs(srv.base, 'admin_dq');
  leader = await loginAs(srv.base, 'leader');
  other = await loginAs(srv.base, 'admin'); // the city's office: a wider scope, reads the county's cases
});
after(async () => { await stopClean(srv); });

const open = (body) => admin.post('/api/v1/accountability/cases', body);
const step = (id, body) => admin.post(`/api/v1/accountability/cases/${id}/steps`, body);
const getCase = async (id) => (await admin.get(`/api/v1/accountability/cases/${id}`)).json;

describe('问责 procedure before the decision', () => {
  test('open → group → notify → hear → consult → approve → decide, each step dated and audited', async () => {
    const name = uniq('问责对象单位');
    let r = await open({ target_kind: 'unit', target_name: name, ground_category: 2, gov_situation: 'task',
      work_ended_on: daysAgo(50) });
    assert.equal(r.status, 201, r.text);
    const c = r.json;
    assert.equal(c.state, 'investigating');
    assert.equal(c.ground_label, '履行教育职责不到位');
    assert.match(c.gov_situation_label, /攻坚任务/);
    assert.equal(c.clock.due_on, daysAgo(-10), '60 days from the end of the work');
    assert.equal(c.clock.days_left, 10);
    assert.equal(c.clock.is_running, true);
    assert.equal(c.clock.remind, false, '10 days left: no reminder yet');
    assert.deepEqual(c.next_steps, ['group', 'drop']);
    // a decision now: refused, nothing recorded
    const before = (await admin.get('/api/v1/accountability')).json.total;
    const early = await admin.post('/api/v1/accountability', { case_id: c.id, measure: 'bulletin', grounds: 'x',
      basis: '第八条', decided_on: daysAgo(0) });
    assertError(early, 409, 'conflict', 'case_id');
    assert.match(early.json.message, /审定/);
    assert.equal((await admin.get('/api/v1/accountability')).json.total, before);
    // out of order: notify before the group
    assertError(await step(c.id, { step: 'notify', facts: 'f', opinion: 'o' }), 409, 'conflict', 'step');
    // the group: its members are required; not before the work ended
    assertError(await step(c.id, { step: 'group' }), 400, 'invalid', 'members');
    assertError(await step(c.id, { step: 'group', members: '督导室', on: daysAgo(51) }), 400, 'invalid', 'on');
    assertError(await step(c.id, { step: 'group', members: '督导室', on: daysAgo(-1) }), 400, 'invalid', 'on');
    r = await step(c.id, { step: 'group', members: '县教育督导室、县财政局', on: daysAgo(40) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.group_formed_on, daysAgo(40));
    assert.equal(r.json.clock.is_running, false, 'the group is formed: the clock stops');
    assert.equal(r.json.clock.is_late, false);
    // notify: facts and opinion required, the measure must be one the 办法 allows for a unit
    assertError(await step(c.id, { step: 'notify', opinion: 'o' }), 400, 'invalid', 'facts');
    assertError(await step(c.id, { step: 'notify', facts: 'f', opinion: 'o', measure: 'sanction' }), 400, 'invalid', 'measure');
    r = await step(c.id, { step: 'notify', facts: '控辍保学任务逾期未完成', opinion: '拟予以督导通报', measure: 'bulletin', on: daysAgo(30) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'notified');
    assert.equal(r.json.notice_form, 'written', 'mainly in writing');
    assert.equal(r.json.proposed_measure_label, '督导通报');
    // no approval without the hearing
    assertError(await step(c.id, { step: 'approve', approver_name: '张主任', approver_title: '主任' }), 409, 'conflict', 'step');
    assertError(await step(c.id, { step: 'hear' }), 400, 'invalid', 'statement');
    assertError(await step(c.id, { step: 'hear', statement: 's', on: daysAgo(31) }), 400, 'invalid', 'on');
    r = await step(c.id, { step: 'hear', statement: '任务滞后有客观原因，请求从轻', on: daysAgo(25) });
    assert.equal(r.json.state, 'heard');
    r = await step(c.id, { step: 'consult', note: '成员单位无异议', on: daysAgo(20) });
    assert.equal(r.json.state, 'heard');
    assert.equal(r.json.consulted_on, daysAgo(20));
    // the approver is the committee's 主任 or 副主任, not before the consultation
    assertError(await step(c.id, { step: 'approve', approver_name: '李局长', approver_title: '局长' }), 400, 'invalid', 'approver_title');
    assertError(await step(c.id, { step: 'approve', approver_name: '张主任', approver_title: '主任', on: daysAgo(21) }), 400, 'invalid', 'on');
    r = await step(c.id, { step: 'approve', approver_name: '张主任', approver_title: '主任', on: daysAgo(10) });
    assert.equal(r.json.state, 'approved');
    assert.deepEqual(r.json.next_steps, ['decide', 'drop']);
    // the leader reads, cannot act
    assert.equal((await leader.get(`/api/v1/accountability/cases/${c.id}`)).json.state, 'approved');
    assertError(await leader.post(`/api/v1/accountability/cases/${c.id}/steps`, { step: 'drop', note: 'x' }), 403, 'forbidden');
    // the decision: the 问责依据 is required; not dated before the approval; the target is the case's
    assertError(await admin.post('/api/v1/accountability', { case_id: c.id, measure: 'bulletin', grounds: 'g', decided_on: daysAgo(0) }),
      400, 'invalid', 'basis');
    assertError(await admin.post('/api/v1/accountability', { case_id: c.id, measure: 'bulletin', grounds: 'g', basis: '第八条',
      decided_on: daysAgo(11) }), 400, 'invalid', 'decided_on');
    assertError(await admin.post('/api/v1/accountability', { case_id: c.id, target_name: '别的单位', measure: 'bulletin', grounds: 'g',
      basis: '第八条', decided_on: daysAgo(0) }), 400, 'invalid', 'target_name');
    assertError(await admin.post('/api/v1/accountability', { case_id: c.id, archive_no: 'A1', measure: 'bulletin', grounds: 'g',
      basis: '第八条', decided_on: daysAgo(0) }), 400, 'invalid', 'archive_no');
    r = await admin.post('/api/v1/accountability', { case_id: c.id, measure: 'bulletin', grounds: '控辍保学任务逾期未完成',
      basis: '《教育督导问责办法》第八条', decided_on: daysAgo(5), effective_on: daysAgo(4) });
    assert.equal(r.status, 201, r.text);
    const decision = r.json;
    assert.equal(decision.case_id, c.id);
    assert.equal(decision.target_name, name);
    assert.equal(decision.target_kind, 'unit');
    assert.equal(decision.ground_category, 2);
    assert.equal(decision.ground_label, '履行教育职责不到位');
    assert.equal(decision.basis, '《教育督导问责办法》第八条');
    assert.equal(decision.effective_on, daysAgo(4));
    const done = await getCase(c.id);
    assert.equal(done.state, 'decided');
    assert.equal(done.accountability_id, decision.id);
    assert.deepEqual(done.next_steps, []);
    // decided once: a second decision on the case, or any step, is refused
    assertError(await admin.post('/api/v1/accountability', { case_id: c.id, measure: 'bulletin', grounds: 'g', basis: 'b',
      decided_on: daysAgo(0) }), 409, 'conflict', 'case_id');
    assertError(await step(c.id, { step: 'drop', note: 'x' }), 409, 'conflict', 'step');
    // the audit trail has every step
    const audit = await loginAs(srv.base, 'auditor');
    const rows = (await audit.get(`/api/v1/audit?entity=accountability_case&entity_id=${c.id}&page_size=50`)).json.items;
    assert.ok(rows.length >= 7, `open + 5 steps + decision: ${rows.length}`);
  });

  test('a decision without a case or an archive number is refused; with the archive number it is recorded', async () => {
    const base = { target_kind: 'person', target_name: uniq('责任人'), measure: 'interview', grounds: 'g', decided_on: daysAgo(0) };
    const r = await admin.post('/api/v1/accountability', base);
    assertError(r, 409, 'conflict', 'case_id');
    const ok = await admin.post('/api/v1/accountability', { ...base, archive_no: '德教督档〔2025〕3号', ground_category: 4 });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.archive_no, '德教督档〔2025〕3号');
    assert.equal(ok.json.case_id, null);
    assert.equal(ok.json.ground_label, '办学行为不规范');
    assertError(await admin.post('/api/v1/accountability', { ...base, archive_no: 'x', ground_category: 7 }), 400, 'invalid', 'ground_category');
  });

  test('bad input when opening a case is refused and nothing is created', async () => {
    const n0 = (await admin.get('/api/v1/accountability/cases')).json.total;
    const good = { target_kind: 'unit', target_name: uniq('单位'), ground_category: 1, work_ended_on: daysAgo(3) };
    assertError(await open({ ...good, ground_category: 0 }), 400, 'invalid', 'ground_category');
    assertError(await open({ ...good, ground_category: 7 }), 400, 'invalid', 'ground_category');
    assertError(await open({ ...good, target_kind: 'alien' }), 400, 'invalid', 'target_kind');
    assertError(await open({ ...good, work_ended_on: '2026-13-01' }), 400, 'invalid', 'work_ended_on');
    assertError(await open({ ...good, work_ended_on: daysAgo(-2) }), 400, 'invalid', 'work_ended_on');
    assertError(await open({ ...good, gov_situation: 'fifth' }), 400, 'invalid', 'gov_situation');
    assertError(await open({ ...good, gov_situation: 'other' }), 400, 'invalid', 'ground_note');
    assertError(await open({ ...good, target_kind: 'person', gov_situation: 'law' }), 400, 'invalid', 'gov_situation');
    assertError(await open({ ...good, state: 'approved' }), 400, 'unknown_field', 'state');
    assertError(await open({ ...good, school_id: 999999 }), 404, 'not_found');
    assert.equal((await admin.get('/api/v1/accountability/cases')).json.total, n0);
  });

  test('the 60-day clock reminds in the inbox within 5 days and shows late; dropping a case needs a reason', async () => {
    let r = await open({ target_kind: 'person', target_name: uniq('分管副校长'), ground_category: 6, work_ended_on: daysAgo(57) });
    const soon = r.json;
    assert.equal(soon.clock.days_left, 3);
    assert.equal(soon.clock.remind, true);
    r = await open({ target_kind: 'person', target_name: uniq('校长'), ground_category: 5, work_ended_on: daysAgo(61) });
    const late = r.json;
    assert.equal(late.clock.is_late, true);
    const inbox = (await admin.get('/api/v1/findings/inbox')).json.clocks_due.items.filter((x) => x.kind === 'case');
    assert.ok(inbox.some((x) => x.id === soon.id && x.days_left === 3 && x.label === '调查认定期限'), JSON.stringify(inbox));
    assert.ok(inbox.some((x) => x.id === late.id && x.is_late));
    // forming the group late is recorded, and stays marked late
    r = await step(late.id, { step: 'group', members: '督导室' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.clock.is_late, true);
    assertError(await step(soon.id, { step: 'drop' }), 400, 'invalid', 'note');
    r = await step(soon.id, { step: 'drop', note: '经调查，问题已整改到位，不予问责' });
    assert.equal(r.json.state, 'dropped');
    assert.equal(r.json.state_label, '不予问责');
    const after = (await admin.get('/api/v1/findings/inbox')).json.clocks_due.items;
    assert.ok(!after.some((x) => x.kind === 'case' && x.id === soon.id), 'a dropped case no longer reminds');
    // the list filters by state and counts by the six categories
    const list = (await admin.get('/api/v1/accountability/cases?state=dropped')).json;
    assert.ok(list.items.every((x) => x.state === 'dropped'));
    assert.equal(list.by_category.length, 6);
    assert.equal(list.by_category[5].label, '安全问题较多或拒不接受教育督导');
    assertError(await admin.get('/api/v1/accountability/cases?state=nope'), 400, 'invalid', 'state');
  });

  test("the demo's case ran the whole procedure; an office outside the county does not see the county's cases", async () => {
    const list = (await admin.get('/api/v1/accountability/cases')).json;
    const decided = list.items.find((x) => x.state === 'decided' && x.accountability_id);
    assert.ok(decided, 'the demo decided one case through the procedure');
    assert.ok(decided.notified_on < decided.heard_on && decided.heard_on <= decided.approved_on);
    const city = (await other.get('/api/v1/accountability/cases')).json;
    assert.ok(city.items.some((x) => x.id === decided.id), 'the city office reads its counties');
    // 长兴县's office: it sees none of 德清县's cases, and cannot act on one
    const u = await createUser(other, { role: 'admin', region_code: '330522' });
    const stranger = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    assert.ok(!(await stranger.get('/api/v1/accountability/cases')).json.items.some((x) => x.id === decided.id));
    assertError(await stranger.get(`/api/v1/accountability/cases/${decided.id}`), 404, 'not_found');
    assertError(await stranger.post(`/api/v1/accountability/cases/${decided.id}/steps`, { step: 'drop', note: 'x' }), 404, 'not_found');
  });
});
