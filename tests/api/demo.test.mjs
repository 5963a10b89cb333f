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
