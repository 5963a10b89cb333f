// 挂牌督导 set-up over real HTTP: schools, zones, inspectors, assignments and coverage, with
// the national rules (学校标识码, GB/T 2260, 5 schools an inspector, 回避, zones ≤ 20) and
// the scope of every role. Runs unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { xlsx, readXlsx } from '../lib/xlsx.mjs';
import { loginAs, assertError, stopClean } from './client.mjs';

let srv, admin, adminDq, auditor;
let seq = 900000;
const nextCode = (aa = '21') => `${aa}33${String(seq++).padStart(6, '0')}`;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  adminDq = await loginAs(srv.base, 'admin_dq');
  auditor = await loginAs(srv.base, 'auditor');
});
after(() => stopClean(srv));

async function newSchool(client, fields = {}) {
  const r = await client.post('/api/v1/schools', {
    code: nextCode(), name: `测试小学${seq}`, region_code: '330521001', type_code: '211', ...fields,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function newInspector(client, fields = {}) {
  const r = await client.post('/api/v1/inspectors', {
    cert_no: `T-${seq++}`, name: `测试督学${seq}`, kind: 'part_time', region_code: '330521',
    degree: 'bachelor', years_in_education: 12, training_hours: 40, ...fields,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function schoolCount() {
  return (await admin.get('/api/v1/schools?page_size=1')).json.total;
}

describe('schools', () => {
  test('demo: a city of about 120 schools of all types, with zones and gaps', async () => {
    const r = await admin.get('/api/v1/schools?page_size=200');
    assert.equal(r.status, 200);
    assert.ok(r.json.total >= 100, `${r.json.total} schools`);
    const types = new Set(r.json.items.map((s) => s.type_code));
    for (const t of ['111', '211', '218', '311', '312', '341', '342', '345', '365', '513']) assert.ok(types.has(t), t);
    assert.ok(r.json.items.some((s) => s.is_private) && r.json.items.some((s) => s.is_central));
    const gaps = await admin.get('/api/v1/schools?has_inspector=false');
    assert.ok(gaps.json.total >= 1 && gaps.json.items.every((s) => s.inspector_id === null));
  });

  test('create, read with sections, rename keeps the code', async () => {
    const s = await newSchool(admin, { sections: [{ section: 'primary', enrollment: 420, n_classes: 12 }], lat: 30.5, lng: 119.9 });
    assert.equal(s.type_label, '小学');
    assert.equal(s.enrollment, 420);
    assert.equal(s.county_code, '330521');
    const r = await admin.patch(`/api/v1/schools/${s.id}`, { name: '更名后的小学' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.code, s.code);
    assert.equal(r.json.name, '更名后的小学');
    assertError(await admin.patch(`/api/v1/schools/${s.id}`, { code: nextCode() }), 400, 'invalid', 'code');
  });

  test('invalid codes and values → 400 naming the field, nothing written', async () => {
    const n = await schoolCount();
    const bad = [
      [{ code: '123' }, 'code'],
      [{ code: '2933000001' }, 'code'],          // no category 29
      [{ code: '2132000001' }, 'code'],          // 江苏's digits for a 浙江 school
      [{ region_code: '33052' }, 'region_code'],
      [{ region_code: '330599001' }, 'region_code'],
      [{ type_code: '999' }, 'type_code'],
      [{ urban_rural_code: '999' }, 'urban_rural_code'],
      [{ lat: 123 }, 'lat'],
      [{ sections: [{ section: 'senior', enrollment: 10 }] }, 'sections'], // a 小学 has no 高中
      [{ sections: [{ section: 'primary', enrollment: -1 }] }, 'sections'],
    ];
    for (const [fields, field] of bad) {
      const r = await admin.post('/api/v1/schools', { code: nextCode(), name: 'X', region_code: '330521001', type_code: '211', ...fields });
      assert.ok(r.status === 400 || r.status === 404, `${JSON.stringify(fields)}: ${r.status} ${r.text}`);
      assert.equal(r.json.field, field, JSON.stringify(fields));
    }
    const dup = await newSchool(admin);
    assertError(await admin.post('/api/v1/schools', { code: dup.code, name: 'Y', region_code: '330521001', type_code: '211' }), 409, 'conflict', 'code');
    assert.equal(await schoolCount(), n + 1);
  });

  test('closing a school voids it and ends its assignments', async () => {
    const s = await newSchool(admin);
    const i = await newInspector(admin);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: s.id })).status, 201);
    const r = await admin.patch(`/api/v1/schools/${s.id}`, { status: 'closed' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.inspector_id, null);
    const after = await admin.get(`/api/v1/schools/${s.id}`);
    assert.ok(after.json.assignments[0].ends_on);
    assert.equal(after.json.assignments[0].end_reason, 'school_closed');
  });
});

describe('inspectors', () => {
  test('the linked account must be a free 督学 account in scope', async () => {
    const users = (await admin.get('/api/v1/users?page_size=100')).json.items;
    const byName = (n) => users.find((u) => u.username === n);
    const body = (extra) => ({ cert_no: `U-${seq++}`, name: `关联督学${seq}`, kind: 'part_time', region_code: '330521',
      degree: 'bachelor', years_in_education: 12, training_hours: 40, ...extra });
    const before = (await admin.get('/api/v1/inspectors?page_size=1')).json.total;
    assertError(await admin.post('/api/v1/inspectors', body({ user_id: byName('school').id })), 400, 'invalid', 'user_id');
    assertError(await admin.post('/api/v1/inspectors', body({ user_id: byName('inspector').id })), 409, 'conflict', 'user_id');
    assertError(await admin.post('/api/v1/inspectors', body({ user_id: 987654321 })), 404, 'not_found', 'user_id');
    assert.equal((await admin.get('/api/v1/inspectors?page_size=1')).json.total, before, 'nothing was created');
    // a new 督学 account links once; relinking the same inspector to it is no conflict
    const u = await admin.post('/api/v1/users', { username: `link${seq++}`, display_name: '新督学', role: 'inspector',
      region_code: '330521', password: 'Dudao@2026-link' });
    assert.equal(u.status, 201, u.text);
    const i = await newInspector(admin, { user_id: u.json.id });
    assert.equal(i.user_id, u.json.id);
    assert.equal((await admin.patch(`/api/v1/inspectors/${i.id}`, { user_id: u.json.id, name: '改名督学' })).status, 200);
    assertError(await admin.post('/api/v1/inspectors', body({ user_id: u.json.id })), 409, 'conflict', 'user_id');
  });
});

describe('assignments (挂牌)', () => {
  test('the sixth school warns, over the hard limit is refused', async () => {
    const i = await newInspector(admin);
    const schools = [];
    for (let k = 0; k < 9; k++) schools.push(await newSchool(admin));
    for (let k = 0; k < 5; k++) {
      const r = await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: schools[k].id });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.verdict, 'ok');
    }
    const sixth = await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: schools[5].id });
    assert.equal(sixth.status, 201);
    assert.equal(sixth.json.verdict, 'warn');
    assert.equal(sixth.json.warnings[0].code, 'over_capacity');
    for (const k of [6, 7]) assert.equal((await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: schools[k].id })).status, 201);
    const check = await admin.post('/api/v1/assignments/check', { inspector_id: i.id, school_id: schools[8].id });
    assert.equal(check.json.verdict, 'refuse');
    const ninth = await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: schools[8].id });
    assertError(ninth, 400, 'invalid', 'inspector_id');
    assert.match(ninth.json.message, /上限/);
    const got = await admin.get(`/api/v1/schools/${schools[8].id}`);
    assert.equal(got.json.inspector_id, null, 'nothing written');
    const roster = await admin.get(`/api/v1/inspectors/${i.id}`);
    assert.equal(roster.json.n_schools, 8);
    assert.ok(roster.json.warnings.some((w) => w.code === 'over_capacity'));
  });

  test('回避: a declared relative of the principal is refused with the reason', async () => {
    const s = await newSchool(admin);
    const i = await newInspector(admin);
    assert.equal((await admin.post(`/api/v1/inspectors/${i.id}/relations`, { school_id: s.id, kind: 'relative_of_principal', note: '配偶' })).status, 204);
    const r = await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: s.id });
    assertError(r, 400, 'invalid', 'inspector_id');
    assert.match(r.json.message, /近亲属/);
    assert.equal((await admin.get(`/api/v1/schools/${s.id}`)).json.inspector_id, null);
    const got = await admin.get(`/api/v1/inspectors/${i.id}`);
    assert.deepEqual(got.json.relations.map((x) => [x.school_id, x.kind, x.note]), [[s.id, 'relative_of_principal', '配偶']]);
  });

  test('a new lead replaces the old one and history is kept', async () => {
    const s = await newSchool(admin);
    const a = await newInspector(admin);
    const b = await newInspector(admin);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: a.id, school_id: s.id })).status, 201);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: b.id, school_id: s.id })).status, 201);
    const got = await admin.get(`/api/v1/schools/${s.id}`);
    assert.equal(got.json.inspector_id, b.id);
    assert.equal(got.json.assignments.length, 2);
    assert.equal(got.json.assignments[1].end_reason, 'replaced');
    const again = await admin.post('/api/v1/assignments/check', { inspector_id: b.id, school_id: s.id });
    assert.equal(again.json.verdict, 'refuse');
    assert.equal(again.json.reasons.at(-1).code, 'already_assigned');
    const member = await admin.post('/api/v1/assignments', { inspector_id: a.id, school_id: s.id, role: 'member' });
    assert.equal(member.status, 201, member.text);
    assert.equal((await admin.get(`/api/v1/schools/${s.id}`)).json.n_inspectors, 2);
    assertError(await admin.post('/api/v1/assignments', { inspector_id: a.id, school_id: s.id, role: 'boss' }), 400, 'invalid', 'role');
  });

  test('coverage lists the gap until the school is assigned', async () => {
    const s = await newSchool(admin);
    let cov = await admin.get('/api/v1/coverage');
    assert.equal(cov.status, 200);
    assert.ok(cov.json.gaps.some((g) => g.id === s.id));
    assert.ok(cov.json.counties.length === 2 && cov.json.zones.length >= 6);
    const i = await newInspector(admin);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: s.id })).status, 201);
    cov = await admin.get('/api/v1/coverage');
    assert.ok(!cov.json.gaps.some((g) => g.id === s.id));
  });
});

