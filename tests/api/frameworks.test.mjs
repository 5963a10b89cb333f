// 指标体系 over real HTTP: the national built-ins every role reads, a county's own framework
// from draft to published (frozen: 409) to the next version, documents refused with the
// indicator named, scoring, scope between counties, JSON and XLSX export read back and
// imported again, all-or-nothing XLSX imports with row-level errors, and the audit trail.
// Runs unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { xlsx } from '../lib/xlsx.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD } from './client.mjs';

let srv, admin, adminDq, adminCx, inspector, school, leader, auditor;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  adminDq = await loginAs(srv.base, 'admin_dq');
  inspector = await loginAs(srv.base, 'inspector');
  school = await loginAs(srv.base, 'school');
  leader = await loginAs(srv.base, 'leader');
  auditor = await loginAs(srv.base, 'auditor');
  const cx = await createUser(admin, { role: 'admin', region_code: '330522', display_name: '长兴县管理员' });
  adminCx = await loginAs(srv.base, cx.username, GOOD_PASSWORD);
});
after(() => stopClean(srv));

const BANDS = [
  { label: '优秀', label_en: 'Excellent', min: 90 }, { label: '良好', min: 80 },
  { label: '合格', min: 60 }, { label: '不合格', min: 0 },
];

// A small county framework: a safety category with a veto item and a homework category.
function doc(code, extra = {}) {
  return {
    code, name: '德清县学校日常检查', source: '德清县教育督导室（测试）', grade_bands: BANDS,
    indicators: [
      { code: 'A1', text: '校园安全', weight: 2, children: [
        { code: 'A1.1', text: '消防通道畅通', kind: 'pass_fail', max_score: 10, is_veto: true, evidence: { photo: true } },
        { code: 'A1.2', text: '门卫管理', kind: 'rating', levels: [
          { value: 'A', label: '优', color: '#67C23A', score: 10 },
          { value: 'B', label: '良', color: '#409EFF', score: 8 },
          { value: 'D', label: '差', color: '#F56C6C', score: 0, is_fail: true }] },
      ] },
      { code: 'A2', text: '作业管理', children: [
        { code: 'A2.1', text: '书面作业时长', kind: 'number', unit: '分钟', max_score: 10,
          threshold: { op: '<=', value: 60 }, applies_to: { sections: ['primary'] } },
        { code: 'A2.2', text: '作业公示', kind: 'score', max_score: 10, guidance: '查阅公示栏' },
        { code: 'A2.3', text: '其他情况', kind: 'text' },
      ] },
    ],
    ...extra,
  };
}

