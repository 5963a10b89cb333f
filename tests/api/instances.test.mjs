// The server is stateless: sessions, lockouts and the audit chain live in the database, so
// several instances behind a load balancer share them (the PostgreSQL deployment; it runs on
// SQLite too, with one writer at a time), and the command line can write while a server runs.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  Client, loginAs, assertError, stopClean, createUser, cli, startExtraServer, uniq, sleep, GOOD_PASSWORD,
} from './client.mjs';

let srv; // instance A (the harness's)
let b; // instance B on the same database

before(async () => {
  srv = await startServer();
  b = await startExtraServer(srv.dbUrl, srv.dataDir);
});
after(async () => {
  if (b) {
    const res = await b.stop();
    assert.equal(res.sanitizer, null, `sanitizer report in instance B: ${res.sanitizer}`);
    assert.equal(res.code, 0, `instance B exit: ${res.code} ${res.signal} ${res.stderr.slice(-2000)}`);
  }
  await stopClean(srv);
});

// The same browser talking to instance B (the load balancer switched it over).
function onB(c) {
  const x = c.clone();
  x.base = b.base;
  return x;
}

describe('two instances on one database', () => {
  test('a session opened on one instance works on the other; logout on either ends it', async () => {
    const a = await loginAs(srv.base, 'admin');
    const viaB = onB(a);
    let r = await viaB.get('/api/v1/auth/me');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.csrf_token, a.csrf);
    const u = await createUser(viaB); // a change through B with A's token
    r = await a.get(`/api/v1/users/${u.id}`);
    assert.equal(r.status, 200);
    assert.equal((await viaB.post('/api/v1/auth/logout')).status, 204);
    assertError(await a.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('failed logins on both instances add up to one lockout', async () => {
    const admin = await loginAs(srv.base, 'admin');
    const u = await createUser(admin);
    for (let i = 0; i < 5; i++) {
      await new Client(i % 2 ? b.base : srv.base).login(u.username, 'Wrong-Passw0rd');
    }
    assertError(await new Client(srv.base).login(u.username, GOOD_PASSWORD), 423, 'locked');
    assertError(await new Client(b.base).login(u.username, GOOD_PASSWORD), 423, 'locked');
  });

  test('concurrent changes through both instances keep one unbroken audit chain', async () => {
    const a = await loginAs(srv.base, 'admin');
    const viaB = onB(await loginAs(srv.base, 'admin'));
    const u = await createUser(a);
    const auditor = await loginAs(srv.base, 'auditor');
    const before = (await auditor.get('/api/v1/audit?page_size=1')).json.total;
    const rs = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      (i % 2 ? viaB : a).patch(`/api/v1/users/${u.id}`, { display_name: `实例${i}` })));
    for (const r of rs) assert.equal(r.status, 200, r.text);
    const total = (await auditor.get('/api/v1/audit?page_size=1')).json.total;
    assert.equal(total, before + 30, 'one audit row per change');
    const v = await onB(auditor).get('/api/v1/audit/verify');
    assert.equal(v.status, 200, v.text);
    assert.equal(v.json.ok, true, v.text);
  });
});

describe('import progress on two instances', () => {
  test('an import running on one instance is polled on the other, and its result is the same', async () => {
    const a = await loginAs(srv.base, 'admin');
    const viaB = onB(a);
    const job = `inst-${uniq('j')}`;
    const n = 1500;
    const tag = uniq('z');
    const file = '县级代码,责任区名称,片区\n' + Array.from({ length: n }, (_, i) => `330521,多实例${tag}-${i},\n`).join('');
    const running = a.req('POST', `/api/v1/imports/zones?job=${job}`, { raw: Buffer.from(file), contentType: 'text/csv' });
    let isDone = false;
    running.then(() => { isDone = true; }, () => { isDone = true; });
    const seen = [];
    let lastDone = 0;
    while (!isDone) {
      const j = await viaB.get(`/api/v1/imports/jobs/${job}`);
      if (j.status === 404) { // not started yet
        assert.equal(j.json.error, 'not_found');
      } else {
        assert.equal(j.status, 200, j.text);
        assert.ok(['counting', 'importing', 'committing', 'done'].includes(j.json.phase), j.text);
        assert.ok(j.json.rows_done >= lastDone, 'rows_done never goes back');
        lastDone = j.json.rows_done;
        seen.push(j.json.phase);
      }
      await sleep(20);
    }
    const r = await running;
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.n_created, n);
    const j = await viaB.get(`/api/v1/imports/jobs/${job}`);
    assert.equal(j.status, 200, j.text);
    assert.deepEqual([j.json.phase, j.json.rows_done, j.json.rows_total], ['done', n, n]);
    assert.deepEqual(j.json.result, r.json);
    assert.ok(seen.length > 0 && seen.some((p) => p !== 'done'), `B saw the import running: ${seen}`);
    // another user on B does not see it
    assertError(await onB(await loginAs(srv.base, 'admin_dq')).get(`/api/v1/imports/jobs/${job}`), 404, 'not_found');
  });
});