describe('zones (责任区)', () => {
  test('a zone takes at most 20 schools', async () => {
    const z = await admin.post('/api/v1/zones', { county_code: '330522', name: `测试责任区${seq++}`, district_name: '测试片' });
    assert.equal(z.status, 201, z.text);
    const ids = [];
    for (let k = 0; k < 21; k++) ids.push((await newSchool(admin, { region_code: '330522001' })).id);
    const r20 = await admin.post(`/api/v1/zones/${z.json.id}/schools`, { school_ids: ids.slice(0, 20) });
    assert.equal(r20.status, 200, r20.text);
    assert.equal(r20.json.n_schools, 20);
    assertError(await admin.post(`/api/v1/zones/${z.json.id}/schools`, { school_ids: [ids[20]] }), 400, 'invalid', 'school_ids');
    assertError(await admin.patch(`/api/v1/schools/${ids[20]}`, { zone_id: z.json.id }), 400, 'invalid', 'zone_id');
    assert.equal((await admin.get(`/api/v1/schools/${ids[20]}`)).json.zone_id, null);
    // a school of another county cannot join
    const dq = await newSchool(admin);
    assertError(await admin.post(`/api/v1/zones/${z.json.id}/schools`, { school_ids: [dq.id] }), 400, 'invalid', 'school_ids');
  });
});

