// Surveys run by a third party, the sampling rule, trends and the office's follow-up of free
// texts, over real HTTP on SQLite and PostgreSQL:
// - the sample a county's 常住人口 needs under the questionnaire's rule (1.5 ‰, the 600 floor
//   below 40万, parents ≥ 50 %, 70 % valid returns) and a round's plan checked against it;
// - a 第三方评估机构 registered by the office, its accounts (role evaluator) bound to it and
//   given an end: it sees only its org's rounds and nothing else of the county, distributes the
//   codes, reads the aggregated results, hands them in; the office returns or accepts them,
//   and only accepted results count (trends, findings); an expired or closed org's account is
//   refused at login and on its open session;
// - free-text answers flagged for follow-up, audited, never published.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, DB_KIND } from '../lib/server.mjs';
import { readXlsx } from '../lib/xlsx_read.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD, uniq } from './client.mjs';

let srv, adminDq, admin, leader, pub, versionId;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  adminDq = await loginAs(srv.base, 'admin_dq');
  leader = await loginAs(srv.base, 'leader');
  pub = adminDq.fresh();
  const forms = await adminDq.get('/api/v1/surveys/forms');
  versionId = forms.json.items.find((x) => x.code === 'quality-2017-recognition').id;
});
after(() => stopClean(srv));

