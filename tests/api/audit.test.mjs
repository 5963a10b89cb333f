// The audit log: every change leaves a row the auditor can read, with before/after and
// never a password; rows cannot be changed through the API; the hash chain detects a row
// tampered with directly in the database.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, DB_KIND } from '../lib/server.mjs';
import { Client, loginAs, assertError, stopClean, createUser, cli, startExtraServer, GOOD_PASSWORD } from './client.mjs';

let srv;
let admin;
let auditor;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
  auditor = await loginAs(srv.base, 'auditor');
});
after(async () => { await stopClean(srv); });

// All audit rows about one entity id, newest first (as the API answers).
async function rowsFor(entityId, extra = '') {
  const r = await auditor.get(`/api/v1/audit?entity_id=${encodeURIComponent(entityId)}&page_size=200${extra}`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

const AUDIT_FIELDS = ['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'region_code',
  'before', 'after', 'ip', 'prev_hash', 'hash'];

function assertNoSecrets(text, ...passwords) {
  assert.ok(!text.includes('$argon2'), 'no password hash in the audit log');
  assert.ok(!/"password(_hash)?"\s*:/.test(text), `no password field in the audit log: ${text.slice(0, 500)}`);
  for (const p of passwords) assert.ok(!text.includes(p), `the password ${p} appears in the audit log`);
}

describe('audit rows', () => {
  test('create, update, password reset, unlock and login each add a row with before/after', async () => {
    const pw = 'Audit-Create-1';
    const u = await createUser(admin, { display_name: '审计对象', password: pw });
    const id = String(u.id);

    let rows = await rowsFor(id);
    const created = rows.find((r) => r.action === 'create');
    assert.ok(created, `a create row: ${JSON.stringify(rows)}`);
    for (const f of AUDIT_FIELDS) assert.ok(f in created, `Audit has ${f}`);
    assert.match(created.entity, /user/);
    assert.equal(created.entity_id, id);
    assert.equal(created.actor_id, admin.user.id);
    assert.ok([admin.user.username, admin.user.display_name].includes(created.actor_name), created.actor_name);
    assert.equal(created.before, null);
    assert.equal(created.after.username, u.username);
    assert.equal(created.after.display_name, '审计对象');
    assert.equal(created.region_code, '330521');
    assert.match(created.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(created.hash, /^[0-9a-f]{64}$/);
    assert.match(created.prev_hash, /^[0-9a-f]{64}$/);
    assert.equal(typeof created.ip, 'string');

    let r = await admin.patch(`/api/v1/users/${u.id}`, { display_name: '审计对象改' });
    assert.equal(r.status, 200, r.text);
    rows = await rowsFor(id);
    const updated = rows.find((x) => x.action === 'update');
    assert.ok(updated, JSON.stringify(rows));
    assert.equal(updated.before.display_name, '审计对象');
    assert.equal(updated.after.display_name, '审计对象改');
    assert.ok(updated.id > created.id);
    assert.equal(rows[0].id, updated.id, 'newest first');

    const pw2 = 'Audit-Reset-22';
    r = await admin.post(`/api/v1/users/${u.id}/password`, { password: pw2 });
    assert.equal(r.status, 204, r.text);
    const pw3 = 'Audit-Change-333';
    const self = await loginAs(srv.base, u.username, pw2);
    r = await self.post('/api/v1/auth/password', { old_password: pw2, new_password: pw3 });
    assert.equal(r.status, 204, r.text);
    await new Client(srv.base).login(u.username, 'Wrong-Passw0rd');
    await self.post('/api/v1/auth/logout');

    rows = await rowsFor(id);
    const actions = rows.map((x) => x.action);
    for (const a of ['create', 'update', 'password_reset', 'login', 'password_change', 'login_failed', 'logout']) {
      assert.ok(actions.includes(a), `action ${a} recorded for the user; got ${actions}`);
    }
    const login = rows.find((x) => x.action === 'login');
    assert.equal(login.actor_id, u.id);
    assert.equal(login.actor_name, u.username);
    assertNoSecrets(JSON.stringify(rows), pw, pw2, pw3, 'Wrong-Passw0rd');

    // The whole log, not only this user's rows, is free of secrets.
    const all = await auditor.get('/api/v1/audit?page_size=200');
    assertNoSecrets(all.text, pw, pw2, pw3, 'Wrong-Passw0rd', GOOD_PASSWORD, 'Dudao@2026');
  });

  test('lock and unlock are recorded', async () => {
    const u = await createUser(admin);
    for (let i = 0; i < 5; i++) await new Client(srv.base).login(u.username, 'Wrong-Passw0rd');
    assert.equal((await new Client(srv.base).login(u.username, GOOD_PASSWORD)).status, 423);
    assert.equal((await admin.post(`/api/v1/users/${u.id}/unlock`)).status, 204);
    const actions = (await rowsFor(String(u.id))).map((x) => x.action);
    assert.ok(actions.includes('lock'), `lock recorded: ${actions}`);
    assert.ok(actions.includes('unlock'), `unlock recorded: ${actions}`);
  });

  test('a refused change leaves no row', async () => {
    const u = await createUser(admin);
    const n = (await rowsFor(String(u.id))).length;
    await admin.patch(`/api/v1/users/${u.id}`, { display_name: 'x' }, { csrf: false });
    await admin.patch(`/api/v1/users/${u.id}`, { role: 'king' });
    await (await loginAs(srv.base, 'leader')).patch(`/api/v1/users/${u.id}`, { display_name: 'x' });
    assert.equal((await rowsFor(String(u.id))).length, n);
  });

  test('filters: action, actor, entity, from/to; paging and total', async () => {
    const u = await createUser(admin);
    const id = String(u.id);
    const created = (await rowsFor(id)).find((r) => r.action === 'create');
    let r = await auditor.get(`/api/v1/audit?action=create&entity=${created.entity}&entity_id=${id}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((x) => x.id), [created.id]);
    assert.equal(r.json.total, 1);
    r = await auditor.get('/api/v1/audit?action=login&page_size=200');
    assert.ok(r.json.items.length > 0 && r.json.items.every((x) => x.action === 'login'));
    r = await auditor.get('/api/v1/audit?actor=admin&page_size=200');
    assert.ok(r.json.items.length > 0 && r.json.items.every((x) => x.actor_id === admin.user.id), r.text.slice(0, 300));
    // dates are days in Asia/Shanghai (UTC+8), as an auditor in China picks them
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    r = await auditor.get(`/api/v1/audit?from=${today}&to=${today}&entity_id=${id}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.total >= 1, 'from/to are inclusive dates');
    r = await auditor.get(`/api/v1/audit?to=2000-01-01&entity_id=${id}`);
    assert.equal(r.json.total, 0);
    assertError(await auditor.get('/api/v1/audit?from=yesterday'), 400, 'invalid', 'from');
    r = await auditor.get('/api/v1/audit?page_size=2');
    assert.equal(r.json.items.length, 2);
    assert.ok(r.json.total > 2);
    assert.ok(r.json.items[0].id > r.json.items[1].id, 'newest first');
  });

  test('the chain links each row to the previous one', async () => {
    const r = await auditor.get('/api/v1/audit?page_size=50');
    const items = r.json.items; // newest first
    for (let i = 0; i + 1 < items.length; i++) {
      if (items[i].id === items[i + 1].id + 1) assert.equal(items[i].prev_hash, items[i + 1].hash);
    }
  });

  test('concurrent changes extend one unbroken chain', async () => {
    const u = await createUser(admin);
    const others = await Promise.all([loginAs(srv.base, 'admin'), loginAs(srv.base, 'admin_dq')]);
    const before = (await auditor.get('/api/v1/audit?page_size=1')).json.total;
    const rs = await Promise.all(Array.from({ length: 24 }, (_, i) =>
      [admin, ...others][i % 3].patch(`/api/v1/users/${u.id}`, { display_name: `并发${i}` })));
    for (const r of rs) assert.equal(r.status, 200, r.text);
    const after = await auditor.get('/api/v1/audit?page_size=200');
    assert.equal(after.json.total, before + 24, 'one row per change');
    const ids = after.json.items.slice(0, 24).map((x) => x.id);
    for (let i = 0; i + 1 < ids.length; i++) assert.equal(ids[i], ids[i + 1] + 1, 'ids are dense and newest first');
    const names = new Set(after.json.items.slice(0, 24).map((x) => x.after.display_name));
    assert.equal(names.size, 24, 'each change has its own row');
    const v = await auditor.get('/api/v1/audit/verify');
    assert.equal(v.json.ok, true, v.text);
    assert.ok(v.json.checked >= after.json.total);
  });

  test('the auditor sees only rows of their region', async () => {
    // The demo auditor is at 湖州市; a 长兴县 change is visible to them.
    const u = await createUser(admin, { region_code: '330522' });
    assert.ok((await rowsFor(String(u.id))).length >= 1);
  });
});

describe('audit rows cannot be changed through the API', () => {
  test('no route modifies or deletes a row', async () => {
    const first = (await auditor.get('/api/v1/audit?page_size=1')).json.items[0];
    for (const c of [auditor, admin]) {
      for (const [m, p] of [['PATCH', `/api/v1/audit/${first.id}`], ['PUT', `/api/v1/audit/${first.id}`],
        ['DELETE', `/api/v1/audit/${first.id}`], ['DELETE', '/api/v1/audit'], ['POST', '/api/v1/audit'],
        ['PUT', '/api/v1/audit']]) {
        const r = await c.req(m, p, { body: { action: 'create', after: null } });
        assert.ok([404, 405, 403].includes(r.status), `${m} ${p}: ${r.status} ${r.text}`);
      }
    }
    const again = (await auditor.get(`/api/v1/audit?entity_id=${encodeURIComponent(first.entity_id ?? '')}&page_size=200`)).json.items
      .find((x) => x.id === first.id);
    if (again) assert.deepEqual(again, first);
    const v = await auditor.get('/api/v1/audit/verify');
    assert.equal(v.json.ok, true);
  });
});

function sql(dbUrl, text) {
  const r = DB_KIND === 'pg'
    ? spawnSync('psql', [dbUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', text], { encoding: 'utf8' })
    : spawnSync('sqlite3', [dbUrl.replace(/^sqlite:/, ''), text], { encoding: 'utf8' });
  assert.equal(r.status, 0, `sql failed: ${text}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('tamper detection', () => {
  test('verify ok; a row changed in the database is named by `dudao audit verify` and /audit/verify', async () => {
    // a few more rows so the tampered one is in the middle of the chain
    const u = await createUser(admin, { display_name: '篡改目标' });
    await admin.patch(`/api/v1/users/${u.id}`, { display_name: '篡改目标2' });
    await createUser(admin);
    const target = (await rowsFor(String(u.id))).find((x) => x.action === 'update');

    const v = await auditor.get('/api/v1/audit/verify');
    assert.equal(v.status, 200, v.text);
    assert.equal(v.json.ok, true, v.text);
    const total = (await auditor.get('/api/v1/audit?page_size=1')).json.total;
    assert.ok(v.json.checked >= total, `checked ${v.json.checked} of ${total}`);
    assert.ok(!('broken_id' in v.json) || v.json.broken_id == null);

    // Stop the server (the harness's stop() would drop the database, so stop it directly).
    srv.child.kill('SIGTERM');
    await new Promise((ok) => (srv.child.exitCode !== null ? ok() : srv.child.once('exit', ok)));
    assert.equal(srv.child.exitCode, 0, 'clean exit on SIGTERM');

    let out = cli(['audit', 'verify', '--db', srv.dbUrl]);
    assert.equal(out.status, 0, `intact chain: ${out.stdout}${out.stderr}`);

    // The tamperer: drop the append-only trigger, rewrite one row's after_json.
    const original = sql(srv.dbUrl, `SELECT after_json FROM audit_log WHERE id = ${target.id}`);
    const forged = JSON.stringify({ display_name: '伪造' });
    const drop = DB_KIND === 'pg' ? 'DROP TRIGGER IF EXISTS audit_no_update ON audit_log;'
      : 'DROP TRIGGER IF EXISTS audit_no_update;';
    sql(srv.dbUrl, `${drop} UPDATE audit_log SET after_json = '${forged}' WHERE id = ${target.id};`);
    assert.equal(sql(srv.dbUrl, `SELECT after_json FROM audit_log WHERE id = ${target.id}`), forged);

    out = cli(['audit', 'verify', '--db', srv.dbUrl]);
    const text = out.stdout + out.stderr;
    assert.notEqual(out.status, 0, `tampered chain must fail: ${text}`);
    assert.ok(new RegExp(`(^|\\D)${target.id}(\\D|$)`).test(text), `output names row ${target.id}: ${text}`);

    // The API of a server on that database says the same.
    const s2 = await startExtraServer(srv.dbUrl, srv.dataDir);
    try {
      const a2 = await loginAs(s2.base, 'auditor');
      const v2 = await a2.get('/api/v1/audit/verify');
      assert.equal(v2.status, 200, v2.text);
      assert.equal(v2.json.ok, false, v2.text);
      assert.equal(v2.json.broken_id, target.id, v2.text);
    } finally {
      const res = await s2.stop();
      assert.equal(res.sanitizer, null, res.stderr.slice(-3000));
      assert.equal(res.code, 0, res.stderr);
    }

    // Putting the original text back makes the chain whole again: the check is on content.
    sql(srv.dbUrl, `UPDATE audit_log SET after_json = '${original.replace(/'/g, "''")}' WHERE id = ${target.id};`);
    out = cli(['audit', 'verify', '--db', srv.dbUrl]);
    assert.equal(out.status, 0, `restored chain: ${out.stdout}${out.stderr}`);
  });

  test('a deleted row is detected too', async () => {
    // srv was stopped by the previous test, and its chain restored; work on its database.
    const n = Number(sql(srv.dbUrl, 'SELECT max(id) FROM audit_log'));
    assert.ok(n > 3);
    const victim = n - 1;
    const drop = DB_KIND === 'pg' ? 'ALTER TABLE audit_log DISABLE TRIGGER USER;'
      : 'DROP TRIGGER IF EXISTS audit_no_delete;';
    sql(srv.dbUrl, `${drop} DELETE FROM audit_log WHERE id = ${victim};`);
    const out = cli(['audit', 'verify', '--db', srv.dbUrl]);
    const text = out.stdout + out.stderr;
    assert.notEqual(out.status, 0, text);
    assert.ok(new RegExp(`(^|\\D)(${victim}|${n})(\\D|$)`).test(text), `output names row ${victim} or ${n}: ${text}`);
  });
});
