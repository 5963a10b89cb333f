// Soak: a steady mixed load for a long time (default one hour), server side on localhost, to
// show that nothing grows or degrades (figures only, no pass or fail):
//   reads   the school list (admin, 50 rows), the findings ledger, the inspector's agenda, one
//           finding with its history, /healthz
//   writes  a new finding recorded by the office (a transaction with its audit row), a survey
//           answer (anonymous, one code each). (Not progress notes on the same few findings: a
//           finding's page carries its whole history, and thousands of notes on one finding make
//           every response about it grow; that is a different measure from a steady load.)
// at RATE requests per second (default 60, one in six a write) from 16 connections. Every
// minute it samples the server's RSS (/proc/<pid>/status) and the latency of the minute; it
// prints the RSS after the warm-up (the first 2 minutes) and at the end with the growth, the
// error responses, and p50/p99 per 10-minute window.
// Usage: node bench/soak.mjs [SECONDS=3600] [RATE=60]   (DUDAO_TEST_DB=pg with DUDAO_TEST_PG)
import { readFileSync } from 'node:fs';
import { startServer, DB_KIND } from '../tests/lib/server.mjs';
import { loginAs } from '../tests/api/client.mjs';
import { readXlsx } from '../tests/lib/xlsx_read.mjs';

const SECONDS = Number(process.argv[2] || 3600);
const RATE = Number(process.argv[3] || 60);
const WARMUP = Math.min(120, Math.floor(SECONDS / 10));
const srv = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${srv.child.pid}/status`, 'utf8'))[1]) / 1024;
const pctl = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : 0; };

try {
  const admin = await loginAs(srv.base, 'admin_dq');
  const inspector = await loginAs(srv.base, 'inspector');
  const school = await loginAs(srv.base, 'school');
  const mine = (await school.get('/api/v1/findings?page_size=50')).json.items.filter((f) => ['issued', 'rectifying'].includes(f.state));
  if (!mine.length) throw new Error('the demo school has no finding to report progress on');
  const forms = await admin.get('/api/v1/surveys/forms');
  const vid = forms.json.items.find((x) => x.code === 'parent-rates-school').id;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const expectedAnswers = Math.ceil((SECONDS * RATE * 1.25) / 12) + 200; // one op in 12 answers; a margin for the timer
  // a round holds at most 20,000 codes: as many rounds as the run needs
  const codes = [];
  for (let need = expectedAnswers, n = 1; need > 0; need -= 20000, n++) {
    const cells = [];
    for (let left = Math.min(need, 20000); left > 0; left -= 5000) cells.push({ group: 'parent', quota: Math.min(left, 5000) });
    const round = await admin.post('/api/v1/surveys/rounds', { title: `浸泡测试 ${n}`, form_version_id: vid, opens_on: today, closes_on: today, cells });
    if (round.status !== 201) throw new Error(round.text);
    const res = await fetch(`${srv.base}/api/v1/surveys/rounds/${round.json.id}/codes`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
    codes.push(...readXlsx(Buffer.from(await res.arrayBuffer())).slice(1).map((r) => r[0]));
  }
  const form = (await fetch(`${srv.base}/api/v1/public/surveys/${codes[0]}`).then((r) => r.json()));
  // a valid answer set for this questionnaire's parent group: every required question
  const answer = {};
  for (const s of form.sections) for (const q of s.questions) {
    if (q.visible_if) continue;
    if (q.kind === 'likert5' || q.kind === 'likert3') answer[q.code] = '5';
    else if (q.kind === 'matrix') answer[q.code] = Object.fromEntries(q.rows.map((r) => [r.code, '5']));
    else if (q.kind === 'single') answer[q.code] = q.options[0].value;
    else if (q.kind === 'multiple') answer[q.code] = [q.options[0].value];
    else if (q.kind === 'number') answer[q.code] = q.min ?? 1;
  }
  const probe = await fetch(`${srv.base}/api/v1/public/surveys/${codes[0]}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.0.1' }, body: JSON.stringify({ answers: answer }) });
  if (probe.status !== 201) throw new Error(`survey answer: ${probe.status} ${await probe.text()}`);
  let nextCode = 1, seq = 0;
  const one = mine[0].id;
  const ops = [
    () => admin.get('/api/v1/schools?page_size=50'),
    () => admin.get('/api/v1/findings?page_size=20'),
    () => inspector.get('/api/v1/visits/agenda'),
    () => admin.get(`/api/v1/findings/${one}`),
    () => fetch(`${srv.base}/healthz`).then(async (r) => ({ status: r.status, text: await r.text() })),
    () => admin.post('/api/v1/findings', { school_id: mine[seq % mine.length].school_id, description: `浸泡测试问题 ${seq}`, severity: 'general', category: '安全' }),
    () => admin.get('/api/v1/schools?page_size=50'),
    () => admin.get('/api/v1/findings?page_size=20&state=open'),
    () => inspector.get('/api/v1/findings/inbox'),
    () => admin.get('/api/v1/surveys/rounds'),
    () => fetch(`${srv.base}/healthz`).then(async (r) => ({ status: r.status, text: await r.text() })),
    () => { const c = codes[nextCode++]; const ip = `10.${(nextCode >> 16) & 255}.${(nextCode >> 8) & 255}.${nextCode & 255}`;
      return fetch(`${srv.base}/api/v1/public/surveys/${c}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ answers: answer }) })
        .then(async (r) => ({ status: r.status, text: await r.text() })); },
  ];
  const t0 = Date.now();
  const minutes = [];
  let cur = { lat: [], errors: 0, n: 0 }, errors = 0, total = 0, errorSamples = [];
  let inflight = 0;
  const sampler = setInterval(() => { minutes.push({ ...cur, rss: rss(), at: (Date.now() - t0) / 1000 }); cur = { lat: [], errors: 0, n: 0 }; }, 60000);
  const rssStart0 = rss();
  await new Promise((done) => {
    const tick = setInterval(() => {
      if (Date.now() - t0 >= SECONDS * 1000) { clearInterval(tick); const wait = setInterval(() => { if (!inflight) { clearInterval(wait); done(); } }, 50); return; }
      if (inflight >= 16) return; // 16 connections at most; a slow server is seen as latency, not a pile-up
      const op = ops[seq++ % ops.length];
      const s = process.hrtime.bigint();
      inflight++;
      op().then((r) => {
        const ms = Number(process.hrtime.bigint() - s) / 1e6;
        cur.lat.push(ms); cur.n++; total++;
        if (r.status >= 400) { cur.errors++; errors++; if (errorSamples.length < 5) errorSamples.push(`${r.status} ${String(r.text).slice(0, 120)}`); }
      }).catch((e) => { cur.errors++; errors++; if (errorSamples.length < 5) errorSamples.push(String(e)); })
        .finally(() => { inflight--; });
    }, 1000 / RATE);
  });
  clearInterval(sampler);
  minutes.push({ ...cur, rss: rss(), at: (Date.now() - t0) / 1000 });
  const afterWarm = minutes.find((m) => m.at >= WARMUP) || minutes[0];
  const end = minutes[minutes.length - 1];
  console.log(`soak (${DB_KIND}): ${SECONDS} s at ${RATE} req/s (1 in 6 a write), ${total} requests, ${errors} error responses`);
  if (errorSamples.length) console.log(`  errors, first ones: ${errorSamples.join(' | ')}`);
  console.log(`  RSS: ${rssStart0.toFixed(1)} MiB at start, ${afterWarm.rss.toFixed(1)} MiB after the ${WARMUP} s warm-up, ${end.rss.toFixed(1)} MiB at the end: ` +
    `${(((end.rss - afterWarm.rss) / afterWarm.rss) * 100).toFixed(2)} % growth`);
  for (let w = 0; w * 600 < SECONDS; w++) {
    const ms = minutes.filter((m) => m.at > w * 600 && m.at <= (w + 1) * 600 + 1).flatMap((m) => m.lat);
    if (ms.length) console.log(`  ${w * 10}–${(w + 1) * 10} min: n ${ms.length}, p50 ${pctl(ms, 0.5).toFixed(1)} ms, p99 ${pctl(ms, 0.99).toFixed(1)} ms, RSS ${minutes.filter((m) => m.at <= (w + 1) * 600 + 1).pop().rss.toFixed(1)} MiB`);
  }
} finally {
  await srv.stop();
}