describe('inspectors (督学)', () => {
  test('roster warnings and validation', async () => {
    const i = await newInspector(admin, { term_end: '2000-01-01', training_hours: 10, n_terms: 4, degree: 'associate' });
    const got = await admin.get(`/api/v1/inspectors/${i.id}`);
    const codes = got.json.warnings.map((w) => w.code);
    for (const c of ['term_ended', 'training_short', 'too_many_terms', 'qualification']) assert.ok(codes.includes(c), c);
    assertError(await admin.post('/api/v1/inspectors', { cert_no: 'X1', name: 'X', kind: 'boss', region_code: '330521' }), 400, 'invalid', 'kind');
    assertError(await admin.post('/api/v1/inspectors', { cert_no: 'X1', name: 'X', kind: 'part_time', region_code: '330521', term_end: '2026-02-30' }), 400, 'invalid', 'term_end');
    assertError(await admin.post('/api/v1/inspectors', { cert_no: i.cert_no, name: 'X', kind: 'part_time', region_code: '330521' }), 409, 'conflict', 'cert_no');
  });
});

describe('scope', () => {
  test('a county admin cannot see or change another county', async () => {
    const cx = await newSchool(admin, { region_code: '330522001' });
    assertError(await adminDq.get(`/api/v1/schools/${cx.id}`), 404, 'not_found');
    assertError(await adminDq.patch(`/api/v1/schools/${cx.id}`, { name: 'x' }), 404, 'not_found');
    const r = await adminDq.post('/api/v1/schools', { code: nextCode(), name: 'X', region_code: '330522001', type_code: '211' });
    assert.equal(r.status, 404);
    const list = await adminDq.get('/api/v1/schools?page_size=200');
    assert.ok(list.json.items.every((s) => s.county_code === '330521'));
  });

  test('an inspector sees only the schools it holds; a school only itself', async () => {
    const insp = await loginAs(srv.base, 'inspector');
    const mine = await insp.get('/api/v1/schools?page_size=200');
    assert.equal(mine.status, 200);
    assert.ok(mine.json.total >= 1 && mine.json.total <= 8, `${mine.json.total}`);
    const other = (await admin.get('/api/v1/schools?region_code=330522&page_size=1')).json.items[0];
    assertError(await insp.get(`/api/v1/schools/${other.id}`), 404, 'not_found');
    assertError(await insp.post('/api/v1/schools', { code: nextCode(), name: 'X', region_code: '330521001', type_code: '211' }), 403, 'forbidden');
    assertError(await insp.get('/api/v1/inspectors'), 403, 'forbidden');
    const school = await loginAs(srv.base, 'school');
    const own = await school.get('/api/v1/schools');
    assert.equal(own.json.total, 1);
    assertError(await school.get(`/api/v1/schools/${other.id}`), 404, 'not_found');
    assertError(await school.post('/api/v1/assignments', { inspector_id: 1, school_id: own.json.items[0].id }), 403, 'forbidden');
  });

  test('every change is audited', async () => {
    const s = await newSchool(admin);
    const rows = (await auditor.get(`/api/v1/audit?entity=school&entity_id=${s.id}`)).json.items;
    assert.equal(rows.length, 1);
    assert.equal(rows[0].action, 'create');
    assert.equal(rows[0].after.code, s.code);
  });
});

describe('regions', () => {
  test('an admin adds and renames regions inside its scope, with GB/T 2260 checks', async () => {
    const r = await adminDq.post('/api/v1/regions', { code: '330521106', name: '测试镇', level: 'town', parent_code: '330521' });
    assert.equal(r.status, 201, r.text);
    assertError(await adminDq.post('/api/v1/regions', { code: '33052110', name: 'X', level: 'town', parent_code: '330521' }), 400, 'invalid', 'code');
    assertError(await adminDq.post('/api/v1/regions', { code: '330522109', name: 'X', level: 'town', parent_code: '330521' }), 400, 'invalid', 'code');
    assertError(await adminDq.post('/api/v1/regions', { code: '330522109', name: 'X', level: 'town', parent_code: '330522' }), 404, 'not_found', 'parent_code');
    assertError(await adminDq.post('/api/v1/regions', { code: '330521106', name: 'X', level: 'town', parent_code: '330521' }), 409, 'conflict', 'code');
    const p = await adminDq.patch('/api/v1/regions/330521106', { name: '测试镇（更名）' });
    assert.equal(p.status, 200, p.text);
    assertError(await adminDq.patch('/api/v1/regions/330522001', { name: 'X' }), 404, 'not_found');
    const list = await adminDq.get('/api/v1/regions');
    assert.ok(list.json.items.some((x) => x.code === '330521106' && x.name === '测试镇（更名）'));
  });
});

// A GB18030 CSV as Chinese Excel saves it ("CSV (逗号分隔)").
function gb18030Csv(text) {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
  assert.equal(r.status, 0);
  return r.stdout;
}

