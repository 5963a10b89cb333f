// 督导任务 and 督导记录 over real HTTP: routine tasks generated each month (idempotent), planned
// tasks of every kind with their rules, the inspector's visit from check-in to submit, the lock
// after submit and the recorded amendment, draft findings, 四不两直 (an unannounced task hidden
// from the school until its visit is submitted), photos refused when they are too large, not
// images or for someone else's visit, the 督导意见书 numbered per county per year without
// duplicates under concurrency, and both PDFs read back with pdftotext. Runs unchanged on
// SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD, cli } from './client.mjs';

const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
  'hex');

let srv, admin, adminDq, inspector, school, leader, inspector2;
let me;          // the demo inspector's roster entry
let other;       // a second 德清 inspector with an account
let month;
const ALL_GOOD = (codes) => Object.fromEntries(codes.map((c) => [c, { value: 'good' }]));

function today() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}
function plusDays(n) {
  return new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
}

function pdfText(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'visits-pdf-'));
  const f = join(dir, 'x.pdf');
  writeFileSync(f, buf);
  const r = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function getPdf(client, path) {
  const r = await fetch(client.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  assert.equal(r.status, 200, `${path}: ${r.status} ${await r.clone().text()}`);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const buf = Buffer.from(await r.arrayBuffer());
  assert.equal(buf.subarray(0, 5).toString(), '%PDF-');
  if (process.env.VISITS_PDF_DIR) writeFileSync(join(process.env.VISITS_PDF_DIR, path.split('/').pop()), buf);
  return buf;
}

// Opens the visit of a target, checks in at the school and answers every item.
async function doVisit(client, targetId, answers, { submit = true } = {}) {
  let r = await client.post('/api/v1/visits', { target_id: targetId });
  assert.equal(r.status, 201, r.text);
  const v = r.json;
  const loc = v.school_location || { lat: 30.5, lng: 119.9 };
  r = await client.post(`/api/v1/visits/${v.id}/checkin`, { lat: loc.lat + 0.0002, lng: loc.lng, accuracy_m: 15 });
  assert.equal(r.status, 200, r.text);
  const codes = leafCodes(v.framework.document);
  r = await client.patch(`/api/v1/visits/${v.id}`, { answers: answers(codes), notes: '整体情况良好。' });
  assert.equal(r.status, 200, r.text);
  if (submit) {
    r = await client.post(`/api/v1/visits/${v.id}/submit`);
    assert.equal(r.status, 200, r.text);
  }
  return r.json;
}

function leafCodes(doc) {
  const out = [];
  const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.push(n.code)));
  walk(doc.indicators);
  return out;
}

before(async () => {
  srv = await startServer();
  [admin, adminDq, inspector, school, leader] = await Promise.all(
    ['admin', 'admin_dq', 'inspector', 'school', 'leader'].map((u) => loginAs(srv.base, u)));
  month = today().slice(0, 7);
  const ins = await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521');
  me = ins.json.items.find((i) => i.user_id === inspector.user.id);
  assert.ok(me, 'the demo inspector is on the roster');
  other = ins.json.items.find((i) => i.id !== me.id && i.n_schools > 0 && !i.user_id);
  const u = await createUser(adminDq, { role: 'inspector', region_code: '330521', display_name: other.name });
  const link = await adminDq.patch(`/api/v1/inspectors/${other.id}`, { user_id: u.id });
  assert.equal(link.status, 200, link.text);
  inspector2 = await loginAs(srv.base, u.username, GOOD_PASSWORD);
});
after(() => stopClean(srv));