describe('the command line writes while the server is busy', () => {
  test('user add during a burst of API writes: both succeed and the chain stays whole', async () => {
    const a = await loginAs(srv.base, 'admin');
    const u = await createUser(a);
    let stop = false;
    let n = 0;
    const failures = [];
    const load = (async () => {
      while (!stop) {
        const r = await a.patch(`/api/v1/users/${u.id}`, { display_name: `忙${n++}` });
        if (r.status !== 200) failures.push(`${r.status} ${r.text}`);
      }
    })();
    const names = [];
    try {
      for (let i = 0; i < 3; i++) {
        const name = uniq('busy');
        const r = cli(['user', 'add', '--db', srv.dbUrl, '--username', name, '--role', 'inspector', '--region',
          '330521', '--password-stdin'], { input: `${GOOD_PASSWORD}\n`, timeout: 60000 });
        assert.equal(r.status, 0, `user add while busy: ${r.stderr}`);
        names.push(name);
      }
    } finally {
      stop = true;
      await load;
    }
    assert.deepEqual(failures, [], 'API writes during CLI writes');
    assert.ok(n > 0);
    for (const name of names) assert.equal((await new Client(srv.base).login(name, GOOD_PASSWORD)).status, 200);
    const v = await (await loginAs(srv.base, 'auditor')).get('/api/v1/audit/verify');
    assert.equal(v.json.ok, true, v.text);
    const out = cli(['audit', 'verify', '--db', srv.dbUrl]);
    assert.equal(out.status, 0, out.stdout + out.stderr);
  });
});

describe('graceful stop', () => {
  test('SIGTERM lets requests in flight finish, then exits 0', async () => {
    // Logins are slow (argon2id), so they are still running when the signal arrives.
    const inflight = Array.from({ length: 4 }, () => new Client(b.base).login('leader')
      .then((r) => r.status, (e) => `network error ${e.cause?.code || e.message}`));
    // long enough for the four connections to be accepted on a loaded machine (a connection
    // still in the listen backlog when the listener closes is reset, as with any server),
    // short enough that two rounds of argon2 on two workers are still running
    await sleep(250);
    b.child.kill('SIGTERM');
    assert.deepEqual(await Promise.all(inflight), [200, 200, 200, 200]);
    const res = await b.stop();
    assert.equal(res.code, 0, res.stderr.slice(-2000));
    assert.equal(res.sanitizer, null);
    // the other instance is unaffected
    assert.equal((await new Client(srv.base).login('leader')).status, 200);
  });
});

describe('several servers starting at once on a new database', () => {
  test('concurrent migrations: every process succeeds and each migration is applied once', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { spawn } = await import('node:child_process');
    const { freshDatabase, BIN } = await import('../lib/server.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'dudao-migrate-race-'));
    const db = freshDatabase(dir);
    try {
      const runs = await Promise.all([0, 1, 2, 3].map(() => new Promise((ok) => {
        const p = spawn(BIN, ['migrate', '--db', db.url, '--data', join(dir, 'data')]);
        let err = '';
        p.stderr.on('data', (d) => { err += d; });
        p.on('close', (code) => ok({ code, err }));
      })));
      for (const r of runs) assert.equal(r.code, 0, r.err);
      const again = cli(['migrate', '--db', db.url, '--data', join(dir, 'data')]);
      assert.equal(again.status, 0, again.stderr);
      assert.doesNotMatch(again.stdout + again.stderr, /失败|failed/i);
    } finally {
      db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