describe('imports', () => {
  const header = '学校标识码,学校名称,所在地代码,办学类型码,民办,小学在校生,小学班级数\n';
  const good = (k) => `2133880${String(k).padStart(3, '0')},导入小学${k},330521001,211,否,300,10\n`;

  test('a GB18030 CSV with a bad row: every error listed, nothing written; fixed: written; again: no duplicates', async () => {
    const n = await schoolCount();
    const bad = gb18030Csv(header + good(1) + '2133880002,导入小学2,330521001,999,否,300,10\n' + good(3) + '2133880004,导入小学4,330521001,211,也许,x,10\n');
    let r = await admin.req('POST', '/api/v1/imports/schools', { raw: bad, contentType: 'text/csv' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error, 'invalid_rows');
    assert.equal(r.json.is_written, false);
    const rows = r.json.errors.map((e) => `${e.row}:${e.column}`);
    assert.deepEqual(rows, ['3:办学类型码', '5:民办', '5:小学在校生']);
    assert.match(r.json.errors[0].message, /办学类型码.* \/ /);
    assert.equal(await schoolCount(), n, 'nothing written');

    const fixed = gb18030Csv(header + good(1) + good(2) + good(3) + good(4));
    r = await admin.req('POST', '/api/v1/imports/schools', { raw: fixed, contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_created, 4);
    assert.equal(await schoolCount(), n + 4);
    r = await admin.req('POST', '/api/v1/imports/schools', { raw: fixed, contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_updated, 4);
    assert.equal(await schoolCount(), n + 4, 'no duplicates');
    const one = (await admin.get('/api/v1/schools?q=2133880001')).json.items[0];
    assert.equal(one.name, '导入小学1');
    assert.equal(one.enrollment, 300);
  });

  test('inspectors and assignments import, with the rules applied', async () => {
    const ins = '督学证号,姓名,类别,聘任区划代码,学历,教育工作年限,本年度培训学时\nIMP-001,导入督学甲,兼职,330521,本科,12,40\nIMP-002,导入督学乙,专职,330521,硕士,20,60\n';
    let r = await admin.req('POST', '/api/v1/imports/inspectors', { raw: ins, contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_created, 2);
    const asg = '学校标识码,督学证号,角色\n2133880001,IMP-001,责任督学\n2133880002,IMP-001,责任督学\n2133880002,IMP-002,协助督学\n';
    r = await admin.req('POST', '/api/v1/imports/assignments', { raw: asg, contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_created, 3);
    const s = (await admin.get('/api/v1/schools?q=2133880002')).json.items[0];
    assert.equal(s.inspector_name, '导入督学甲');
    assert.equal(s.n_inspectors, 2);
    // unknown header and an unknown inspector
    r = await admin.req('POST', '/api/v1/imports/assignments', { raw: '学校标识码,督学证号,工资\n', contentType: 'text/csv' });
    assertError(r, 400, 'invalid', 'file');
    r = await admin.req('POST', '/api/v1/imports/assignments', { raw: '学校标识码,督学证号\n2133880003,NOPE\n', contentType: 'text/csv' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json.errors.map((e) => e.column), ['督学证号']);
  });

  test('imports need the admin role and respect scope', async () => {
    const insp = await loginAs(srv.base, 'inspector');
    assertError(await insp.req('POST', '/api/v1/imports/schools', { raw: header, contentType: 'text/csv' }), 403, 'forbidden');
    const cx = gb18030Csv(header + '2133880099,长兴导入小学,330522001,211,否,100,5\n');
    const r = await adminDq.req('POST', '/api/v1/imports/schools', { raw: cx, contentType: 'text/csv' });
    assert.equal(r.status, 400);
    assert.equal(r.json.errors[0].column, '所在地代码');
  });
});

describe('documents', () => {
  test('an XLSX with one bad row: error table, nothing written; fixed: written', async () => {
    const n = await schoolCount();
    const head = ['学校标识码', '学校名称', '所在地代码', '办学类型码', '小学在校生'];
    const bad = xlsx([head, ['2133881001', 'XLSX小学一', '330521001', '211', 200], ['2133881002', 'XLSX小学二', '330521999', '211', 200]]);
    let r = await admin.req('POST', '/api/v1/imports/schools', { raw: bad, contentType: 'application/octet-stream' });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.errors.map((e) => [e.row, e.column]), [[3, '所在地代码']]);
    assert.equal(await schoolCount(), n);
    const good = xlsx([head, ['2133881001', 'XLSX小学一', '330521001', '211', 200], ['2133881002', 'XLSX小学二', '330521001', '211', 200]]);
    r = await admin.req('POST', '/api/v1/imports/schools', { raw: good, contentType: 'application/octet-stream' });
    assert.equal(r.status, 200, r.text);
    assert.equal(await schoolCount(), n + 2);
  });

  test('a zone moved to another 片区 by import is audited like a change by hand', async () => {
    const name = `导入责任区${seq++}`;
    const z = await admin.post('/api/v1/zones', { county_code: '330522', name, district_name: '旧片' });
    assert.equal(z.status, 201, z.text);
    const r = await admin.req('POST', '/api/v1/imports/zones', { raw: `县级代码,责任区名称,片区\n330522,${name},新片\n`, contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    const rows = (await auditor.get(`/api/v1/audit?entity=zone&entity_id=${z.json.id}`)).json.items;
    assert.deepEqual(rows.map((x) => x.action).sort(), ['create', 'update']);
    const upd = rows.find((x) => x.action === 'update');
    assert.equal(upd.before.district_name, '旧片');
    assert.equal(upd.after.district_name, '新片');
  });

  test('templates and exports are real XLSX files', async () => {
    for (const kind of ['schools', 'zones', 'inspectors', 'assignments']) {
      const r = await admin.req('GET', `/api/v1/imports/${kind}/template`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /spreadsheetml/);
      assert.match(r.headers.get('content-disposition'), /filename\*=UTF-8''/);
    }
    const exp = await fetch(`${srv.base}/api/v1/exports/schools?region_code=330522`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
    assert.equal(exp.status, 200);
    const bytes = Buffer.from(await exp.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    // the exported file imports back as a workbook the server reads (its headers are a report's, so it is refused by name)
    const back = await admin.req('POST', '/api/v1/imports/schools', { raw: bytes, contentType: 'application/octet-stream' });
    assertError(back, 400, 'invalid', 'file');
    assert.match(back.json.message, /所在地/);
  });

  test('the plaque PDF names the school and its inspector; its QR code decodes to the complaint page', async () => {
    const s = (await admin.get('/api/v1/schools?has_inspector=true&page_size=1')).json.items[0];
    const res = await fetch(`${srv.base}/api/v1/schools/${s.id}/plaque`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition'), /^attachment;/);
    const inline = await fetch(`${srv.base}/api/v1/schools/${s.id}/plaque?inline=1&size=60x40`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
    assert.match(inline.headers.get('content-disposition'), /^inline;/);
    const dir = mkdtempSync(join(tmpdir(), 'plaque-'));
    const pdf = join(dir, 'p.pdf');
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    assert.ok(text.stdout.includes(s.name), 'school name in the PDF');
    assert.ok(text.stdout.includes(s.inspector_name), 'inspector name in the PDF');
    assert.ok(text.stdout.includes('校务管理和制度执行情况'), 'the 8 items are listed');
    assert.equal(spawnSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf, join(dir, 'p')]).status, 0);
    const qr = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'p.png')], { encoding: 'utf8' });
    assert.equal(qr.stdout.trim(), `http://localhost:8080/complaint/${s.code}`);
    assert.ok(text.stdout.includes('照 片') || text.stdout.includes('照片'), 'a placeholder while there is no photo');
    // a photo (any PNG: here the rendered plaque itself) replaces the placeholder
    const png = readFileSync(join(dir, 'p.png'));
    assertError(await admin.req('PUT', `/api/v1/inspectors/${s.inspector_id}/photo`, { raw: Buffer.from('not an image'), contentType: 'image/png' }), 400, 'invalid', 'photo');
    const up = await admin.req('PUT', `/api/v1/inspectors/${s.inspector_id}/photo`, { raw: png, contentType: 'image/png' });
    assert.equal(up.status, 204, up.text);
    const back = await fetch(`${srv.base}/api/v1/inspectors/${s.inspector_id}/photo`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
    assert.equal(back.headers.get('content-type'), 'image/png');
    assert.ok(Buffer.from(await back.arrayBuffer()).equals(png), 'the photo reads back byte for byte');
    const res2 = await fetch(`${srv.base}/api/v1/schools/${s.id}/plaque`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
    writeFileSync(pdf, Buffer.from(await res2.arrayBuffer()));
    const text2 = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    assert.ok(!text2.stdout.includes('照 片') && !text2.stdout.includes('照片'), 'the photo replaced the placeholder');
    rmSync(dir, { recursive: true, force: true });
    const gap = (await admin.get('/api/v1/schools?has_inspector=false&page_size=1')).json.items[0];
    assertError(await admin.get(`/api/v1/schools/${gap.id}/plaque`), 400, 'invalid', 'inspector_id');
  });
});

describe('settings', () => {
  test('the hard limit is configurable per jurisdiction and inherited down the tree', async () => {
    let r = await adminDq.get('/api/v1/settings');
    assert.equal(r.json.settings['assign.hard_limit'], 8);
    r = await adminDq.put('/api/v1/settings', { region_code: '330521', name: 'assign.hard_limit', value: 6 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.settings['assign.hard_limit'], 6);
    assert.equal((await adminDq.get('/api/v1/settings?region_code=330521001')).json.settings['assign.hard_limit'], 6);
    assert.equal((await admin.get('/api/v1/settings?region_code=330522')).json.settings['assign.hard_limit'], 8);
    const i = await newInspector(admin);
    for (let k = 0; k < 6; k++) {
      const s = await newSchool(admin);
      assert.equal((await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: s.id })).status, 201);
    }
    const seventh = await newSchool(admin);
    assertError(await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: seventh.id }), 400, 'invalid', 'inspector_id');
    assertError(await adminDq.put('/api/v1/settings', { region_code: '330522', name: 'assign.hard_limit', value: 9 }), 404, 'not_found');
    assertError(await adminDq.put('/api/v1/settings', { region_code: '330521', name: 'salary', value: 9 }), 400, 'invalid', 'name');
    assertError(await adminDq.put('/api/v1/settings', { region_code: '330521', name: 'assign.hard_limit', value: 0 }), 400, 'invalid', 'value');
    await adminDq.put('/api/v1/settings', { region_code: '330521', name: 'assign.hard_limit', value: 8 });
  });
});

async function download(client, path) {
  const res = await fetch(`${srv.base}${path}`, { headers: { cookie: `dudao_session=${client.cookie}` } });
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''/);
  return readXlsx(Buffer.from(await res.arrayBuffer()));
}

describe('every list exports to XLSX', () => {
  test('zones: county, district, name and school count, as the list', async () => {
    const name = `导出责任区${seq++}`;
    const z = await admin.post('/api/v1/zones', { county_code: '330522', name, district_name: '导出片' });
    assert.equal(z.status, 201, z.text);
    const s = await newSchool(admin, { region_code: '330522001' });
    assert.equal((await admin.post(`/api/v1/zones/${z.json.id}/schools`, { school_ids: [s.id] })).status, 200);
    const list = (await admin.get('/api/v1/zones')).json.items;
    const book = await download(admin, '/api/v1/exports/zones');
    assert.deepEqual(book.sheets.map((x) => x.name), ['责任区']);
    const [head, ...rows] = book.sheets[0].rows;
    assert.deepEqual(head, ['县（市、区）', '片区', '责任区', '学校数', '是否超限']);
    assert.equal(rows.length, list.length);
    const row = rows.find((r) => r[2] === name);
    assert.deepEqual(row, ['长兴县', '导出片', name, 1, '否']);
    const dq = await download(admin, '/api/v1/exports/zones?county_code=330522');
    assert.ok(dq.sheets[0].rows.slice(1).every((r) => r[0] === '长兴县'));
    assert.ok(dq.sheets[0].rows.length < book.sheets[0].rows.length);
  });

  test('assignments: current by default, history on request, with the list filters', async () => {
    const s = await newSchool(admin);
    const a = await newInspector(admin);
    const b = await newInspector(admin);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: a.id, school_id: s.id })).status, 201);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: b.id, school_id: s.id })).status, 201);
    let book = await download(admin, `/api/v1/exports/assignments?school_id=${s.id}`);
    assert.deepEqual(book.sheets.map((x) => x.name), ['挂牌']);
    const [head, ...rows] = book.sheets[0].rows;
    assert.deepEqual(head, ['学校标识码', '学校名称', '所在地', '责任区', '督学姓名', '督学证号', '角色', '开始日期', '结束日期', '结束原因', '状态']);
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0][0], rows[0][1], rows[0][4], rows[0][5], rows[0][6], rows[0][10]], [s.code, s.name, b.name, b.cert_no, '责任督学', '在任']);
    assert.equal(typeof rows[0][7], 'number', 'the start is a real Excel date');
    book = await download(admin, `/api/v1/exports/assignments?school_id=${s.id}&status=all`);
    assert.deepEqual(book.sheets[0].rows.slice(1).map((r) => [r[4], r[10]]), [[a.name, '已结束'], [b.name, '在任']]);
    book = await download(admin, `/api/v1/exports/assignments?school_id=${s.id}&status=ended`);
    assert.deepEqual(book.sheets[0].rows.slice(1).map((r) => [r[4], r[9]]), [[a.name, 'replaced']]);
    book = await download(admin, `/api/v1/exports/assignments?inspector_id=${a.id}&status=all`);
    assert.equal(book.sheets[0].rows.length, 2);
    book = await download(admin, `/api/v1/exports/assignments?q=${encodeURIComponent(b.name)}`);
    assert.deepEqual(book.sheets[0].rows.slice(1).map((r) => r[1]), [s.name]);
    // scope: the 德清 admin sees 德清's assignments, not 长兴's
    book = await download(adminDq, `/api/v1/exports/assignments?status=all&school_id=${s.id}`);
    assert.equal(book.sheets[0].rows.length, 3);
    const cx = await newSchool(admin, { region_code: '330522001' });
    const ci = await newInspector(admin, { region_code: '330522' });
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: ci.id, school_id: cx.id })).status, 201);
    assert.equal((await download(admin, `/api/v1/exports/assignments?school_id=${cx.id}`)).sheets[0].rows.length, 2);
    book = await download(adminDq, `/api/v1/exports/assignments?status=all&school_id=${cx.id}`);
    assert.equal(book.sheets[0].rows.length, 1, 'only the header');
    assertError(await admin.get('/api/v1/exports/assignments?status=maybe'), 400, 'invalid', 'status');
    assertError(await admin.get('/api/v1/exports/assignments?role=boss'), 400, 'invalid', 'role');
    assertError(await adminDq.get('/api/v1/exports/assignments?region_code=330522'), 404, 'not_found');
    assertError(await admin.get('/api/v1/exports/nothing'), 404, 'not_found');
  });

  test('coverage: one sheet per list, the same content as the page', async () => {
    const s = await newSchool(admin, { is_central: true });
    const cov = (await admin.get('/api/v1/coverage')).json;
    const book = await download(admin, '/api/v1/exports/coverage');
    assert.deepEqual(book.sheets.map((x) => x.name), ['覆盖概况', '未挂牌学校', '超负荷督学', '超限责任区', '中心校督学不足', '未划入责任区学校']);
    const sheet = (n) => book.sheets.find((x) => x.name === n).rows;
    assert.deepEqual(sheet('覆盖概况')[0], ['县（市、区）', '在办学校数', '已挂牌', '未挂牌', '未划入责任区']);
    assert.deepEqual(sheet('覆盖概况').slice(1), cov.counties.map((c) => [c.name, c.n_schools, c.n_covered, c.n_schools - c.n_covered, c.n_without_zone]));
    assert.equal(sheet('未挂牌学校').length - 1, cov.gaps.length);
    assert.ok(sheet('未挂牌学校').some((r) => r[0] === s.code && r[1] === s.name && r[3] === '小学'));
    assert.equal(sheet('超负荷督学').length - 1, cov.inspectors_over_capacity.length);
    assert.equal(sheet('超限责任区').length - 1, cov.zones.filter((z) => z.is_over_limit).length);
    assert.ok(sheet('中心校督学不足').some((r) => r[0] === s.name && r[1] === 0));
    assert.ok(sheet('未划入责任区学校').some((r) => r[0] === s.code));
    const leader = await loginAs(srv.base, 'leader');
    assert.equal((await download(leader, '/api/v1/exports/coverage')).sheets.length, 6);
  });
});