describe('demo data', () => {
  test('last month visited and submitted, a 双减 check unannounced, a 综合督导 on site', async () => {
    const done = (await inspector.get('/api/v1/visits?status=submitted&page_size=50')).json;
    assert.ok(done.total >= 6, `${done.total} submitted visits`);
    const withFindings = [];
    for (const v of done.items.slice(0, 6)) {
      const full = (await inspector.get(`/api/v1/visits/${v.id}`)).json;
      if (full.findings.length) withFindings.push(full);
    }
    assert.ok(withFindings.length >= 2, 'draft findings from failed and flagged items');
    assert.ok(withFindings.some((v) => v.opinion && /^德督〔\d{4}〕\d+号$/.test(v.opinion.doc_no)), 'an issued opinion');
    const tasks = (await adminDq.get('/api/v1/tasks?page_size=200&status=open')).json.items;
    const sj = tasks.find((t) => t.kind === 'inspection'); // 督查: unannounced is its own kind
    assert.equal(sj.notice_mode, 'unannounced');
    assert.equal(sj.framework_code, 'shuangjian');
    const zh = tasks.find((t) => t.kind === 'comprehensive');
    assert.equal(zh.step, 'onsite');
    const seen = (await school.get('/api/v1/tasks?page_size=200')).json.items;
    assert.ok(seen.some((t) => t.id === zh.id), 'the school sees its announced 综合督导');
    assert.ok(!seen.some((t) => t.id === sj.id), 'and nothing of the unannounced 双减 check');
  });
});

describe('coverage', () => {
  test('每月 and 每学期 counts per school, not visited in 30 days, and the calendar', async () => {
    const last = new Date(Date.now() + 8 * 3600e3 - 35 * 86400e3).toISOString().slice(0, 7);
    const prev = (await adminDq.get('/api/v1/tasks?kind=routine&page_size=200')).json.items.find((t) => t.month === last && t.title.includes(me.name));
    const mine = await inspector.get(`/api/v1/visits/coverage?month=${prev ? last : month}`);
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.json.rules.per_semester, 2);
    assert.equal(mine.json.totals.n_schools, me.n_schools, 'an inspector sees its own schools');
    if (prev) assert.equal(mine.json.totals.n_month_ok, me.n_schools, 'last month every school was visited (demo)');
    const all = await adminDq.get('/api/v1/visits/coverage');
    assert.ok(all.json.totals.n_schools > me.n_schools);
    assert.ok(all.json.not_visited_30_days.length > 0);
    assert.ok(all.json.not_visited_30_days.every((s) => s.is_stale && (s.days_since === null || s.days_since > 30)));
    assertError(await school.get('/api/v1/visits/coverage'), 403, 'forbidden');
    assertError(await adminDq.get('/api/v1/visits/coverage?month=2026-13'), 400, 'invalid', 'month');
    const cal = await inspector.get(`/api/v1/visits/calendar?month=${last}`);
    assert.equal(cal.status, 200);
    const n = Object.values(cal.json.days).reduce((k, d) => k + d.visits.length, 0);
    assert.ok(n >= (prev ? me.n_schools : 0));
  });
});

