// Hardening (issue 11), second part, over real HTTP on SQLite and PostgreSQL alike: a school sees
// only the issued findings of its visit and none of the inspectors' photos, in JSON and in the
// record PDF; the 通报 two-person rule holds against an editor, and the title is redacted; the
// complaint limit counts an IPv6 /64 as one source and the stored source hash is keyed with a
// secret the database does not hold; complaint verify/reject audit rows carry the region; a
// task cannot pin another region's framework; POST /jobs/run is refused to an admin whose
// region does not span the deployment. Each test fails on the code before these changes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, DB_KIND } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, Client, GOOD_PASSWORD, cli, uniq } from './client.mjs';

const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
  'hex');

let srv, admin, adminDq, adminCx, inspector, school, leader, auditor, auditorCx, me, schoolId;

function plusDays(n) {
  return new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
}

function sql(text) {
  const r = DB_KIND === 'pg'
    ? spawnSync('psql', [srv.dbUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', text], { encoding: 'utf8' })
    : spawnSync('sqlite3', [srv.dbUrl.replace(/^sqlite:/, ''), text], { encoding: 'utf8' });
  assert.equal(r.status, 0, `sql failed: ${text}: ${r.stderr}`);
  return r.stdout.trim();
}

async function pdfText(client, path) {
  const res = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'h2pdf-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const t = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(t.status, 0, t.stderr);
  return t.stdout.replace(/\s+/g, '');
}

function leafCodes(doc) {
  const out = [];
  const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.push(n.code)));
  walk(doc.indicators);
  return out;
}

before(async () => {
  srv = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });
  [admin, adminDq, inspector, school, leader, auditor] = await Promise.all(
    ['admin', 'admin_dq', 'inspector', 'school', 'leader', 'auditor'].map((u) => loginAs(srv.base, u)));
  schoolId = school.user.school_id;
  const ins = await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521');
  me = ins.json.items.find((i) => i.user_id === inspector.user.id);
  assert.ok(me, 'the demo inspector is on the roster');
  const cx = await createUser(admin, { role: 'admin', region_code: '330522', display_name: '长兴县管理员' });
  adminCx = await loginAs(srv.base, cx.username, GOOD_PASSWORD);
  const audName = uniq('aud');
  const r = cli(['user', 'add', '--db', srv.dbUrl, '--data', srv.dataDir, '--username', audName, '--role', 'auditor',
    '--region', '330522', '--name', '长兴审计', '--password-stdin'], { input: `${GOOD_PASSWORD}\n`, timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  auditorCx = await loginAs(srv.base, audName, GOOD_PASSWORD);
});
after(() => stopClean(srv));

