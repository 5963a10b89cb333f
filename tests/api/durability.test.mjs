// Durability: the server is killed (SIGKILL, no shutdown at all) while 1,000 writers are
// creating records; a new server on the same database must hold every write that was
// acknowledged, each whole (the record and its audit row, or neither), and an intact audit
// chain. On SQLite this is the WAL with synchronous=NORMAL: a commit is in the operating
// system's hands before it is acknowledged, so the death of the process loses nothing (a
// power cut is another matter: see the README).
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';
import { loginAs, cli, startExtraServer, sleep } from './client.mjs';

const WRITERS = 1000;
let srv;
let b;

after(async () => {
  if (b) await b.stop();
  if (srv) await srv.stop(); // already dead: this only drops the database
});

function sql(dbUrl, query) {
  const r = dbUrl.startsWith('sqlite:')
    ? spawnSync('sqlite3', ['-separator', '|', dbUrl.slice(7), query], { encoding: 'utf8' })
    : spawnSync('psql', [dbUrl, '-At', '-F', '|', '-c', query], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

describe('SIGKILL during concurrent writes', () => {
  test('every acknowledged write survives, whole, with an intact audit chain', async () => {
    srv = await startServer();
    const admin = await loginAs(srv.base, 'admin');
    const acked = new Set();
    let n_sent = 0, n_failed = 0;
    let is_dead = false;
    const writer = async (w) => {
      for (let k = 0; !is_dead; k++) {
        const name = `dur-${w}-${k}`;
        n_sent++;
        try {
          const r = await admin.post('/api/v1/zones', { county_code: '330521', name });
          if (r.status === 201) acked.add(name);
          else if (!is_dead) { n_failed++; assert.fail(`write ${name}: ${r.status} ${r.text.slice(0, 200)}`); }
        } catch {
          return; // the connection died with the server: this write is unknown, not acknowledged
        }
      }
    };
    const running = Array.from({ length: WRITERS }, (_, w) => writer(w));
    const t0 = Date.now();
    while (acked.size < 1000 && Date.now() - t0 < 15000) await sleep(20);
    srv.child.kill('SIGKILL');
    is_dead = true;
    await Promise.all(running);
    assert.equal(n_failed, 0);
    assert.ok(acked.size >= 200, `only ${acked.size} writes were acknowledged before the kill`);

    b = await startExtraServer(srv.dbUrl, srv.dataDir);
    const rows = sql(srv.dbUrl, "SELECT z.name, (SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'zone' " +
      "AND a.entity_id = CAST(z.id AS TEXT) AND a.action = 'create') FROM zone z WHERE z.name LIKE 'dur-%'");
    const present = new Map(rows.map((l) => l.split('|')).map(([name, n]) => [name, Number(n)]));
    const missing = [...acked].filter((n) => !present.has(n));
    assert.deepEqual(missing.slice(0, 10), [], `${missing.length} of ${acked.size} acknowledged writes are missing`);
    const unaudited = [...present].filter(([, n]) => n !== 1).map(([name]) => name);
    assert.deepEqual(unaudited, [], 'every record has exactly its one audit row (nothing half-written)');
    // at most the writes in flight at the kill are there without an acknowledgement
    assert.ok(present.size - acked.size <= WRITERS, `${present.size} present, ${acked.size} acknowledged`);
    const v = cli(['audit', 'verify', '--db', srv.dbUrl, '--data', srv.dataDir]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    // and the restarted server serves and writes
    const again = await loginAs(b.base, 'admin');
    const r = await again.post('/api/v1/zones', { county_code: '330521', name: 'dur-after' });
    assert.equal(r.status, 201, r.text);
    console.log(`durability: ${acked.size} acknowledged of ${n_sent} sent by ${WRITERS} writers; ` +
      `${present.size} present after the restart`);
  });
});