async function createFramework(client, code, d = doc(code)) {
  const r = await client.post('/api/v1/frameworks', { document: d });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// The cells of the first sheet of an XLSX file, read independently of the server (unzip).
function readXlsx(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'fw-xlsx-'));
  const file = join(dir, 'f.xlsx');
  writeFileSync(file, bytes);
  const member = (name) => {
    const r = spawnSync('unzip', ['-p', file, name], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout : '';
  };
  const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const shared = [...member('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => unxml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const sheet = member('xl/worksheets/sheet1.xml');
  const rows = [];
  for (const rm of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const row = [];
    for (const cm of rm[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const col = [...cm[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const attrs = cm[2];
      const inner = cm[3] || '';
      let v = '';
      if (/t="s"/.test(attrs)) v = shared[Number((inner.match(/<v>(.*?)<\/v>/) || [])[1])];
      else if (/t="inlineStr"/.test(attrs)) v = unxml([...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
      else v = (inner.match(/<v>(.*?)<\/v>/) || [, ''])[1];
      row[col] = v;
    }
    rows.push(Array.from(row, (x) => x ?? ''));
  }
  return rows;
}

async function download(client, path) {
  const res = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('built-in frameworks', () => {
  test('the built-in frameworks (four national, two 督政) are loaded, published, and readable by every working role', async () => {
    for (const c of [admin, adminDq, inspector, school, leader]) {
      const r = await c.get('/api/v1/frameworks?is_builtin=true');
      assert.equal(r.status, 200, r.text);
      const codes = r.json.items.map((f) => f.code).sort();
      assert.deepEqual(codes, ['campus-safety', 'duzheng-department', 'duzheng-town', 'gpdd-routine', 'shuangjian', 'yw-school-management']);
      for (const f of r.json.items) {
        assert.equal(f.is_builtin, true);
        assert.equal(f.region_code, null);
        assert.equal(f.latest_status, 'published');
        assert.ok(f.current_version_id > 0 && f.source.length > 10, f.code);
      }
    }
    assertError(await auditor.get('/api/v1/frameworks'), 403, 'forbidden');
  });

  test('the list filters by use: the routine monthly visit, school self-evaluation', async () => {
    const routine = await inspector.get('/api/v1/frameworks?use=routine&is_builtin=true');
    assert.deepEqual(routine.json.items.map((f) => f.code).sort(), ['campus-safety', 'gpdd-routine', 'shuangjian']);
    assert.ok(routine.json.items.every((f) => f.uses.includes('routine')));
    const self = await school.get('/api/v1/frameworks?use=self_evaluation');
    assert.deepEqual(self.json.items.map((f) => f.code), ['yw-school-management']);
    assert.equal((await school.get('/api/v1/frameworks?use=rout')).json.total, 0);
  });

  test('the routine framework holds the 8 items of 挂牌督导办法第四条', async () => {
    const list = await inspector.get('/api/v1/frameworks?q=gpdd');
    const f = list.json.items[0];
    const v = await inspector.get(`/api/v1/framework-versions/${f.current_version_id}`);
    assert.equal(v.status, 200);
    assert.equal(v.json.document.version, 1);
    assert.equal(v.json.document.status, 'published');
    assert.equal(v.json.document.indicators.length, 8);
    assert.equal(v.json.document.indicators[0].text, '校务管理和制度执行情况');
    assert.equal(v.json.document.indicators[7].text, '校风、教风、学风建设情况');
    assert.match(v.json.document.source, /挂牌督导办法/);
  });

  test('a built-in cannot be changed, but can be copied into a county framework', async () => {
    const f = (await adminDq.get('/api/v1/frameworks?q=campus-safety')).json.items[0];
    assertError(await adminDq.post(`/api/v1/frameworks/${f.id}/versions`, {}), 403, 'forbidden');
    assertError(await adminDq.put(`/api/v1/framework-versions/${f.current_version_id}`, { document: doc('x') }), 403,
      'forbidden');
    const copy = await adminDq.post(`/api/v1/framework-versions/${f.current_version_id}/copy`,
      { code: 'dq-campus-safety', name: '德清县校园安全检查' });
    assert.equal(copy.status, 201, copy.text);
    assert.equal(copy.json.status, 'draft');
    assert.equal(copy.json.version, 1);
    assert.equal(copy.json.document.name, '德清县校园安全检查');
    assert.equal(copy.json.document.indicators.length, 4);
    assert.equal(copy.json.region_code, '330521');
  });

  test('loading the built-ins again (migrate, restart) adds nothing', async () => {
    const before = (await admin.get('/api/v1/frameworks?is_builtin=true')).json.items.map((f) => f.n_versions);
    const r = spawnSync(process.env.DUDAO_BIN || 'build/dudao', ['migrate', '--db', srv.dbUrl], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const after_ = (await admin.get('/api/v1/frameworks?is_builtin=true')).json.items.map((f) => f.n_versions);
    assert.deepEqual(after_, before);
  });
});

describe('a county framework from draft to published', () => {
  let fw, v1;

  test('a document with problems is refused, naming the indicator and the field, and nothing is stored', async () => {
    const bad = doc('dq-bad');
    bad.indicators[0].children[1].levels = undefined; // a rating without levels
    bad.indicators[1].children[0].threshold = { op: '=<', value: 60 }; // a bad threshold
    bad.indicators[1].children.push({ code: 'A1.1', text: '重复', kind: 'pass_fail' }); // a duplicate code
    const r = await adminDq.post('/api/v1/frameworks', { document: bad });
    const j = assertError(r, 400, 'invalid_document', 'A1.2.levels');
    assert.match(j.message, /A1\.2/);
    const got = j.errors.map((e) => `${e.indicator}:${e.field}`);
    assert.ok(got.includes('A1.2:levels') && got.includes('A2.1:threshold.op') && got.includes('A1.1:code'), got.join());
    assert.equal((await adminDq.get('/api/v1/frameworks?q=dq-bad')).json.total, 0);
    // the validate endpoint lists the same without saving
    const val = await adminDq.post('/api/v1/frameworks/validate', { document: bad });
    assert.equal(val.status, 200);
    assert.equal(val.json.is_valid, false);
    assert.equal(val.json.errors.length, j.errors.length);
    // unknown members of the body are refused by the route
    assertError(await adminDq.post('/api/v1/frameworks', { document: doc('dq-x'), extra: 1 }), 400, 'unknown_field');
    // only admins write
    assertError(await inspector.post('/api/v1/frameworks', { document: doc('dq-y') }), 403, 'forbidden');
  });

  test('create makes draft version 1 owned by the county; a draft is edited in place', async () => {
    v1 = await createFramework(adminDq, 'dq-daily');
    assert.equal(v1.version, 1);
    assert.equal(v1.status, 'draft');
    assert.equal(v1.region_code, '330521');
    assert.equal(v1.n_indicators, 5);
    fw = (await adminDq.get(`/api/v1/frameworks/${v1.framework_id}`)).json;
    assert.equal(fw.draft_version_id, v1.id);
    assert.equal(fw.current_version_id, null);
    const d = doc('dq-daily');
    d.indicators[1].children[1].max_score = 20;
    const r = await adminDq.put(`/api/v1/framework-versions/${v1.id}`, { document: d });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.version, 1);
    assert.equal(r.json.document.indicators[1].children[1].max_score, 20);
    // two admins on one draft: the second save, based on what it read before, is refused
    const seen = (await admin.get(`/api/v1/framework-versions/${v1.id}`)).json.digest;
    d.indicators[0].children[0].guidance = '查看各楼层';
    const a1 = await adminDq.put(`/api/v1/framework-versions/${v1.id}`, { document: d, base_digest: seen });
    assert.equal(a1.status, 200, a1.text);
    const d2 = doc('dq-daily');
    d2.indicators[0].text = '安全';
    const lost = assertError(await admin.put(`/api/v1/framework-versions/${v1.id}`, { document: d2, base_digest: seen }),
      409, 'conflict', 'base_digest');
    assert.equal(lost.digest, a1.json.digest);
    const kept = (await adminDq.get(`/api/v1/framework-versions/${v1.id}`)).json.document;
    assert.equal(kept.indicators[0].text, '校园安全');
    assert.equal(kept.indicators[0].children[0].guidance, '查看各楼层');
    // the code of a framework never changes
    assertError(await adminDq.put(`/api/v1/framework-versions/${v1.id}`, { document: doc('dq-other') }), 400, 'invalid',
      'code');
  });

  test('publish freezes it: a change is refused with 409, and the next version is a new draft', async () => {
    const p = await adminDq.post(`/api/v1/framework-versions/${v1.id}/publish`, {});
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.status, 'published');
    assert.ok(p.json.published_at);
    assertError(await adminDq.put(`/api/v1/framework-versions/${v1.id}`, { document: doc('dq-daily') }), 409, 'conflict',
      'status');
    assertError(await adminDq.post(`/api/v1/framework-versions/${v1.id}/publish`, {}), 409, 'conflict', 'status');
    assertError(await adminDq.del(`/api/v1/framework-versions/${v1.id}`), 409, 'conflict', 'status');
    const frozen = await adminDq.get(`/api/v1/framework-versions/${v1.id}`);
    assert.equal(frozen.json.document.indicators[1].children[1].max_score, 20);

    const nv = await adminDq.post(`/api/v1/frameworks/${v1.framework_id}/versions`, {});
    assert.equal(nv.status, 201, nv.text);
    assert.equal(nv.json.version, 2);
    assert.equal(nv.json.status, 'draft');
    assert.deepEqual(nv.json.document.indicators, frozen.json.document.indicators);
    // one draft at a time; the answer points at it
    const again = assertError(await adminDq.post(`/api/v1/frameworks/${v1.framework_id}/versions`, {}), 409, 'conflict');
    assert.equal(again.draft_id, String(nv.json.id));

    const d = doc('dq-daily');
    d.indicators[1].children.push({ code: 'A2.4', text: '课后服务', kind: 'pass_fail' });
    assert.equal((await adminDq.put(`/api/v1/framework-versions/${nv.json.id}`, { document: d })).status, 200);
    const p2 = await adminDq.post(`/api/v1/framework-versions/${nv.json.id}/publish`, {});
    assert.equal(p2.status, 200);
    const f = (await adminDq.get(`/api/v1/frameworks/${v1.framework_id}`)).json;
    assert.equal(f.current_version, 2);
    assert.deepEqual(f.versions.map((v) => [v.version, v.status]), [[2, 'published'], [1, 'retired']]);
    // version 1 stays readable as it was (visits pinned to it)
    const old = await inspector.get(`/api/v1/framework-versions/${v1.id}`);
    assert.equal(old.status, 200);
    assert.equal(old.json.document.status, 'retired');
    assert.equal(old.json.n_indicators, 5);
    // what changed from version 1 to 2: one item added
    const diff = await inspector.get(`/api/v1/framework-versions/${nv.json.id}/diff`);
    assert.equal(diff.status, 200, diff.text);
    assert.equal(diff.json.from.version, 1);
    assert.deepEqual(diff.json.added.map((x) => x.code), ['A2.4']);
    assert.deepEqual(diff.json.changed.map((x) => [x.code, x.fields]), [['A1.1', ['guidance']], ['A2.2', ['max_score']]]);
    assert.deepEqual(diff.json.removed, []);
    const none = await inspector.get(`/api/v1/framework-versions/${v1.id}/diff`);
    assert.equal(none.json.from, null);
    // retire the current one: no published version left
    const rt = await adminDq.post(`/api/v1/framework-versions/${nv.json.id}/retire`, {});
    assert.equal(rt.json.status, 'retired');
    assert.equal((await adminDq.get(`/api/v1/frameworks/${v1.framework_id}`)).json.current_version_id, null);
  });

  test('a draft can be deleted, the only version cannot', async () => {
    const v = await createFramework(adminDq, 'dq-temp');
    assertError(await adminDq.del(`/api/v1/framework-versions/${v.id}`), 409, 'conflict');
    await adminDq.post(`/api/v1/framework-versions/${v.id}/publish`, {});
    const nv = (await adminDq.post(`/api/v1/frameworks/${v.framework_id}/versions`, {})).json;
    const d = await adminDq.del(`/api/v1/framework-versions/${nv.id}`);
    assert.equal(d.status, 204);
    assertError(await adminDq.get(`/api/v1/framework-versions/${nv.id}`), 404, 'not_found');
  });

  test('every change is in the audit log', async () => {
    const r = await auditor.get(`/api/v1/audit?entity=framework_version&page_size=200`);
    assert.equal(r.status, 200);
    const actions = r.json.items.filter((x) => x.actor_name === 'admin_dq').map((x) => x.action);
    for (const a of ['update', 'publish', 'create', 'retire', 'delete']) assert.ok(actions.includes(a), a);
    // rows carry the framework's region, so a county auditor would see its county's changes
    assert.ok(r.json.items.filter((x) => x.actor_name === 'admin_dq').every((x) => x.region_code === '330521'));
    const created = await auditor.get('/api/v1/audit?entity=framework&action=create&page_size=200');
    assert.ok(created.json.items.some((x) => x.actor_name === 'admin_dq'));
  });
});

describe('scope', () => {
  let v;
  before(async () => {
    v = await createFramework(adminDq, 'dq-scope');
  });

  test('another county neither sees nor changes it; the city above sees and may change it', async () => {
    assertError(await adminCx.get(`/api/v1/framework-versions/${v.id}`), 404, 'not_found');
    assertError(await adminCx.get(`/api/v1/frameworks/${v.framework_id}`), 404, 'not_found');
    assert.equal((await adminCx.get('/api/v1/frameworks?q=dq-scope')).json.total, 0);
    assertError(await adminCx.put(`/api/v1/framework-versions/${v.id}`, { document: doc('dq-scope') }), 404, 'not_found');
    // the code is taken all the same
    assertError(await adminCx.post('/api/v1/frameworks', { document: doc('dq-scope') }), 409, 'conflict', 'code');
    assert.equal((await admin.get(`/api/v1/framework-versions/${v.id}`)).status, 200);
    assert.equal((await admin.put(`/api/v1/framework-versions/${v.id}`, { document: doc('dq-scope') })).status, 200);
    // the county's inspector and school read it
    assert.equal((await inspector.get(`/api/v1/framework-versions/${v.id}`)).status, 200);
    assert.equal((await school.get(`/api/v1/framework-versions/${v.id}`)).status, 200);
  });

  test("a city framework is read by the counties below but changed only by the city", async () => {
    const c = await createFramework(admin, 'hz-city');
    assert.equal((await adminDq.get(`/api/v1/framework-versions/${c.id}`)).status, 200);
    assertError(await adminDq.put(`/api/v1/framework-versions/${c.id}`, { document: doc('hz-city') }), 403, 'forbidden');
  });
});

describe('scoring', () => {
  test('points, category %, weighted total, veto and grade as the format says', async () => {
    const v = await createFramework(adminDq, 'dq-score');
    const answers = {
      'A1.1': { value: true }, 'A1.2': { value: 'B' },
      'A2.1': { value: 45 }, 'A2.2': { value: 7 }, 'A2.3': { value: '无' },
    };
    const r = await inspector.post(`/api/v1/framework-versions/${v.id}/score`, { answers });
    assert.equal(r.status, 200, r.text);
    // A1: (10 + 8) / 20 = 90 %; A2: (10 + 7) / 20 = 85 %; total (2 × 90 + 85) / 3 = 88.33
    assert.equal(r.json.categories[0].percent, 90);
    assert.equal(r.json.categories[1].percent, 85);
    assert.equal(r.json.total, 88.33);
    assert.equal(r.json.grade, '良好');
    assert.equal(r.json.is_complete, true);
    const veto = await inspector.post(`/api/v1/framework-versions/${v.id}/score`,
      { answers: { ...answers, 'A1.1': { value: false } } });
    assert.equal(veto.json.is_vetoed, true);
    assert.deepEqual(veto.json.vetoes, ['A1.1']);
    assert.equal(veto.json.grade, '不合格');
    assert.equal(veto.json.items['A1.1'].is_evidence_short, true);
    // a wrong value names the indicator
    assertError(await inspector.post(`/api/v1/framework-versions/${v.id}/score`, { answers: { 'A1.2': { value: 'Z' } } }),
      400, 'invalid', 'A1.2.value');
    assertError(await inspector.post(`/api/v1/framework-versions/${v.id}/score`, { answers: { Q9: { value: 1 } } }),
      400, 'invalid', 'Q9');
  });

  test("a school's type and sections decide which items apply (双减 at a 初中)", async () => {
    const sj = (await admin.get('/api/v1/frameworks?q=shuangjian')).json.items[0];
    const schools = (await admin.get('/api/v1/schools?type_code=311&page_size=1')).json.items;
    assert.ok(schools.length, 'a 初级中学 in the demo');
    const r = await admin.post(`/api/v1/framework-versions/${sj.current_version_id}/score`,
      { answers: { 'SJ1.4': { value: 100 } }, school_id: schools[0].id });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items['SJ1.2'].is_applicable, false); // 一、二年级: primary only
    assert.equal(r.json.items['SJ1.4'].is_applicable, true);
    assert.equal(r.json.is_vetoed, true); // 100 minutes > 90: a red line
    // an inspector cannot score against a school outside its assignments
    const other = (await admin.get('/api/v1/schools?region_code=330522&page_size=1')).json.items[0];
    assertError(await inspector.post(`/api/v1/framework-versions/${sj.current_version_id}/score`,
      { answers: {}, school_id: other.id }), 404, 'not_found');
  });
});

describe('import and export', () => {
  test('JSON export is the document; importing it under a new code creates a framework', async () => {
    const v = await createFramework(adminDq, 'dq-json');
    const d = await download(adminDq, `/api/v1/framework-versions/${v.id}/export?format=json`);
    assert.equal(d.status, 200);
    assert.match(d.type, /json/);
    assert.match(d.disposition, /dq-json-v1\.json/);
    const exported = JSON.parse(d.bytes.toString('utf8'));
    assert.equal(exported.code, 'dq-json');
    assert.equal(exported.version, 1);
    exported.code = 'dq-json-2';
    const imp = await adminDq.req('POST', '/api/v1/frameworks/import', { raw: JSON.stringify(exported) });
    assert.equal(imp.status, 200, imp.text);
    const back = await adminDq.get(`/api/v1/framework-versions/${imp.json.version_id}`);
    assert.deepEqual(back.json.document.indicators, exported.indicators);
    // the same file again makes no second framework: it replaces the draft
    const again = await adminDq.req('POST', '/api/v1/frameworks/import', { raw: JSON.stringify(exported) });
    assert.equal(again.json.version_id, imp.json.version_id);
    // a bad file names the indicator
    exported.indicators[0].children[0].kind = 'yes_no';
    const bad = await adminDq.req('POST', '/api/v1/frameworks/import', { raw: JSON.stringify(exported) });
    assertError(bad, 400, 'invalid_document', 'A1.1.kind');
  });

  test('XLSX export: one row per indicator, read back with an independent reader, and imported round trip', async () => {
    const sj = (await admin.get('/api/v1/frameworks?q=shuangjian')).json.items[0];
    const d = await download(inspector, `/api/v1/framework-versions/${sj.current_version_id}/export?format=xlsx`);
    assert.equal(d.status, 200);
    assert.match(d.type, /spreadsheetml/);
    assert.equal(d.bytes.subarray(0, 2).toString(), 'PK');
    const rows = readXlsx(d.bytes);
    assert.deepEqual(rows[0].slice(0, 7), ['层级', '编码', '上级编码', '指标内容', '英文', '检查方法', '类型']);
    const doc0 = (await admin.get(`/api/v1/framework-versions/${sj.current_version_id}`)).json.document;
    let n = 0;
    const walk = (ns) => ns.forEach((x) => { n++; if (x.children) walk(x.children); });
    walk(doc0.indicators);
    assert.equal(rows.length - 1, n);
    const red = rows.find((r) => r[1] === 'SJ1.2');
    assert.deepEqual([red[0], red[2], red[6], red[15], red[17]], ['2', 'SJ1', '达标', '是', '小学']);
    const hw = rows.find((r) => r[1] === 'SJ1.3');
    assert.equal(hw[11], '<= 60');
    assert.equal(hw[10], '分钟/天');

    // the exported sheet imported as a new county framework gives back the same indicators
    const imp = await adminDq.req('POST', '/api/v1/frameworks/import?code=dq-sj&name=' + encodeURIComponent('德清县双减检查'),
      { raw: d.bytes, contentType: 'application/octet-stream' });
    assert.equal(imp.status, 200, imp.text);
    assert.equal(imp.json.n_rows, n);
    const back = (await adminDq.get(`/api/v1/framework-versions/${imp.json.version_id}`)).json;
    assert.equal(back.document.name, '德清县双减检查');
    assert.deepEqual(back.document.indicators, doc0.indicators);
  });

  test('an XLSX with bad rows is refused whole, each problem with its row and column', async () => {
    const v = await createFramework(adminDq, 'dq-xlsx');
    const head = ['层级', '编码', '上级编码', '指标内容', '类型', '满分', '等级或选项', '阈值', '一票否决'];
    const file = xlsx([
      head,
      ['1', 'B1', '', '课堂教学', '', '', '', '', ''],
      ['2', 'B1.1', 'B1', '开齐开足课程', '达标', '5', '', '', '是'],
      ['2', 'B1.2', 'B9', '上级不存在', '达标', '', '', '', ''],
      ['2', 'B1.3', 'B1', '评级', '评级', '', '', '', ''],
      ['2', 'B1.4', 'B1', '阈值', '数值', '', '', '约60', ''],
      ['2', 'B1.1', 'B1', '重复', '达标', '', '', '', ''],
      ['2', 'B1.5', 'B1', '否决', '达标', '', '', '', '也许'],
    ]);
    const before = (await adminDq.get(`/api/v1/frameworks/${v.framework_id}`)).json;
    const r = await adminDq.req('POST', `/api/v1/frameworks/${v.framework_id}/import`,
      { raw: file, contentType: 'application/octet-stream' });
    const j = assertError(r, 400, 'invalid_rows', 'file');
    assert.equal(j.is_written, false);
    const got = j.errors.map((e) => `${e.row}:${e.column}`);
    assert.deepEqual(got, ['4:上级编码', '6:阈值', '7:编码', '8:一票否决']);
    const after_ = (await adminDq.get(`/api/v1/frameworks/${v.framework_id}`)).json;
    assert.deepEqual(after_.versions, before.versions);
    // the cell problems fixed, the validation problem (a rating without levels) is next, on its row
    const file2 = xlsx([head, ['1', 'B1', '', '课堂教学', '', '', '', '', ''],
      ['2', 'B1.1', 'B1', '开齐开足课程', '达标', '5', '', '', '是'],
      ['2', 'B1.3', 'B1', '评级', '评级', '', '', '', '']]);
    const r2 = await adminDq.req('POST', `/api/v1/frameworks/${v.framework_id}/import`,
      { raw: file2, contentType: 'application/octet-stream' });
    const j2 = assertError(r2, 400, 'invalid_rows');
    assert.deepEqual(j2.errors.map((e) => `${e.row}:${e.column}:${e.indicator}`), ['4:等级或选项:B1.3']);
    // and fixed: the draft takes the rows, keeping the framework's name and bands
    const file3 = xlsx([head, ['1', 'B1', '', '课堂教学', '', '', '', '', ''],
      ['2', 'B1.1', 'B1', '开齐开足课程', '达标', '5', '', '', '是'],
      ['2', 'B1.3', 'B1', '评级', '评级', '', 'A|优|10|#67C23A; C|差|0|#F56C6C|不达标', '', ''],
      ['2', 'B1.4', 'B1', '阈值', '数值', '', '', '>= 3', '']]);
    const r3 = await adminDq.req('POST', `/api/v1/frameworks/${v.framework_id}/import`,
      { raw: file3, contentType: 'application/octet-stream' });
    assert.equal(r3.status, 200, r3.text);
    assert.equal(r3.json.version_id, v.id);
    const got3 = (await adminDq.get(`/api/v1/framework-versions/${v.id}`)).json.document;
    assert.equal(got3.name, '德清县学校日常检查');
    assert.equal(got3.grade_bands.length, 4);
    assert.deepEqual(got3.indicators[0].children.map((x) => x.code), ['B1.1', 'B1.3', 'B1.4']);
    assert.deepEqual(got3.indicators[0].children[1].levels[1],
      { value: 'C', label: '差', color: '#F56C6C', score: 0, is_fail: true });
    assert.deepEqual(got3.indicators[0].children[2].threshold, { op: '>=', value: 3 });
  });
});