describe('a school sees the issued findings of its visit, and no photos', () => {
  test('draft and voided findings and the photos stay with the office, in JSON and in the record PDF', async () => {
    const fv = (await admin.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
    let r = await adminDq.post('/api/v1/tasks', {
      kind: 'followup', title: '加固测试随访', // 专项 needs ≥ 3 督学 and the notice (条例); a 随访 opens at once
      framework_version_id: fv, due_on: plusDays(10),
      members: [{ inspector_id: me.id, role: 'leader' }], school_ids: [schoolId],
    });
    assert.equal(r.status, 201, r.text);
    const target = r.json.targets.find((g) => g.school_id === schoolId);
    r = await inspector.post('/api/v1/visits', { target_id: target.id });
    assert.equal(r.status, 201, r.text);
    const v = r.json;
    const loc = v.school_location || { lat: 30.5, lng: 119.9 };
    r = await inspector.post(`/api/v1/visits/${v.id}/checkin`, { lat: loc.lat + 0.0002, lng: loc.lng, accuracy_m: 15 });
    assert.equal(r.status, 200, r.text);
    const takenAt = Math.floor(Date.now() / 1000) - 60;
    r = await inspector.req('POST', `/api/v1/visits/${v.id}/photos?taken_at=${takenAt}&lat=30.54&lng=119.96`,
      { raw: JPEG, contentType: 'image/jpeg' });
    assert.equal(r.status, 201, r.text);
    const photoId = r.json.id;
    const codes = leafCodes(v.framework.document);
    const answers = Object.fromEntries(codes.map((c) => [c, { value: 'good' }]));
    // three flagged items become three draft findings; the office words each one its own way
    const marks = ['草稿甲', '作废乙', '下发丙']; // short: one line in the PDF's narrow column
    marks.forEach((m, i) => { answers[codes[i]] = { value: 'good', flag: true, attachments: i === 0 ? [photoId] : [] }; });
    r = await inspector.patch(`/api/v1/visits/${v.id}`, { answers, notes: '整体良好。' });
    assert.equal(r.status, 200, r.text);
    r = await inspector.post(`/api/v1/visits/${v.id}/submit`);
    assert.equal(r.status, 200, r.text);
    const full = (await inspector.get(`/api/v1/visits/${v.id}`)).json;
    assert.equal(full.photos.length, 1);
    const byMark = {};
    for (const [i, m] of marks.entries()) {
      const f = full.findings.find((x) => x.indicator_code === codes[i]);
      assert.ok(f, `a finding for ${codes[i]}`);
      r = await inspector.patch(`/api/v1/findings/${f.id}`, { description: m });
      assert.equal(r.status, 200, r.text);
      byMark[m] = f;
    }
    r = await adminDq.post(`/api/v1/findings/${byMark[marks[1]].id}/void`, { reason: '录入错误' });
    assert.equal(r.status, 200, r.text);
    r = await inspector.post(`/api/v1/findings/${byMark[marks[2]].id}/issue`, { requirement: '限期整改' });
    assert.equal(r.status, 200, r.text);

    r = await adminDq.post(`/api/v1/visits/${v.id}/opinion`, { evaluation: '办学规范。', deadline: plusDays(30) });
    assert.equal(r.status, 201, r.text);

    // the office sees all three and the photo: the findings in the opinion, the photo in the record
    const office = (await inspector.get(`/api/v1/visits/${v.id}`)).json;
    assert.equal(office.findings.length, 3);
    const officeOpinion = await pdfText(adminDq, `/api/v1/visits/${v.id}/opinion.pdf`);
    for (const m of marks) assert.ok(officeOpinion.includes(m), `the office's opinion PDF lists ${m}`);
    const officeRecord = await pdfText(inspector, `/api/v1/visits/${v.id}/record.pdf`);
    assert.ok(officeRecord.includes('SM3') && officeRecord.includes('30.54000'), 'the record shows the photo, its time and place');

    // the school: only the issued one, no photos
    r = await school.get(`/api/v1/visits/${v.id}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.findings.map((f) => f.description), [marks[2]]);
    assert.equal(r.json.findings[0].state, 'issued');
    assert.equal(r.json.photos, undefined);
    const schoolOpinion = await pdfText(school, `/api/v1/visits/${v.id}/opinion.pdf`);
    assert.ok(schoolOpinion.includes(marks[2]), 'the issued finding is in the school copy');
    assert.ok(!schoolOpinion.includes(marks[0]), 'no draft finding in the school copy');
    assert.ok(!schoolOpinion.includes(marks[1]), 'no voided finding in the school copy');
    const schoolRecord = await pdfText(school, `/api/v1/visits/${v.id}/record.pdf`);
    assert.ok(!schoolRecord.includes('SM3'), 'no photo caption in the school copy');
    assert.ok(!schoolRecord.includes('30.54000'), 'no photo position in the school copy');
  });
});

describe('通报: the two-person rule and the redacted title', () => {
  test('whoever composed or edited a draft cannot approve it; the public title is redacted', async () => {
    const principal = (await adminDq.get(`/api/v1/schools/${schoolId}`)).json.principal;
    assert.ok(principal && principal.length >= 2);
    const d = plusDays(0);
    let r = await adminDq.post('/api/v1/bulletins', { period_from: plusDays(-30), period_to: d,
      title: `关于${principal}校长所在学校整改情况的通报` });
    assert.equal(r.status, 201, r.text);
    const b = r.json;
    assert.ok(b.redactions.includes(principal));
    // a second admin rewrites the draft and clears the redactions ...
    r = await admin.patch(`/api/v1/bulletins/${b.id}`, { body: `${b.body}\n\n${principal}校长已被约谈。`, redactions: [] });
    assert.equal(r.status, 200, r.text);
    // ... and may not approve it alone; nor may the composer
    assertError(await admin.post(`/api/v1/bulletins/${b.id}/approve`), 403, 'forbidden', 'approved_by');
    assertError(await adminDq.post(`/api/v1/bulletins/${b.id}/approve`), 403, 'forbidden', 'approved_by');
    assert.equal((await adminDq.get(`/api/v1/bulletins/${b.id}`)).json.state, 'draft', 'a refusal changes nothing');
    // the edit is recorded with its editor
    const edits = sql(`SELECT edited_by || ':' || changes FROM bulletin_edit WHERE bulletin_id = ${b.id}`);
    assert.equal(edits, `${admin.user.id}:["body","redactions"]`);
    // the composer restores the list: still neither may approve; a third person does
    r = await adminDq.patch(`/api/v1/bulletins/${b.id}`, { redactions: b.redactions });
    assert.equal(r.status, 200, r.text);
    assertError(await admin.post(`/api/v1/bulletins/${b.id}/approve`), 403, 'forbidden', 'approved_by');
    r = await leader.post(`/api/v1/bulletins/${b.id}/approve`);
    assert.equal(r.status, 200, r.text);
    r = await adminDq.post(`/api/v1/bulletins/${b.id}/publish`);
    assert.equal(r.status, 200, r.text);
    const anon = new Client(srv.base);
    r = await anon.get(`/api/v1/public/bulletins/${b.id}`);
    assert.equal(r.status, 200);
    assert.ok(!r.json.title.includes(principal), `public title: ${r.json.title}`);
    assert.ok(r.json.title.includes(`${principal[0]}某`));
    const list = (await anon.get('/api/v1/public/bulletins')).json.items.find((x) => x.id === b.id);
    assert.ok(!list.title.includes(principal), 'the public list redacts the title too');
    const text = await pdfText(anon, `/api/v1/public/bulletins/${b.id}/pdf`);
    assert.ok(!text.includes(principal), 'no name in the public PDF, title included');
    const staff = (await adminDq.get(`/api/v1/bulletins/${b.id}`)).json;
    assert.ok(staff.title.includes(principal), 'the office keeps the title as written');
  });
});

describe('complaints: per-source limit and a keyed source hash', () => {
  let code;
  before(async () => {
    code = (await adminDq.get(`/api/v1/schools?region_code=330521003&page_size=1`)).json.items[0].code;
  });
  const file = (from, i) => new Client(srv.base).post('/api/v1/public/complaints',
    { school_code: code, category: '其他', content: `来自${from}的第${i}条举报内容，足够长` },
    { headers: { 'x-forwarded-for': from } });

  test('an IPv6 /64 is one source: rotating addresses inside it does not pass', async () => {
    for (let i = 1; i <= 3; i++) assert.equal((await file(`2001:db8:aa:bb::${i}`, i)).status, 201);
    assertError(await file('2001:db8:aa:bb:ffff:1:2:3', 4), 429, 'rate_limited');
    assertError(await file('2001:0db8:00aa:00bb:0:0:0:9', 5), 429, 'rate_limited');
    assert.equal((await file('2001:db8:aa:cc::1', 6)).status, 201, 'another /64 is another source');
  });

  test('IPv4 is counted per address (and an IPv4-mapped IPv6 address is that address)', async () => {
    for (let i = 1; i <= 3; i++) assert.equal((await file('198.51.100.7', i)).status, 201);
    assertError(await file('198.51.100.7', 4), 429, 'rate_limited');
    assertError(await file('::ffff:198.51.100.7', 5), 429, 'rate_limited');
    assert.equal((await file('198.51.100.8', 6)).status, 201, 'the neighbouring address is another source');
  });

  test('the stored hash is keyed with a secret kept in the data directory, not in the database', async () => {
    const r = await file('203.0.113.77', 1);
    assert.equal(r.status, 201, r.text);
    const stored = sql(`SELECT ip_hash FROM complaint WHERE receipt_code = '${r.json.receipt_code}'`);
    const keyFile = join(srv.dataDir, 'complaint-source.key');
    const st = statSync(keyFile);
    assert.equal(st.mode & 0o777, 0o600);
    const key = readFileSync(keyFile);
    assert.equal(key.length, 32);
    const blake = (k) => spawnSync('python3', ['-c',
      'import hashlib,sys; k=bytes.fromhex(sys.argv[2]); print(hashlib.blake2b(sys.argv[1].encode(), digest_size=32, key=k).hexdigest())',
      '203.0.113.77', k.toString('hex')], { encoding: 'utf8' }).stdout.trim();
    assert.notEqual(stored, blake(Buffer.alloc(0)), 'not the plain hash anyone can compute from a candidate address');
    assert.equal(stored, blake(key), 'a MAC under the data directory key');
  });
});

describe('complaint verify/reject audit rows carry the region', () => {
  test("another region's auditor does not see them; the region's auditor does", async () => {
    const sch = (await adminDq.get(`/api/v1/schools/${schoolId}`)).json;
    const ids = [];
    for (const from of ['192.0.2.31', '192.0.2.32']) {
      const r = await new Client(srv.base).post('/api/v1/public/complaints',
        { school_code: sch.code, category: '乱收费', content: `审计区域测试的举报内容${from}` }, { headers: { 'x-forwarded-for': from } });
      assert.equal(r.status, 201, r.text);
      const c = (await inspector.get('/api/v1/complaints?state=received&page_size=200')).json.items
        .find((x) => x.receipt_code === r.json.receipt_code);
      assert.ok(c, 'in the inspector inbox');
      ids.push(c.id);
    }
    let r = await inspector.post(`/api/v1/complaints/${ids[0]}/verify`, { severity: 'serious', issue: false });
    assert.equal(r.status, 200, r.text);
    r = await inspector.post(`/api/v1/complaints/${ids[1]}/reject`, { outcome: '经核实不属实' });
    assert.equal(r.status, 200, r.text);
    for (const [id, action] of [[ids[0], 'verify'], [ids[1], 'reject']]) {
      const mine = (await auditor.get(`/api/v1/audit?entity=complaint&entity_id=${id}&page_size=50`)).json.items;
      const row = mine.find((x) => x.action === action);
      assert.ok(row, `the city auditor sees ${action}`);
      assert.equal(row.region_code, sch.region_code);
      const theirs = (await auditorCx.get(`/api/v1/audit?entity=complaint&entity_id=${id}&page_size=50`)).json.items;
      assert.deepEqual(theirs.map((x) => x.action), [], `长兴's auditor sees nothing of ${action}`);
    }
  });
});

describe('a task pins only its own region’s frameworks', () => {
  test("another county's published framework version is refused, naming the field", async () => {
    const d = {
      code: uniq('cx-fw'), name: '长兴县日常检查', source: '长兴县教育督导室（测试）',
      grade_bands: [{ label: '合格', min: 60 }, { label: '不合格', min: 0 }],
      indicators: [{ code: 'A1', text: '校园安全', children: [{ code: 'A1.1', text: '消防通道畅通', kind: 'pass_fail', max_score: 10 }] }],
    };
    let r = await adminCx.post('/api/v1/frameworks', { document: d });
    assert.equal(r.status, 201, r.text);
    const vid = r.json.id;
    r = await adminCx.post(`/api/v1/framework-versions/${vid}/publish`, {});
    assert.equal(r.status, 200, r.text);
    const before = (await adminDq.get('/api/v1/tasks?page_size=1')).json.total;
    const body = { kind: 'followup', title: '借用他县指标', framework_version_id: vid, due_on: plusDays(5),
      members: [{ inspector_id: me.id, role: 'leader' }], school_ids: [schoolId] };
    assertError(await adminDq.post('/api/v1/tasks', body), 400, 'invalid', 'framework_version_id');
    assert.equal((await adminDq.get('/api/v1/tasks?page_size=1')).json.total, before, 'nothing was created');
  });
});

describe('POST /jobs/run', () => {
  test('refused to a county admin (the jobs run for every region); the top-level admin runs them', async () => {
    assertError(await adminDq.post('/api/v1/jobs/run', {}), 403, 'forbidden');
    assertError(await adminCx.post('/api/v1/jobs/run', {}), 403, 'forbidden');
    const r = await admin.post('/api/v1/jobs/run', {});
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json.jobs));
  });
});
