// 义务教育均衡发展 over real HTTP: school statistics (own school only, field-level
// validation, all-or-nothing import), completeness and data checks, evaluations in scope,
// the plan (applied in the what-if, the county passes), the what-if (nothing written), and the
// XLSX tables and PDF report read back. Runs unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { startServer } from '../lib/server.mjs';
import { xlsx } from '../lib/xlsx.mjs';
import { loginAs, assertError, stopClean, cli } from './client.mjs';

const DQ = '330521'; // 德清县: passes
const CX = '330522'; // 长兴县: fails a few indicators

let srv, admin, adminDq, leader, school, inspector;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  adminDq = await loginAs(srv.base, 'admin_dq');
  leader = await loginAs(srv.base, 'leader');
  school = await loginAs(srv.base, 'school');
  inspector = await loginAs(srv.base, 'inspector');
});
after(() => stopClean(srv));

async function download(client, path) {
  const r = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

// Reads the first worksheet of an XLSX (a zip) into rows of strings: an independent reader,
// so the test checks what a spreadsheet program would show.
function readXlsx(buf, sheet = 1) {
  const files = {};
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const n = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extra = buf.readUInt16LE(p + 30), comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    p += 46 + nameLen + extra + comment;
  }
  const unesc = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const shared = [...(files['xl/sharedStrings.xml'] || '').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => unesc([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const rows = [];
  for (const m of files[`xl/worksheets/sheet${sheet}.xml`].matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const row = [];
    for (const c of m[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const col = [...c[1]].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const v = (c[3] || '').match(/<v>([\s\S]*?)<\/v>/);
      const is = (c[3] || '').match(/<t[^>]*>([\s\S]*?)<\/t>/);
      row[col] = /t="s"/.test(c[2]) ? shared[Number(v[1])] : v ? v[1] : is ? unesc(is[1]) : '';
    }
    rows.push(Array.from(row, (x) => x ?? ''));
  }
  return rows;
}

function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'balance-pdf-'));
  const f = join(dir, 'r.pdf');
  writeFileSync(f, bytes);
  const r = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const section = (ev, s) => ev.sections.find((x) => x.section === s);
const cvOf = (ev, s, key) => section(ev, s).quality.cv.find((c) => c.key === key).cv;

describe('school statistics', () => {
  test('a school account reads and fills in only its own school', async () => {
    const me = (await school.get('/api/v1/auth/me')).json;
    const own = me.user.school_id;
    assert.ok(own > 0);
    let r = await school.get(`/api/v1/balance/stats/${own}?school_year=2025`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_filled, true);
    assert.deepEqual(r.json.sections, ['primary']);
    const before = r.json.values;
    r = await school.put(`/api/v1/balance/stats/${own}`, { school_year: 2025, values: { books: before.books + 100 } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.values.books, before.books + 100);
    assert.equal(r.json.values.p_teachers, before.p_teachers, 'fields not sent keep their value');
    // another school, in the same town or elsewhere: as if it did not exist
    const other = (await admin.get('/api/v1/schools?region_code=330521001&type_code=211&page_size=50')).json.items
      .find((s) => s.id !== own);
    assertError(await school.get(`/api/v1/balance/stats/${other.id}?school_year=2025`), 404, 'not_found', 'school_id');
    assertError(await school.put(`/api/v1/balance/stats/${other.id}`, { school_year: 2025, values: { books: 1 } }),
      404, 'not_found', 'school_id');
    // the county's evaluation is the office's, not the school's; its own page shows the county values
    assertError(await school.get(`/api/v1/balance/evaluation?county_code=${DQ}`), 403, 'forbidden');
    r = await school.get(`/api/v1/balance/schools/${own}?school_year=2025`);
    assert.equal(r.status, 200, r.text);
    const q = r.json.sections[0].indicators;
    assert.equal(q.length, 7);
    assert.ok(q.every((i) => i.threshold > 0 && i.county > 0 && typeof i.is_met === 'boolean'));
    assert.equal(q[0].threshold, 4.2);
    const g = Object.fromEntries(r.json.guarantee.map((x) => [x.key, x]));
    assert.equal(g.class_size_primary.limit, 45);
    assert.equal(g.school_size.limit, 2000);
    assert.equal(typeof g.trained.is_ok, 'boolean');
    assertError(await school.get(`/api/v1/balance/schools/${other.id}`), 404, 'not_found', 'school_id');
    // an inspector does not enter statistics
    assertError(await inspector.put(`/api/v1/balance/stats/${own}`, { school_year: 2025, values: { books: 1 } }),
      403, 'forbidden');
  });

  test('impossible values are refused with the field named, and nothing is written', async () => {
    const own = (await school.get('/api/v1/auth/me')).json.user.school_id;
    const cur = (await school.get(`/api/v1/balance/stats/${own}?school_year=2025`)).json.values;
    const bad = [
      [{ p_teachers_above_degree: cur.p_teachers + 1 }, 'p_teachers_above_degree', /不能多于/],
      [{ books: -5 }, 'books', /负数/],
      [{ p_pe_art_teachers: 2.5 }, 'p_pe_art_teachers', /整数/],
      [{ room_area: 5e7 }, 'room_area', /合理范围/],
      [{ p_classes: 0 }, 'p_classes', /班级数/],
      [{ j_students: 300, j_classes: 8, j_teachers: 20 }, 'j_students', /初中学段/],
    ];
    for (const [values, field, msg] of bad) {
      const e = assertError(await school.put(`/api/v1/balance/stats/${own}`, { school_year: 2025, values }), 400,
        'invalid', field);
      assert.match(e.message, msg);
      assert.match(e.message, / \/ /, 'the message is 中文 / English');
    }
    assertError(await school.put(`/api/v1/balance/stats/${own}`, { school_year: 2025, values: { gold_bars: 3 } }), 400,
      'unknown_field', 'gold_bars');
    assertError(await school.put(`/api/v1/balance/stats/${own}`, { school_year: 2025, values: { books: 'many' } }), 400,
      'invalid', 'books');
    assertError(await school.put(`/api/v1/balance/stats/${own}`, { school_year: 1999, values: {} }), 400, 'invalid',
      'school_year');
    assertError(await school.put(`/api/v1/balance/stats/${own}`, { school_year: 2025, values: {}, extra: 1 }), 400,
      'unknown_field', 'extra');
    const after = (await school.get(`/api/v1/balance/stats/${own}?school_year=2025`)).json.values;
    assert.deepEqual(after, cur);
  });

  test('the admin imports a CSV or XLSX all or nothing, with row-level errors', async () => {
    const list = (await adminDq.get(`/api/v1/balance/stats?county_code=${DQ}&school_year=2025`)).json.items;
    const [a, b] = list.filter((s) => s.type_code === '211' && s.is_filled);
    const head = '学校标识码,学校名称,图书册数,小学体育、艺术专任教师数\n';
    const csv = head + `${a.code},${a.name},${a.values.books + 7},${a.values.p_pe_art_teachers}\n` +
      `${b.code},${b.name},-3,${b.values.p_pe_art_teachers}\n2133999999,不存在的学校,10,1\n`;
    let r = await adminDq.req('POST', '/api/v1/balance/imports?school_year=2025', { raw: csv, contentType: 'text/csv' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.is_written, false);
    assert.deepEqual(r.json.errors.map((e) => [e.row, e.column]), [[3, '图书册数'], [4, '学校标识码']]);
    let now = (await adminDq.get(`/api/v1/balance/stats/${a.school_id}?school_year=2025`)).json.values;
    assert.equal(now.books, a.values.books, 'a good row of a bad file is not written');
    const good = xlsx([['学校标识码', '图书册数'], [a.code, String(a.values.books + 7)], [b.code, String(b.values.books + 9)]]);
    r = await adminDq.req('POST', '/api/v1/balance/imports?school_year=2025', { raw: good, contentType: 'application/octet-stream' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_updated, 2);
    now = (await adminDq.get(`/api/v1/balance/stats/${a.school_id}?school_year=2025`)).json.values;
    assert.equal(now.books, a.values.books + 7);
    // a school of the other county is outside 德清's scope
    const cx = (await admin.get(`/api/v1/balance/stats?county_code=${CX}&school_year=2025`)).json.items[0];
    r = await adminDq.req('POST', '/api/v1/balance/imports?school_year=2025', { raw: `学校标识码,图书册数\n${cx.code},5\n`, contentType: 'text/csv' });
    assert.equal(r.status, 400);
    assert.match(r.json.errors[0].message, /权限范围/);
    // the template is a real workbook whose header the importer takes
    const t = await download(adminDq, '/api/v1/balance/imports/template');
    assert.equal(t.status, 200);
    const rows = readXlsx(t.bytes);
    assert.equal(rows[0][0], '学校标识码');
    assert.ok(rows[0].includes('小学县级以上骨干教师数'));
    r = await adminDq.req('POST', '/api/v1/balance/imports?school_year=2025', { raw: xlsx([rows[0], [a.code, '', ...rows[0].slice(2).map(() => '')]]), contentType: 'application/octet-stream' });
    assert.equal(r.status, 200, r.text);
  });
});

describe('completeness and data checks', () => {
  test('who has not reported, per county', async () => {
    const r = await leader.get('/api/v1/balance/completeness?school_year=2025');
    assert.equal(r.status, 200, r.text);
    const cx = r.json.counties.find((c) => c.county_code === CX), dq = r.json.counties.find((c) => c.county_code === DQ);
    assert.equal(dq.n_expected, dq.n_filled);
    assert.equal(cx.n_expected - cx.n_filled, 1);
    assert.match(cx.missing[0].name, /洪桥镇第二小学/);
    const only = await adminDq.get('/api/v1/balance/completeness?school_year=2025');
    assert.deepEqual(only.json.counties.map((c) => c.county_code), [DQ]);
  });

  test('checks must be confirmed or fixed before the evaluation is final', async () => {
    let r = await adminDq.get(`/api/v1/balance/checks?county_code=${DQ}&school_year=2025`);
    assert.equal(r.status, 200, r.text);
    const jump = r.json.items.find((c) => c.code === 'jump' && c.field === 'books');
    assert.ok(jump, JSON.stringify(r.json.items.map((c) => [c.school_name, c.code, c.field])));
    assert.match(jump.school_name, /乾元镇中心小学/);
    const open = r.json.n_open;
    assert.ok(open >= 1);
    assertError(await adminDq.post('/api/v1/balance/evaluation/finalize', { county_code: DQ, school_year: 2025 }), 409,
      'conflict', 'checks');
    assertError(await adminDq.post('/api/v1/balance/checks/confirm', { school_id: jump.school_id, school_year: 2025, code: 'jump', field: 'books', note: '' }),
      400, 'invalid', 'note');
    r = await adminDq.post('/api/v1/balance/checks/confirm', { school_id: jump.school_id, school_year: 2025, code: 'jump', field: 'books', note: '新建图书馆投入使用' });
    assert.equal(r.status, 204, r.text);
    r = await adminDq.get(`/api/v1/balance/checks?county_code=${DQ}&school_year=2025`);
    assert.equal(r.json.n_open, open - 1);
    assert.equal(r.json.items.find((c) => c.code === 'jump' && c.field === 'books').note, '新建图书馆投入使用');
    for (const c of r.json.items.filter((x) => !x.is_confirmed)) {
      const x = await adminDq.post('/api/v1/balance/checks/confirm', { school_id: c.school_id, school_year: 2025, code: c.code, field: c.field, note: '已核实' });
      assert.equal(x.status, 204, x.text);
    }
    r = await adminDq.post('/api/v1/balance/evaluation/finalize', { county_code: DQ, school_year: 2025 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_final, true);
    r = await adminDq.get(`/api/v1/balance/evaluation?county_code=${DQ}&school_year=2025`);
    assert.equal(r.json.is_final, true);
    assert.equal(r.json.checks.n_open, 0);
    // 长兴 has a school that has not reported: not final
    assertError(await admin.post('/api/v1/balance/evaluation/finalize', { county_code: CX, school_year: 2025 }), 409,
      'conflict', 'completeness');
  });
});

describe('evaluations', () => {
  test('德清 passes; 长兴 fails with its schools, indicators and margins', async () => {
    let r = await admin.get(`/api/v1/balance/evaluation?county_code=${DQ}&school_year=2025`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.verdict, { is_quality_passed: true, is_basic_passed: true, quality_failing_sections: [], basic_failing: [] });
    assert.deepEqual(r.json.years, [2025, 2024]);
    assert.ok(r.json.excluded.some((x) => /教学点/.test(x.reason)), 'teaching points under 50 are left out');
    r = await admin.get(`/api/v1/balance/evaluation?county_code=${CX}&school_year=2025`);
    const ev = r.json;
    assert.equal(ev.verdict.is_quality_passed, false);
    assert.equal(ev.verdict.is_basic_passed, true);
    assert.ok(ev.verdict.quality_failing_sections.includes('junior'));
    assert.deepEqual(ev.verdict.basic_failing, []);
    const jr = section(ev, 'junior');
    assert.equal(jr.quality.cv_limit, 0.45);
    const q6 = jr.quality.cv.find((c) => c.key === 'q6');
    assert.ok(q6.cv > 0.45 && !q6.is_ok, `q6 CV ${q6.cv}`);
    const failing = ev.sections.flatMap((s) => s.schools.filter((x) => !x.is_passed));
    const names = failing.map((s) => s.name);
    assert.ok(names.some((n) => /泗安镇九年一贯制/.test(n)));
    assert.ok(names.some((n) => /和平镇初级中学/.test(n)));
    const heping = failing.find((s) => /和平镇初级中学/.test(s.name));
    assert.deepEqual(heping.failing.map((f) => f.key), ['q6']);
    assert.ok(heping.failing[0].margin < 0 && heping.failing[0].ratio < 0.85 && heping.failing[0].needed > 0);
    assert.match(heping.why, /85%/);
    assert.equal(ev.rules.quality.length, 7);
    assert.ok(ev.rules.sources.some((s) => /quality 2017 national/.test(s)));
  });

  test('evaluations respect the region scope', async () => {
    assertError(await adminDq.get(`/api/v1/balance/evaluation?county_code=${CX}`), 404, 'not_found', 'region_code');
    assertError(await adminDq.get(`/api/v1/balance/plan?county_code=${CX}`), 404, 'not_found');
    assertError(await adminDq.post('/api/v1/balance/whatif', { county_code: CX, changes: [] }), 404, 'not_found');
    assertError(await adminDq.get(`/api/v1/balance/report?county_code=${CX}`), 404, 'not_found');
    assertError(await adminDq.get(`/api/v1/balance/exports/quality?county_code=${CX}`), 404, 'not_found');
    assertError(await admin.get('/api/v1/balance/evaluation?county_code=330500'), 400, 'invalid', 'county_code');
    const cxSchool = (await admin.get(`/api/v1/balance/stats?county_code=${CX}`)).json.items[0];
    assertError(await adminDq.get(`/api/v1/balance/stats/${cxSchool.school_id}`), 404, 'not_found');
    let r = await adminDq.get('/api/v1/balance/overview');
    assert.deepEqual(r.json.counties.map((c) => c.county_code), [DQ]);
    r = await leader.get('/api/v1/balance/overview?school_year=2025');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.counties.map((c) => [c.county_code, c.rank]), [[DQ, 1], [CX, 2]]);
    assert.equal(r.json.counties[1].is_quality_passed, false);
    // the trend has both years
    r = await leader.get(`/api/v1/balance/trend?county_code=${CX}`);
    assert.deepEqual(r.json.items.map((i) => i.school_year), [2024, 2025]);
  });

  test('what-if: changed values recompute every CV and verdict, and nothing is written', async () => {
    const base = (await admin.get(`/api/v1/balance/evaluation?county_code=${CX}&school_year=2025`)).json;
    const heping = section(base, 'junior').schools.find((s) => /和平镇初级中学/.test(s.name));
    const stat = (await admin.get(`/api/v1/balance/stats/${heping.school_id}?school_year=2025`)).json.values;
    const r = await admin.post('/api/v1/balance/whatif', {
      county_code: CX, school_year: 2025,
      changes: [{ school_id: heping.school_id, field: 'equipment_value', value: stat.equipment_value * 2 }],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_what_if, true);
    const after = section(r.json, 'junior').schools.find((s) => s.school_id === heping.school_id);
    assert.equal(after.is_passed, true, 'doubling its equipment lifts the school over the threshold');
    assert.ok(cvOf(r.json, 'junior', 'q6') < cvOf(base, 'junior', 'q6'), 'and the CV moves');
    const again = (await admin.get(`/api/v1/balance/stats/${heping.school_id}?school_year=2025`)).json.values;
    assert.equal(again.equipment_value, stat.equipment_value, 'nothing written');
    assertError(await admin.post('/api/v1/balance/whatif', { county_code: CX, changes: [{ school_id: heping.school_id, field: 'equipment_value', value: -1 }] }),
      400, 'invalid', 'equipment_value');
    assertError(await admin.post('/api/v1/balance/whatif', { county_code: CX, changes: [{ school_id: heping.school_id, field: 'nope', value: 1 }] }),
      400, 'invalid', 'field');
    assertError(await admin.post('/api/v1/balance/whatif', { county_code: CX, changes: [{ school_id: 999999, field: 'books', value: 1 }] }),
      400, 'invalid', 'school_id');
  });

  test('a county that fails 基本均衡: the composite CV above 0.65, with the failing section and the CVs that pull it up', async () => {
    const base = (await admin.get(`/api/v1/balance/evaluation?county_code=${DQ}&school_year=2025`)).json;
    const pr = section(base, 'primary');
    assert.ok(pr.schools.length >= 3);
    // every 小学 but the first left with almost nothing of the five school-wide resources
    const changes = pr.schools.slice(1).flatMap((s) => ['room_area', 'sports_area', 'equipment_value', 'computers', 'books']
      .map((field) => ({ school_id: s.school_id, field, value: field === 'equipment_value' ? 1000 : 1 })));
    const r = await admin.post('/api/v1/balance/whatif', { county_code: DQ, school_year: 2025, changes });
    assert.equal(r.status, 200, r.text);
    const p = section(r.json, 'primary');
    assert.equal(p.basic.is_passed, false);
    assert.equal(p.basic.limit, 0.65);
    assert.ok(p.basic.composite_cv > 0.65, `composite ${p.basic.composite_cv}`);
    const mean = p.basic.cv.reduce((t, c) => t + c.cv, 0) / p.basic.cv.length;
    assert.ok(Math.abs(mean - p.basic.composite_cv) < 1e-5, 'the composite is the mean of the 8 CVs (printed to 6 decimals)');
    assert.deepEqual(p.basic.over_limit, ['b1', 'b2', 'b3', 'b4', 'b5']);
    assert.equal(r.json.verdict.is_basic_passed, false);
    const fail = r.json.verdict.basic_failing;
    assert.equal(fail.length, 1);
    assert.equal(fail[0].section, 'primary');
    assert.equal(fail[0].limit, 0.65);
    assert.equal(fail[0].composite_cv, p.basic.composite_cv);
    assert.ok(r.json.verdict.quality_failing_sections.includes('primary'));
  });

  test('the plan: additions with costs; applied in the what-if, the county passes', async () => {
    const r = await admin.get(`/api/v1/balance/plan?county_code=${CX}&school_year=2025`);
    assert.equal(r.status, 200, r.text);
    const plan = r.json;
    assert.equal(plan.is_passing_now, false);
    assert.equal(plan.is_passing_after, true);
    assert.ok(plan.items.length >= 3);
    assert.ok(plan.total_cost > 0 && plan.lower_bound > 0 && plan.core_cost >= plan.lower_bound - 1);
    assert.equal(Math.round(plan.items.reduce((s, i) => s + i.cost, 0)), Math.round(plan.total_cost));
    assert.ok(plan.items.some((i) => i.reason === 'school_rule') && plan.items.some((i) => i.reason === 'cv'));
    // 和平镇初级中学's equipment is short of its threshold and of the county's level: both reasons
    assert.equal(plan.items.find((i) => /和平镇初级中学/.test(i.school_name) && i.field === 'equipment_value').reason, 'both');
    for (const i of plan.items) assert.ok(i.amount > 0 && i.after === i.current + i.amount);
    const changes = plan.items.map((i) => ({ school_id: i.school_id, field: i.field, value: i.after }));
    const w = await admin.post('/api/v1/balance/whatif', { county_code: CX, school_year: 2025, changes });
    assert.equal(w.status, 200, w.text);
    assert.equal(w.json.verdict.is_quality_passed, true, 'the plan, entered as values, passes');
    // dearer teachers change the price, not the verdict
    const p2 = await admin.post('/api/v1/balance/plan', { county_code: CX, school_year: 2025, prices: { pe_art_teachers: 300000 } });
    assert.equal(p2.status, 200, p2.text);
    assert.ok(p2.json.total_cost > plan.total_cost);
    assert.equal(p2.json.is_passing_after, true);
    assertError(await admin.post('/api/v1/balance/plan', { county_code: CX, prices: { gold: 1 } }), 400, 'invalid', 'prices');
    // a passing county needs nothing
    const dq = await admin.get(`/api/v1/balance/plan?county_code=${DQ}&school_year=2025`);
    assert.equal(dq.json.items.length, 0);
    assert.equal(dq.json.is_passing_after, true);
  });
});

describe('exports', () => {
  test('the official-style tables as XLSX, read back', async () => {
    const ev = (await admin.get(`/api/v1/balance/evaluation?county_code=${CX}&school_year=2025`)).json;
    const x = await download(admin, `/api/v1/balance/exports/quality?county_code=${CX}&school_year=2025`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    // one sheet per section, titled as the office hands it over
    const primary = readXlsx(x.bytes, 1), junior = readXlsx(x.bytes, 2);
    assert.match(primary[0][0], /长兴县义务教育优质均衡发展资源配置指标统计表（小学，2025–2026 学年）/);
    assert.match(junior[0][0], /（初中，/);
    assert.equal(junior[1][2], '学校名称');
    assert.match(junior[1][4], /每百名学生拥有高于规定学历教师数/);
    assert.equal(Number(junior[2][4]), 5.3, 'the threshold row');
    const cvRow = junior.find((r) => /^差异系数/.test(r[0]));
    assert.equal(Number(cvRow[4 + 5]).toFixed(4), cvOf(ev, 'junior', 'q6').toFixed(4));
    const heping = junior.find((r) => /和平镇初级中学/.test(r[2]));
    assert.equal(heping[4 + 7 + 1], '未达标');
    assert.match(heping[4 + 7 + 2], /85%/);
    assert.ok(junior.some((r) => r[0] === '结论' && /未达标/.test(r[4])));
    const b = readXlsx((await download(admin, `/api/v1/balance/exports/basic?county_code=${CX}&school_year=2025`)).bytes, 1);
    assert.match(b[1][8], /生均图书册数/);
    const comp = b.find((r) => r[0] === '综合差异系数');
    assert.equal(Number(comp[4]).toFixed(4), section(ev, 'primary').basic.composite_cv.toFixed(4));
    assertError(await admin.get(`/api/v1/balance/exports/gold?county_code=${CX}`), 404, 'not_found', 'kind');
  });

  test('the PDF evaluation report names the verdict, the failing schools and the plan', async () => {
    const x = await download(admin, `/api/v1/balance/report?county_code=${CX}&school_year=2025`);
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('content-type'), 'application/pdf');
    const text = pdfText(x.bytes);
    assert.match(text, /长兴县义务教育均衡发展评估报告/);
    assert.match(text, /2025–2026 学年/);
    assert.match(text, /未达标/);
    assert.match(text, /和平镇初级中学/);
    assert.match(text, /达标测算/);
    assert.match(text, /0\.45/);
    const dq = pdfText((await download(leader, `/api/v1/balance/report?county_code=${DQ}&school_year=2025`)).bytes);
    assert.match(dq, /资源配置：达标/);
  });
});

describe('provincial and city overrides of the rules, without a rebuild', () => {
  let prov;
  before(async () => {
    const r = cli(['user', 'add', '--db', srv.dbUrl, '--data', srv.dataDir, '--username', 'prov_admin', '--role', 'admin',
      '--region', '330000', '--name', '省督导室', '--password-stdin'], { input: 'Prov@2026pass\n', timeout: 30000 });
    assert.equal(r.status, 0, r.stderr);
    prov = await loginAs(srv.base, 'prov_admin', 'Prov@2026pass');
  });
  const strict = {
    standard: 'quality', version: '2017', jurisdiction: '330000', note: '浙江省更严的生均教学及辅助用房',
    indicators: [{ key: 'q4', threshold: { primary: 20 } }],
  };
  const valueOf = (rules, path) => rules.values.find((v) => v.path === path);

  test('the rules in force, each value with its source', async () => {
    const r = await admin.get(`/api/v1/balance/rules?region_code=${DQ}`);
    assert.equal(r.status, 200, r.text);
    const v = valueOf(r.json, 'quality.cv_limit.primary');
    assert.equal(v.value, 0.5);
    assert.deepEqual(v.source, { kind: 'compiled', jurisdiction: 'national', file: 'standards/balance/quality-2017-national.json' });
    assert.equal(valueOf(r.json, 'quality.indicators.q4.threshold.primary').value, 4.5);
    assert.deepEqual(r.json.overrides, []);
    assert.deepEqual(r.json.editable, ['330500'], 'the city admin may set its city, not the province');
    assert.deepEqual((await prov.get(`/api/v1/balance/rules?region_code=${DQ}`)).json.editable, ['330000', '330500']);
    assert.deepEqual((await adminDq.get(`/api/v1/balance/rules?region_code=${DQ}`)).json.editable, []);
    // a region that is not there (or outside the caller's) is 404
    assertError(await admin.get('/api/v1/balance/rules?region_code=130102'), 404, 'not_found');
  });

  test('a county or city admin cannot set a province\'s rules', async () => {
    assertError(await adminDq.put('/api/v1/balance/rules/overrides', { document: strict }), 404, 'not_found');
    assertError(await admin.put('/api/v1/balance/rules/overrides', { document: strict }), 404, 'not_found');
    assertError(await adminDq.put('/api/v1/balance/rules/overrides', { document: { ...strict, jurisdiction: '330521' } }),
      400, 'invalid', 'document.jurisdiction');
    assertError(await leader.put('/api/v1/balance/rules/overrides', { document: strict }), 403, 'forbidden');
    assert.deepEqual((await prov.get(`/api/v1/balance/rules?region_code=${DQ}`)).json.overrides, []);
  });

  test('a bad override is refused with the key named, and changes nothing', async () => {
    const bad = [
      [{ ...strict, cv_limit: { primary: 1.5 } }, 'document.cv_limit.primary'],
      [{ ...strict, indicators: [{ key: 'q4', thresold: { primary: 5 } }] }, 'document.indicators.q4.thresold'],
      [{ ...strict, indicators: [{ key: 'q4', threshold: { primary: 45 } }] }, 'document.indicators.q4.threshold.primary'],
      [{ ...strict, indicators: [{ key: 'q9', threshold: { primary: 1 } }] }, 'document.indicators[0].key'],
      [{ ...strict, school_rule: { min_met: 6.5 } }, 'document.school_rule.min_met'],
      [{ ...strict, colour: 'red' }, 'document.colour'],
      [{ standard: 'prices', version: '2017', jurisdiction: '330000', resources: { gold: { price: 1 } } }, 'document.resources.gold'],
      [{ standard: 'scope', version: '2012', jurisdiction: '330000', split: { resources: ['books'] } }, 'document.split.resources'],
    ];
    for (const [doc, field] of bad) assertError(await prov.put('/api/v1/balance/rules/overrides', { document: doc }), 400, 'invalid', field);
    const r = await prov.get(`/api/v1/balance/rules?region_code=${DQ}`);
    assert.deepEqual(r.json.overrides, []);
    assert.equal(valueOf(r.json, 'quality.cv_limit.primary').value, 0.5);
    const ev = (await admin.get(`/api/v1/balance/evaluation?county_code=${DQ}&school_year=2025`)).json;
    assert.equal(ev.verdict.is_quality_passed, true);
  });

  test('an override for 330000 changes 德清\'s verdict; removed, the national rule is back; both audited', async () => {
    let r = await prov.put('/api/v1/balance/rules/overrides', { document: strict });
    assert.equal(r.status, 200, r.text);
    const v = valueOf(r.json, 'quality.indicators.q4.threshold.primary');
    assert.equal(v.value, 20);
    assert.equal(v.source.kind, 'override');
    assert.equal(v.source.jurisdiction, '330000');
    assert.equal(v.source.updated_by, 'prov_admin');
    assert.equal(valueOf(r.json, 'quality.indicators.q4.threshold.junior').source.kind, 'compiled', 'only what it names');
    assert.equal(r.json.overrides.length, 1);
    // the county evaluation of 德清 (a city admin reads it) now applies it
    let ev = (await admin.get(`/api/v1/balance/evaluation?county_code=${DQ}&school_year=2025`)).json;
    assert.equal(ev.verdict.is_quality_passed, false);
    assert.ok(ev.rules.sources.includes('quality 2017 330000'));
    const pr = section(ev, 'primary');
    assert.ok(pr.schools.every((s) => !s.is_passed && s.failing.some((f) => f.key === 'q4')));
    assert.equal(ev.rules.quality.find((q) => q.key === 'q4').threshold.primary, 20);
    // the audit rows are the province's: a provincial auditor reads them
    const u = cli(['user', 'add', '--db', srv.dbUrl, '--data', srv.dataDir, '--username', 'prov_auditor', '--role', 'auditor',
      '--region', '330000', '--password-stdin'], { input: 'Prov@2026pass\n', timeout: 30000 });
    assert.equal(u.status, 0, u.stderr);
    const auditor = await loginAs(srv.base, 'prov_auditor', 'Prov@2026pass');
    let a = (await auditor.get('/api/v1/audit?entity=balance_rule_override')).json.items;
    assert.ok(a.some((x) => x.action === 'create' && x.entity_id === '330000/quality'), JSON.stringify(a));
    // replacing it is an update
    r = await prov.put('/api/v1/balance/rules/overrides', { document: { ...strict, indicators: [{ key: 'q4', threshold: { primary: 4.6 } }] } });
    assert.equal(r.status, 200, r.text);
    assert.equal(valueOf(r.json, 'quality.indicators.q4.threshold.primary').value, 4.6);
    assertError(await admin.del('/api/v1/balance/rules/overrides/330000/quality'), 404, 'not_found');
    r = await prov.del('/api/v1/balance/rules/overrides/330000/quality');
    assert.equal(r.status, 204, r.text);
    assertError(await prov.del('/api/v1/balance/rules/overrides/330000/quality'), 404, 'not_found');
    ev = (await admin.get(`/api/v1/balance/evaluation?county_code=${DQ}&school_year=2025`)).json;
    assert.equal(ev.verdict.is_quality_passed, true);
    a = (await auditor.get('/api/v1/audit?entity=balance_rule_override')).json.items;
    assert.deepEqual(a.map((x) => x.action).sort(), ['create', 'delete', 'update']);
  });
});

describe('the command line', () => {
  test('dudao balance eval on the official worked example (CSV) and on the database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balance-cli-'));
    const f = join(dir, 'example.csv');
    const head = 'school_code,school_name,county_code,section,students,teachers,teachers_above_degree,teachers_mid_title,' +
      'backbone_teachers,pe_art_teachers,room_area,sports_area,equipment_value,multimedia_rooms,computers,books,note\n';
    const rows = [[45, 279], [37, 137], [89, 935], [76, 160], [55, 402]]
      .map(([p, b], i) => `S${i + 1},小学${i + 1},999999,primary,${p},3,3,1,1,1,300,500,90000,1,5,${b},x`).join('\n');
    writeFileSync(f, head + rows + '\n');
    let r = cli(['balance', 'eval', '--csv', f, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.counties.length, 1);
    assert.equal(out.counties[0].section, 'primary');
    assert.equal(out.counties[0].cv.books.toFixed(4), '0.5153');
    assert.equal(typeof out.counties[0].basic.composite_cv, 'number');
    assert.equal(typeof out.counties[0].quality.passed, 'boolean');
    r = cli(['balance', 'eval', '--db', srv.dbUrl, '--year', '2025', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const db = JSON.parse(r.stdout);
    const cx = db.counties.filter((c) => c.county_code === CX);
    assert.ok(cx.some((c) => !c.quality.passed && c.quality.failing_schools.length > 0));
    assert.ok(db.counties.filter((c) => c.county_code === DQ).every((c) => c.quality.passed && c.basic.passed));
    writeFileSync(f, head + 'S1,x,999999,senior,10,1,1,1,1,1,1,1,1,1,1,1,x\n');
    r = cli(['balance', 'eval', '--csv', f]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /section/);
    rmSync(dir, { recursive: true, force: true });
  });
});