describe('zone completeness (每校属于且仅属于一个责任区)', () => {
  test('coverage lists the schools in no zone, counted per county, until they are put in one', async () => {
    const s = await newSchool(admin);
    let cov = (await admin.get('/api/v1/coverage')).json;
    const cx = cov.counties.find((c) => c.code === '330521');
    assert.ok(cx.n_without_zone >= 1);
    const row = cov.schools_without_zone.find((x) => x.id === s.id);
    assert.deepEqual([row.code, row.name, row.county_code], [s.code, s.name, '330521']);
    const z = await admin.post('/api/v1/zones', { county_code: '330521', name: `补划责任区${seq++}` });
    assert.equal((await admin.post(`/api/v1/zones/${z.json.id}/schools`, { school_ids: [s.id] })).status, 200);
    cov = (await admin.get('/api/v1/coverage')).json;
    assert.ok(!cov.schools_without_zone.some((x) => x.id === s.id));
    assert.equal(cov.counties.find((c) => c.code === '330521').n_without_zone, cx.n_without_zone - 1);
    // a school cannot be in two zones: putting it in another moves it
    const z2 = await admin.post('/api/v1/zones', { county_code: '330521', name: `补划责任区${seq++}` });
    assert.equal((await admin.post(`/api/v1/zones/${z2.json.id}/schools`, { school_ids: [s.id] })).status, 200);
    assert.equal((await admin.get(`/api/v1/schools/${s.id}`)).json.zone_id, z2.json.id);
    const zones = (await admin.get('/api/v1/zones?county_code=330521')).json.items;
    assert.equal(zones.find((x) => x.id === z.json.id).n_schools, 0);
  });
});

