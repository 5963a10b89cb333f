// 质量监测 over real HTTP: the template, the all-or-nothing import with row-level errors, the
// analysis (schools, regions, subjects, cycles, the declared 校际差异率, suppression), the
// 整改方案 that open findings and are re-measured next cycle, and scope (another county sees
// nothing). Runs unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { xlsx } from '../lib/xlsx.mjs';
import { loginAs, assertError, stopClean, createUser } from './client.mjs';

const DQ = '330521'; // 德清县
const HEAD = ['监测年度', '来源', '学科', '年级', '区划代码', '学校标识码', '维度', '相关因素', '学生数', '平均量尺分',
  '水平Ⅰ(%)', '水平Ⅱ(%)', '水平Ⅲ(%)', '水平Ⅳ(%)', '校际差异', '指标值', '数据可靠性'];

let srv, admin, adminDq, leader, inspector, schools, cxSchool, town, kindergarten;

// One row of the template from named values.
function row(v) {
  return HEAD.map((h) => (v[h] === undefined ? '' : String(v[h])));
}
const lv = (a, b, c, d) => ({ '水平Ⅰ(%)': a, '水平Ⅱ(%)': b, '水平Ⅲ(%)': c, '水平Ⅳ(%)': d });
const base = { 监测年度: 2024, 来源: '国家', 学科: '数学', 年级: 4, 区划代码: DQ };
// school means for the difference rate; school 5 has too few students, school 6 is unreliable
const MEANS = [520, 500, 480, 540, 460, 300, 700];
const NS = [120, 100, 80, 150, 90, 30, 200];

function goodRows() {
  const rows = [HEAD];
  rows.push(row({ ...base, 学生数: 640, 平均量尺分: 505, ...lv(10, 25, 40, 25), 校际差异: 0.12 }));
  rows.push(row({ ...base, 维度: '数与代数', 学生数: 640, 平均量尺分: 470, ...lv(25, 35, 30, 10) }));
  rows.push(row({ ...base, 维度: '图形与几何', 学生数: 640, 平均量尺分: 515, ...lv(8, 22, 45, 25) }));
  rows.push(row({ ...base, 区划代码: town, 学生数: 200, 平均量尺分: 498, ...lv(12, 28, 40, 20) }));
  schools.slice(0, 7).forEach((s, i) => {
    rows.push(row({ ...base, 来源: '省', 学校标识码: s.code, 学生数: NS[i], 平均量尺分: MEANS[i],
      ...lv(10, 30, 40, 20), 数据可靠性: i === 6 ? '不可靠' : '' }));
  });
  rows.push(row({ ...base, 来源: '省', 学校标识码: schools[1].code, 维度: '数与代数', 学生数: 100, 平均量尺分: 450,
    ...lv(30, 35, 25, 10) }));
  rows.push(row({ ...base, 学科: '', 相关因素: '睡眠时间', 学生数: 640, 指标值: 41.5 }));
  rows.push(row({ ...base, 学科: '语文', 学生数: 640, 平均量尺分: 530, ...lv(5, 20, 45, 30) }));
  // the next cycle re-measures 数与代数 in the county and at school 1
  rows.push(row({ ...base, 监测年度: 2027, 学生数: 650, 平均量尺分: 512, ...lv(8, 24, 42, 26) }));
  rows.push(row({ ...base, 监测年度: 2027, 维度: '数与代数', 学生数: 650, 平均量尺分: 492, ...lv(12, 30, 40, 18) }));
  rows.push(row({ ...base, 监测年度: 2027, 来源: '省', 学校标识码: schools[1].code, 维度: '数与代数', 学生数: 100,
    平均量尺分: 455, ...lv(28, 35, 27, 10) }));
  return rows;
}

