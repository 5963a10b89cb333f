// 满意度调查 over real HTTP, from the questionnaire to the report: built-in questionnaires
// (published, frozen), a round with quota cells and one-time codes, the slips (PDF with QR
// codes) and code list, the public answering page (no account; a code works once; bad input
// stores nothing; rate limits), the results (suppression under n = 10, the 85 % edge, weights),
// XLSX and PDF read back, scope (another county sees nothing), and anonymity (no table links
// a code to a response; no time finer than the day). Runs unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, DB_KIND } from '../lib/server.mjs';
import { readXlsx } from '../lib/xlsx_read.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD } from './client.mjs';

let srv, adminDq, leader, admin, pub;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  adminDq = await loginAs(srv.base, 'admin_dq');
  leader = await loginAs(srv.base, 'leader');
  pub = adminDq.fresh();
});
after(() => stopClean(srv));

async function download(client, path) {
  const r = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'survey-pdf-'));
  const f = join(dir, 'r.pdf');
  writeFileSync(f, bytes);
  const r = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// Every row of every table as text (the whole database, as an administrator with access sees it).
function dumpDatabase() {
  if (DB_KIND === 'pg') {
    const tables = spawnSync('psql', [srv.dbUrl, '-At', '-c', "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"], { encoding: 'utf8' }).stdout.trim().split('\n');
    const out = {};
    for (const t of tables) out[t] = spawnSync('psql', [srv.dbUrl, '-At', '-c', `SELECT row_to_json(x)::text FROM "${t}" x`], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
    return out;
  }
  const file = srv.dbUrl.replace(/^sqlite:/, '');
  const tables = spawnSync('sqlite3', [file, "SELECT name FROM sqlite_master WHERE type = 'table'"], { encoding: 'utf8' }).stdout.trim().split('\n');
  const out = {};
  for (const t of tables) out[t] = spawnSync('sqlite3', ['-json', file, `SELECT * FROM "${t}"`], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  return out;
}

function columns(table) {
  if (DB_KIND === 'pg') {
    return spawnSync('psql', [srv.dbUrl, '-At', '-c', `SELECT column_name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY column_name`], { encoding: 'utf8' }).stdout.trim().split('\n');
  }
  const file = srv.dbUrl.replace(/^sqlite:/, '');
  return spawnSync('sqlite3', [file, `SELECT name FROM pragma_table_info('${table}') ORDER BY name`], { encoding: 'utf8' }).stdout.trim().split('\n');
}

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const daysFrom = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

// A full answer set for a group of the 社会认可度 questionnaire: every scored item `v`.
function recognitionAnswers(v, group) {
  const a = { S0: { S1: v, S2: v, S3: v, S4: v, S5: v }, S6: v };
  if (group !== 'student') Object.assign(a, { G1: v, G2: v, G3: v });
  return a;
}

describe('questionnaires', () => {
  test('the built-ins are listed, published, with their source and uncertain wording', async () => {
    const r = await adminDq.get('/api/v1/surveys/forms');
    assert.equal(r.status, 200, r.text);
    const codes = r.json.items.map((x) => x.code);
    for (const c of ['quality-2017-recognition', 'basic-2012-satisfaction', 'student-rates-teaching', 'teacher-rates-management', 'parent-rates-school']) {
      assert.ok(codes.includes(c), c);
    }
    const q = r.json.items.find((x) => x.code === 'quality-2017-recognition');
    assert.equal(q.status, 'published');
    assert.equal(q.is_builtin, true);
    assert.match(q.source, /教督〔2017〕6号/);
    const v = await adminDq.get(`/api/v1/surveys/versions/${q.id}`);
    assert.equal(v.status, 200);
    assert.deepEqual(v.json.document.groups.map((g) => g.name), ['学生', '家长', '教师', '校长', '人大代表', '政协委员', '其他群众']);
    assert.ok(v.json.document.uncertain.length >= 1);
    // students are not asked about the county government
    const student = v.json.groups.find((g) => g.group === 'student');
    assert.ok(!student.sections.some((s) => s.code === 'G'));
    const parent = v.json.groups.find((g) => g.group === 'parent');
    assert.ok(parent.sections.some((s) => s.code === 'G'));
    const likert = parent.sections[0].questions[0];
    assert.deepEqual(likert.scale.map((x) => x.text), ['满意', '比较满意', '一般', '不太满意', '不满意', '不了解']);
    // a built-in cannot be edited
    assertError(await adminDq.put(`/api/v1/surveys/versions/${q.id}`, { document: v.json.document }), 409, 'conflict', 'id');
  });

  test('a region\'s own questionnaire: draft, edit, publish, then frozen (edit makes a new draft)', async () => {
    const doc = {
      code: `dq-test-${Date.now()}`, name: '德清县家长满意度', source: '县督导室自拟',
      groups: [{ code: 'parent', name: '家长' }],
      sections: [{ code: 'A', title: '办学', questions: [{ code: 'A1', kind: 'likert5', text: '总体满意吗？' }] }],
    };
    let r = await adminDq.post('/api/v1/surveys/forms', { document: doc });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'draft');
    const id = r.json.id;
    assertError(await adminDq.post('/api/v1/surveys/forms', { document: { ...doc, code: 'x2', groups: [] } }), 400, 'invalid', 'document');
    const bad = structuredClone(doc);
    bad.sections[0].questions[0].kind = 'slider';
    assertError(await adminDq.put(`/api/v1/surveys/versions/${id}`, { document: bad }), 400, 'invalid', 'document');
    doc.name = '德清县家长满意度（修订）';
    r = await adminDq.put(`/api/v1/surveys/versions/${id}`, { document: doc });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, id);
    r = await adminDq.post(`/api/v1/surveys/versions/${id}/publish`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'published');
    assertError(await adminDq.post(`/api/v1/surveys/versions/${id}/publish`, {}), 409, 'conflict', 'id');
    r = await adminDq.put(`/api/v1/surveys/versions/${id}`, { document: doc });
    assert.equal(r.status, 200, r.text);
    assert.notEqual(r.json.id, id);
    assert.equal(r.json.version, 2);
    assert.equal(r.json.status, 'draft');
    // the leader reads, never writes
    assertError(await leader.post('/api/v1/surveys/forms', { document: doc }), 403, 'forbidden');
  });
});

