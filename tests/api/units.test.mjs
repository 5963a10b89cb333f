// 督政 over real HTTP (issue 14): the supervised units of a county (乡镇政府/街道, 县直部门), the
// 被督导单位 accounts that answer only their own findings, the yearly assessment (自评报告 ≤ 5000
// 字, the on-site check, the grade by the county's rules), the ranking and the 年终考核 XLSX read
// back. Bad input gets a clear error and changes nothing; a unit account reaching another
// unit's or a school's finding or a task gets 404. Runs unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { readXlsx } from '../lib/xlsx.mjs';
import { loginAs, assertError, stopClean, createUser, uniq, GOOD_PASSWORD } from './client.mjs';

const DQ = '330521'; // 德清县
const YEAR = 2026;
let srv, adminDq, admin, school, inspector, towns, townA, townB, dept, accA, accB, accDept;

function future(days) {
  const d = new Date(Date.now() + days * 86400e3);
  return d.toISOString().slice(0, 10);
}

async function unitAccount(unit, region) {
  const u = await createUser(adminDq, { role: 'unit', unit_id: unit.id, region_code: region, username: uniq('unit') });
  assert.equal(u.unit_id, unit.id);
  return loginAs(srv.base, u.username, GOOD_PASSWORD);
}

async function download(client, path) {
  const r = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  return { status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
}

async function unitFinding(unit, fields = {}) {
  let r = await adminDq.post('/api/v1/findings', {
    unit_id: unit.id, description: `督政问题${uniq('d')}`, severity: 'serious', category: '教育管理职责', ...fields,
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.unit_id, unit.id);
  assert.equal(r.json.school_id, null);
  r = await adminDq.post(`/api/v1/findings/${r.json.id}/issue`, { deadline: future(30) });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

before(async () => {
  srv = await startServer();
  [admin, adminDq, school, inspector] = await Promise.all(
    ['admin', 'admin_dq', 'school', 'inspector'].map((u) => loginAs(srv.base, u)));
  const list = (await adminDq.get('/api/v1/schools?page_size=200')).json.items;
  towns = [...new Set(list.map((s) => s.region_code).filter((c) => c.startsWith(DQ) && c.length > 6))].sort();
  assert.ok(towns.length >= 2, 'the demo county has two towns with schools');
});
after(() => stopClean(srv));

describe('督政: units, their accounts and findings, the grade', () => {
  test('an admin adds towns and a department; bad input changes nothing', async () => {
    let r = await adminDq.post('/api/v1/units', { region_code: towns[0], kind: 'town', name: '乾元镇人民政府' });
    assert.equal(r.status, 201, r.text);
    townA = r.json;
    assert.equal(townA.county_code, DQ);
    assert.equal(townA.kind_label, '乡镇政府');
    r = await adminDq.post('/api/v1/units', { region_code: towns[1], kind: 'subdistrict', name: '舞阳街道办事处' });
    assert.equal(r.status, 201, r.text);
    townB = r.json;
    r = await adminDq.post('/api/v1/units', { region_code: DQ, kind: 'department', name: '德清县财政局', dept_code: 'czj' });
    assert.equal(r.status, 201, r.text);
    dept = r.json;
    assert.equal(dept.region_code, DQ);

    const before = (await adminDq.get('/api/v1/units')).json.total;
    assertError(await adminDq.post('/api/v1/units', { region_code: DQ, kind: 'village', name: '某村' }), 400, 'invalid', 'kind');
    assertError(await adminDq.post('/api/v1/units', { region_code: DQ, kind: 'town', name: '某镇' }), 400, 'invalid',
      'region_code'); // a town needs its town's code
    assertError(await adminDq.post('/api/v1/units', { region_code: towns[0], kind: 'department', name: '某局' }), 400,
      'invalid', 'region_code');
    assertError(await adminDq.post('/api/v1/units', { region_code: DQ, kind: 'department', name: '德清县财政局' }), 409,
      'conflict', 'name');
    assertError(await adminDq.post('/api/v1/units', { region_code: '330522', kind: 'department', name: '长兴某局' }), 404,
      'not_found', 'region_code'); // another county: outside the scope
    assertError(await adminDq.post('/api/v1/units', { region_code: DQ, kind: 'department', name: 'x', extra: 1 }), 400,
      'unknown_field');
    assert.equal((await adminDq.get('/api/v1/units')).json.total, before);

    r = await adminDq.patch(`/api/v1/units/${dept.id}`, { name: '德清县财政局（国资办）' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, '德清县财政局（国资办）');
    assertError(await adminDq.patch(`/api/v1/units/${dept.id}`, { status: 'gone' }), 400, 'invalid', 'status');
    // the other county's office sees none of them
    const cx = await createUser(admin, { role: 'admin', region_code: '330522', username: uniq('cx') });
    const adminCx = await loginAs(srv.base, cx.username, GOOD_PASSWORD);
    assert.equal((await adminCx.get('/api/v1/units')).json.total, 0);
    assertError(await adminCx.get(`/api/v1/units/${townA.id}`), 404, 'not_found');
  });

  test('unit accounts: only their own unit', async () => {
    accA = await unitAccount(townA, towns[0]);
    accB = await unitAccount(townB, towns[1]);
    accDept = await unitAccount(dept, DQ);
    assert.equal(accA.user.role, 'unit');
    const mine = (await accA.get('/api/v1/units')).json;
    assert.deepEqual(mine.items.map((u) => u.id), [townA.id]);
    assertError(await accA.get(`/api/v1/units/${townB.id}`), 404, 'not_found');
    // a unit account needs a unit, in its region
    assertError(await adminDq.post('/api/v1/users', { username: uniq('u'), display_name: '某', role: 'unit', region_code: DQ,
      password: GOOD_PASSWORD }), 400, 'invalid', 'unit_id');
    assertError(await adminDq.post('/api/v1/users', { username: uniq('u'), display_name: '某', role: 'unit',
      region_code: towns[1], unit_id: townA.id, password: GOOD_PASSWORD }), 400, 'invalid', 'unit_id');
    assertError(await adminDq.post('/api/v1/users', { username: uniq('u'), display_name: '某', role: 'inspector',
      region_code: DQ, unit_id: townA.id, password: GOOD_PASSWORD }), 400, 'invalid', 'unit_id');
    // the office's pages are not theirs
    assertError(await accA.get(`/api/v1/units/ranking?year=${YEAR}`), 403, 'forbidden');
    assertError(await accA.post('/api/v1/units', { region_code: DQ, kind: 'department', name: 'x' }), 403, 'forbidden');
  });

  test('the grade rules: unordered thresholds are refused and change nothing', async () => {
    let r = await adminDq.get('/api/v1/units/grade-rules');
    assert.deepEqual([r.json.excellent, r.json.good, r.json.pass, r.json.is_default], [90, 80, 65, true]);
    assertError(await adminDq.put('/api/v1/units/grade-rules', { excellent: 80, good: 90, pass: 65 }), 400, 'invalid', 'good');
    assertError(await adminDq.put('/api/v1/units/grade-rules', { excellent: 90, good: 80, pass: 80 }), 400, 'invalid', 'good');
    assertError(await adminDq.put('/api/v1/units/grade-rules', { excellent: 120, good: 80, pass: 65 }), 400, 'invalid',
      'excellent');
    r = await adminDq.get('/api/v1/units/grade-rules');
    assert.equal(r.json.is_default, true);
    r = await adminDq.put('/api/v1/units/grade-rules', { excellent: 90, good: 80, pass: 60 });
    assert.equal(r.status, 200, r.text);
    r = await adminDq.get('/api/v1/units/grade-rules');
    assert.deepEqual([r.json.excellent, r.json.good, r.json.pass, r.json.is_default], [90, 80, 60, false]);
  });

  test('the self-assessment report: at most 5000 字, published by the unit', async () => {
    const path = `/api/v1/units/${townA.id}/assessments/${YEAR}`;
    assertError(await accA.put(`${path}/self-report`, { text: '督'.repeat(5001) }), 400, 'invalid', 'text');
    let r = await accA.get(path);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.self_report, null);
    r = await accA.put(`${path}/self-report`, { text: '教'.repeat(5000), publish: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.self_report_chars, 5000);
    assert.ok(r.json.published_at);
    // another unit's report is out of reach
    assertError(await accB.put(`${path}/self-report`, { text: '冒名' }), 404, 'not_found');
    assertError(await accB.get(path), 404, 'not_found');
    r = await adminDq.get(path);
    assert.equal(r.json.self_report.length, 5000);
  });

  test('a town finding answered by the town account and closed (销号); a department finding', async () => {
    const f = await unitFinding(townA, { severity: 'red_line', description: '校园安全联席会议制度未落实' });
    // the town sees it in its inbox and list, and nothing else
    let r = await accA.get('/api/v1/findings');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((x) => x.id), [f.id]);
    r = await accA.get(`/api/v1/findings/${f.id}`);
    assert.equal(r.status, 200);
    assert.ok(r.json.actions.includes('acknowledge'), JSON.stringify(r.json.actions));
    assert.ok(!r.json.events.some((e) => e.kind === 'created'), 'a unit does not see the drafting history');
    // another town cannot act on it, nor read it
    assertError(await accB.get(`/api/v1/findings/${f.id}`), 404, 'not_found');
    assertError(await accB.post(`/api/v1/findings/${f.id}/acknowledge`, { note: '冒名' }), 404, 'not_found');
    r = await accA.post(`/api/v1/findings/${f.id}/acknowledge`, { note: '已收到，镇政府专题研究' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'rectifying');
    r = await accA.post(`/api/v1/findings/${f.id}/progress`, { note: '已建立联席会议制度' });
    assert.equal(r.status, 200, r.text);
    assertError(await accA.post(`/api/v1/findings/${f.id}/close`, {}), 403, 'forbidden');
    // evidence: uploaded by the town for its own finding only
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const up = await accA.req('POST', `/api/v1/attachments?owner_kind=finding&owner_id=${f.id}&name=minutes.png`,
      { raw: png, contentType: 'image/png' });
    assert.equal(up.status, 201, up.text);
    assertError(await accB.req('POST', `/api/v1/attachments?owner_kind=finding&owner_id=${f.id}&name=x.png`,
      { raw: png, contentType: 'image/png' }), 404, 'not_found', 'owner_id');
    assertError(await accB.get(`/api/v1/attachments/${up.json.id}`), 404, 'not_found');
    r = await accA.post(`/api/v1/findings/${f.id}/submit`, { note: '制度文件及会议纪要已上传', attachment_ids: [up.json.id] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'submitted');
    assert.deepEqual(r.json.attachments.map((x) => x.id), [up.json.id]);
    r = await adminDq.post(`/api/v1/findings/${f.id}/close`, { note: '核查属实，销号' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'closed');

    const g = await unitFinding(dept, { description: '教育经费拨付不及时', severity: 'severe' });
    assertError(await accA.get(`/api/v1/findings/${g.id}`), 404, 'not_found');
    r = await accDept.post(`/api/v1/findings/${g.id}/acknowledge`, { note: '已收到' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual((await accDept.get('/api/v1/findings')).json.items.map((x) => x.id), [g.id]);
    // a finding targets a school or a unit
    assertError(await adminDq.post('/api/v1/findings', { unit_id: townA.id, school_id: school.user.school_id,
      description: 'x', severity: 'general' }), 400, 'invalid', 'unit_id');
  });

  test('a unit account reads no school finding, task or visit', async () => {
    const f = (await adminDq.post('/api/v1/findings', { school_id: school.user.school_id, description: `学校问题${uniq('s')}`,
      severity: 'general' })).json;
    await adminDq.post(`/api/v1/findings/${f.id}/issue`, { deadline: future(20) });
    assertError(await accA.get(`/api/v1/findings/${f.id}`), 404, 'not_found');
    assertError(await accA.post(`/api/v1/findings/${f.id}/acknowledge`, {}), 404, 'not_found');
    assert.ok(!(await accA.get('/api/v1/findings?page_size=200')).json.items.some((x) => x.id === f.id));
    const tasks = (await adminDq.get('/api/v1/tasks')).json.items;
    assert.ok(tasks.length > 0, 'the demo has tasks');
    assertError(await accA.get(`/api/v1/tasks/${tasks[0].id}`), 404, 'not_found');
    assert.equal((await accA.get('/api/v1/tasks')).json.total, 0);
    assert.equal((await accA.get('/api/v1/visits')).json.total, 0);
    // and a school account reads no unit finding
    const mine = (await accA.get('/api/v1/findings')).json.items[0];
    assertError(await school.get(`/api/v1/findings/${mine.id}`), 404, 'not_found');
  });

  test('a 督政 task of the town: its visit records a finding against the unit, answered and closed', async () => {
    const fws = (await adminDq.get('/api/v1/frameworks?page_size=200')).json.items;
    const fw = fws.find((x) => x.code === 'duzheng-town');
    const ins = (await adminDq.get('/api/v1/inspectors?page_size=200')).json.items.find((i) => i.user_id === inspector.user.id);
    const base = { kind: 'government', title: '乾元镇履行教育职责督导', due_on: future(60), framework_version_id: fw.current_version_id,
      members: [{ inspector_id: ins.id, role: 'leader' }] };
    assertError(await adminDq.post('/api/v1/tasks', { ...base, unit_ids: [townA.id, townA.id] }), 400, 'invalid', 'unit_ids');
    assertError(await adminDq.post('/api/v1/tasks', { ...base, unit_ids: [999999] }), 404, 'not_found');
    let r = await adminDq.post('/api/v1/tasks', { ...base, unit_ids: [townA.id] });
    assert.equal(r.status, 201, r.text);
    const task = r.json;
    assert.equal(task.targets.length, 1);
    assert.equal(task.targets[0].school_id, null);
    assert.equal(task.targets[0].region_code, towns[0]);
    // the inspector visits: one item flagged for follow-up becomes a draft finding against the town
    r = await inspector.post('/api/v1/visits', { target_id: task.targets[0].id });
    assert.equal(r.status, 201, r.text);
    const v = r.json;
    r = await inspector.post(`/api/v1/visits/${v.id}/checkin`, { lat: 30.54, lng: 119.96, accuracy_m: 15 });
    assert.equal(r.status, 200, r.text);
    const leaves = [];
    const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : leaves.push(n)));
    walk(v.framework.document.indicators);
    assert.equal(leaves.reduce((t, n) => t + n.max_score, 0), 100, 'a 百分制 framework');
    const answers = Object.fromEntries(leaves.map((n) => [n.code, { value: n.max_score }]));
    answers['ZT2.1'] = { value: 15, flag: true, note: '劝返复学台账缺两名学生' };
    r = await inspector.patch(`/api/v1/visits/${v.id}`, { answers, notes: '实地检查' });
    assert.equal(r.status, 200, r.text);
    r = await inspector.post(`/api/v1/visits/${v.id}/submit`);
    assert.equal(r.status, 200, r.text);
    const drafts = (await adminDq.get(`/api/v1/findings?visit_id=${v.id}&state=draft`)).json.items;
    const d = drafts.find((x) => x.indicator_code === 'ZT2.1');
    assert.ok(d, 'the flagged item is a draft finding: ' + JSON.stringify(drafts.map((x) => x.indicator_code)));
    assert.equal(d.unit_id, townA.id);
    assert.equal(d.school_id, null);
    // the town does not see a draft; once issued it answers, the office closes (销号)
    assertError(await accA.get(`/api/v1/findings/${d.id}`), 404, 'not_found');
    r = await adminDq.post(`/api/v1/findings/${d.id}/issue`, { deadline: future(20) });
    assert.equal(r.status, 200, r.text);
    r = await accA.post(`/api/v1/findings/${d.id}/submit`, { note: '两名学生已劝返，台账已补' });
    assert.equal(r.status, 200, r.text);
    // the task's inspector verifies and closes it (销号); an inspector off the task cannot read it
    const other = await createUser(adminDq, { role: 'inspector', username: uniq('ins') });
    const otherIns = await loginAs(srv.base, other.username, GOOD_PASSWORD);
    assertError(await otherIns.get(`/api/v1/findings/${d.id}`), 404, 'not_found');
    r = await inspector.post(`/api/v1/findings/${d.id}/close`, { note: '核查属实，予以销号' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'closed');
    // the town reads its own 督政 task (its target only); another town's account does not
    r = await accA.get(`/api/v1/tasks/${task.id}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.targets.length >= 1 && r.json.targets.every((g) => g.unit_id === townA.id), JSON.stringify(r.json.targets));
    assert.ok((await accA.get('/api/v1/tasks')).json.items.some((x) => x.id === task.id));
    assertError(await accB.get(`/api/v1/tasks/${task.id}`), 404, 'not_found');
    assert.ok(!(await accB.get('/api/v1/tasks')).json.items.some((x) => x.id === task.id));
  });

  test('a 督办单 by decision to a town: signed by a second person, sent, read by the town alone', async () => {
    const u = await createUser(adminDq, { role: 'admin', region_code: '330521', display_name: '督导室主任' });
    const chief = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    const body = { unit_id: townA.id, title: '关于控辍保学工作限期整改的督办单', basis: '督政发现的问题逾期未整改',
      items: [{ text: '补齐控辍保学劝返台账', deadline: future(10) }, { text: '建立月报制度', deadline: future(30) }] };
    assertError(await adminDq.post('/api/v1/supervision-decisions', { ...body, school_id: 1 }), 400, 'invalid');
    const { unit_id: _, ...none } = body;
    assertError(await adminDq.post('/api/v1/supervision-decisions', none), 400, 'invalid', 'school_id');
    assertError(await adminDq.post('/api/v1/supervision-decisions', { ...body, unit_id: 999999 }), 404, 'not_found');
    assertError(await accA.post('/api/v1/supervision-decisions', body), 403, 'forbidden');
    let r = await adminDq.post('/api/v1/supervision-decisions', body);
    assert.equal(r.status, 201, r.text);
    const d = r.json;
    assert.equal(d.unit_id, townA.id);
    assert.equal(d.school_id, null);
    assert.equal(d.target_name, townA.name);
    assertError(await accA.get(`/api/v1/supervision-decisions/${d.id}`), 404, 'not_found'); // a draft
    assert.equal((await chief.post(`/api/v1/supervision-decisions/${d.id}/sign`, {})).status, 200);
    r = await adminDq.post(`/api/v1/supervision-decisions/${d.id}/send`, {});
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.order_no, /督办〔\d{4}〕\d+号$/);
    const seen = await accA.get(`/api/v1/supervision-decisions/${d.id}`);
    assert.equal(seen.status, 200, seen.text);
    assert.deepEqual(seen.json.items.map((x) => x.text), ['补齐控辍保学劝返台账', '建立月报制度']);
    assert.ok((await accA.get('/api/v1/supervision-decisions')).json.items.some((x) => x.id === d.id));
    assertError(await accB.get(`/api/v1/supervision-decisions/${d.id}`), 404, 'not_found');
    assert.ok(!(await accB.get('/api/v1/supervision-decisions')).json.items.some((x) => x.id === d.id));
    assertError(await school.get(`/api/v1/supervision-decisions/${d.id}`), 404, 'not_found');
  });

  test('the built-in 督政 frameworks are shipped, 100 points each, with their sources', async () => {
    const items = (await adminDq.get('/api/v1/frameworks?page_size=200')).json.items;
    for (const code of ['duzheng-town', 'duzheng-department']) {
      const f = items.find((x) => x.code === code);
      assert.ok(f, `${code} is loaded`);
      assert.equal(f.is_builtin, true);
    }
  });

  test('the on-site check grades by the county rules; ranking; the 年终考核 XLSX', async () => {
    const check = (u, body) => adminDq.put(`/api/v1/units/${u.id}/assessments/${YEAR}/check`, body);
    assertError(await check(townA, { score: 101 }), 400, 'invalid', 'score');
    assertError(await check(townA, { score: 90, n_downgrades: -1 }), 400, 'invalid', 'n_downgrades');
    assertError(await accA.put(`/api/v1/units/${townA.id}/assessments/${YEAR}/check`, { score: 100 }), 403, 'forbidden');
    let r = await check(townA, { score: 92.5 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.grade, 'excellent');
    assert.equal(r.json.grade_label, '优秀');
    r = await check(townB, { score: 95, n_vetoes: 1, note: '近两年发生较大安全事故' });
    assert.equal(r.json.grade_by_score, 'excellent');
    assert.equal(r.json.grade, 'good'); // a veto bars 优秀
    r = await check(dept, { score: 62, n_downgrades: 1 });
    assert.equal(r.json.grade_by_score, 'pass'); // ≥ 60 under this county's rules
    assert.equal(r.json.grade, 'fail');

    // the demo's own units (demo/units.json) are graded this year too: ours, in their order
    const ours = [townB.id, townA.id, dept.id];
    r = await adminDq.get(`/api/v1/units/ranking?year=${YEAR}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items[0].unit.id, townB.id, '95 points is the best score of the county');
    assert.equal(r.json.items[0].rank, 1);
    const mine = r.json.items.filter((x) => ours.includes(x.unit.id));
    assert.deepEqual(mine.map((x) => [x.unit.id, x.grade]), [[townB.id, 'good'], [townA.id, 'excellent'], [dept.id, 'fail']]);
    assert.ok(mine[0].rank < mine[1].rank && mine[1].rank < mine[2].rank, JSON.stringify(mine.map((x) => x.rank)));
    r = await adminDq.get(`/api/v1/units/ranking?year=${YEAR}&kind=department`);
    assert.ok(r.json.items.every((x) => x.unit.kind === 'department'));
    assert.ok(r.json.items.some((x) => x.unit.id === dept.id));
    assert.ok(!r.json.items.some((x) => x.unit.id === townA.id));
    assertError(await adminDq.get('/api/v1/units/ranking'), 400, 'invalid', 'year');

    const x = await download(adminDq, `/api/v1/units/ranking.xlsx?year=${YEAR}`);
    assert.equal(x.status, 200);
    assert.match(x.type, /spreadsheetml/);
    const book = readXlsx(x.bytes);
    assert.deepEqual(book.sheets.map((s) => s.name), ['考核结果', '问题清单']);
    const [head, ...rows] = book.sheets[0].rows;
    assert.deepEqual(head.slice(0, 7), ['排名', '单位', '类别', '所在区划', '考核年度', '督导得分', '督导考核等级']);
    const names = ['舞阳街道办事处', '乾元镇人民政府', '德清县财政局（国资办）'];
    assert.deepEqual(rows[0].slice(0, 2), [1, '舞阳街道办事处']);
    const ourRows = rows.filter((row) => names.includes(row[1]));
    assert.deepEqual(ourRows.map((row) => [row[1], row[5], row[6]]), [
      ['舞阳街道办事处', 95, '良好'], ['乾元镇人民政府', 92.5, '优秀'], ['德清县财政局（国资办）', 62, '不合格']]);
    assert.deepEqual(ourRows.map((row) => row[0]), mine.map((x) => x.rank), 'the workbook ranks as the page does');
    assert.equal(ourRows[1][9], '已公开');
    const problems = book.sheets[1].rows;
    assert.deepEqual(problems[0], ['单位', '问题', '严重程度', '状态', '整改期限']);
    const p = problems.find((row) => row[1] === '校园安全联席会议制度未落实');
    assert.ok(p, 'the closed town finding is on the problem list');
    assert.deepEqual(p.slice(0, 4), ['乾元镇人民政府', '校园安全联席会议制度未落实', '红线', '已销号']);
    assert.ok(p[4] !== '', 'with its deadline');
    assert.ok(problems.some((row) => row[1] === '教育经费拨付不及时' && row[0] === '德清县财政局（国资办）'));
  });
});