// One statement on the test's database, as the operator would run it.
function sql(statement) {
  const r = DB_KIND === 'pg'
    ? spawnSync('psql', [srv.dbUrl, '-At', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' })
    : spawnSync('sqlite3', [srv.dbUrl.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const daysFrom = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const answers = (v) => ({ S0: { S1: v, S2: v, S3: v, S4: v, S5: v }, S6: v, G1: v, G2: v, G3: v });

async function download(client, path) {
  const r = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${client.cookie}` } });
  return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()) };
}

describe('the sample a population needs', () => {
  test('1.5 ‰ of 常住人口, 600 below 40万, parents ≥ 50 %, 70 % valid; quotas proposed per group', async () => {
    let r = await adminDq.get(`/api/v1/surveys/versions/${versionId}/sample?population=300000`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.need, { total: 600, parents: 300, valid: 420 });
    assert.match(r.json.rule, /1\.5‰/);
    const q = Object.fromEntries(r.json.groups.map((g) => [g.group, g.quota]));
    assert.equal(q.parent, 300);
    assert.equal(Object.values(q).reduce((x, y) => x + y, 0), 600);
    // the other six groups 大体相当: 300 split 50 each
    assert.deepEqual(Object.entries(q).filter(([g]) => g !== 'parent').map(([, n]) => n), [50, 50, 50, 50, 50, 50]);
    // above 40万 the per-mille rules: 1 000 001 × 1.5 ‰ = 1500.0015 → 1501
    r = await adminDq.get(`/api/v1/surveys/versions/${versionId}/sample?population=1000001`);
    assert.deepEqual(r.json.need, { total: 1501, parents: 751, valid: 1051 });
    r = await adminDq.get(`/api/v1/surveys/versions/${versionId}/sample?population=400000`);
    assert.deepEqual(r.json.need, { total: 600, parents: 300, valid: 420 });
    assertError(await adminDq.get(`/api/v1/surveys/versions/${versionId}/sample?population=0`), 400, 'invalid', 'population');
    assertError(await adminDq.get(`/api/v1/surveys/versions/${versionId}/sample`), 400, 'invalid', 'population');
    // a questionnaire without a rule says so
    const forms = await adminDq.get('/api/v1/surveys/forms');
    const teaching = forms.json.items.find((x) => x.code === 'student-rates-teaching').id;
    assertError(await adminDq.get(`/api/v1/surveys/versions/${teaching}/sample?population=300000`), 400, 'invalid', 'id');
  });

  test('a round records its population and shows where its plan falls short', async () => {
    const r = await adminDq.post('/api/v1/surveys/rounds', {
      title: '样本核对', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(10), population: 300000,
      cells: [{ group: 'parent', quota: 200 }, { group: 'teacher', quota: 100 }],
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.population, 300000);
    assert.match(r.json.sample_rule, /家长不少于 50%/);
    assert.deepEqual(r.json.sample.need, { total: 600, parents: 300, valid: 420 });
    assert.deepEqual(r.json.sample.planned, { total: 300, parents: 200 });
    assert.equal(r.json.sample.meets_plan, false);
    assert.equal(r.json.sample.meets_returns, false);
    assert.equal(r.json.sample.shortfalls.length, 2);
    assert.match(r.json.sample.shortfalls[1], /家长配额 200 人，少于应有的 300 人/);
    assertError(await adminDq.post('/api/v1/surveys/rounds', {
      title: 'x', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(1), population: -5, cells: [{ group: 'parent', quota: 1 }],
    }), 400, 'invalid', 'population');
  });
});

describe('a third-party organisation runs a round, the office reviews it', () => {
  let org, otherOrg, evaluator, evalClient, round, officeRound, schools, codes;

  test('the office registers organisations; bad input is refused and stores nothing', async () => {
    assertError(await adminDq.post('/api/v1/surveys/orgs', { name: '' }), 400, 'invalid', 'name');
    assertError(await adminDq.post('/api/v1/surveys/orgs', { name: '甲', credit_code: '123' }), 400, 'invalid', 'credit_code');
    assertError(await admin.post('/api/v1/surveys/orgs', { name: '乙' }), 400, 'invalid', 'county_code');
    assertError(await adminDq.post('/api/v1/surveys/orgs', { name: '丙', county_code: '330522' }), 404, 'not_found');
    assert.equal((await adminDq.get('/api/v1/surveys/orgs')).json.total, 0);
    let r = await adminDq.post('/api/v1/surveys/orgs', { name: '浙江某教育评估院', credit_code: '91330100MA2B7K3R1A', contract_no: '德教督委〔2026〕3号', contact: '王工 0572-0000000' });
    assert.equal(r.status, 201, r.text);
    org = r.json;
    assert.equal(org.county_code, '330521');
    assert.equal(org.status, 'active');
    assertError(await adminDq.post('/api/v1/surveys/orgs', { name: '浙江某教育评估院' }), 409, 'conflict', 'name');
    r = await adminDq.post('/api/v1/surveys/orgs', { name: '另一家调查公司' });
    otherOrg = r.json;
    assertError(await leader.post('/api/v1/surveys/orgs', { name: '丁' }), 403, 'forbidden');
  });

  test('evaluator accounts: bound to an active org of their county, always with an end', async () => {
    const base = { role: 'evaluator', region_code: '330521', password: GOOD_PASSWORD, display_name: '评估员', username: uniq('ev') };
    assertError(await adminDq.post('/api/v1/users', { ...base, expires_on: daysFrom(90) }), 400, 'invalid', 'org_id');
    assertError(await adminDq.post('/api/v1/users', { ...base, org_id: org.id }), 400, 'invalid', 'expires_on');
    assertError(await adminDq.post('/api/v1/users', { ...base, org_id: org.id, expires_on: daysFrom(-1) }), 400, 'invalid', 'expires_on');
    assertError(await adminDq.post('/api/v1/users', { ...base, org_id: org.id, expires_on: daysFrom(5000) }), 400, 'invalid', 'expires_on');
    assertError(await adminDq.post('/api/v1/users', { ...base, org_id: org.id, expires_on: '2026-02-30' }), 400, 'invalid', 'expires_on');
    assertError(await adminDq.post('/api/v1/users', { ...base, role: 'inspector', org_id: org.id, expires_on: daysFrom(90) }), 400, 'invalid', 'org_id');
    assertError(await adminDq.post('/api/v1/users', { ...base, org_id: 999999, expires_on: daysFrom(90) }), 400, 'invalid', 'org_id');
    evaluator = await createUser(adminDq, { ...base, org_id: org.id, expires_on: daysFrom(90) });
    assert.equal(evaluator.role, 'evaluator');
    assert.equal(evaluator.org_id, org.id);
    assert.ok(evaluator.expires_at > new Date().toISOString());
    const detail = await adminDq.get(`/api/v1/surveys/orgs/${org.id}`);
    assert.deepEqual(detail.json.accounts.map((x) => x.username), [evaluator.username]);
    evalClient = await loginAs(srv.base, evaluator.username, GOOD_PASSWORD);
  });

  test('the office commissions a round; the evaluator sees that round and nothing else of the county', async () => {
    schools = (await adminDq.get('/api/v1/schools?page_size=2')).json.items;
    let r = await adminDq.post('/api/v1/surveys/rounds', {
      title: '第三方社会认可度调查', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(20), org_id: org.id,
      cells: [{ group: 'parent', school_id: schools[0].id, quota: 12 }, { group: 'teacher', quota: 3 }],
    });
    assert.equal(r.status, 201, r.text);
    round = r.json;
    assert.equal(round.org_name, '浙江某教育评估院');
    assert.equal(round.review, 'pending');
    assert.equal(round.is_usable, false);
    r = await adminDq.post('/api/v1/surveys/rounds', {
      title: '督导室自评', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(20),
      cells: [{ group: 'parent', quota: 2 }],
    });
    officeRound = r.json;
    assert.equal(officeRound.review, 'none');
    assert.equal(officeRound.is_usable, true);
    // an org of another county, or a closed one, cannot be commissioned
    assertError(await adminDq.post('/api/v1/surveys/rounds', {
      title: 'x', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(2), org_id: 999999, cells: [{ group: 'parent', quota: 1 }],
    }), 400, 'invalid', 'org_id');

    const list = await evalClient.get('/api/v1/surveys/rounds');
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((x) => x.id), [round.id]);
    assertError(await evalClient.get(`/api/v1/surveys/rounds/${officeRound.id}`), 404, 'not_found', 'id');
    assertError(await evalClient.get(`/api/v1/surveys/rounds/${officeRound.id}/results`), 404, 'not_found', 'id');
    assert.deepEqual((await evalClient.get('/api/v1/surveys/orgs')).json.items.map((x) => x.id), [org.id]);
    assertError(await evalClient.get(`/api/v1/surveys/orgs/${otherOrg.id}`), 404, 'not_found', 'id');
    // nothing else of the county: schools, findings, people, the office's texts and exports
    for (const path of ['/api/v1/schools', '/api/v1/findings', '/api/v1/users', '/api/v1/inspectors', '/api/v1/audit',
      `/api/v1/surveys/rounds/${round.id}/texts`, '/api/v1/surveys/forms']) {
      assertError(await evalClient.get(path), 403, 'forbidden');
    }
    assertError(await evalClient.post('/api/v1/surveys/rounds', { title: 'x' }), 403, 'forbidden');
    assertError(await evalClient.post(`/api/v1/surveys/rounds/${round.id}/review`, { decision: 'accepted' }), 403, 'forbidden');
    // it distributes the codes
    const list2 = await download(evalClient, `/api/v1/surveys/rounds/${round.id}/codes`);
    assert.equal(list2.status, 200);
    const rows = readXlsx(list2.bytes);
    assert.equal(rows.length, 16);
    codes = rows.slice(1).filter((x) => x[2] === '家长').map((x) => x[0]);
    assert.equal((await download(evalClient, `/api/v1/surveys/rounds/${round.id}/slips`)).status, 200);
    assert.equal((await download(evalClient, `/api/v1/surveys/rounds/${officeRound.id}/slips`)).status, 404);
  });

  test('an evaluator of another org sees none of it', async () => {
    const u = await createUser(adminDq, { role: 'evaluator', org_id: otherOrg.id, expires_on: daysFrom(30) });
    const c = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    assert.equal((await c.get('/api/v1/surveys/rounds')).json.total, 0);
    assertError(await c.get(`/api/v1/surveys/rounds/${round.id}`), 404, 'not_found', 'id');
    assertError(await c.get(`/api/v1/surveys/rounds/${round.id}/report`), 404, 'not_found', 'id');
    assertError(await c.post(`/api/v1/surveys/rounds/${round.id}/close`, {}), 404, 'not_found', 'id');
  });

  test('hand-in and review: results count only once the office accepts them', async () => {
    for (let i = 0; i < 12; i++) {
      const r = await pub.post(`/api/v1/public/surveys/${codes[i]}`, { answers: answers(i < 6 ? '5' : '2') });
      assert.equal(r.status, 201, r.text);
    }
    // the org reads the aggregated results of its round
    let res = await evalClient.get(`/api/v1/surveys/rounds/${round.id}/results`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.overall.n, 12);
    assert.equal(res.json.review, 'pending');
    assert.equal(res.json.is_usable, false);
    assertError(await evalClient.post(`/api/v1/surveys/rounds/${round.id}/submit`, { report: '已完成' }), 409, 'conflict', 'id');
    assert.equal((await evalClient.post(`/api/v1/surveys/rounds/${round.id}/close`, {})).status, 200);
    assertError(await evalClient.post(`/api/v1/surveys/rounds/${round.id}/submit`, { report: '' }), 400, 'invalid', 'report');
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/review`, { decision: 'accepted' }), 409, 'conflict', 'id');
    let r = await evalClient.post(`/api/v1/surveys/rounds/${round.id}/submit`, { report: '发放 15 份，回收 12 份，有效 12 份。' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.review, 'submitted');
    assertError(await evalClient.post(`/api/v1/surveys/rounds/${round.id}/submit`, { report: '再交一次' }), 409, 'conflict', 'id');
    // not usable yet: no finding from its low scores, not in the trend
    const school = (await adminDq.get(`/api/v1/surveys/rounds/${round.id}/results`)).json.schools[0];
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/findings`, { school_id: schools[0].id, item: 'S1' }), 409, 'conflict', 'id');
    let tr = await adminDq.get('/api/v1/surveys/trends?form_code=quality-2017-recognition');
    assert.equal(tr.status, 200, tr.text);
    assert.ok(!tr.json.points.some((p) => p.round_id === round.id));
    // a return needs a reason; the org hands in again
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/review`, { decision: 'returned' }), 400, 'invalid', 'note');
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/review`, { decision: 'maybe' }), 400, 'invalid', 'decision');
    r = await adminDq.post(`/api/v1/surveys/rounds/${round.id}/review`, { decision: 'returned', note: '请补充样本分布说明' });
    assert.equal(r.json.review, 'returned');
    assert.equal((await evalClient.get(`/api/v1/surveys/rounds/${round.id}`)).json.review_note, '请补充样本分布说明');
    r = await evalClient.post(`/api/v1/surveys/rounds/${round.id}/submit`, { report: '样本：某校家长 12 人，均为城区。' });
    assert.equal(r.json.review, 'submitted');
    r = await adminDq.post(`/api/v1/surveys/rounds/${round.id}/review`, { decision: 'accepted', note: '采用' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.review, 'accepted');
    assert.equal(r.json.is_usable, true);
    tr = await adminDq.get('/api/v1/surveys/trends?form_code=quality-2017-recognition');
    const p = tr.json.points.find((x) => x.round_id === round.id);
    assert.ok(!tr.json.points.some((x) => x.round_id === officeRound.id), 'a round still open is not a point yet');
    assert.equal(p.run_by, '浙江某教育评估院');
    assert.equal(p.overall.n, 12);
    assert.equal(p.overall.rate, 0.5);
    // the teachers' cell is empty (hidden), so the only other group is hidden too (secondary
    // suppression: the county figure minus the parents' would give the teachers')
    assert.equal(p.by_group.teacher.suppressed, true);
    assert.equal(p.by_group.parent.suppressed, true);
    assert.equal(p.by_group.parent.rate, null);
    assert.equal(tr.json.groups.parent, '家长');
    r = await adminDq.post(`/api/v1/surveys/rounds/${round.id}/findings`, { school_id: schools[0].id, item: 'S1' });
    assert.equal(r.status, 201, r.text);
    assert.ok(school);
    // every step is in the audit log
    const audit = await (await loginAs(srv.base, 'auditor')).get('/api/v1/audit?entity=survey_round&page_size=100');
    const actions = audit.json.items.filter((x) => x.entity_id === String(round.id)).map((x) => x.action);
    for (const a of ['create', 'close', 'submit', 'review']) assert.ok(actions.includes(a), a);
  });

  test('an account past its end, or of a closed org, is refused at login and on its session', async () => {
    const u = await createUser(adminDq, { role: 'evaluator', org_id: org.id, expires_on: daysFrom(30) });
    const c = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    assert.equal((await c.get('/api/v1/surveys/rounds')).status, 200);
    sql(`UPDATE app_user SET expires_at = ${Math.floor(Date.now() / 1000) - 5} WHERE id = ${u.id}`);
    assertError(await c.get('/api/v1/surveys/rounds'), 401, 'unauthenticated');
    const again = await pub.post('/api/v1/auth/login', { username: u.username, password: GOOD_PASSWORD });
    assertError(again, 403, 'forbidden');
    assert.match(again.json.message, /过期/);
    // closing the org ends every account of it at once
    assert.equal((await evalClient.get('/api/v1/surveys/rounds')).status, 200);
    const r = await adminDq.patch(`/api/v1/surveys/orgs/${org.id}`, { status: 'closed' });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.accounts.every((x) => x.is_disabled));
    assertError(await evalClient.get('/api/v1/surveys/rounds'), 401, 'unauthenticated');
    assertError(await adminDq.post('/api/v1/users', { role: 'evaluator', region_code: '330521', org_id: org.id, expires_on: daysFrom(9), username: uniq('ev'), display_name: 'x', password: GOOD_PASSWORD }), 400, 'invalid', 'org_id');
  });
});

describe('free-text answers: flagged for follow-up by the office, never published', () => {
  test('flag, list the flagged, unflag; bad input refused', async () => {
    const r = await adminDq.post('/api/v1/surveys/rounds', {
      title: '开放题跟进', form_version_id: versionId, opens_on: today(), closes_on: daysFrom(5),
      cells: [{ group: 'parent', quota: 3 }],
    });
    const round = r.json;
    const list = readXlsx((await download(adminDq, `/api/v1/surveys/rounds/${round.id}/codes`)).bytes);
    const texts = ['食堂饭菜偏咸', '校门口交通拥堵', '作业量合适'];
    for (let i = 0; i < 3; i++) {
      const a = { ...answers('4'), P2: texts[i] };
      assert.equal((await pub.post(`/api/v1/public/surveys/${list[i + 1][0]}`, { answers: a })).status, 201);
    }
    let t = await adminDq.get(`/api/v1/surveys/rounds/${round.id}/texts`);
    assert.equal(t.json.total, 3);
    assert.equal(t.json.flagged, 0);
    // by question then text, not in the order they came in
    assert.deepEqual(t.json.items.map((x) => x.text), [...texts].sort());
    const target = t.json.items.find((x) => x.text === '校门口交通拥堵');
    t = await adminDq.post(`/api/v1/surveys/rounds/${round.id}/texts/flags`, { response_id: target.response_id, item: 'P2', note: '转交安全办' });
    assert.equal(t.status, 200, t.text);
    assert.equal(t.json.flagged, 1);
    const only = await adminDq.get(`/api/v1/surveys/rounds/${round.id}/texts?flagged=true`);
    assert.deepEqual(only.json.items.map((x) => [x.text, x.note]), [['校门口交通拥堵', '转交安全办']]);
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/texts/flags`, { response_id: 999999, item: 'P2' }), 404, 'not_found', 'response_id');
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/texts/flags`, { response_id: target.response_id, item: 'S1' }), 404, 'not_found', 'response_id');
    assertError(await leader.post(`/api/v1/surveys/rounds/${round.id}/texts/flags`, { response_id: target.response_id, item: 'P2' }), 403, 'forbidden');
    t = await adminDq.post(`/api/v1/surveys/rounds/${round.id}/texts/flags`, { response_id: target.response_id, item: 'P2', flagged: false });
    assert.equal(t.json.flagged, 0);
    assertError(await adminDq.post(`/api/v1/surveys/rounds/${round.id}/texts/flags`, { response_id: target.response_id, item: 'P2', flagged: false }), 409, 'conflict', 'response_id');
    // the public page of a code shows no one's texts, the results carry none
    const res = await adminDq.get(`/api/v1/surveys/rounds/${round.id}/results`);
    assert.ok(!JSON.stringify(res.json).includes('交通拥堵'));
  });
});

describe('the official survey: the county distributes, the institution holds the answers', () => {
  let off, schools;
  const pdfText = (bytes) => {
    const r = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };

  test('registered with the institution\'s URL and targets; bad input stores nothing', async () => {
    schools = (await adminDq.get('/api/v1/schools?page_size=2')).json.items;
    const base = {
      title: '2026 年县域义务教育优质均衡发展社会认可度调查', institution: '教育部委托专业机构', url: 'https://survey.example.org/q/330521',
      opens_on: today(), closes_on: daysFrom(14),
      cells: [{ group_name: '家长', school_id: schools[0].id, target: 120 }, { group_name: '教师', school_id: schools[1].id, target: 40 }, { group_name: '人大代表', target: 10 }],
    };
    assertError(await adminDq.post('/api/v1/surveys/official', { ...base, url: 'javascript:alert(1)' }), 400, 'invalid', 'url');
    assertError(await adminDq.post('/api/v1/surveys/official', { ...base, institution: '' }), 400, 'invalid', 'institution');
    assertError(await adminDq.post('/api/v1/surveys/official', { ...base, cells: [] }), 400, 'invalid', 'cells');
    assertError(await adminDq.post('/api/v1/surveys/official', { ...base, cells: [{ group_name: '家长', target: 0 }] }), 400, 'invalid', 'cells[0]');
    assertError(await adminDq.post('/api/v1/surveys/official', { ...base, cells: [...base.cells, { group_name: '家长', school_id: 999999, target: 5 }] }), 400, 'invalid', 'cells[3]');
    assert.equal((await adminDq.get('/api/v1/surveys/official')).json.total, 0);
    const r = await adminDq.post('/api/v1/surveys/official', base);
    assert.equal(r.status, 201, r.text);
    off = r.json;
    assert.equal(off.target, 170);
    assert.equal(off.collected, 0);
    assert.equal(off.cells.length, 3);
    assertError(await leader.post('/api/v1/surveys/official', base), 403, 'forbidden');
    assert.equal((await leader.get(`/api/v1/surveys/official/${off.id}`)).status, 200);
    const u = await createUser(admin, { role: 'admin', region_code: '330522' });
    const other = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    assertError(await other.get(`/api/v1/surveys/official/${off.id}`), 404, 'not_found', 'id');
  });

  test('posters: one page a target with the institution\'s QR code and the promise', async () => {
    const p = await download(adminDq, `/api/v1/surveys/official/${off.id}/posters`);
    assert.equal(p.status, 200);
    const text = pdfText(p.bytes);
    assert.equal((text.match(/\f/g) || []).length, 3, 'three pages');
    assert.match(text, /调查对象：家长 · /);
    assert.match(text, /请 120 人参与/);
    assert.match(text, /https:\/\/survey\.example\.org\/q\/330521/);
    assert.match(text, /不接触\s*任何作答数据/);
  });

  test('progress by the published counts, all or nothing', async () => {
    const [c1, c2, c3] = off.cells;
    assertError(await adminDq.put(`/api/v1/surveys/official/${off.id}/progress`, { cells: [{ id: c1.id, collected: 80 }, { id: 999999, collected: 3 }] }), 400, 'invalid', 'cells[1]');
    assertError(await adminDq.put(`/api/v1/surveys/official/${off.id}/progress`, { cells: [{ id: c1.id, collected: -1 }] }), 400, 'invalid', 'cells[0]');
    assertError(await adminDq.put(`/api/v1/surveys/official/${off.id}/progress`, { cells: [{ id: c1.id, collected: 5, reported_on: daysFrom(3) }] }), 400, 'invalid', 'cells[0]');
    assert.equal((await adminDq.get(`/api/v1/surveys/official/${off.id}`)).json.collected, 0, 'nothing half-written');
    const r = await adminDq.put(`/api/v1/surveys/official/${off.id}/progress`, { cells: [{ id: c1.id, collected: 80, reported_on: today() }, { id: c2.id, collected: 40 }, { id: c3.id, collected: 6 }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.collected, 126);
    assert.ok(Math.abs(r.json.rate - 126 / 170) < 1e-9);
    assert.equal(r.json.cells[0].reported_on, today());
    assert.equal((await adminDq.post(`/api/v1/surveys/official/${off.id}/close`, {})).status, 200);
    assertError(await adminDq.put(`/api/v1/surveys/official/${off.id}/progress`, { cells: [{ id: c1.id, collected: 90 }] }), 409, 'conflict', 'id');
    const audit = await (await loginAs(srv.base, 'auditor')).get('/api/v1/audit?entity=survey_official&page_size=50');
    assert.deepEqual(audit.json.items.map((x) => x.action).sort(), ['close', 'create', 'progress']);
  });
});
