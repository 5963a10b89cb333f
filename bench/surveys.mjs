// Benchmark of the survey capability, server side on localhost (figures only, no pass or fail):
//   submit   N responses (default 10,000) to POST /public/surveys/{code}, 64 at a time, each
//            from its own address (the server trusts 127.0.0.1 as a proxy and reads
//            X-Forwarded-For, as behind nginx): the code checked, the answers validated against
//            the questionnaire, the used flag, the response and its 9 answers and both rate
//            counters written in one durable transaction
//   report   the county's results computed over M responses (default 100,000, loaded straight
//            into the tables with SQL, as the submit path is measured above): GET .../results
//            (JSON), .../results.xlsx and .../report (PDF), median of 5
// Usage: node bench/surveys.mjs [N=10000] [M=100000]   (DUDAO_TEST_DB=pg with DUDAO_TEST_PG)
import { spawnSync } from 'node:child_process';
import { startServer, DB_KIND } from '../tests/lib/server.mjs';
import { loginAs } from '../tests/api/client.mjs';
import { readXlsx } from '../tests/lib/xlsx_read.mjs';

const N = Number(process.argv[2] || 10000);
const M = Number(process.argv[3] || 100000);
const CONCURRENCY = 64;
const srv = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });

function sql(statement) {
  const r = DB_KIND === 'pg'
    ? spawnSync('psql', [srv.dbUrl, '-At', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' })
    : spawnSync('sqlite3', [srv.dbUrl.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pctl = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

try {
  const admin = await loginAs(srv.base, 'admin_dq');
  const forms = await admin.get('/api/v1/surveys/forms');
  const vid = forms.json.items.find((x) => x.code === 'quality-2017-recognition').id;
  const schools = (await admin.get('/api/v1/schools?page_size=20')).json.items;
  const groups = ['parent', 'teacher', 'principal', 'public'];
  // N codes over cells of ≤ 5000 (the most a cell holds), spread over schools and groups
  const cells = [];
  for (let left = N, k = 0; left > 0; k++) {
    const quota = Math.min(left, 500);
    cells.push({ group: groups[k % groups.length], school_id: schools[k % schools.length].id, quota });
    left -= quota;
  }
  const t0 = Date.now();
  const round = await admin.post('/api/v1/surveys/rounds', { title: '基准：提交', form_version_id: vid, opens_on: today, closes_on: today, cells });
  if (round.status !== 201) throw new Error(round.text);
  const tCreate = Date.now() - t0;
  const xlsx = await fetch(`${srv.base}/api/v1/surveys/rounds/${round.json.id}/codes`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
  const codes = readXlsx(Buffer.from(await xlsx.arrayBuffer())).slice(1).map((r) => r[0]);

  const lat = [];
  let next = 0, failed = 0;
  const answer = (i) => { const v = String(1 + (i % 5)); return { S0: { S1: v, S2: v, S3: v, S4: v, S5: v }, S6: v, G1: v, G2: v, G3: v }; };
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= codes.length) return;
      const a = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const s = process.hrtime.bigint();
      const r = await fetch(`${srv.base}/api/v1/public/surveys/${codes[i]}`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': a },
        body: JSON.stringify({ answers: answer(i) }),
      });
      await r.arrayBuffer();
      lat.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (r.status !== 201) failed++;
    }
  }
  const tSubmit0 = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const submitMs = Date.now() - tSubmit0;
  const stored = Number(sql(`SELECT COUNT(*) FROM survey_response WHERE round_id = ${round.json.id}`));

  // M responses for the county report, loaded with SQL over 20 schools × 4 groups
  const rep = await admin.post('/api/v1/surveys/rounds', {
    title: '基准：报告', form_version_id: vid, opens_on: today, closes_on: today,
    cells: schools.slice(0, 20).flatMap((s) => groups.map((g) => ({ group: g, school_id: s.id, quota: 1 }))),
  });
  const rid = rep.json.id;
  const cellIds = sql(`SELECT id FROM survey_cell WHERE round_id = ${rid} ORDER BY id`).split('\n').map(Number);
  const items = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'G1', 'G2', 'G3'];
  const series = DB_KIND === 'pg' ? `generate_series(1, ${M}) AS g(i)` : `(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${M}) SELECT i FROM c) AS g`;
  const tLoad0 = Date.now();
  sql(`INSERT INTO survey_response (round_id, cell_id, answered_on) SELECT ${rid}, ${cellIds[0]} + (i % ${cellIds.length}), '${today}' FROM ${series}`);
  for (const it of items) {
    sql(`INSERT INTO survey_answer (response_id, round_id, cell_id, item, kind, value) SELECT id, round_id, cell_id, '${it}', 'l', CAST(1 + (id * 7 + ${it.charCodeAt(1)}) % 5 AS TEXT) FROM survey_response WHERE round_id = ${rid}`);
  }
  if (DB_KIND === 'pg') sql('ANALYZE'); else sql('ANALYZE');
  const loadMs = Date.now() - tLoad0;
  const time = async (path) => {
    const xs = [];
    let bytes = 0;
    for (let k = 0; k < 5; k++) {
      const s = process.hrtime.bigint();
      const r = await fetch(srv.base + path, { headers: { cookie: `dudao_session=${admin.cookie}` } });
      bytes = (await r.arrayBuffer()).byteLength;
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      xs.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    return { ms: median(xs), bytes };
  };
  const json = await time(`/api/v1/surveys/rounds/${rid}/results`);
  const xl = await time(`/api/v1/surveys/rounds/${rid}/results.xlsx`);
  const pdf = await time(`/api/v1/surveys/rounds/${rid}/report`);
  const check = await admin.get(`/api/v1/surveys/rounds/${rid}/results`);

  console.log(`surveys bench (${DB_KIND}), server on localhost`);
  console.log(`  round with ${codes.length} codes in ${cells.length} cells created in ${tCreate} ms`);
  console.log(`  submit: ${codes.length} responses, ${CONCURRENCY} concurrent: ${(codes.length / (submitMs / 1000)).toFixed(0)} responses/s, ` +
    `p50 ${pctl(lat, 0.5).toFixed(1)} ms, p99 ${pctl(lat, 0.99).toFixed(1)} ms; ${failed} refused; ${stored} stored`);
  console.log(`  report over ${check.json.overall.n} responses (${M * items.length} answers, loaded in ${loadMs} ms):`);
  console.log(`    results JSON ${json.ms.toFixed(0)} ms (${json.bytes} B), XLSX ${xl.ms.toFixed(0)} ms (${xl.bytes} B), PDF ${pdf.ms.toFixed(0)} ms (${pdf.bytes} B), median of 5`);
} finally {
  await srv.stop();
}
