// Benchmark of the whole 均衡 verdict at province scale, server side on localhost (figures
// only, no pass or fail): a province of 100 counties and 20,000 schools (小学 and 初中, 200 a
// county) with a school year of statistics and 质量监测 results for 2 cycles (数学 and 语文 at
// grades 4 and 8, county and school rows), loaded with SQL into a demo database; then
//   overview  GET /balance/overview for the province: every county's whole verdict (资源配置 from
//             its schools, 政府保障程度, 教育质量 with the monitoring item, 社会认可度, 申报条件,
//             vetoes, the 2012 conditions), ranked, median of 5
//   county    GET /balance/verdict of each of the 100 counties in turn: the median and the total
// Usage: node bench/verdict.mjs [COUNTIES=100] [SCHOOLS_PER_COUNTY=200]   (DUDAO_TEST_DB=pg too)
import { spawnSync } from 'node:child_process';
import { startServer, DB_KIND } from '../tests/lib/server.mjs';
import { loginAs, cli } from '../tests/api/client.mjs';

const COUNTIES = Number(process.argv[2] || 100);
const PER = Number(process.argv[3] || 200);
const YEAR = 2025;
const srv = await startServer();

function sql(statement) {
  const r = DB_KIND === 'pg'
    ? spawnSync('psql', [srv.dbUrl, '-q', '-At', '-v', 'ON_ERROR_STOP=1'], { input: statement, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync('sqlite3', [srv.dbUrl.replace(/^sqlite:/, '')], { input: `.bail on\n${statement}`, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const now = Math.floor(Date.now() / 1000);
// a deterministic spread (no Math.random: two runs load the same province)
const f = (i, k, lo, hi) => lo + (((i * 2654435761 + k * 40503) >>> 0) % 1000) / 1000 * (hi - lo);

try {
  const t0 = Date.now();
  const regions = ["('520000', '基准省', 'province', NULL, '/520000/')"];
  const counties = [];
  for (let c = 0; c < COUNTIES; c++) {
    const city = `52${String(1 + Math.floor(c / 20)).padStart(2, '0')}00`;
    if (c % 20 === 0) regions.push(`('${city}', '基准市${1 + Math.floor(c / 20)}', 'city', '520000', '/520000/${city}/')`);
    const county = `${city.slice(0, 4)}${String(1 + (c % 20)).padStart(2, '0')}`;
    counties.push(county);
    regions.push(`('${county}', '基准县${c + 1}', 'county', '${city}', '/520000/${city}/${county}/')`);
  }
  sql(`INSERT INTO region (code, name, level, parent_code, path) VALUES ${regions.join(', ')};`);
  const schools = [];
  counties.forEach((county, c) => {
    for (let s = 0; s < PER; s++) {
      const type = s % 3 === 2 ? '311' : '211';
      schools.push(`('B${county}${String(s).padStart(4, '0')}', '基准县${c + 1}第${s + 1}${type === '211' ? '小学' : '初级中学'}', '${county}', ${now}, '${type}')`);
    }
  });
  for (let i = 0; i < schools.length; i += 2000)
    sql(`INSERT INTO school (code, name, region_code, created_at, type_code) VALUES ${schools.slice(i, i + 2000).join(', ')};`);
  const ids = sql("SELECT id, region_code, type_code FROM school WHERE code LIKE 'B52%' ORDER BY id").split('\n').map((l) => l.split('|'));
  const stats = ids.map(([id, , type], i) => {
    const n = Math.round(f(i, 1, 200, 1800)), cls = Math.max(1, Math.round(n / 42)), t = Math.round(n / f(i, 2, 13, 19));
    const [p, j] = type === '211' ? [[n, cls, 44, t], [0, 0, 0, 0]] : [[0, 0, 0, 0], [n, cls, 46, t]];
    const teach = (x) => [x[0], x[1], x[2], x[3], Math.round(x[3] * f(i, 3, 0.7, 1)), Math.round(x[3] * f(i, 4, 0.3, 0.7)), Math.round(x[3] * f(i, 5, 0.05, 0.2)), Math.round(x[3] * f(i, 6, 0.08, 0.15))];
    return `(${id}, ${YEAR}, ${[...teach(p), ...teach(j)].join(', ')}, 0, ${Math.round(n * f(i, 7, 3.5, 6))}, ${Math.round(n * f(i, 8, 6, 10))}, ${Math.round(n * f(i, 9, 1800, 3500))}, ${Math.round(cls * f(i, 10, 0.9, 1.3))}, ${Math.round(n * f(i, 11, 0.1, 0.2))}, ${Math.round(n * f(i, 12, 25, 45))}, 2, 2, ${t}, ${t}, ${now}, ${now})`;
  });
  const cols = 'school_id, school_year, p_students, p_classes, p_max_class, p_teachers, p_teachers_above_degree, p_teachers_mid_title, p_backbone_teachers, p_pe_art_teachers, j_students, j_classes, j_max_class, j_teachers, j_teachers_above_degree, j_teachers_mid_title, j_backbone_teachers, j_pe_art_teachers, s_students, room_area, sports_area, equipment_value, multimedia_rooms, computers, books, music_rooms, art_rooms, certified_teachers, trained_teachers, created_at, updated_at';
  for (let i = 0; i < stats.length; i += 2000) sql(`INSERT INTO balance_stat (${cols}) VALUES ${stats.slice(i, i + 2000).join(', ')};`);
  // 质量监测: two cycles, 数学 and 语文 at grades 4 and 8; a county row and a row per school
  const mon = [];
  for (const cycle of [2024, 2027]) for (const subject of ['math', 'chinese']) for (const grade of [4, 8]) {
    counties.forEach((county, c) => {
      const l4 = f(c, cycle + grade, 15, 35), l3 = f(c, cycle + 1, 30, 45), l2 = f(c, cycle + 2, 10, 25), l1 = 100 - l4 - l3 - l2;
      mon.push(`('${county}', '${county}', NULL, ${cycle}, 'national', '${subject}', ${grade}, 1200, ${f(c, 9, 480, 560).toFixed(1)}, ${l1.toFixed(1)}, ${l2.toFixed(1)}, ${l3.toFixed(1)}, ${l4.toFixed(1)}, ${f(c, cycle, 0.08, 0.2).toFixed(3)}, ${now})`);
    });
    ids.forEach(([id, county, type], i) => {
      if ((grade === 4) !== (type === '211') || i % 4) return; // the sampled schools of the round
      const l4 = f(i, cycle, 10, 40), l3 = f(i, grade, 25, 45), l2 = f(i, 3, 10, 25), l1 = 100 - l4 - l3 - l2;
      mon.push(`('${county}', '${county}', ${id}, ${cycle}, 'national', '${subject}', ${grade}, ${Math.round(f(i, 4, 62, 140))}, ${f(i, 5, 450, 580).toFixed(1)}, ${l1.toFixed(1)}, ${l2.toFixed(1)}, ${l3.toFixed(1)}, ${l4.toFixed(1)}, NULL, ${now})`);
    });
  }
  const mcols = 'county_code, region_code, school_id, cycle, source, subject, grade, n_students, mean_score, level1, level2, level3, level4, school_diff, imported_at';
  for (let i = 0; i < mon.length; i += 2000) sql(`INSERT INTO monitoring_result (${mcols}) VALUES ${mon.slice(i, i + 2000).join(', ')};`);
  sql('ANALYZE;');
  const loadMs = Date.now() - t0;
  const r = cli(['user', 'add', '--db', srv.dbUrl, '--data', srv.dataDir, '--username', 'bench_prov', '--role', 'admin', '--region', '520000', '--name', '省督导室', '--password-stdin'], { input: 'Bench@2026pass\n', timeout: 30000 });
  if (r.status !== 0) throw new Error(r.stderr);
  const prov = await loginAs(srv.base, 'bench_prov', 'Bench@2026pass');
  const time = async (path) => {
    const s = process.hrtime.bigint();
    const res = await prov.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return { ms: Number(process.hrtime.bigint() - s) / 1e6, json: res.json, bytes: res.text.length };
  };
  const ov = [];
  let first;
  for (let k = 0; k < 5; k++) { const x = await time(`/api/v1/balance/overview?region_code=520000&school_year=${YEAR}`); ov.push(x.ms); first = first || x; }
  const per = [];
  let passes = 0, sample;
  for (const county of counties) {
    const x = await time(`/api/v1/balance/verdict?county_code=${county}&school_year=${YEAR}&mode=simulated`);
    per.push(x.ms);
    sample = sample || x.json;
    if (JSON.stringify(x.json).includes('"is_passed":true')) passes++;
  }
  const parts = sample && sample.parts ? sample.parts.map((p) => p.part || p.key).join(', ') : Object.keys(sample || {}).join(', ');
  console.log(`verdict bench (${DB_KIND}): ${COUNTIES} counties, ${ids.length} schools, ${stats.length} statistics rows, ${mon.length} monitoring rows (loaded in ${loadMs} ms)`);
  console.log(`  overview of the province (every county's whole verdict, ranked): ${median(ov).toFixed(0)} ms median of 5, ${first.bytes} bytes`);
  console.log(`  one county's verdict with every item: median ${median(per).toFixed(1)} ms, all ${COUNTIES} in turn ${per.reduce((x, y) => x + y, 0).toFixed(0)} ms`);
  console.log(`  (a county's verdict holds: ${parts})`);
  const items = (sample.parts || []).flatMap((p) => p.items || []);
  const e9 = items.find((x) => x.key === 'e9'), r1 = items.find((x) => x.key === 'r1');
  console.log(`  check: ${first.json.counties ? first.json.counties.length : '?'} counties in the overview; e9 (质量监测) ${e9 ? e9.status : 'absent'}; r1 (资源配置) ${r1 ? r1.status : 'absent'}`);
} finally {
  await srv.stop();
}