describe('a 社会认可度 round from creation to report', () => {
  let round, versionId, schools, codes;

  before(async () => {
    const forms = await adminDq.get('/api/v1/surveys/forms');
    versionId = forms.json.items.find((x) => x.code === 'quality-2017-recognition').id;
    schools = (await adminDq.get('/api/v1/schools?page_size=3')).json.items;
  });

  test('bad rounds are refused and store nothing', async () => {
    const base = { title: '德清县社会认可度自评', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(30), cells: [{ group: 'parent', quota: 2 }] };
    assertError(await adminDq.post('/api/v1/surveys/rounds', { ...base, cells: [{ group: 'martian', quota: 2 }] }), 400, 'invalid', 'cells[0]');
    assertError(await adminDq.post('/api/v1/surveys/rounds', { ...base, cells: [{ group: 'parent', quota: 0 }] }), 400, 'invalid', 'cells[0]');
    assertError(await adminDq.post('/api/v1/surveys/rounds', { ...base, closes_on: daysFrom(-5) }), 400, 'invalid', 'closes_on');
    assertError(await adminDq.post('/api/v1/surveys/rounds', { ...base, form_version_id: 999999 }), 404, 'not_found', 'form_version_id');
    assertError(await adminDq.post('/api/v1/surveys/rounds', { ...base, region_code: '330522' }), 404, 'not_found');
    assertError(await adminDq.post('/api/v1/surveys/rounds', { ...base, cells: [{ group: 'parent', quota: 1, school_id: 999999 }] }), 400, 'invalid', 'cells[0]');
    assertError(await adminDq.post('/api/v1/surveys/rounds', { ...base, bogus: 1 }), 400, 'unknown_field');
    const list = await adminDq.get('/api/v1/surveys/rounds');
    assert.equal(list.json.total, 0);
  });

  test('creation: cells, codes, progress, slips and code list', async () => {
    const r = await adminDq.post('/api/v1/surveys/rounds', {
      title: '德清县社会认可度自评', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(30), min_n: 10,
      cells: [
        { group: 'parent', school_id: schools[0].id, stratum: '城区', quota: 14, weight: 2 },
        { group: 'student', school_id: schools[0].id, quota: 6 },
        { group: 'teacher', school_id: schools[1].id, quota: 12 },
        { group: 'npc', quota: 3 },
      ],
    });
    assert.equal(r.status, 201, r.text);
    round = r.json;
    assert.equal(round.cells.length, 4);
    assert.equal(round.quota, 35);
    assert.equal(round.n_codes, 35);
    assert.equal(round.cells[0].group_name, '家长');
    assert.equal(round.cells[0].n_codes, 14);
    // the slips: A4 sheets of 10, each with the code and the group
    const slips = await download(adminDq, `/api/v1/surveys/rounds/${round.id}/slips`);
    assert.equal(slips.status, 200);
    assert.match(slips.headers.get('content-type'), /pdf/);
    const text = pdfText(slips.bytes);
    assert.match(text, /德清县社会认可度自评/);
    assert.match(text, /只能使用一次/);
    assert.equal((text.match(/\f/g) || []).length >= 4, true, 'four pages for 35 slips');
    // the code list for SMS / WeChat
    const list = await download(adminDq, `/api/v1/surveys/rounds/${round.id}/codes`);
    assert.equal(list.status, 200);
    const rows = readXlsx(list.bytes);
    assert.deepEqual(rows[0], ['调查码', '作答链接', '调查对象', '学校']);
    assert.equal(rows.length, 36);
    codes = { parent: [], student: [], teacher: [], npc: [] };
    const byName = { 家长: 'parent', 学生: 'student', 教师: 'teacher', 人大代表: 'npc' };
    for (const row of rows.slice(1)) {
      assert.match(row[0], /^[2-9A-HJ-NP-Z]{10}$/);
      assert.ok(row[1].endsWith(`/survey/${row[0]}`));
      codes[byName[row[2]]].push(row[0]);
    }
    assert.equal(codes.parent.length, 14);
    assert.ok(text.includes(codes.parent[0]), 'a code printed on the slips');
    // another county's admin sees nothing of it
    const u = await createUser(admin, { role: 'admin', region_code: '330522' });
    const other = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    assertError(await other.get(`/api/v1/surveys/rounds/${round.id}`), 404, 'not_found', 'id');
    assertError(await other.get(`/api/v1/surveys/rounds/${round.id}/results`), 404, 'not_found', 'id');
    assert.equal((await other.get('/api/v1/surveys/rounds')).json.total, 0);
    // the city sees it
    assert.equal((await admin.get(`/api/v1/surveys/rounds/${round.id}`)).status, 200);
  });

  test('the public page: questions of the code\'s group, bad input refused, a code works once', async () => {
    const code = codes.student[0];
    let r = await pub.get(`/api/v1/public/surveys/${code}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.group, 'student');
    assert.equal(r.json.group_name, '学生');
    assert.ok(!r.json.sections.some((s) => s.code === 'G'));
    assertError(await pub.get('/api/v1/public/surveys/ZZZZZZZZZZ'), 404, 'not_found', 'code');
    assertError(await pub.get('/api/v1/public/surveys/short'), 404, 'not_found', 'code');
    const before = await adminDq.get(`/api/v1/surveys/rounds/${round.id}`);
    // a missing required answer
    const missing = recognitionAnswers('5', 'student');
    delete missing.S6;
    assertError(await pub.post(`/api/v1/public/surveys/${code}`, { answers: missing }), 400, 'invalid', 'answers.S6');
    // a matrix row left out
    const row = recognitionAnswers('5', 'student');
    delete row.S0.S3;
    assertError(await pub.post(`/api/v1/public/surveys/${code}`, { answers: row }), 400, 'invalid', 'answers.S3');
    // tampered: a value outside the scale, a question of another group, an unknown question
    assertError(await pub.post(`/api/v1/public/surveys/${code}`, { answers: { ...recognitionAnswers('5', 'student'), S6: '9' } }), 400, 'invalid', 'answers.S6');
    assertError(await pub.post(`/api/v1/public/surveys/${code}`, { answers: { ...recognitionAnswers('5', 'student'), G1: '5' } }), 400, 'invalid', 'answers.G1');
    // (another code for the rest: one code gets 5 attempts in ten minutes)
    const spare = codes.npc[2];
    assertError(await pub.post(`/api/v1/public/surveys/${spare}`, { answers: { ...recognitionAnswers('5', 'npc'), X9: 'a' } }), 400, 'invalid', 'answers.X9');
    assertError(await pub.post(`/api/v1/public/surveys/${spare}`, { answers: { ...recognitionAnswers('5', 'npc'), P1: 'mars' } }), 400, 'invalid', 'answers.P1');
    assertError(await pub.post(`/api/v1/public/surveys/${spare}`, { answers: { ...recognitionAnswers('5', 'npc'), S0: '5' } }), 400, 'invalid', 'answers.S0');
    assertError(await pub.post(`/api/v1/public/surveys/${spare}`, { answers: [] }), 400, 'invalid', 'answers');
    const after = await adminDq.get(`/api/v1/surveys/rounds/${round.id}`);
    assert.equal(after.json.n_used, before.json.n_used);
    assert.equal(after.json.n_responses, before.json.n_responses);
  });

  test('the per-code limit: a sixth attempt within ten minutes is refused', async () => {
    const code = codes.student[1];
    for (let i = 0; i < 5; i++) {
      assertError(await pub.post(`/api/v1/public/surveys/${code}`, { answers: {} }), 400, 'invalid');
    }
    assertError(await pub.post(`/api/v1/public/surveys/${code}`, { answers: recognitionAnswers('5', 'student') }), 429, 'rate_limited');
  });

  test('answering: 12 parents, 6 students, 10 teachers, 2 人大代表; reuse refused', async () => {
    // parents: 10 满意, 2 一般 on every item; one 不了解 on G1
    for (let i = 0; i < 12; i++) {
      const a = recognitionAnswers(i < 10 ? '5' : '3', 'parent');
      if (i === 0) a.G1 = 'dk';
      a.P1 = 'urban';
      if (i === 1) a.P2 = '希望增加课后服务的种类';
      const r = await pub.post(`/api/v1/public/surveys/${codes.parent[i]}`, { answers: a });
      assert.equal(r.status, 201, r.text);
    }
    assertError(await pub.post(`/api/v1/public/surveys/${codes.parent[0]}`, { answers: recognitionAnswers('5', 'parent') }), 409, 'conflict', 'code');
    assertError(await pub.get(`/api/v1/public/surveys/${codes.parent[0]}`), 409, 'conflict', 'code');
    // students (n = 6 < 10: suppressed), all 比较满意 except the rate-limited code
    for (const c of [codes.student[0], ...codes.student.slice(2)]) {
      assert.equal((await pub.post(`/api/v1/public/surveys/${c}`, { answers: recognitionAnswers('4', 'student') })).status, 201);
    }
    // teachers: 8 满意, 2 不满意
    for (let i = 0; i < 10; i++) {
      assert.equal((await pub.post(`/api/v1/public/surveys/${codes.teacher[i]}`, { answers: recognitionAnswers(i < 8 ? '5' : '1', 'teacher') })).status, 201);
    }
    for (let i = 0; i < 2; i++) {
      assert.equal((await pub.post(`/api/v1/public/surveys/${codes.npc[i]}`, { answers: recognitionAnswers('2', 'npc') })).status, 201);
    }
    const r = await adminDq.get(`/api/v1/surveys/rounds/${round.id}`);
    assert.deepEqual(r.json.cells.map((c) => [c.n_used, c.n_responses]), [[12, 12], [5, 5], [10, 10], [2, 2]]);
  });

  test('results: weights, suppression, the 85 % line, formula stated', async () => {
    const r = await leader.get(`/api/v1/surveys/rounds/${round.id}/results`);
    assert.equal(r.status, 200, r.text);
    const x = r.json;
    assert.match(x.formula, /不了解/);
    assert.match(x.label, /自评/);
    assert.equal(x.threshold, 0.85);
    assert.equal(x.response.issued, 35);
    assert.equal(x.response.used, 29);
    // hand-computed. Items per respondent: parents/teachers/npc 9 (G1-3, S1-5, S6), students 6.
    // parents (weight 2): satisfied 10×9 − 1 (G1 不了解) = 89, valid 12×9 − 1 = 107
    // students (weight 1): 5×6 = 30 satisfied of 30; teachers: 8×9 = 72 of 90; npc: 0 of 18
    // overall = (2·89 + 30 + 72 + 0) ÷ (2·107 + 30 + 90 + 18) = 280 ÷ 352
    assert.equal(x.overall.n, 29);
    assert.ok(Math.abs(x.overall.rate - 280 / 352) < 1e-9, String(x.overall.rate));
    assert.equal(x.overall.passes, false);
    const g = Object.fromEntries(x.groups.map((y) => [y.code, y]));
    assert.ok(Math.abs(g.parent.rate - 89 / 107) < 1e-9);
    assert.equal(g.parent.name, '家长');
    assert.equal(g.teacher.rate, 0.8);
    assert.equal(g.student.suppressed, true);
    assert.equal(g.student.rate, null);
    assert.equal(g.student.satisfied, null);
    assert.equal(g.npc.suppressed, true);
    // G1: parents 9 of 11 valid (one 不了解), teachers 8 of 10, npc 0 of 2 → weighted (18 + 8) ÷ (22 + 10 + 2)
    const g1 = x.items.find((i) => i.code === 'G1');
    assert.ok(Math.abs(g1.rate - 26 / 34) < 1e-9);
    assert.equal(g1.dont_know, 1);
    // by school: schools[0] has parents and students (17 respondents), schools[1] teachers (10)
    assert.equal(x.schools.length, 2);
    assert.equal(x.schools.find((s) => s.school_id === schools[1].id).rate, 0.8);
    // a school's low-scoring questions (shown, under 85 %): schools[1]'s teachers gave 8 of 10 on each
    const low = x.schools.find((s) => s.school_id === schools[1].id).low_items;
    const lowG1 = low.find((i) => i.code === 'G1');
    assert.equal(lowG1.rate, 0.8);
    assert.equal(lowG1.n, 10);
    assert.equal(lowG1.finding_id, null);
    assert.ok(low.every((i) => i.rate < 0.85 && !i.suppressed));
    // free texts for the office
    const t = await adminDq.get(`/api/v1/surveys/rounds/${round.id}/texts`);
    assert.deepEqual(t.json.items.map(({ item, text, flagged }) => ({ item, text, flagged })), [{ item: 'P2', text: '希望增加课后服务的种类', flagged: false }]);
    assertError(await leader.get(`/api/v1/surveys/rounds/${round.id}/texts`), 403, 'forbidden');
  });

  test('a low-scoring question at a school becomes a finding with one action, once', async () => {
    const url = `/api/v1/surveys/rounds/${round.id}/findings`;
    const ledger = async () => (await adminDq.get('/api/v1/findings?page_size=1')).json.total;
    const n0 = await ledger();
    assertError(await adminDq.post(url, { school_id: schools[1].id, item: 'ZZ' }), 400, 'invalid', 'item');
    assertError(await adminDq.post(url, { school_id: schools[2].id, item: 'G1' }), 400, 'invalid', 'school_id');
    assertError(await leader.post(url, { school_id: schools[1].id, item: 'G1' }), 403, 'forbidden');
    assert.equal(await ledger(), n0, 'refused requests open nothing');
    const r = await adminDq.post(url, { school_id: schools[1].id, item: 'G1' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.state, 'draft');
    assert.equal(r.json.school_id, schools[1].id);
    assert.equal(r.json.category, '满意度调查');
    assert.match(r.json.description, /满意度 80\.0%（10 人作答），低于 85%/);
    assert.equal(await ledger(), n0 + 1);
    assertError(await adminDq.post(url, { school_id: schools[1].id, item: 'G1' }), 409, 'conflict', 'item');
    assert.equal(await ledger(), n0 + 1, 'a second click opens nothing');
    const x = (await adminDq.get(`/api/v1/surveys/rounds/${round.id}/results`)).json;
    const g1 = x.schools.find((s) => s.school_id === schools[1].id).low_items.find((i) => i.code === 'G1');
    assert.equal(g1.finding_id, r.json.id);
  });

  test('XLSX and PDF read back', async () => {
    const x = await download(adminDq, `/api/v1/surveys/rounds/${round.id}/results.xlsx`);
    assert.equal(x.status, 200);
    const rows = readXlsx(x.bytes);
    assert.deepEqual(rows[0], ['层级', '名称', '样本数', '满意', '有效作答', '不了解', '满意度']);
    const county = rows.find((r) => r[0] === '县域');
    assert.equal(county[6], `${(280 / 352 * 100).toFixed(1)}%`);
    const teacher = rows.find((r) => r[0] === '调查对象' && r[1] === '教师');
    assert.deepEqual(teacher.slice(2), ['10', '72', '90', '0', '80.0%']);
    const student = rows.find((r) => r[0] === '调查对象' && r[1] === '学生');
    assert.equal(student[3], '—');
    assert.match(student[6], /n < 10/);
    const pdf = await download(leader, `/api/v1/surveys/rounds/${round.id}/report`);
    assert.equal(pdf.status, 200);
    const text = pdfText(pdf.bytes);
    assert.match(text, /德清县社会认可度自评 调查报告/);
    assert.match(text, /自评/);
    assert.match(text, /不了解/);
    assert.match(text, /79\.5%/);
    assert.match(text, /未达标/);
  });

  test('anonymity: no table links a code to a response, no time finer than the day', async () => {
    assert.deepEqual(columns('survey_response'), ['answered_on', 'cell_id', 'id', 'round_id']);
    assert.deepEqual(columns('survey_answer'), ['cell_id', 'item', 'kind', 'response_id', 'round_id', 'value']);
    assert.deepEqual(columns('survey_code'), ['cell_id', 'code', 'is_used', 'round_id']);
    const dump = dumpDatabase();
    const used = codes.parent.slice(0, 12);
    for (const [table, text] of Object.entries(dump)) {
      if (table === 'survey_code') continue;
      for (const c of used) assert.ok(!text.includes(c), `code ${c} appears in ${table}`);
    }
    for (const line of dump.survey_response.split('\n').filter(Boolean)) {
      assert.match(line, new RegExp(today()));
    }
    for (const t of ['survey_response', 'survey_answer', 'survey_code']) assert.ok(!dump[t].includes('127.0.0.1'), t);
    // the rate counters hold digests, never the address
    assert.ok(!dump.survey_rate.includes('127.0.0.1'));
  });

  test('a closed round refuses answers', async () => {
    const r = await adminDq.post(`/api/v1/surveys/rounds/${round.id}/close`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'closed');
    assertError(await pub.get(`/api/v1/public/surveys/${codes.parent[13]}`), 409, 'conflict', 'code');
    assertError(await pub.post(`/api/v1/public/surveys/${codes.parent[13]}`, { answers: recognitionAnswers('5', 'parent') }), 409, 'conflict', 'code');
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/close`, {}), 409, 'conflict');
    // the closed 社会认可度 round is the county's pre-assessment in the verdict of its school year
    // (1 Sep – 31 Aug), used only in a simulated verdict and labelled so
    const [y, m] = round.closes_on.split('-').map(Number);
    const year = m >= 9 ? y : y - 1;
    const v = await adminDq.get(`/api/v1/balance/verdict?county_code=330521&school_year=${year}&mode=simulated`);
    assert.equal(v.status, 200, v.text);
    const pre = v.json.pre_assessment;
    assert.equal(pre.key, 's1_pre');
    assert.equal(pre.computed_from, 'survey');
    assert.equal(pre.status, 'failed', '79.5 % is under 85 %');
    assert.ok(Math.abs(pre.checks[0].value - 28000 / 352) < 1e-6, JSON.stringify(pre.checks[0]));
    const s1 = v.json.parts.flatMap((p) => p.items).find((i) => i.key === 's1');
    assert.equal(s1.is_pre_assessment, true);
    assert.equal(s1.status, 'failed');
    // the year before has no round: nothing to pre-assess with
    const before = (await adminDq.get(`/api/v1/balance/verdict?county_code=330521&school_year=${year - 1}&mode=simulated`)).json;
    assert.equal(before.pre_assessment.computed_from, null);
  });
});

