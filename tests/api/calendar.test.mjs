// 校历 over real HTTP: a county office enters its terms, holidays and exam weeks (audited, bad
// input refused and nothing written); a county without one gets the built-in default; routine
// tasks are generated only for months in session (a month taken by a holiday generates none);
// a school with two 责任督学 (lead and member) gives each of them a routine task. Runs
// unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean } from './client.mjs';

let srv, auditor, adminDq, inspector, school;
const Y = new Date().getUTCFullYear() + 3; // a school year with no demo tasks

before(async () => {
  srv = await startServer();
  [auditor, adminDq, inspector, school] = await Promise.all(
    ['auditor', 'admin_dq', 'inspector', 'school'].map((u) => loginAs(srv.base, u)));
});
after(() => stopClean(srv));

describe('校历 CRUD', () => {
  test('a county without its own 校历 gets the default: summer and winter months are out of session', async () => {
    const r = await adminDq.get(`/api/v1/calendar?school_year=${Y + 1}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.county_code, '330521');
    assert.equal(r.json.is_default, true);
    assert.equal(r.json.months.length, 12);
    const m = Object.fromEntries(r.json.months.map((x) => [x.month, x]));
    assert.equal(m[`${Y + 1}-10`].in_session, true);
    assert.equal(m[`${Y + 2}-08`].in_session, false, 'August is summer');
    assert.equal(m[`${Y + 2}-08`].school_days, 0);
    assert.ok(r.json.periods.some((p) => p.kind === 'term'));
    const ins = await inspector.get(`/api/v1/calendar?school_year=${Y + 1}`);
    assert.equal(ins.status, 200, 'an inspector reads its county calendar');
    assertError(await school.get('/api/v1/calendar'), 403, 'forbidden');
  });

  test('the county admin adds, changes and deletes periods; each is audited; bad input writes nothing', async () => {
    const base = { school_year: Y, kind: 'term', name: '秋季学期', starts_on: `${Y}-09-01`, ends_on: `${Y + 1}-01-15` };
    let r = await adminDq.post('/api/v1/calendar/periods', base);
    assert.equal(r.status, 201, r.text);
    const term = r.json;
    assert.equal(term.county_code, '330521');
    assert.equal(term.kind_label, '学期');
    r = await adminDq.post('/api/v1/calendar/periods', { kind: 'holiday', name: '秋假', starts_on: `${Y}-11-01`, ends_on: `${Y}-11-30` });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.school_year, Y, 'the school year of starts_on');
    const hol = r.json;
    r = await adminDq.post('/api/v1/calendar/periods', { kind: 'exam', name: '期中考试', starts_on: `${Y}-10-20`, ends_on: `${Y}-10-22` });
    assert.equal(r.status, 201, r.text);
    const exam = r.json;

    // bad input: each refused with its field, nothing written
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, kind: 'vacation' }), 400, 'invalid', 'kind');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, starts_on: `${Y}-02-30` }), 400, 'invalid', 'starts_on');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, ends_on: `${Y}-08-01` }), 400, 'invalid', 'ends_on');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, starts_on: `${Y}-08-20` }), 400, 'invalid', 'starts_on');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, name: '' }), 400, 'invalid', 'name');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, kind: 'holiday', ends_on: `${Y}-12-31` }), 400, 'invalid', 'ends_on');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, county_code: '330521101' }), 400, 'invalid', 'county_code');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, county_code: '330500' }), 404, 'not_found', 'county_code');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, county_code: '999999' }), 404, 'not_found', 'county_code');
    assertError(await adminDq.post('/api/v1/calendar/periods', { ...base, extra: 1 }), 400, 'unknown_field');
    assertError(await inspector.post('/api/v1/calendar/periods', base), 403, 'forbidden');
    assertError(await adminDq.patch(`/api/v1/calendar/periods/${term.id}`, { ends_on: `${Y}-08-31` }), 400, 'invalid', 'ends_on');
    assertError(await adminDq.patch('/api/v1/calendar/periods/999999', { name: 'x' }), 404, 'not_found', 'id');

    r = await adminDq.get(`/api/v1/calendar?school_year=${Y}`);
    assert.equal(r.json.is_default, false);
    assert.deepEqual(r.json.periods.map((p) => p.id), [term.id, exam.id, hol.id], 'by start date, nothing else written');
    const m = Object.fromEntries(r.json.months.map((x) => [x.month, x]));
    assert.equal(m[`${Y}-11`].in_session, false, 'a month taken by the holiday');
    assert.equal(m[`${Y}-11`].school_days, 0);
    assert.equal(m[`${Y}-10`].in_session, true, 'an exam week is in session');
    assert.equal(m[`${Y + 1}-03`].in_session, false, 'no spring term entered');

    // change and delete, audited
    r = await adminDq.patch(`/api/v1/calendar/periods/${exam.id}`, { name: '期中考试周', ends_on: `${Y}-10-23` });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.ends_on, `${Y}-10-23`);
    assert.equal(r.json.starts_on, `${Y}-10-20`, 'unchanged fields kept');
    r = await adminDq.del(`/api/v1/calendar/periods/${exam.id}`);
    assert.equal(r.status, 204, r.text);
    assertError(await adminDq.del(`/api/v1/calendar/periods/${exam.id}`), 404, 'not_found', 'id');
    const audit = await auditor.get(`/api/v1/audit?entity=calendar_period&entity_id=${exam.id}&page_size=50`);
    assert.equal(audit.status, 200, audit.text);
    const acts = audit.json.items.map((x) => x.action).sort();
    assert.deepEqual(acts, ['create', 'delete', 'update']);
  });
});

describe('routine by the 校历', () => {
  test('a month taken by a holiday generates no routine task; a month in session does', async () => {
    let r = await adminDq.post('/api/v1/tasks/generate-routine', { month: `${Y}-11` });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_tasks_created, 0, 'November is the 秋假');
    assert.ok(r.json.n_targets_off_session > 0, r.text);
    const none = await adminDq.get(`/api/v1/tasks?kind=routine&month=${Y}-11&page_size=1`);
    assert.equal(none.json.total, 0);
    r = await adminDq.post('/api/v1/tasks/generate-routine', { month: `${Y + 1}-07` });
    assert.equal(r.json.n_tasks_created, 0, 'July: no spring term entered, out of session');
    r = await adminDq.post('/api/v1/tasks/generate-routine', { month: `${Y}-12` });
    assert.ok(r.json.n_tasks_created > 0, r.text);
    assert.equal(r.json.n_targets_off_session, 0);
  });

  test('a school with two 责任督学 gives each a routine task', async () => {
    const ins = (await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items;
    const lead = ins.find((i) => i.n_schools > 0);
    const tasks0 = (await adminDq.get(`/api/v1/tasks?kind=routine&month=${Y}-12&page_size=200`)).json.items;
    const leadTask = (await adminDq.get(`/api/v1/tasks/${tasks0.find((t) => t.title.includes(lead.name)).id}`)).json;
    const schoolId = leadTask.targets[0].school_id;
    const second = ins.filter((i) => i.id !== lead.id).sort((a, b) => a.n_schools - b.n_schools)[0];
    let r = await adminDq.post('/api/v1/assignments', { inspector_id: second.id, school_id: schoolId, role: 'member' });
    assert.equal(r.status, 201, r.text);
    r = await adminDq.post('/api/v1/tasks/generate-routine', { month: `${Y}-10` });
    assert.equal(r.status, 200, r.text);
    const tasks = (await adminDq.get(`/api/v1/tasks?kind=routine&month=${Y}-10&page_size=200`)).json.items;
    const holders = [];
    for (const t of tasks) {
      const full = (await adminDq.get(`/api/v1/tasks/${t.id}`)).json;
      if (full.targets.some((x) => x.school_id === schoolId)) holders.push(full.owner_inspector_id ?? full.title);
    }
    assert.equal(holders.length, 2, `both 责任督学 have the school in their October task: ${JSON.stringify(holders)}`);

    // the public complaint page and the plaque name both
    const sch = (await adminDq.get(`/api/v1/schools/${schoolId}`)).json;
    const card = await adminDq.fresh().get(`/api/v1/public/schools/${sch.code}`);
    assert.equal(card.status, 200, card.text);
    assert.deepEqual(card.json.inspector_names, [lead.name, second.name], 'the lead first, then the second 责任督学');
    const pdf = await fetch(`${adminDq.base}/api/v1/schools/${schoolId}/plaque`, { headers: { cookie: `dudao_session=${adminDq.cookie}` } });
    assert.equal(pdf.status, 200);
    const dir = mkdtempSync(join(tmpdir(), 'cal-plaque-'));
    writeFileSync(join(dir, 'p.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const txt = spawnSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(txt.status, 0, txt.stderr);
    const flat = txt.stdout.replace(/\s+/g, '');
    assert.ok(flat.includes(lead.name) && flat.includes(second.name), `the plaque names both: ${txt.stdout}`);
  });
});

function leaves(doc) {
  const out = [];
  const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.push(n)));
  walk(doc.indicators);
  return out;
}

describe('routine checklists per jurisdiction', () => {
  test('an office adds 双减 to its routine visit: two checklists on one visit, scored separately', async () => {
    let r = await adminDq.get('/api/v1/visits/routine-checklists');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.framework.code, 'gpdd-routine', 'the national 经常性督导 list by default');
    assert.equal(r.json.extra, null);
    assertError(await adminDq.put('/api/v1/visits/routine-checklists', { extra_code: 'no-such-list' }), 400, 'invalid', 'extra_code');
    assertError(await adminDq.put('/api/v1/visits/routine-checklists', { framework_code: '' }), 400, 'invalid', 'framework_code');
    assertError(await inspector.put('/api/v1/visits/routine-checklists', { extra_code: 'shuangjian' }), 403, 'forbidden');
    r = await adminDq.put('/api/v1/visits/routine-checklists', { extra_code: 'shuangjian' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.extra.code, 'shuangjian');
    assert.equal(r.json.framework.code, 'gpdd-routine');

    // the demo inspector opens the visit of its December routine task
    const me = (await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items
      .find((i) => i.user_id === inspector.user.id);
    const t = (await inspector.get(`/api/v1/tasks?kind=routine&month=${Y}-12&page_size=50`)).json.items
      .find((x) => x.title.includes(me.name));
    const task = (await inspector.get(`/api/v1/tasks/${t.id}`)).json;
    const target = task.targets.find((x) => /小学|中学/.test(x.school_name));
    assert.ok(target, JSON.stringify(task.targets));
    r = await inspector.post('/api/v1/visits', { target_id: target.id });
    assert.equal(r.status, 201, r.text);
    const vid = r.json.id;
    let v = (await inspector.get(`/api/v1/visits/${vid}`)).json;
    assert.equal(v.framework.code, 'gpdd-routine');
    assert.equal(v.checklists.length, 1, 'the second checklist is on the visit');
    const sj = v.checklists[0];
    assert.equal(sj.framework.code, 'shuangjian');
    const loc = v.school_location || { lat: 30.5, lng: 119.9 };
    r = await inspector.post(`/api/v1/visits/${vid}/checkin`, { lat: loc.lat, lng: loc.lng, accuracy_m: 10 });
    assert.equal(r.status, 200, r.text);
    r = await inspector.patch(`/api/v1/visits/${vid}`, {
      answers: Object.fromEntries(leaves(v.framework.document).map((n) => [n.code, { value: 'good' }])),
    });
    assert.equal(r.status, 200, r.text);

    // the second checklist is still empty: submit refuses, naming it
    r = await inspector.post(`/api/v1/visits/${vid}/submit`);
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.field, new RegExp(`^checklists\\.${sj.version_id}\\.answers\\.`));

    const sjLeaves = leaves(sj.framework.document);
    const failing = sjLeaves.find((n) => n.kind === 'pass_fail' && !n.evidence?.photo && !n.evidence?.document && !n.is_veto);
    assert.ok(failing, 'a pass/fail item that needs only a note');
    const answers = Object.fromEntries(sjLeaves.map((n) => [n.code,
      n === failing ? { value: false, note: '发现按成绩排座' }
        : n.kind === 'pass_fail' ? { value: true }
          : n.kind === 'choice' ? { value: n.choices[0].value } : { value: null, na: true }]));
    assertError(await inspector.patch(`/api/v1/visits/${vid}/checklists/${sj.version_id}`, { answers: { 'NOPE.1': { value: true } } }),
      400, 'invalid', 'answers.NOPE.1');
    assertError(await inspector.patch(`/api/v1/visits/${vid}/checklists/999999`, { answers }), 404, 'not_found', 'version_id');
    r = await inspector.patch(`/api/v1/visits/${vid}/checklists/${sj.version_id}`, { answers });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.checklists[0].answers[failing.code].value, false);
    assert.deepEqual(r.json.answers, v.answers.constructor === Object ? r.json.answers : {}, 'the first checklist untouched');

    r = await inspector.post(`/api/v1/visits/${vid}/submit`);
    assert.equal(r.status, 200, r.text);
    v = (await inspector.get(`/api/v1/visits/${vid}`)).json;
    assert.equal(v.status, 'submitted');
    assert.equal(v.result.total, 100, 'the routine list scored on its own: all good');
    const sjr = v.checklists[0].result;
    assert.ok(sjr.total < 100, `the 双减 list scored on its own: ${sjr.total}`);
    assert.equal(sjr.n_failed, 1);
    assert.ok(v.findings.some((f) => f.indicator_code === failing.code), 'a draft finding from the second checklist');
    // the visit record PDF shows each checklist with its own score
    const pdf = await fetch(`${inspector.base}/api/v1/visits/${vid}/record.pdf`, { headers: { cookie: `dudao_session=${inspector.cookie}` } });
    assert.equal(pdf.status, 200);
    const dir = mkdtempSync(join(tmpdir(), 'cal-record-'));
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const txt = spawnSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    const flat = txt.stdout.replace(/\s+/g, '');
    assert.ok(flat.includes('校务管理和制度执行情况'), 'the routine list');
    assert.ok(flat.includes(`得分${sjr.total.toFixed(1)}`), `the 双减 list with its own score: ${txt.stdout.slice(0, 3000)}`);
    assert.ok(flat.includes(failing.text.replace(/\s+/g, '').slice(0, 8)), 'the 双减 items');
    // locked with the visit
    assertError(await inspector.patch(`/api/v1/visits/${vid}/checklists/${sj.version_id}`, { answers }), 423, 'locked');
    // a visit opened before the setting is unchanged; clearing the setting stops new attachments
    r = await adminDq.put('/api/v1/visits/routine-checklists', { extra_code: '' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.extra, null);
    const audit = await auditor.get('/api/v1/audit?entity=setting&entity_id=visit.routine_checklists&page_size=10');
    assert.equal(audit.json.items.length, 2, 'each change audited');
  });
});