// The declared formula, computed independently.
function weightedCv(means, ns) {
  const w = ns.reduce((s, n) => s + n, 0);
  const m = means.reduce((s, x, i) => s + x * ns[i], 0) / w;
  const v = means.reduce((s, x, i) => s + ns[i] * (x - m) ** 2, 0) / w;
  return Math.sqrt(v) / m;
}

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  adminDq = await loginAs(srv.base, 'admin_dq');
  leader = await loginAs(srv.base, 'leader');
  inspector = await loginAs(srv.base, 'inspector');
  const list = (await adminDq.get('/api/v1/schools?page_size=200')).json.items;
  schools = list.filter((s) => s.status !== 'closed' && s.type_code === '211');
  assert.ok(schools.length >= 7, 'the demo county has enough schools');
  kindergarten = list.find((s) => s.type_code === '111');
  assert.ok(kindergarten, 'the demo county has a kindergarten');
  cxSchool = (await admin.get('/api/v1/schools?region_code=330522&page_size=5')).json.items[0];
  town = schools[0].region_code;
});
after(() => stopClean(srv));

async function download(client, path) {
  const r = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  return { status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
}

describe('质量监测', () => {
  test('the XLSX and CSV templates download with the importer header', async () => {
    const x = await download(adminDq, '/api/v1/monitoring/imports/template');
    assert.equal(x.status, 200);
    assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
    const c = await download(adminDq, '/api/v1/monitoring/imports/template?format=csv');
    assert.equal(c.status, 200);
    assert.match(c.type, /text\/csv/);
    const text = c.bytes.toString('utf8').replace(/^\uFEFF/, '');
    assert.equal(text.split('\r\n')[0], HEAD.join(','));
    assertError(await adminDq.get('/api/v1/monitoring/imports/template?format=pdf'), 400, 'invalid', 'format');
    assertError(await inspector.get('/api/v1/monitoring/imports/template'), 403, 'forbidden');
  });

  test('a bad file is refused row by row and writes nothing', async () => {
    const rows = [HEAD,
      row({ ...base, 学生数: 640, 平均量尺分: 505, ...lv(10, 25, 40, 24) }), // sum 99 → ok (not written: file fails)
      row({ ...base, 维度: '图形与几何', 学生数: 640, ...lv(10, 25, 40, 24.4) }), // 99.4: still inside ± 0.5? no: 99.4
      row({ ...base, 学科: '物理', 平均量尺分: 500 }),
      row({ ...base, 维度: '代数几何', 平均量尺分: 500 }),
      row({ ...base, 来源: '省', 学校标识码: cxSchool.code, 平均量尺分: 500 }),
      row({ ...base, 年级: 6, 平均量尺分: 500 }),
      row({ ...base, 区划代码: '330522', 平均量尺分: 500 }),
      row({ ...base, 学科: '', 相关因素: '零花钱', 指标值: 3 }),
      row({ ...base, 来源: '省', 学校标识码: kindergarten.code, 平均量尺分: 500 }),
    ];
    const r = await adminDq.req('POST', '/api/v1/monitoring/imports', { raw: xlsx(rows), contentType: 'application/octet-stream' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error, 'invalid_rows');
    assert.equal(r.json.is_written, false);
    assert.deepEqual(r.json.errors.map((e) => [e.row, e.column]), [
      [2, '水平Ⅰ(%)'], [3, '水平Ⅰ(%)'], [4, '学科'], [5, '维度'], [6, '学校标识码'], [7, '年级'], [8, '区划代码'],
      [9, '相关因素'], [10, '学校标识码']]);
    assert.match(r.json.errors[8].message, /没有小学学段/);
    assert.match(r.json.errors[0].message, /100% ± 0.5/);
    assert.match(r.json.errors[4].message, /不是本县/);
    const a = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}`)).json;
    assert.deepEqual(a.cycles, [], 'nothing was written');
    // 99.5 and 100.5 are the edges that pass
    const edge = [HEAD, row({ ...base, 学科: '英语', 平均量尺分: 1, ...lv(10, 25, 40, 24.5) }),
      row({ ...base, 学科: '科学', 平均量尺分: 1, ...lv(10, 25, 40, 25.5) }), row({ ...base, 学科: '艺术', ...lv(10, 25, 40, 25.51) })];
    const e = await adminDq.req('POST', '/api/v1/monitoring/imports', { raw: xlsx(edge), contentType: 'application/octet-stream' });
    assert.equal(e.status, 400);
    assert.deepEqual(e.json.errors.map((x) => x.row), [4]);
    assertError(await adminDq.req('POST', '/api/v1/monitoring/imports', { raw: '学科,颜色\n数学,红\n', contentType: 'text/csv' }),
      400, 'invalid', 'file');
  });

  test('a good file is imported and analysed across schools, regions, subjects and cycles', async () => {
    const r = await adminDq.req('POST', '/api/v1/monitoring/imports', { raw: xlsx(goodRows()), contentType: 'application/octet-stream' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_written, true);
    assert.equal(r.json.n_created, goodRows().length - 1);
    const a = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&cycle=2024&subject=math&grade=4`)).json;
    assert.deepEqual(a.cycles, [2027, 2024]);
    assert.equal(a.subject.name_zh, '数学');
    assert.equal(a.county.mean_score, 505);
    assert.equal(a.county.share_iii_up, 65);
    assert.equal(a.schools.length, 7);
    const bySchool = Object.fromEntries(a.schools.map((s) => [s.code, s]));
    assert.equal(bySchool[schools[5].code].figure.suppressed, 'few_students');
    assert.equal(bySchool[schools[5].code].figure.mean_score, undefined, 'a suppressed figure shows no value');
    assert.equal(bySchool[schools[6].code].figure.suppressed, 'unreliable');
    assert.ok(Math.abs(bySchool[schools[0].code].attainment - 520 / 505) < 1e-9);
    const expect = weightedCv(MEANS.slice(0, 5), NS.slice(0, 5));
    assert.ok(Math.abs(a.diff_rate.computed - expect) < 1e-12, `${a.diff_rate.computed} vs ${expect}`);
    assert.equal(a.diff_rate.reported, 0.12);
    assert.equal(a.diff_rate.n_reportable, 5);
    assert.equal(a.diff_rate.is_definition_uncertain, true);
    assert.match(a.diff_rate.formula_zh, /加权标准差/);
    assert.equal(a.item_3_9.level_passes, true);
    assert.equal(a.item_3_9.diff_passes, expect < 0.15);
    const dims = Object.fromEntries(a.dimensions.map((d) => [d.dimension, d]));
    assert.equal(dims['数与代数'].weak, true);
    assert.equal(dims['图形与几何'].weak, false);
    assert.equal(bySchool[schools[1].code].dimensions[0].weak, true);
    assert.deepEqual(a.regions.map((g) => g.region_code), [town]);
    assert.deepEqual(a.subjects.map((s) => s.subject).sort(), ['chinese', 'math']);
    assert.deepEqual(a.trend.map((t) => t.cycle), [2024, 2027]);
    assert.equal(a.factors[0].factor, '睡眠时间');
    assert.equal(a.factors[0].figure.value, 41.5);
    // a stricter reporting standard suppresses more; fewer than min_schools leaves no rate
    const b = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&cycle=2024&subject=数学&grade=4&min_students=110`)).json;
    assert.equal(b.diff_rate.n_reportable, 2);
    assert.equal(b.diff_rate.computed, null);
    assert.equal(b.item_3_9.diff_passes, 0.12 < 0.15, 'the reported figure stands in');
    assertError(await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&subject=物理`), 400, 'invalid', 'subject');
    assertError(await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&grade=5`), 400, 'invalid', 'grade');
    // re-importing the same figures replaces them (no duplicates)
    const again = await adminDq.req('POST', '/api/v1/monitoring/imports', { raw: xlsx(goodRows()), contentType: 'application/octet-stream' });
    assert.equal(again.status, 200);
    const c = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&cycle=2024&subject=math&grade=4`)).json;
    assert.equal(c.schools.length, 7);
    // item 3.9 for the verdict: each subject and grade at its latest cycle with a county figure
    const item = (await adminDq.get(`/api/v1/monitoring/item39?county_code=${DQ}`)).json;
    assert.deepEqual(item.items.map((x) => [x.subject, x.grade, x.cycle]), [['math', 4, 2027], ['chinese', 4, 2024]]);
    const math = item.items[0];
    assert.equal(math.level_passes, true); // 2027: 68 % at Ⅲ + Ⅳ
    assert.equal(math.diff_rate.computed, null); // no school figures in 2027
    assert.equal(math.diff_passes, null);
    assert.equal(math.passes, null);
    assert.equal(item.items[1].passes, null, '语文 has neither school figures nor a reported rate');
    assert.equal(item.passes, null, 'nothing evaluable is never a pass');
    // the round reports a 校际差异 of exactly 0.15 for 2027: 低于 0.15 fails
    const r15 = await adminDq.req('POST', '/api/v1/monitoring/imports', { raw: xlsx([HEAD,
      row({ ...base, 监测年度: 2027, 学生数: 650, 平均量尺分: 512, ...lv(8, 24, 42, 26), 校际差异: 0.15 })]),
    contentType: 'application/octet-stream' });
    assert.equal(r15.status, 200, r15.text);
    const item15 = (await adminDq.get(`/api/v1/monitoring/item39?county_code=${DQ}`)).json;
    assert.equal(item15.items[0].diff_passes, false);
    assert.equal(item15.items[0].passes, false);
    assert.equal(item15.passes, false);
    assert.equal(item15.n_failed, 1);
    // the verdict's e9 is judged on the monitoring results, not on an entry: school year 2025
    // takes each subject's latest cycle up to 2026 (math grade 4: 2024, with school figures)
    const a24 = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&cycle=2024&subject=math&grade=4`)).json;
    const e9of = (v) => v.parts.flatMap((p) => p.items).find((i) => i.key === 'e9');
    const v25 = await adminDq.get(`/api/v1/balance/verdict?county_code=${DQ}&school_year=2025&mode=official`);
    assert.equal(v25.status, 200, v25.text);
    const e25 = e9of(v25.json);
    assert.equal(e25.computed_from, 'monitoring');
    assert.equal(e25.status, a24.item_3_9.passes ? 'met' : 'failed');
    // school year 2026 reaches the 2027 cycle, whose reported 0.15 is not 低于 0.15
    const e26 = e9of((await adminDq.get(`/api/v1/balance/verdict?county_code=${DQ}&school_year=2026&mode=official`)).json);
    assert.equal(e26.computed_from, 'monitoring');
    assert.equal(e26.status, 'failed');
    // the city leader reads it too
    assert.equal((await leader.get(`/api/v1/monitoring/analysis?county_code=${DQ}`)).status, 200);
    assertError(await inspector.get(`/api/v1/monitoring/analysis?county_code=${DQ}`), 403, 'forbidden');
  });

  test('a plan for a weak dimension opens findings and is re-measured next cycle', async () => {
    const body = { county_code: DQ, cycle: 2024, subject: 'math', grade: 4, dimension: '数与代数',
      school_ids: [schools[1].id], measures: '开展数与代数专题教研，每周一次分层辅导', deadline: '2026-12-31' };
    let r = await adminDq.post('/api/v1/monitoring/plans', body);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.items.length, 1);
    const f = (await adminDq.get(`/api/v1/findings/${r.json.items[0].finding_id}`)).json;
    assert.equal(f.category, '质量监测');
    assert.equal(f.school_id, schools[1].id);
    assert.equal(f.indicator_code, 'monitoring/math/4/数与代数');
    assert.match(f.description, /数与代数薄弱/);
    r = await adminDq.post('/api/v1/monitoring/plans', { ...body, school_ids: undefined, measures: '全县数学教研' });
    assert.equal(r.status, 201, r.text);
    const countyFinding = (await adminDq.get(`/api/v1/findings/${r.json.items[0].finding_id}`)).json;
    assert.equal(countyFinding.school_id, null);
    assert.equal(countyFinding.region_code, DQ);
    const p = (await adminDq.get(`/api/v1/monitoring/plans?county_code=${DQ}`)).json.items;
    assert.equal(p.length, 2);
    const [county, school] = p;
    assert.equal(county.baseline.share_iii_up, 40);
    assert.equal(county.next.cycle, 2027);
    assert.equal(county.next.share_iii_up, 58);
    assert.equal(county.status, 'improved');
    assert.equal(school.baseline.share_iii_up, 35);
    assert.equal(school.next.share_iii_up, 37);
    assert.equal(school.finding_state, 'draft');
    // bad plans change nothing
    const before = (await adminDq.get(`/api/v1/findings?category=质量监测`)).json.total;
    assertError(await adminDq.post('/api/v1/monitoring/plans', { ...body, dimension: '代数几何' }), 400, 'invalid', 'dimension');
    assertError(await adminDq.post('/api/v1/monitoring/plans', { ...body, cycle: 2030 }), 400, 'invalid', 'cycle');
    assertError(await adminDq.post('/api/v1/monitoring/plans', { ...body, school_ids: [schools[1].id, cxSchool.id] }), 404,
      'not_found', 'school_ids');
    assertError(await adminDq.post('/api/v1/monitoring/plans', { ...body, measures: '' }), 400, 'invalid', 'measures');
    assert.equal((await adminDq.get(`/api/v1/findings?category=质量监测`)).json.total, before);
    assertError(await leader.post('/api/v1/monitoring/plans', body), 403, 'forbidden');
  });

  test('the reporting standard is a setting of the county, inherited from the city', async () => {
    assert.deepEqual((await adminDq.get(`/api/v1/monitoring/settings?county_code=${DQ}`)).json,
      { county_code: DQ, min_students: 62, min_schools: 5 });
    // the city sets 110 students: 德清 inherits it
    let r = await admin.put('/api/v1/monitoring/settings', { region_code: '330500', name: 'monitoring.min_students', value: 110 });
    assert.equal(r.status, 200, r.text);
    assert.equal((await adminDq.get(`/api/v1/monitoring/settings?county_code=${DQ}`)).json.min_students, 110);
    let a = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&cycle=2024&subject=math&grade=4`)).json;
    assert.equal(a.min_students, 110);
    assert.equal(a.diff_rate.n_reportable, 2);
    // the county's own value overrides the city's; a query parameter overrides both for one view
    r = await adminDq.put('/api/v1/monitoring/settings', { region_code: DQ, name: 'monitoring.min_students', value: 62 });
    assert.equal(r.json.min_students, 62);
    a = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&cycle=2024&subject=math&grade=4`)).json;
    assert.equal(a.diff_rate.n_reportable, 5);
    a = (await adminDq.get(`/api/v1/monitoring/analysis?county_code=${DQ}&cycle=2024&subject=math&grade=4&min_schools=6`)).json;
    assert.equal(a.diff_rate.computed, null);
    assertError(await adminDq.put('/api/v1/monitoring/settings', { region_code: DQ, name: 'monitoring.colour', value: 3 }),
      400, 'invalid', 'name');
    assertError(await adminDq.put('/api/v1/monitoring/settings', { region_code: DQ, name: 'monitoring.min_schools', value: 1 }),
      400, 'invalid', 'value');
    assertError(await adminDq.put('/api/v1/monitoring/settings', { region_code: '330522', name: 'monitoring.min_schools', value: 3 }),
      404, 'not_found', 'region_code');
    assertError(await leader.put('/api/v1/monitoring/settings', { region_code: DQ, name: 'monitoring.min_schools', value: 3 }),
      403, 'forbidden');
    r = await admin.put('/api/v1/monitoring/settings', { region_code: '330500', name: 'monitoring.min_students', value: 62 });
    assert.equal(r.status, 200);
  });

  test('another county sees nothing of it', async () => {
    const cx = await createUser(admin, { role: 'admin', region_code: '330522' });
    const cxc = await loginAs(srv.base, cx.username, 'Str0ng-Passw0rd');
    assertError(await cxc.get(`/api/v1/monitoring/analysis?county_code=${DQ}`), 404, 'not_found', 'county_code');
    assertError(await cxc.get(`/api/v1/monitoring/plans?county_code=${DQ}`), 404, 'not_found', 'county_code');
    const own = (await cxc.get('/api/v1/monitoring/analysis')).json;
    assert.equal(own.county_code, '330522');
    assert.deepEqual(own.cycles, []);
    assert.deepEqual(own.schools, []);
    assert.deepEqual((await cxc.get('/api/v1/monitoring/plans')).json.items, []);
    assertError(await cxc.post('/api/v1/monitoring/plans', { county_code: DQ, cycle: 2024, subject: 'math', grade: 4,
      measures: 'x' }), 404, 'not_found', 'county_code');
    // its import of 德清's figures is a row error: the region is outside its scope
    const r = await cxc.req('POST', '/api/v1/monitoring/imports', { raw: xlsx([HEAD, row({ ...base, 平均量尺分: 1 })]),
      contentType: 'application/octet-stream' });
    assert.equal(r.status, 400);
    assert.equal(r.json.errors[0].column, '区划代码');
    // the city admin's default region is not a county
    assertError(await admin.get('/api/v1/monitoring/analysis'), 400, 'invalid', 'county_code');
  });
});