describe('the 85 % edge on the 3-level 基本均衡 scale', () => {
  test('17 of 20 satisfied is exactly 85 % and passes; 不了解 is not counted', async () => {
    const forms = await adminDq.get('/api/v1/surveys/forms');
    const vid = forms.json.items.find((x) => x.code === 'basic-2012-satisfaction').id;
    const r = await adminDq.post('/api/v1/surveys/rounds', {
      title: '公众满意度测试', form_version_id: vid, opens_on: today(), closes_on: today(), cells: [{ group: 'parent', quota: 21 }],
    });
    assert.equal(r.status, 201, r.text);
    const list = readXlsx((await download(adminDq, `/api/v1/surveys/rounds/${r.json.id}/codes`)).bytes).slice(1).map((x) => x[0]);
    // 20 valid respondents: 10 满意, 7 基本满意, 3 不满意 on every item; one answers 不了解 throughout
    for (let i = 0; i < 21; i++) {
      const v = i < 10 ? '3' : i < 17 ? '2' : i < 20 ? '1' : 'dk';
      const answers = Object.fromEntries(['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((k) => [k, v]));
      assert.equal((await pub.post(`/api/v1/public/surveys/${list[i]}`, { answers })).status, 201);
    }
    const x = (await adminDq.get(`/api/v1/surveys/rounds/${r.json.id}/results`)).json;
    assert.equal(x.overall.rate, 0.85);
    assert.equal(x.overall.passes, true);
    assert.equal(x.overall.dont_know, 6);
    assert.equal(x.overall.n, 21);
  });
});
