// The gaps a security review found (issue 11), each closed and held here: no body buffered
// for a forged cookie, an admin's own password only with the old one, 三员分立 on unlock,
// failed logins throttled per address and per name without telling which accounts exist,
// the CSP on every page, signed checkpoints of the audit chain.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import {
  Client, loginAs, assertError, stopClean, createUser, cli, uniq, startExtraServer, GOOD_PASSWORD, DEMO_PASSWORD,
} from './client.mjs';

let srv;
// a web root of our own, so the page tests do not depend on the web app being built
const web = mkdtempSync(join(tmpdir(), 'dudao-web-'));
writeFileSync(join(web, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>督导</title></head></html>\n');

// The server trusts 127.0.0.1 as its proxy, so X-Forwarded-For names the client address and
// one test process can speak from many addresses.
before(async () => { srv = await startServer({ args: ['--trusted-proxy', '127.0.0.1', '--web', web] }); });
after(async () => {
  rmSync(web, { recursive: true, force: true });
  await stopClean(srv);
});

// Sends only the head of a request announcing `length` body bytes and resolves with the
// status line of the first answer, or 'timeout' when none came within ms (the server is
// waiting for the body).
function headOnly(base, head, ms = 3000) {
  const u = new URL(base);
  return new Promise((ok, fail) => {
    const s = net.connect(Number(u.port), u.hostname, () => s.write(head));
    let got = '';
    const timer = setTimeout(() => { s.destroy(); ok('timeout'); }, ms);
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) { clearTimeout(timer); s.destroy(); ok(got.slice(0, got.indexOf('\r\n'))); }
    });
    s.on('error', (e) => { clearTimeout(timer); fail(e); });
  });
}

function from(addr) { return { headers: { 'x-forwarded-for': addr } }; }

async function loginFrom(addr, username, password) {
  return new Client(srv.base).req('POST', '/api/v1/auth/login', { body: { username, password }, ...from(addr) });
}

