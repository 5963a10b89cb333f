// Backup and restore under load (issue 11): while 64 writers keep adding progress notes to
// findings (each a transaction with its audit row), a backup is taken — `dudao backup` on
// SQLite (the online backup API), pg_dump on PostgreSQL (dudao's documented procedure there);
// the backup is restored into a database of its own, whose audit chain `dudao audit verify`
// finds whole, which holds every write acknowledged before the backup began, and on which a
// server starts and serves.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, DB_KIND, BIN } from '../lib/server.mjs';
import { loginAs, cli, startExtraServer, sleep } from './client.mjs';

const WRITERS = 64;
let srv, extra, restoredPg;
const tmp = mkdtempSync(join(tmpdir(), 'dudao-backup-'));

after(async () => {
  if (extra) await extra.stop();
  if (srv) await srv.stop();
  if (restoredPg) spawnSync('psql', [process.env.DUDAO_TEST_PG, '-q', '-c', `DROP DATABASE IF EXISTS ${restoredPg} WITH (FORCE)`]);
  rmSync(tmp, { recursive: true, force: true });
});

function sql(dbUrl, query) {
  const r = dbUrl.startsWith('sqlite:')
    ? spawnSync('sqlite3', [dbUrl.slice(7), query], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync('psql', [dbUrl, '-At', '-c', query], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

function run(cmd, args) {
  return new Promise((ok) => {
    const c = spawn(cmd, args);
    let err = '';
    c.stderr.on('data', (d) => { err += d; });
    c.on('exit', (code) => ok({ code, err }));
  });
}

test('a backup taken during writes restores whole: the audit chain verifies, every earlier acknowledged write is there', async () => {
  srv = await startServer();
  const school = await loginAs(srv.base, 'school');
  const open = (await school.get('/api/v1/findings?page_size=50')).json.items.filter((f) => ['issued', 'rectifying'].includes(f.state));
  assert.ok(open.length > 0, 'the demo school has findings to answer');
  const acked = []; // [note, time acknowledged]
  let stop = false, failures = 0;
  const writer = async (k) => {
    for (let i = 0; !stop; i++) {
      const note = `备份测试 w${k} #${i}`;
      const r = await school.post(`/api/v1/findings/${open[(k + i) % open.length].id}/progress`, { note });
      if (r.status === 200) acked.push([note, Date.now()]);
      else failures++;
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, k) => writer(k));
  await sleep(1500);
  const began = Date.now();
  const before = acked.filter(([, t]) => t < began).map(([n]) => n);
  assert.ok(before.length > 50, `writes were flowing before the backup (${before.length})`);
  let restoredUrl;
  if (DB_KIND === 'pg') {
    const dump = join(tmp, 'dudao.dump');
    const r = await run('pg_dump', ['-Fc', '-f', dump, srv.dbUrl]);
    assert.equal(r.code, 0, r.err);
    stop = true;
    await Promise.all(writers);
    restoredPg = `dudao_restore_${process.pid}`;
    assert.equal(spawnSync('psql', [process.env.DUDAO_TEST_PG, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${restoredPg}`]).status, 0);
    restoredUrl = process.env.DUDAO_TEST_PG.replace(/\/[^/]*$/, `/${restoredPg}`);
    const rr = spawnSync('pg_restore', ['--no-owner', '-d', restoredUrl, dump], { encoding: 'utf8' });
    assert.equal(rr.status, 0, rr.stderr);
  } else {
    const file = join(tmp, 'backup.db');
    const r = await run(BIN, ['backup', file, '--db', srv.dbUrl]);
    assert.equal(r.code, 0, r.err);
    stop = true;
    await Promise.all(writers);
    assert.ok(existsSync(file));
    restoredUrl = `sqlite:${file}`;
  }
  assert.equal(failures, 0, 'no write failed during the backup');
  const after = acked.length;
  assert.ok(after > before.length, 'writes went on during the backup');
  // the restored database: its audit chain is whole
  const v = cli(['audit', 'verify', '--db', restoredUrl]);
  assert.equal(v.status, 0, `audit verify on the restored database: ${v.stdout}${v.stderr}`);
  // every write acknowledged before the backup began is there, each with its audit row
  const notes = new Set(sql(restoredUrl, "SELECT note FROM finding_event WHERE kind = 'progress' AND note LIKE '备份测试%'"));
  const missing = before.filter((n) => !notes.has(n));
  assert.deepEqual(missing, [], `${missing.length} acknowledged writes missing from the backup`);
  const events = Number(sql(restoredUrl, "SELECT COUNT(*) FROM finding_event WHERE kind = 'progress' AND note LIKE '备份测试%'")[0]);
  const audits = Number(sql(restoredUrl, "SELECT COUNT(*) FROM audit_log WHERE entity = 'finding' AND action = 'progress'")[0]);
  assert.ok(audits >= events, `each progress note has its audit row (${events} notes, ${audits} audit rows)`);
  // and it serves
  extra = await startExtraServer(restoredUrl, join(tmp, 'data'));
  const again = await loginAs(extra.base, 'school');
  assert.equal((await again.get(`/api/v1/findings/${open[0].id}`)).status, 200);
});