describe('rules that users rely on', () => {
  test('central schools need at least assign.central_min inspectors (default 2, configurable)', async () => {
    const s = await newSchool(admin, { is_central: true });
    const [a, b, c] = [await newInspector(admin), await newInspector(admin), await newInspector(admin)];
    const short = async () => (await admin.get('/api/v1/coverage')).json.central_schools_short.find((x) => x.id === s.id);
    assert.equal((await admin.get('/api/v1/coverage')).json.limits.central_min, 2);
    assert.equal((await short()).n_inspectors, 0);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: a.id, school_id: s.id })).status, 201);
    assert.equal((await short()).n_inspectors, 1);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: b.id, school_id: s.id, role: 'member' })).status, 201);
    assert.equal(await short(), undefined, 'two inspectors are enough');
    const plain = await newSchool(admin);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: c.id, school_id: plain.id })).status, 201);
    assert.ok(!(await admin.get('/api/v1/coverage')).json.central_schools_short.some((x) => x.id === plain.id), 'only central schools');
    // the county of the school asks for 3: the city's view judges that county's schools by it
    const r = await admin.put('/api/v1/settings', { region_code: '330521', name: 'assign.central_min', value: 3 });
    assert.equal(r.status, 200, r.text);
    try {
      assert.equal((await admin.get('/api/v1/coverage')).json.limits.central_min, 2, 'the city keeps 2');
      assert.deepEqual([(await short()).n_inspectors, (await short()).central_min], [2, 3]);
      assert.equal((await adminDq.get('/api/v1/coverage')).json.central_schools_short.find((x) => x.id === s.id).n_inspectors, 2);
      assert.equal((await admin.post('/api/v1/assignments', { inspector_id: c.id, school_id: s.id, role: 'member' })).status, 201);
      assert.equal(await short(), undefined);
    } finally {
      await admin.put('/api/v1/settings', { region_code: '330521', name: 'assign.central_min', value: 2 });
    }
  });

  for (const [kind, reason] of [['employed', /现任职/], ['formerly_employed', /曾任职/]]) {
    test(`回避: a declared ${kind} relation refuses the assignment with the reason`, async () => {
      const s = await newSchool(admin);
      const i = await newInspector(admin);
      assert.equal((await admin.post(`/api/v1/inspectors/${i.id}/relations`, { school_id: s.id, kind })).status, 204);
      const chk = await admin.post('/api/v1/assignments/check', { inspector_id: i.id, school_id: s.id });
      assert.equal(chk.json.verdict, 'refuse');
      assert.ok(chk.json.reasons.some((x) => x.is_blocking !== false && reason.test(x.message)), JSON.stringify(chk.json));
      const r = await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: s.id });
      assertError(r, 400, 'invalid', 'inspector_id');
      assert.match(r.json.message, reason);
      assert.equal((await admin.get(`/api/v1/schools/${s.id}`)).json.inspector_id, null, 'nothing written');
      // the relation is to that school only
      const other = await newSchool(admin);
      assert.equal((await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: other.id })).status, 201);
    });
  }

  test('回避 of the current employer is derived from 工作单位 when it names the school (exact name)', async () => {
    const s = await newSchool(admin, { name: `雉城第${seq}小学` });
    const i = await newInspector(admin, { employer: s.name });
    const r = await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: s.id });
    assertError(r, 400, 'invalid', 'inspector_id');
    assert.match(r.json.message, /现任职/);
    assert.equal((await admin.get(`/api/v1/schools/${s.id}`)).json.inspector_id, null, 'nothing written');
    const chk = await admin.post('/api/v1/assignments/check', { inspector_id: i.id, school_id: s.id });
    assert.equal(chk.json.verdict, 'refuse');
    assert.ok(chk.json.reasons.some((x) => x.code === 'conflict_employed'));
    // a name that only contains the school's is not it; once the inspector moves on, the school can be assigned
    const j = await newInspector(admin, { employer: `${s.name}分校` });
    assert.equal((await admin.post('/api/v1/assignments/check', { inspector_id: j.id, school_id: s.id })).json.verdict !== 'refuse', true);
    assert.equal((await admin.patch(`/api/v1/inspectors/${i.id}`, { employer: '长兴县教育局' })).status, 200);
    assert.equal((await admin.post('/api/v1/assignments', { inspector_id: i.id, school_id: s.id })).status, 201);
  });
});