describe('routine tasks', () => {
  test('generated once a month for every responsible inspector, idempotent', async () => {
    const r1 = await adminDq.post('/api/v1/tasks/generate-routine', { month });
    assert.equal(r1.status, 200, r1.text);
    const r2 = await adminDq.post('/api/v1/tasks/generate-routine', { month });
    assert.equal(r2.status, 200, r2.text);
    assert.equal(r2.json.n_tasks_created, 0, 'no second task');
    assert.equal(r2.json.n_targets_added, 0, 'no second target');
    assert.equal(r2.json.n_inspectors, r1.json.n_inspectors);
    const list = await adminDq.get(`/api/v1/tasks?kind=routine&month=${month}&page_size=200`);
    assert.equal(list.json.total, r1.json.n_inspectors, 'one task per inspector');
    const mine = list.json.items.find((t) => t.title.includes(me.name));
    assert.ok(mine);
    const t = await adminDq.get(`/api/v1/tasks/${mine.id}`);
    assert.equal(t.json.targets.length, me.n_schools, 'every school the inspector holds');
    assert.equal(t.json.framework_code, 'gpdd-routine');
    assertError(await adminDq.post('/api/v1/tasks/generate-routine', { month: '2026-13' }), 400, 'invalid', 'month');
    // the CLI runs the same use case for the scheduler and cron: idempotent too
    const out = cli(['tasks', 'generate', '--month', month, '--db', srv.dbUrl, '--data', srv.dataDir]);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /0 新任务 tasks created, 0 新对象 targets added/);
    const bad = cli(['tasks', 'generate', '--month', '2026/12', '--db', srv.dbUrl, '--data', srv.dataDir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /YYYY-MM/);
  });

  test('an inspector sees only its own tasks and cannot open a visit outside them', async () => {
    const mine = await inspector.get('/api/v1/tasks?page_size=200');
    assert.equal(mine.status, 200);
    assert.ok(mine.json.items.length >= 1);
    const all = await adminDq.get(`/api/v1/tasks?kind=routine&month=${month}&page_size=200`);
    const others = all.json.items.filter((t) => !mine.json.items.some((m) => m.id === t.id));
    assert.ok(others.length > 0);
    assertError(await inspector.get(`/api/v1/tasks/${others[0].id}`), 404, 'not_found');
    const ot = await adminDq.get(`/api/v1/tasks/${others[0].id}`);
    assertError(await inspector.post('/api/v1/visits', { target_id: ot.json.targets[0].id }), 404, 'not_found');
    assertError(await admin.post('/api/v1/visits', { target_id: ot.json.targets[0].id }), 403, 'forbidden');
    const agenda = await inspector.get('/api/v1/visits/agenda');
    assert.equal(agenda.status, 200, agenda.text);
    const thisMonth = agenda.json.items.filter((x) => x.kind === 'routine' && x.task_title.startsWith(`${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`));
    assert.equal(thisMonth.length, me.n_schools, 'this month: every school the inspector holds');
  });
});

