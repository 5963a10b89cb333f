// The demo is data: the files under demo/ are what `dudao demo` loads, through the same import
// and use cases a user's data takes. These tests hold the loaded demo to its files (each
// roster file re-imports as "nothing new"), and its history to what the use cases record
// (a closed finding's timeline agrees with its dates; last month's visits happened last month).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { loginAs, stopClean } from './client.mjs';

const demoDir = fileURLToPath(new URL('../../demo/', import.meta.url));
const demoFile = (name) => readFileSync(demoDir + name);
const dataRows = (name) => demoFile(name).toString('utf8').trim().split('\n').length - 1;

let srv;
let admin;
let adminDq;
let inspector;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  adminDq = await loginAs(srv.base, 'admin_dq');
  inspector = await loginAs(srv.base, 'inspector');
});
after(async () => {
  await stopClean(srv);
});

const day = (iso) => iso.slice(0, 10);

describe('the demo files are the import files', () => {
  for (const [kind, file] of [['zones', 'zones.csv'], ['schools', 'schools.csv'], ['inspectors', 'inspectors.csv'],
    ['assignments', 'assignments.csv']]) {
    test(`demo/${file} re-imports through /imports/${kind} as nothing new`, async () => {
      const r = await admin.req('POST', `/api/v1/imports/${kind}`, { raw: demoFile(file), contentType: 'text/csv' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.n_rows, dataRows(file));
      assert.equal(r.json.n_created, 0, 'every row is already there');
    });
  }

  test('the roster counts the README and the other suites rely on', async () => {
    const schools = await admin.get('/api/v1/schools?limit=1');
    assert.equal(schools.status, 200, schools.text);
    assert.equal(schools.json.total, 118);
    assert.equal(dataRows('schools.csv'), 118);
    assert.equal(dataRows('inspectors.csv'), 30);
  });

  test('demo/balance_2025.csv re-imports through the statistics import', async () => {
    const r = await admin.req('POST', '/api/v1/balance/imports?school_year=2025',
      { raw: demoFile('balance_2025.csv'), contentType: 'text/csv' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_created, 0);
    assert.equal(r.json.n_updated, dataRows('balance_2025.csv'));
  });
});

describe('the history is made by the use cases, under a clock set back', () => {
  test('closed findings: issued weeks ago, closed later, and the timeline says the same', async () => {
    const r = await adminDq.get('/api/v1/findings?state=closed&limit=50');
    assert.equal(r.status, 200, r.text);
    const fromCases = r.json.items.filter((f) => f.source === 'visit');
    assert.ok(fromCases.length >= 3, r.text);
    for (const f of fromCases) {
      assert.ok(f.issued_at < f.closed_at, `${f.id}: issued before closed`);
      assert.ok(Date.now() - Date.parse(f.issued_at) > 30 * 86400e3, `${f.id}: issued weeks ago (${f.issued_at})`);
      const one = await adminDq.get(`/api/v1/findings/${f.id}`);
      assert.equal(one.status, 200, one.text);
      const at = (kind) => one.json.events.find((e) => e.kind === kind)?.at;
      assert.equal(at('issued'), f.issued_at, 'the issued event is the issue');
      assert.equal(at('closed'), f.closed_at, 'the closed event is the closure');
      assert.ok(at('created') < at('issued'));
      assert.ok(at('submitted') > at('issued') && at('submitted') < at('closed'));
    }
  });

  test('overdue findings are overdue by their own dates, with their 督办单', async () => {
    const r = await adminDq.get('/api/v1/findings?limit=100');
    assert.equal(r.status, 200, r.text);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const late = r.json.items.filter((f) => f.deadline && f.deadline < today && ['issued', 'rectifying'].includes(f.state));
    assert.equal(late.length, 3, JSON.stringify(late.map((f) => [f.id, f.deadline, f.state])));
    for (const f of late) assert.ok(day(f.issued_at) < f.deadline, `${f.id}: issued before its deadline`);
  });

  test("last month's routine visits were checked in and submitted on their days last month", async () => {
    const r = await inspector.get('/api/v1/visits?limit=50');
    assert.equal(r.status, 200, r.text);
    const items = r.json.items ?? r.json;
    const submitted = items.filter((v) => v.status === 'submitted');
    assert.ok(submitted.length >= 6, r.text);
    const thisMonth = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
    for (const v of submitted) {
      assert.ok(v.visit_date.slice(0, 7) < thisMonth, `${v.id}: ${v.visit_date} is before this month`);
      if (v.submitted_at) {
        const cn = new Date(Date.parse(v.submitted_at) + 8 * 3600e3).toISOString().slice(0, 10);
        assert.equal(cn, v.visit_date, `${v.id}: submitted on the day of the visit`);
      }
    }
  });
});

// The capabilities loaded from demo/units.json and demo/school_year.json: what a new user who
// runs `make run` finds on the 督政, 突发事件, 校历 and 双随机 pages.
describe('督政, 突发事件, 校历 and 双随机 have demo content', () => {
  const units = JSON.parse(demoFile('units.json'));
  const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();

  test('the county office lists the units of demo/units.json, each graded this year', async () => {
    const r = await adminDq.get('/api/v1/units');
    assert.equal(r.status, 200, r.text);
    const names = r.json.items.map((u) => u.name);
    for (const u of units.units) assert.ok(names.includes(u.name), `${u.name} listed: ${names}`);
    assert.ok(r.json.items.some((u) => u.kind === 'department') && r.json.items.some((u) => u.kind === 'town'));
    const rank = await adminDq.get(`/api/v1/units/ranking?year=${year}`);
    assert.equal(rank.status, 200, rank.text);
    const demo = rank.json.items.filter((x) => units.units.some((u) => u.name === x.unit.name));
    assert.equal(demo.length, units.units.length);
    assert.ok(demo.every((x) => x.rank >= 1 && x.grade), JSON.stringify(demo.map((x) => [x.unit.name, x.rank, x.grade])));
    const best = units.units.reduce((m, u) => (u.score > m.score ? u : m));
    assert.equal(demo[0].unit.name, best.name, 'ranked by score');
    const veto = demo.find((x) => x.unit.name === '新市镇政府');
    assert.equal(veto.grade, 'good', 'a veto bars 优秀 even at 92 points');
  });

  test('a town account logs in, sees only its own unit and its findings, one acknowledged', async () => {
    const qy = await loginAs(srv.base, 'unit_qy');
    assert.equal(qy.user.role, 'unit');
    const mine = (await qy.get('/api/v1/units')).json.items;
    assert.deepEqual(mine.map((u) => u.name), ['乾元镇政府']);
    const f = await qy.get('/api/v1/findings');
    assert.equal(f.status, 200, f.text);
    const expected = units.findings.filter((x) => x.unit === 'qy');
    assert.deepEqual(f.json.items.map((x) => x.description).sort(), expected.map((x) => x.description).sort());
    assert.ok(f.json.items.every((x) => x.unit_id === mine[0].id && x.school_id === null));
    const acked = f.json.items.find((x) => x.description === expected.find((y) => y.end === 'acknowledged').description);
    assert.equal(acked.state, 'rectifying', 'acknowledged by the town: 整改中');
    assert.equal(f.json.items.find((x) => x !== acked).state, 'issued');
    // another town's account has nothing of 乾元镇's
    const wk = await loginAs(srv.base, 'unit_wk');
    assert.equal((await wk.get('/api/v1/findings')).json.total, 0);
    // the 督政 task of the town is the office's
    const tasks = (await adminDq.get('/api/v1/tasks?limit=100')).json.items;
    assert.ok(tasks.some((t) => t.kind === 'government' && t.title === units.task.title), 'the 督政 task');
  });

  test('the inspector reported two 突发事件; the office sees one waiting and one handled', async () => {
    const r = await adminDq.get('/api/v1/incidents');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.received, 1);
    assert.deepEqual(r.json.items.map((x) => x.state).sort(), ['handled', 'received']);
    const own = (await inspector.get('/api/v1/incidents')).json.items;
    assert.equal(own.length, 2);
  });

  test('德清县 has its own 校历 for the 2026 school year', async () => {
    const r = await adminDq.get('/api/v1/calendar?school_year=2026');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_default, false);
    const terms = r.json.periods.filter((p) => p.kind === 'term').map((p) => [p.starts_on, p.ends_on]);
    assert.deepEqual(terms, [['2026-09-01', '2027-01-22'], ['2027-02-22', '2027-07-02']]);
    const hol = Object.fromEntries(r.json.periods.filter((p) => p.kind === 'holiday').map((p) => [p.name, p.starts_on]));
    assert.equal(hol['国庆节'], '2026-10-01');
    assert.equal(hol['劳动节'], '2027-05-01');
    const m = Object.fromEntries(r.json.months.map((x) => [x.month, x]));
    assert.equal(m['2027-08'].in_session, false);
  });

  test('the public 双随机 page shows one published draw', async () => {
    const r = await fetch(`${srv.base}/api/v1/public/draws`);
    assert.equal(r.status, 200);
    const items = (await r.json()).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].title, JSON.parse(demoFile('school_year.json')).draw.title);
    assert.equal(items[0].result.targets.length, 4);
    assert.ok(items[0].seed && items[0].seed_hash, 'seed and its hash are public');
  });
});