describe('zones import', () => {
  const head = '县级代码,责任区名称,片区\n';
  const zoneCount = async () => (await admin.get('/api/v1/zones')).json.items.length;
  test('a bad row: errors listed, nothing written; clean: written; again: no duplicates', async () => {
    const n = await zoneCount();
    const k = seq++;
    const bad = head + `330521,导入责任区${k}-1,导入片\n330599,导入责任区${k}-2,\n,导入责任区${k}-3,\n330521,导入责任区${k}-1,\n`;
    let r = await admin.req('POST', '/api/v1/imports/zones', { raw: Buffer.from(bad), contentType: 'text/csv' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error, 'invalid_rows');
    assert.equal(r.json.is_written, false);
    assert.deepEqual(r.json.errors.map((e) => e.row), [3, 4, 5]);
    assert.equal(await zoneCount(), n, 'nothing written');
    const clean = head + `330521,导入责任区${k}-1,导入片\n330522,导入责任区${k}-2,\n`;
    r = await admin.req('POST', '/api/v1/imports/zones', { raw: Buffer.from(clean), contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_created, 2);
    assert.equal(await zoneCount(), n + 2);
    const z = (await admin.get('/api/v1/zones?county_code=330521')).json.items.find((x) => x.name === `导入责任区${k}-1`);
    assert.equal(z.district_name, '导入片');
    r = await admin.req('POST', '/api/v1/imports/zones', { raw: Buffer.from(clean), contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_updated, 2);
    assert.equal(r.json.n_created, 0);
    assert.equal(await zoneCount(), n + 2, 'no duplicates');
  });
});

describe('import progress (?job=ID, GET /imports/jobs/{id})', () => {
  const head = '县级代码,责任区名称,片区\n';
  test('the job reports its phase, rows and the same result as the POST; only to its user', async () => {
    const k = seq++;
    const job = `job-${k}-abcdef`;
    const file = head + Array.from({ length: 30 }, (_, i) => `330521,进度责任区${k}-${i},\n`).join('');
    const r = await admin.req('POST', `/api/v1/imports/zones?job=${job}`, { raw: Buffer.from(file), contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    const j = await admin.get(`/api/v1/imports/jobs/${job}`);
    assert.equal(j.status, 200, j.text);
    assert.deepEqual([j.json.phase, j.json.rows_done, j.json.rows_total], ['done', 30, 30]);
    assert.deepEqual(j.json.result, r.json);
    assertError(await adminDq.get(`/api/v1/imports/jobs/${job}`), 404, 'not_found');
    assertError(await admin.get('/api/v1/imports/jobs/nosuchjob1'), 404, 'not_found');
    assertError(await admin.req('POST', '/api/v1/imports/zones?job=x', { raw: Buffer.from(file), contentType: 'text/csv' }), 400, 'invalid', 'job');
    // a bad file: the job is done with the row errors; nothing written
    const bad = `job-${k}-bad000`;
    const rb = await admin.req('POST', `/api/v1/imports/zones?job=${bad}`, { raw: Buffer.from(head + '330599,坏,\n'), contentType: 'text/csv' });
    assert.equal(rb.status, 400);
    const jb = (await admin.get(`/api/v1/imports/jobs/${bad}`)).json;
    assert.equal(jb.phase, 'done');
    assert.equal(jb.result.is_written, false);
    assert.equal(jb.result.errors[0].row, 2);
    // a file refused as a whole: failed, with the error
    const whole = `job-${k}-whole0`;
    assertError(await admin.req('POST', `/api/v1/imports/zones?job=${whole}`, { raw: Buffer.from('乱码列\nx\n'), contentType: 'text/csv' }), 400, 'invalid', 'file');
    const jw = (await admin.get(`/api/v1/imports/jobs/${whole}`)).json;
    assert.equal(jw.phase, 'failed');
    assert.equal(jw.result.field, 'file');
  });
});

describe('举办者 (organizer): one descriptor row, one migration and the form', () => {
  test('set, validated, shown with its label, filtered by ?organizer=, audited', async () => {
    const s = await newSchool(admin, { organizer: 'edu_dept' });
    assert.equal(s.organizer, 'edu_dept');
    assert.equal(s.organizer_label, '教育部门');
    const none = await newSchool(admin);
    assert.equal(none.organizer, null);
    assertError(await admin.post('/api/v1/schools', { code: nextCode(), name: '坏举办者', region_code: '330521001', type_code: '211', organizer: '外星人' }), 400, 'invalid', 'organizer');
    assertError(await admin.patch(`/api/v1/schools/${s.id}`, { organizer: 42 }), 400, 'invalid', 'organizer');
    assertError(await admin.patch(`/api/v1/schools/${s.id}`, { organizer_label: '民办' }), 400, 'unknown_field', 'organizer_label');
    let r = await admin.patch(`/api/v1/schools/${s.id}`, { organizer: 'private', is_private: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.organizer, 'private');
    assert.equal((await admin.get(`/api/v1/schools/${s.id}`)).json.organizer_label, '民办');
    r = await admin.get('/api/v1/schools?organizer=private&page_size=200');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length >= 1);
    assert.ok(r.json.items.every((x) => x.organizer === 'private'));
    assert.ok(r.json.items.some((x) => x.id === s.id));
    assert.ok(!(await admin.get('/api/v1/schools?organizer=edu_dept&page_size=200')).json.items.some((x) => x.id === s.id));
    r = await admin.patch(`/api/v1/schools/${s.id}`, { organizer: null });
    assert.equal(r.json.organizer, null);
    const audit = (await auditor.get(`/api/v1/audit?entity=school&entity_id=${s.id}&page_size=50`)).json.items;
    assert.ok(audit.some((x) => JSON.stringify(x).includes('private')), 'the change is in the audit trail');
  });

  test('exported (举办者 column, read back) and imported (template column, label or key)', async () => {
    const code = nextCode();
    const head = '学校标识码,学校名称,所在地代码,办学类型码,举办者\n';
    let r = await admin.req('POST', '/api/v1/imports/schools', { raw: Buffer.from(`${head}${code},举办者导入小学,330522001,211,事业单位\n`), contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    const s = (await admin.get(`/api/v1/schools?q=${code}`)).json.items[0];
    assert.equal(s.organizer, 'public_institution');
    r = await admin.req('POST', '/api/v1/imports/schools', { raw: Buffer.from(`${head}${code},举办者导入小学,330522001,211,火星\n`), contentType: 'text/csv' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.errors[0].column, '举办者');
    const tpl = await admin.get('/api/v1/imports/schools/columns');
    assert.equal(tpl.status, 200, tpl.text);
    assert.ok(tpl.json.columns.some((c) => c.label === '举办者' && c.field === 'organizer'));
    const book = await download(admin, `/api/v1/exports/schools?q=${code}`);
    const [cols, ...rows] = book.sheets[0].rows;
    const k = cols.indexOf('举办者');
    assert.ok(k >= 0, `export header: ${cols}`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0][k], '事业单位');
    assert.equal(rows[0][cols.indexOf('学校标识码')], code);
    // the filter applies to the export as to the list
    const none = await download(admin, `/api/v1/exports/schools?q=${code}&organizer=military`);
    assert.equal(none.sheets[0].rows.length, 1, 'only the header');
  });

  test('the OpenAPI schema of School is derived from the descriptor', async () => {
    const doc = (await admin.get('/api/v1/openapi.json')).json;
    const School = doc.components.schemas.School;
    assert.ok(School, Object.keys(doc.components.schemas).join());
    assert.equal(School.properties.organizer.type, 'string');
    assert.ok(School.properties.organizer.enum.includes('edu_dept'));
    assert.equal(School.properties.region_name.readOnly, true);
    assert.equal(School.properties.name.maxLength, 200);
    assert.deepEqual(School.required.sort(), ['code', 'name', 'region_code', 'type_code']);
    const post = doc.paths['/api/v1/schools'].post;
    assert.ok(JSON.stringify(post).includes('organizer'), 'the create body lists organizer');
  });
});