describe('a routine visit', () => {
  let visit, task;

  test('check in, save and continue, submit: scores, grade, draft findings', async () => {
    const agenda = await inspector.get('/api/v1/visits/agenda');
    const item = agenda.json.items.find((x) => x.kind === 'routine' && !x.visit_id);
    let r = await inspector.post('/api/v1/visits', { target_id: item.target_id });
    assert.equal(r.status, 201, r.text);
    visit = r.json;
    assert.equal(visit.status, 'draft');
    assert.equal(visit.framework.code, 'gpdd-routine');
    const codes = leafCodes(visit.framework.document);
    assert.equal(codes.length, 8, 'the 8 经常性督导 items');
    // reopening returns the same draft
    r = await inspector.post('/api/v1/visits', { target_id: item.target_id });
    assert.equal(r.json.id, visit.id);
    // submit before check-in is refused
    assertError(await inspector.post(`/api/v1/visits/${visit.id}/submit`), 400, 'invalid', 'checkin');
    const loc = visit.school_location;
    r = await inspector.post(`/api/v1/visits/${visit.id}/checkin`, { lat: loc.lat + 0.001, lng: loc.lng, accuracy_m: 20 });
    assert.equal(r.status, 200, r.text);
    assert.ok(Math.abs(r.json.checkin.distance_m - 111) < 3, `distance ${r.json.checkin.distance_m}`);
    assert.equal(r.json.checkin.verdict, 'on_site');
    // save part, continue later
    r = await inspector.patch(`/api/v1/visits/${visit.id}`, { answers: { [codes[0]]: { value: 'good' } } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.result.n_answered, 1);
    assertError(await inspector.post(`/api/v1/visits/${visit.id}/submit`), 400, 'invalid');
    // wrong values and unknown codes are refused, naming the item
    assertError(await inspector.patch(`/api/v1/visits/${visit.id}`, { answers: { [codes[1]]: { value: 'excellent' } } }),
      400, 'invalid', `answers.${codes[1]}`);
    assertError(await inspector.patch(`/api/v1/visits/${visit.id}`, { answers: { ZZ9: { value: 'good' } } }),
      400, 'invalid', 'answers.ZZ9');
    assertError(await inspector.patch(`/api/v1/visits/${visit.id}`, { answers: {}, color: 1 }), 400, 'unknown_field');
    // a lost update is caught
    assertError(await inspector.patch(`/api/v1/visits/${visit.id}`, { answers: {}, revision: 0 }), 409, 'conflict');
    // a failed item needs its note (the framework's evidence rule)
    const rest = Object.fromEntries(codes.slice(1).map((c) => [c, { value: 'fair' }]));
    rest[codes[5]] = { value: 'problem' };
    rest[codes[6]] = { value: 'good', flag: true, note: '食堂留样记录需跟进' };
    r = await inspector.patch(`/api/v1/visits/${visit.id}`, { answers: rest, notes: '总体规范，安全需加强。' });
    assert.equal(r.status, 200, r.text);
    const ev = await inspector.post(`/api/v1/visits/${visit.id}/submit`);
    assertError(ev, 400, 'invalid', `answers.${codes[5]}`);
    r = await inspector.patch(`/api/v1/visits/${visit.id}`, {
      answers: { [codes[5]]: { value: 'problem', note: '校门口护学岗无人值守' } } });
    assert.equal(r.status, 200, r.text);
    r = await inspector.post(`/api/v1/visits/${visit.id}/submit`);
    assert.equal(r.status, 200, r.text);
    visit = r.json;
    assert.equal(visit.status, 'submitted');
    assert.equal(visit.is_locked, true);
    assert.equal(typeof visit.score_total, 'number');
    assert.ok('grade' in visit, 'the grade (the routine checklist has no grade bands, so null)');
    assert.equal(visit.findings.length, 2, 'one failed + one flagged item');
    const failed = visit.findings.find((f) => f.indicator_code === codes[5]);
    assert.equal(failed.state, 'draft');
    assert.equal(failed.severity, 'general');
    assert.equal(failed.description, '校门口护学岗无人值守');
    assert.ok(failed.category);
    task = (await inspector.get(`/api/v1/tasks/${visit.task_id}`)).json;
    assert.equal(task.progress.n_visited, 1);
  });

  test('locked after submit; corrected only by an amendment with a reason, recorded', async () => {
    const codes = leafCodes(visit.framework.document);
    assertError(await inspector.patch(`/api/v1/visits/${visit.id}`, { answers: { [codes[0]]: { value: 'weak' } } }),
      423, 'locked');
    assertError(await inspector.post(`/api/v1/visits/${visit.id}/checkin`, { lat: 30, lng: 120 }), 423, 'locked');
    assertError(await inspector.post(`/api/v1/visits/${visit.id}/amendments`, { answers: { [codes[0]]: { value: 'weak' } }, reason: '' }),
      400, 'invalid', 'reason');
    const r = await inspector.post(`/api/v1/visits/${visit.id}/amendments`, {
      answers: { [codes[0]]: { value: 'weak' } }, reason: '录入错误，应为一般' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.amendments.length, 1);
    assert.equal(r.json.amendments[0].reason, '录入错误，应为一般');
    assert.deepEqual(r.json.amendments[0].before[codes[0]], { value: 'good' });
    assert.ok(r.json.score_total < visit.score_total, 'the score follows the correction');
    assert.equal(r.json.answers[codes[0]].value, 'weak');
    // and the audit chain has it
    const auditor = await loginAs(srv.base, 'auditor');
    const a = await auditor.get(`/api/v1/audit?entity=visit&entity_id=${visit.id}&page_size=50`);
    const actions = a.json.items.map((x) => x.action);
    for (const act of ['create', 'checkin', 'save', 'submit', 'amend']) assert.ok(actions.includes(act), act);
    // another inspector cannot amend it
    assertError(await inspector2.post(`/api/v1/visits/${visit.id}/amendments`, {
      answers: { [codes[0]]: { value: 'good' } }, reason: '试图修改他人记录' }), 404, 'not_found');
  });

  test('the 督导记录表 PDF holds the school, the inspector and the answers', async () => {
    const pdf = await getPdf(admin, `/api/v1/visits/${visit.id}/record.pdf`);
    const text = pdfText(pdf).replace(/\s+/g, '');
    assert.ok(text.includes(visit.school_name.replace(/\s+/g, '')), 'school name');
    assert.ok(text.includes('责任督学督导记录表'));
    assert.ok(text.includes('德清县人民政府教育督导室'));
    assert.ok(text.includes(me.name), 'inspector');
    assert.ok(text.includes('存在问题') && text.includes('校门口护学岗无人值守'), 'the failed answer and its note');
    assert.ok(text.includes('录入错误，应为一般'), 'the amendment');
  });
});

describe('photos', () => {
  let draft;
  before(async () => {
    const agenda = await inspector.get('/api/v1/visits/agenda');
    const item = agenda.json.items.find((x) => x.kind === 'routine' && !x.visit_id);
    draft = (await inspector.post('/api/v1/visits', { target_id: item.target_id })).json;
  });

  test('stored under the SM3 hash with time and position, and linked to an answer', async () => {
    const takenAt = Math.floor(Date.now() / 1000) - 30;
    const r = await inspector.req('POST', `/api/v1/visits/${draft.id}/photos?taken_at=${takenAt}&lat=30.54&lng=119.96`,
      { raw: JPEG, contentType: 'image/jpeg' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.owner_kind, 'visit');
    assert.equal(r.json.owner_id, draft.id);
    const code = leafCodes(draft.framework.document)[0];
    const s = await inspector.patch(`/api/v1/visits/${draft.id}`, { answers: { [code]: { value: 'good', attachments: [r.json.id] } } });
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.photos.length, 1);
    assert.equal(s.json.photos[0].taken_at, takenAt);
  });

  test('too large, not an image, or another inspector\'s visit: refused, nothing stored', async () => {
    const before = (await inspector.get(`/api/v1/visits/${draft.id}`)).json.photos.length;
    const big = Buffer.alloc(11 * 1024 * 1024, 0xff);
    JPEG.copy(big, 0, 0, 4);
    const r1 = await inspector.req('POST', `/api/v1/visits/${draft.id}/photos`, { raw: big, contentType: 'image/jpeg' });
    assert.equal(r1.status, 413, r1.text.slice(0, 200));
    assertError(await inspector.req('POST', `/api/v1/visits/${draft.id}/photos`,
      { raw: Buffer.from('%PDF-1.4 not a photo'), contentType: 'image/jpeg' }), 400, 'invalid', 'file');
    assertError(await inspector.req('POST', `/api/v1/visits/${draft.id}/photos`,
      { raw: Buffer.from('MZ\x90\x00 this is an exe'), contentType: 'image/jpeg' }), 400, 'invalid', 'file');
    assertError(await inspector2.req('POST', `/api/v1/visits/${draft.id}/photos`, { raw: JPEG, contentType: 'image/jpeg' }),
      404, 'not_found');
    // an attachment uploaded elsewhere cannot be claimed by an answer
    const code = leafCodes(draft.framework.document)[1];
    const foreign = await inspector.req('POST', `/api/v1/attachments?school_id=${draft.school_id}&owner_kind=other`,
      { raw: JPEG, contentType: 'image/jpeg' });
    assert.equal(foreign.status, 201, foreign.text);
    assertError(await inspector.patch(`/api/v1/visits/${draft.id}`, { answers: { [code]: { value: 'good', attachments: [foreign.json.id] } } }),
      400, 'invalid', `answers.${code}`);
    const after = (await inspector.get(`/api/v1/visits/${draft.id}`)).json.photos.length;
    assert.equal(after, before);
  });
});

describe('planned tasks', () => {
  let mySchools;
  before(async () => {
    mySchools = (await inspector.get('/api/v1/schools?page_size=50')).json.items;
  });

  test('comprehensive: ≥ 3 inspectors with one leader, announced; steps in order', async () => {
    const ins = (await adminDq.get('/api/v1/inspectors?page_size=50&region_code=330521')).json.items;
    const schoolId = school.user.school_id;
    const base = { kind: 'comprehensive', title: '综合督导', due_on: plusDays(30), school_ids: [schoolId] };
    assertError(await adminDq.post('/api/v1/tasks', { ...base, members: [{ inspector_id: me.id, role: 'leader' }, { inspector_id: ins[1].id }] }),
      400, 'invalid', 'members');
    const team = [{ inspector_id: me.id, role: 'leader' }, ...ins.filter((i) => i.id !== me.id && i.id !== other.id).slice(0, 2).map((i) => ({ inspector_id: i.id }))];
    assertError(await adminDq.post('/api/v1/tasks', { ...base, notice_mode: 'unannounced', members: team }), 400, 'invalid', 'notice_mode');
    let r = await adminDq.post('/api/v1/tasks', { ...base, members: team });
    assert.equal(r.status, 201, r.text);
    const t = r.json;
    assert.equal(t.step, 'notice');
    // the on-site visit waits for its step
    assertError(await inspector.post('/api/v1/visits', { target_id: t.targets[0].id }), 409, 'conflict');
    // steps: wrong one, wrong role
    assertError(await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'self_eval' }), 409, 'conflict', 'step');
    assertError(await school.post(`/api/v1/tasks/${t.id}/steps`, { step: 'notice', note: 'x' }), 403, 'forbidden');
    r = await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'notice', note: '定于下周对你校开展综合督导，请先完成自评。' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.step, 'self_eval');
    // the school sees the announced task and uploads its self-evaluation first
    const seen = await school.get('/api/v1/tasks');
    assert.ok(seen.json.items.some((x) => x.id === t.id));
    const up = await school.req('POST', `/api/v1/attachments?school_id=${schoolId}&owner_kind=self_evaluation&name=${encodeURIComponent('自评报告.pdf')}`,
      { raw: Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'), contentType: 'application/pdf' });
    assert.equal(up.status, 201, up.text);
    r = await school.post(`/api/v1/tasks/${t.id}/steps`, { step: 'self_eval', note: '自评：良好', attachment_id: up.json.id });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.step, 'onsite');
    // on site: the visit; submitting it moves the task on
    await doVisit(inspector, t.targets[0].id, ALL_GOOD);
    let cur = (await adminDq.get(`/api/v1/tasks/${t.id}`)).json;
    assert.equal(cur.step, 'preliminary');
    assertError(await inspector2.post(`/api/v1/tasks/${t.id}/steps`, { step: 'preliminary', note: 'x' }), 404, 'not_found');
    r = await inspector.post(`/api/v1/tasks/${t.id}/steps`, { step: 'preliminary', note: '初步意见：办学规范。' });
    assert.equal(r.status, 200, r.text);
    r = await school.post(`/api/v1/tasks/${t.id}/steps`, { step: 'response', note: '无异议' });
    assert.equal(r.status, 200, r.text);
    r = await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'opinion', note: '已签发' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.step, 'rectify');
    // 第二十二条: the school's 整改报告, then the office's 核查
    assertError(await inspector.post(`/api/v1/tasks/${t.id}/steps`, { step: 'rectify', note: 'x' }), 403, 'forbidden');
    r = await school.post(`/api/v1/tasks/${t.id}/steps`, { step: 'rectify', note: '整改报告：已全部整改。' });
    assert.equal(r.status, 200, r.text);
    assertError(await school.post(`/api/v1/tasks/${t.id}/steps`, { step: 'verify', note: 'x' }), 403, 'forbidden');
    r = await adminDq.post(`/api/v1/tasks/${t.id}/steps`, { step: 'verify', note: '核查：整改到位。' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.step, 'closed');
    assert.equal(r.json.status, 'done');
    assert.deepEqual(r.json.steps.map((s) => s.step),
      ['notice', 'self_eval', 'onsite', 'preliminary', 'response', 'opinion', 'rectify', 'verify']);
    assert.ok(r.json.steps.every((s) => s.target_id === t.targets[0].id), 'each step is the target\'s');
  });

  test('督政 targets governments, not schools', async () => {
    const base = { kind: 'government', title: '乡镇履行教育职责督导', due_on: plusDays(60), members: [{ inspector_id: me.id, role: 'leader' }] };
    assertError(await adminDq.post('/api/v1/tasks', { ...base, school_ids: [mySchools[0].id] }), 400, 'invalid');
    const r = await adminDq.post('/api/v1/tasks', { ...base, government_codes: ['330521101', '330521102'] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.targets.length, 2);
    assert.equal(r.json.targets[0].school_id, null);
    const v = await doVisit(inspector, r.json.targets[0].id, ALL_GOOD, { submit: false });
    assert.equal(v.school_id, null);
    assertError(await adminDq.post('/api/v1/tasks', { ...base, government_codes: ['330522101'] }), 404, 'not_found');
  });

  test('四不两直: the school sees nothing of an unannounced task until its visit is submitted', async () => {
    const schoolId = school.user.school_id;
    const fw = (await admin.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
    let r = await adminDq.post('/api/v1/tasks', {
      kind: 'inspection', title: '双减督查（暗访）', notice_mode: 'unannounced', framework_version_id: fw, due_on: plusDays(10),
      members: [{ inspector_id: me.id, role: 'leader' }], school_ids: [schoolId, mySchools.find((s) => s.id !== schoolId).id],
    });
    assert.equal(r.status, 201, r.text);
    const t = r.json;
    const hidden = async () => {
      const list = await school.get('/api/v1/tasks?page_size=200');
      assert.ok(!list.json.items.some((x) => x.id === t.id), 'not in the list');
      assertError(await school.get(`/api/v1/tasks/${t.id}`), 404, 'not_found');
      const vs = await school.get('/api/v1/visits?page_size=200');
      assert.ok(!vs.json.items.some((x) => x.task_id === t.id), 'no visit');
    };
    await hidden();
    const target = t.targets.find((g) => g.school_id === schoolId);
    const v = await doVisit(inspector, target.id, ALL_GOOD, { submit: false });
    await hidden(); // a draft stays hidden
    assertError(await school.get(`/api/v1/visits/${v.id}`), 404, 'not_found');
    r = await inspector.post(`/api/v1/visits/${v.id}/submit`);
    assert.equal(r.status, 200, r.text);
    const list = await school.get('/api/v1/tasks?page_size=200');
    const seen = list.json.items.find((x) => x.id === t.id);
    assert.ok(seen, 'visible after submit');
    const detail = await school.get(`/api/v1/tasks/${t.id}`);
    assert.equal(detail.json.targets.length, 1, 'only its own target');
    assert.equal((await school.get(`/api/v1/visits/${v.id}`)).status, 200);
  });

  test('a framework that does not apply to a school (双减 for a kindergarten) is refused for it', async () => {
    const fws = (await adminDq.get('/api/v1/tasks/frameworks')).json.items;
    const sj = fws.find((f) => f.code === 'shuangjian');
    const kg = (await adminDq.get('/api/v1/schools?type_code=111&page_size=1')).json.items[0];
    const ins = (await adminDq.get('/api/v1/inspectors?page_size=50&region_code=330521')).json.items;
    assertError(await adminDq.post('/api/v1/tasks', {
      kind: 'special', title: '双减专项', framework_version_id: sj.version_id, due_on: plusDays(5),
      members: [{ inspector_id: me.id }, ...ins.filter((i) => i.id !== me.id).slice(0, 2).map((i) => ({ inspector_id: i.id }))],
      school_ids: [kg.id],
    }), 400, 'invalid', 'school_ids');
  });

  test('a declared 回避 relation keeps an inspector off a task for that school', async () => {
    const ins = (await adminDq.get('/api/v1/inspectors?page_size=50&region_code=330521')).json.items;
    const s = mySchools[1];
    const rel = await adminDq.post(`/api/v1/inspectors/${ins[5].id}/relations`, { school_id: s.id, kind: 'formerly_employed' });
    assert.equal(rel.status, 204, rel.text);
    assertError(await adminDq.post('/api/v1/tasks', {
      kind: 'followup', title: '随访', due_on: plusDays(5), members: [{ inspector_id: ins[5].id }], school_ids: [s.id],
    }), 409, 'conflict', 'members');
  });
});

describe('督导意见书', () => {
  test('numbered per county per year, unique under concurrent issuing, PDF read back', async () => {
    // submitted visits to issue on: the demo inspector's remaining routine schools
    const agenda = await inspector.get('/api/v1/visits/agenda');
    const items = agenda.json.items.filter((x) => x.kind === 'routine' && !x.visit_id).slice(0, 3);
    const visits = [];
    for (const it of items) visits.push(await doVisit(inspector, it.target_id, ALL_GOOD));
    const submitted = (await adminDq.get('/api/v1/visits?status=submitted&page_size=50')).json.items;
    assert.ok(submitted.length >= 4);
    const deadline = plusDays(30);
    assertError(await inspector.post(`/api/v1/visits/${submitted[0].id}/opinion`, { evaluation: 'x', deadline }), 403, 'forbidden');
    assertError(await adminDq.post(`/api/v1/visits/${submitted[0].id}/opinion`, { evaluation: '好', deadline: '2020-01-01' }),
      400, 'invalid', 'deadline');
    const rs = await Promise.all(submitted.slice(0, 4).map((v) =>
      adminDq.post(`/api/v1/visits/${v.id}/opinion`, { evaluation: '该校办学行为规范，管理有序。', deadline })));
    for (const r of rs) assert.equal(r.status, 201, r.text);
    const nos = rs.map((r) => r.json.doc_no);
    assert.equal(new Set(nos).size, nos.length, `unique: ${nos}`);
    const year = today().slice(0, 4);
    const seqs = rs.map((r) => r.json.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, [0, 1, 2, 3].map((k) => seqs[0] + k), `consecutive: ${seqs}`);
    for (const n of nos) assert.match(n, new RegExp(`^德督〔${year}〕\\d+号$`));
    // once per visit
    assertError(await adminDq.post(`/api/v1/visits/${submitted[0].id}/opinion`, { evaluation: '再签', deadline }), 409, 'conflict');
    const withFinding = submitted[0];
    const pdf = await getPdf(adminDq, `/api/v1/visits/${withFinding.id}/opinion.pdf`);
    const text = pdfText(pdf).replace(/\s+/g, '');
    const no = rs.find((r) => r.json.visit_id === withFinding.id).json.doc_no;
    assert.ok(text.includes(no), `文号 ${no} in ${text.slice(0, 300)}`);
    assert.ok(text.includes('督导意见书'));
    assert.ok(text.includes('该校办学行为规范，管理有序。'));
    assert.ok(text.includes(deadline));
    // a visit without an opinion has no opinion PDF
    const none = submitted.find((v) => !rs.some((r) => r.json.visit_id === v.id));
    if (none) assertError(await adminDq.get(`/api/v1/visits/${none.id}/opinion.pdf`), 404, 'not_found');
  });
});
