// Benchmark of the visit hot path, server side on localhost (figures only, no pass or fail):
//   submit   POST /visits/{id}/submit of a 42-item visit (义务教育学校管理标准) with 3 photos:
//            checklist load, scoring in core, validation, draft findings, audit, one transaction
//   save     PATCH /visits/{id} with all 42 answers at once
//   photo    POST /visits/{id}/photos of a ~250 KB JPEG (SM3, file write, audit)
//   pdf      GET /visits/{id}/record.pdf (cairo + pango, 3 photos embedded)
// Usage: node bench/visits.mjs [N=30]   (DUDAO_TEST_DB=pg with DUDAO_TEST_PG for PostgreSQL)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, DB_KIND } from '../tests/lib/server.mjs';
import { loginAs } from '../tests/api/client.mjs';

const N = Number(process.argv[2] || 30);
const srv = await startServer();
const dir = mkdtempSync(join(tmpdir(), 'dudao-bench-visits-'));
try {
  const admin = await loginAs(srv.base, 'admin_dq');
  const insp = await loginAs(srv.base, 'inspector');
  const fw = (await admin.get('/api/v1/tasks/frameworks')).json.items.find((f) => f.code === 'yw-school-management');
  const me = (await admin.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items.find((i) => i.user_id === insp.user.id);
  const schools = (await insp.get('/api/v1/schools?page_size=50')).json.items;
  const school = schools.find((s) => s.type_code === '211') || schools[0];

  // a photo as a phone sends it after the browser scaled it: render a page and take a JPEG
  const seedVisit = (await admin.get('/api/v1/visits?status=submitted&page_size=1')).json.items[0];
  const pdf = Buffer.from(await (await fetch(`${srv.base}/api/v1/visits/${seedVisit.id}/record.pdf`, {
    headers: { cookie: `dudao_session=${admin.cookie}` } })).arrayBuffer());
  writeFileSync(join(dir, 'p.pdf'), pdf);
  spawnSync('pdftoppm', ['-jpeg', '-r', '110', '-singlefile', join(dir, 'p.pdf'), join(dir, 'photo')]);
  const jpeg = readFileSync(join(dir, 'photo.jpg'));

  const t = { submit: [], save: [], photo: [], pdf: [] };
  const time = async (k, f) => { const t0 = process.hrtime.bigint(); const r = await f(); t[k].push(Number(process.hrtime.bigint() - t0) / 1e6); return r; };
  let nItems = 0;
  for (let i = 0; i < N; i++) {
    const task = await admin.post('/api/v1/tasks', { kind: 'followup', title: `基准 ${i}`, framework_version_id: fw.version_id,
      due_on: '2099-12-31', members: [{ inspector_id: me.id, role: 'leader' }], school_ids: [school.id] });
    if (task.status !== 201) throw new Error(task.text);
    const v = (await insp.post('/api/v1/visits', { target_id: task.json.targets[0].id })).json;
    await insp.post(`/api/v1/visits/${v.id}/checkin`, { lat: school.lat, lng: school.lng, accuracy_m: 10 });
    const photos = [];
    for (let k = 0; k < 3; k++) {
      const r = await time('photo', () => insp.req('POST', `/api/v1/visits/${v.id}/photos?taken_at=${Math.floor(Date.now() / 1000)}&lat=30.5&lng=119.9`, { raw: jpeg, contentType: 'image/jpeg' }));
      if (r.status !== 201) throw new Error(r.text);
      photos.push(r.json.id);
    }
    const leaves = [];
    const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : leaves.push(n)));
    walk(v.framework.document.indicators);
    nItems = leaves.length;
    const answers = {};
    leaves.forEach((l, k) => {
      const a = { note: `第 ${k + 1} 项：查阅资料、现场查看，情况属实。` };
      const fail = k < 3; // three failed items, each with its photo: three draft findings
      if (l.kind === 'pass_fail') a.value = !fail;
      else if (l.kind === 'score') a.value = fail ? 0 : l.max_score * 0.8;
      else if (l.kind === 'rating') a.value = l.levels[fail ? l.levels.length - 1 : 0].value;
      else if (l.kind === 'choice') a.value = l.choices[0].value;
      else if (l.kind === 'number') a.value = l.threshold ? l.threshold.value : 1;
      else a.value = '情况良好';
      if (k < 3) a.attachments = [photos[k]];
      answers[l.code] = a;
    });
    const s = await time('save', () => insp.patch(`/api/v1/visits/${v.id}`, { answers }));
    if (s.status !== 200) throw new Error(s.text);
    const r = await time('submit', () => insp.post(`/api/v1/visits/${v.id}/submit`));
    if (r.status !== 200) throw new Error(r.text);
    const p = await time('pdf', async () => {
      const res = await fetch(`${srv.base}/api/v1/visits/${v.id}/record.pdf`, { headers: { cookie: `dudao_session=${insp.cookie}` } });
      const b = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(b.toString());
      return b;
    });
    if (i === 0) console.log(`record PDF: ${(p.length / 1024).toFixed(0)} KB, ${nItems} items, 3 photos of ${(jpeg.length / 1024).toFixed(0)} KB`);
  }
  const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
  console.log(`visits bench (${DB_KIND}, ${N} visits of ${nItems} items): ms per request`);
  for (const [k, xs] of Object.entries(t))
    console.log(`  ${k.padEnd(7)} p50 ${pct(xs, 0.5).toFixed(1).padStart(7)}  p95 ${pct(xs, 0.95).toFixed(1).padStart(7)}  max ${Math.max(...xs).toFixed(1).padStart(7)}  (n=${xs.length})`);
} finally {
  await srv.stop();
}