describe('no body is buffered for a request that cannot be authenticated', () => {
  for (const path of ['/api/v1/users', '/api/v1/auth/password']) {
    test(`a forged cookie on a 1 MiB POST ${path} is answered 401 before the body is sent`, async () => {
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Cookie: dudao_session=${'f'.repeat(43)}\r\nX-CSRF-Token: forged\r\nContent-Length: ${1024 * 1024 - 16}\r\n\r\n`;
      const line = await headOnly(srv.base, head);
      assert.match(line, /^HTTP\/1\.1 401/, `answer before the body: ${line}`);
    });
  }

  test('a real session still gets its body read (the server waits for it)', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const head = `POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Cookie: dudao_session=${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\nContent-Length: 1000\r\n\r\n`;
    assert.equal(await headOnly(srv.base, head, 1000), 'timeout');
    // and a whole request with a valid session works as before
    const u = await createUser(admin);
    assert.ok(u.id > 0);
  });
});

describe('passwords and unlocks: 三员分立', () => {
  test('an admin resets its own password only with the old one (POST /auth/password)', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const me = admin.user;
    assertError(await admin.post(`/api/v1/users/${me.id}/password`, { password: GOOD_PASSWORD }), 403, 'forbidden', 'id');
    // nothing changed: the demo password still logs in
    await loginAs(srv.base, 'admin');
    // another account of its region is still reset as before
    const u = await createUser(admin);
    assert.equal((await admin.post(`/api/v1/users/${u.id}/password`, { password: 'Reset-Passw0rd' })).status, 204);
  });

  test('an admin cannot unlock the auditor; the security officer on the server can', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const auditor = (await admin.get('/api/v1/users?role=auditor')).json.items[0];
    for (let i = 0; i < 5; i++) await loginFrom('198.51.100.7', 'auditor', 'Wrong-Passw0rd');
    assertError(await loginFrom('198.51.100.7', 'auditor', DEMO_PASSWORD), 423, 'locked');
    assertError(await admin.post(`/api/v1/users/${auditor.id}/unlock`), 403, 'forbidden', 'role');
    assertError(await loginFrom('198.51.100.7', 'auditor', DEMO_PASSWORD), 423, 'locked');
    const r = cli(['user', 'passwd', '--db', srv.dbUrl, '--data', srv.dataDir, 'auditor', '--password-stdin'],
      { input: `${DEMO_PASSWORD}\n`, timeout: 30000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await loginFrom('198.51.100.7', 'auditor', DEMO_PASSWORD)).status, 200);
  });

  test('a peer admin of the same region cannot unlock its peer; the admin above can', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const peer = await createUser(admin, { role: 'admin', region_code: '330521' });
    for (let i = 0; i < 5; i++) await loginFrom('198.51.100.8', peer.username, 'Wrong-Passw0rd');
    const adminDq = await loginAs(srv.base, 'admin_dq');
    assertError(await adminDq.post(`/api/v1/users/${peer.id}/unlock`), 403, 'forbidden', 'id');
    assertError(await loginFrom('198.51.100.8', peer.username, GOOD_PASSWORD), 423, 'locked');
    assert.equal((await admin.post(`/api/v1/users/${peer.id}/unlock`)).status, 204);
    assert.equal((await loginFrom('198.51.100.8', peer.username, GOOD_PASSWORD)).status, 200);
    // an inspector of its own county is still unlocked by the county admin
    const insp = await createUser(admin);
    for (let i = 0; i < 5; i++) await loginFrom('198.51.100.8', insp.username, 'Wrong-Passw0rd');
    assert.equal((await adminDq.post(`/api/v1/users/${insp.id}/unlock`)).status, 204);
  });
});

describe('failed-login throttling', () => {
  test('a name with no account answers and locks exactly as an account does', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const real = await createUser(admin);
    const ghost = uniq('ghost');
    const answers = { real: [], ghost: [] };
    for (let i = 0; i < 6; i++) {
      answers.real.push(await loginFrom('198.51.100.9', real.username, 'Wrong-Passw0rd'));
      answers.ghost.push(await loginFrom('198.51.100.9', ghost, 'Wrong-Passw0rd'));
    }
    for (let i = 0; i < 6; i++) {
      const r = answers.real[i], g = answers.ghost[i];
      assert.equal(g.status, r.status, `attempt ${i + 1}: ${r.text} vs ${g.text}`);
      assert.equal(g.json.error, r.json.error);
      assert.deepEqual(Object.keys(g.json).sort(), Object.keys(r.json).sort());
      if (r.json.locked_until) {
        const dt = Math.abs(Date.parse(g.json.locked_until) - Date.parse(r.json.locked_until));
        assert.ok(dt <= 5000, `locked_until within seconds: ${r.json.locked_until} vs ${g.json.locked_until}`);
      }
    }
    assert.equal(answers.real[4].status, 423);
    assert.equal(answers.ghost[5].status, 423);
  });

  test('50 failures from one address stop it (429) before any password work or audit row', async () => {
    const auditor = await loginAs(srv.base, 'auditor');
    const admin = await loginAs(srv.base, 'admin');
    const u = await createUser(admin);
    // one IPv6 /64 is one subscriber: rotating the host part does not help
    for (let i = 0; i < 50; i++) {
      const r = await loginFrom(`2001:db8:1:2::${(i + 1).toString(16)}`, uniq('spray'), 'Wrong-Passw0rd');
      assert.ok([401, 423].includes(r.status), `attempt ${i + 1}: ${r.status} ${r.text}`);
    }
    const before = (await auditor.get('/api/v1/audit?action=login_failed&page_size=1')).json.total;
    const t0 = Date.now();
    let r = await loginFrom('2001:db8:1:2:ffff::1', u.username, 'Wrong-Passw0rd');
    const body = assertError(r, 429, 'rate_limited');
    assert.ok(body.retry_after, 'retry_after is given');
    // the right password does not get through either, and costs no argon2 either
    r = await loginFrom('2001:db8:1:2:ffff::1', u.username, GOOD_PASSWORD);
    assertError(r, 429, 'rate_limited');
    assert.ok(Date.now() - t0 < 2000, 'refused without password hashing');
    const afterN = (await auditor.get('/api/v1/audit?action=login_failed&page_size=1')).json.total;
    assert.equal(afterN, before, 'no audit row for a refused attempt');
    // another address is not affected, nor is the account
    assert.equal((await loginFrom('2001:db8:1:3::1', u.username, GOOD_PASSWORD)).status, 200);
  });

  test('the address count is in the database: another server instance refuses it too', async () => {
    // the /64 throttled by the test above, seen from a second instance on the same database
    const b = await startExtraServer(srv.dbUrl, srv.dataDir, ['--trusted-proxy', '127.0.0.1']);
    try {
      const r = await new Client(b.base).req('POST', '/api/v1/auth/login',
        { body: { username: 'admin', password: DEMO_PASSWORD }, ...from('2001:db8:1:2::abcd') });
      assertError(r, 429, 'rate_limited');
    } finally {
      const res = await b.stop();
      assert.equal(res.code, 0, res.stderr.slice(-2000));
    }
  });
});

describe('the CSP covers every page', () => {
  test('/index.html fetched directly carries the same CSP as /', async () => {
    const c = new Client(srv.base);
    const root = await c.get('/');
    const direct = await c.get('/index.html');
    assert.equal(root.status, 200);
    assert.equal(direct.status, 200);
    const csp = root.headers.get('content-security-policy');
    assert.ok(csp && csp.includes("default-src 'self'"), `CSP on /: ${csp}`);
    assert.equal(direct.headers.get('content-security-policy'), csp);
  });
});

// What an attacker with the database does: lift the append-only triggers, cut the newest rows.
function cutTail(dbUrl, n) {
  const sql = dbUrl.startsWith('sqlite:')
    ? `DROP TRIGGER audit_no_delete; DELETE FROM audit_log WHERE id > (SELECT MAX(id) - ${n} FROM audit_log);`
    : `ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id > (SELECT MAX(id) - ${n} FROM audit_log); ALTER TABLE audit_log ENABLE TRIGGER USER;`;
  const r = dbUrl.startsWith('sqlite:')
    ? spawnSync('sqlite3', [dbUrl.slice(7), sql], { encoding: 'utf8' })
    : spawnSync('psql', [dbUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

describe('signed checkpoints of the audit chain head', () => {
  const db = () => ['--db', srv.dbUrl, '--data', srv.dataDir];

  test('the server signs a checkpoint by itself (the daily job ran at start)', async () => {
    const r = cli(['audit', 'checkpoints', ...db()]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.format, 'dudao-audit-checkpoints/1');
    assert.ok(doc.checkpoints.length >= 1, r.stdout);
  });

  test('rows cut off the tail pass the chain check but fail against an exported checkpoint', async () => {
    const admin = await loginAs(srv.base, 'admin');
    for (let i = 0; i < 3; i++) await createUser(admin); // audited changes
    let r = cli(['audit', 'checkpoint', ...db()]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /checkpoint signed/);
    r = cli(['audit', 'checkpoint', ...db()]);
    assert.match(r.stdout, /no new rows/, 'nothing new, nothing signed');
    r = cli(['audit', 'checkpoints', ...db()]);
    // the auditor exports the same document over the API and keeps it off the server
    const auditor = await loginAs(srv.base, 'auditor');
    const viaApi = await auditor.get('/api/v1/audit/checkpoints');
    assert.equal(viaApi.status, 200, viaApi.text);
    assert.deepEqual(viaApi.json, JSON.parse(r.stdout));
    assertError(await admin.get('/api/v1/audit/checkpoints'), 403, 'forbidden');
    const file = join(srv.dir, 'checkpoints.json');
    writeFileSync(file, viaApi.text);
    r = cli(['audit', 'verify', ...db(), '--checkpoints', file]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /checkpoints hold/);
    // a forged copy (another signature) is refused
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const last = doc.checkpoints[doc.checkpoints.length - 1];
    const forged = structuredClone(doc);
    forged.checkpoints.at(-1).last_id = last.last_id - 1;
    writeFileSync(join(srv.dir, 'forged.json'), JSON.stringify(forged));
    r = cli(['audit', 'verify', ...db(), '--checkpoints', join(srv.dir, 'forged.json')]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /signature/);

    cutTail(srv.dbUrl, 2);
    r = cli(['audit', 'verify', ...db()]);
    assert.equal(r.status, 0, 'the chain alone still looks intact: ' + r.stdout);
    r = cli(['audit', 'verify', ...db(), '--checkpoints', file]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`row ${last.last_id} is gone`));
    assert.match(r.stdout, /removed from the tail/);
  });
});
