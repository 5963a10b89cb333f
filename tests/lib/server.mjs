// Starts a real dudao server for a test suite: a fresh database (SQLite file, or a new
// PostgreSQL database when DUDAO_TEST_DB=pg), demo data loaded, a free port, and the
// built web app. The binary is build/dudao unless DUDAO_BIN names another (the ASan build).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = resolve(root, process.env.DUDAO_BIN || 'build/dudao');
export const DB_KIND = process.env.DUDAO_TEST_DB || 'sqlite';
let dbCounter = 0;

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

// A fresh database URL: a file in dir for SQLite, a new database on the server named by
// DUDAO_TEST_PG (a URL to an existing database with CREATE DATABASE rights) for PostgreSQL.
export function freshDatabase(dir) {
  if (DB_KIND !== 'pg') return { url: `sqlite:${join(dir, 'dudao.db')}`, drop() {} };
  const admin = process.env.DUDAO_TEST_PG;
  if (!admin) throw new Error('DUDAO_TEST_DB=pg needs DUDAO_TEST_PG');
  const name = `dudao_t_${process.pid}_${Date.now() % 1e6}_${dbCounter++}`;
  const r = spawnSync('psql', [admin, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`createdb failed: ${r.stderr}`);
  const u = new URL(admin);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    drop() { spawnSync('psql', [admin, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]); },
  };
}

// Runs a dudao command synchronously; returns {status, stdout, stderr}.
export function dudao(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', cwd: root, ...opts });
  return { status: r.status, stdout: r.stdout || '', stderr: r.stderr || '' };
}

// Sanitizer reports that a server or command printed: any is a test failure.
export function sanitizerReport(text) {
  const m = text.match(/(ERROR: (Address|Leak)Sanitizer[^\n]*|runtime error:[^\n]*)/);
  return m ? m[0] : null;
}

export async function startServer({ args = [], env = {}, demo = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dudao-test-'));
  const db = freshDatabase(dir);
  const data = join(dir, 'data');
  if (demo) {
    const r = dudao(['demo', '--db', db.url, '--data', data], { env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(`dudao demo failed (${r.status}): ${r.stderr}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--db', db.url, '--data', data, '--listen', `127.0.0.1:${port}`,
    '--web', join(root, 'web/dist'), ...args], { cwd: root, env: { ...process.env, ...env } });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.on('data', (d) => { stdout += d; });
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      const r = await fetch(base + '/healthz');
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`server did not start: ${stderr}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return {
    base, dbUrl: db.url, dataDir: data, dir, child,
    log: () => stdout + stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const res = await exited;
      db.drop();
      rmSync(dir, { recursive: true, force: true });
      return { ...res, stderr, stdout, sanitizer: sanitizerReport(stderr) };
    },
  };
}
