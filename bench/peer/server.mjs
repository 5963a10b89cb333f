// The Node peer of bench/compare.sh: dudao's read routes as a competent Node developer writes
// them — Fastify 5, better-sqlite3 with every statement prepared once and cached, the same SQL
// text as dudao (placeholders and all), the same session check (BLAKE2b-256 of the cookie token,
// idle and absolute expiry, the idle clock refreshed at most once a minute) and the same scope
// conditions, and responses byte-equal to dudao's (bench/compare.sh checks that before timing).
//
//   node server.mjs --db FILE --listen HOST:PORT
//
// Routes: GET /healthz, GET /api/v1/schools, GET /api/v1/findings, and three of the four routes of
// the office home: GET /api/v1/coverage, /api/v1/visits/coverage (this month) and /api/v1/findings/stats.
// Only what the benchmark asks is implemented: the lists take page and page_size, no filters.
// When dudao's SQL changes, change it here too (bench/peer/sqltrace.c prints what dudao runs).
import Fastify from 'fastify';
import Database from 'better-sqlite3';
import sodium from 'libsodium-wrappers';
import { SCHOOL_TYPE_LABELS } from './school_types.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const dbFile = (args.db || '').replace(/^sqlite:/, '');
const [host, port] = (args.listen || '127.0.0.1:8099').split(':');
const VERSION = args.version || 'dev';
const SESSION_IDLE = 30 * 60;
const SESSION_MAX = 12 * 3600;

await sodium.ready;
const db = new Database(dbFile, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');

// Statements by SQL text, prepared on first use: the SQL of a list depends on the caller's role.
const statements = new Map();
function stmt(sql) {
  let s = statements.get(sql);
  if (!s) {
    s = db.prepare(sql);
    statements.set(sql, s);
  }
  return s;
}
// dudao numbers its placeholders $1, $2, ...: better-sqlite3 binds those by name.
const bind = (params) => Object.fromEntries(params.map((v, i) => [String(i + 1), v]));
const raw = (sql, params) => stmt(sql).raw(true).all(bind(params));
const run = (sql, params) => stmt(sql).run(bind(params));

const nowSec = () => Math.floor(Date.now() / 1000);
const todayCn = () => new Date((nowSec() + 8 * 3600) * 1000).toISOString().slice(0, 10);
const isoTime = (t) => (t ? new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : null);
const int = (v) => (v === null || v === undefined ? 0 : Number(v));
const idOrNull = (v) => (int(v) ? int(v) : null);

// jansson prints reals with 12 significant digits and keeps ".0" on an integral value; JSON.stringify
// would print 120 for 120.0. An integral real is carried as a marker string and spliced back.
let hasIntegralReal = false;
function real(text) {
  if (text === null || text === undefined) return null;
  const v = Number(Number.parseFloat(text).toPrecision(12));
  if (!Number.isInteger(v)) return v;
  hasIntegralReal = true;
  return `\u0000R${v}`;
}
function stringify(body) {
  const text = JSON.stringify(body);
  return hasIntegralReal ? text.replace(/"\\u0000R(-?\d+)"/g, '$1.0') : text;
}

const ROLE = { admin: 1, inspector: 2, school: 4, leader: 8, auditor: 16, unit: 32 };
const ROLES_LOOP = ROLE.admin | ROLE.inspector | ROLE.school | ROLE.leader | ROLE.unit;
const ROLES_OFFICE = ROLE.admin | ROLE.leader;
const ROLES_SUPERVISORS = ROLE.admin | ROLE.inspector | ROLE.leader;

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
const unauthenticated = () => new HttpError(401, 'unauthenticated', '未登录或登录已过期 / not logged in or session expired');

const SESSION_SQL =
  'SELECT x.token_hash, x.csrf_token, x.created_at, x.last_seen, u.id, u.username, u.display_name, u.role, ' +
  'u.region_code, r.name, r.path, u.school_id, s.name, u.phone, u.is_disabled, u.locked_until, u.unit_id ' +
  'FROM user_session x JOIN app_user u ON u.id = x.user_id JOIN region r ON r.code = u.region_code ' +
  'LEFT JOIN school s ON s.id = u.school_id WHERE x.token_hash = $1';

function cookieToken(header) {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === 'dudao_session') return part.slice(eq + 1).trim();
  }
  return null;
}

// The caller, as dudao's auth_svc_session: unknown, idle, too old or disabled is refused (and an
// expired session is deleted); the idle clock moves at most once a minute.
function session(req) {
  const token = cookieToken(req.headers.cookie);
  if (!token) throw unauthenticated();
  const hash = sodium.crypto_generichash(32, token, null, 'hex');
  const rows = raw(SESSION_SQL, [hash]);
  if (rows.length !== 1) throw unauthenticated();
  const [, , createdAt, lastSeen, userId, username, , role, regionCode, , regionPath, schoolId, , , isDisabled, , unitId] = rows[0];
  const now = nowSec();
  if (now - lastSeen > SESSION_IDLE || now - createdAt > SESSION_MAX || isDisabled) {
    run('DELETE FROM user_session WHERE token_hash = $1', [hash]);
    throw unauthenticated();
  }
  const step = SESSION_IDLE / 2 < 60 ? SESSION_IDLE / 2 : 60;
  if (now - lastSeen >= step) run('UPDATE user_session SET last_seen = $2 WHERE token_hash = $1', [hash, now]);
  return { userId, username, role, roleBit: ROLE[role] || 0, regionCode, regionPath, schoolId: int(schoolId), unitId: int(unitId) };
}

function authorize(req, roles) {
  const who = session(req);
  if (!(who.roleBit & roles)) throw new HttpError(403, 'forbidden', '无权访问 / not allowed');
  return who;
}

// The scope (dudao's store/scope.c): region subtree, plus the school or the inspector's schools;
// a 被督导单位 (unit) account reaches no school, only its unit's findings.
function scopeOf(who) {
  const isUnit = who.role === 'unit';
  return {
    regionPath: who.regionPath,
    inspectorUserId: who.role === 'inspector' ? who.userId : 0,
    schoolId: who.role === 'school' ? (who.schoolId || -1) : isUnit ? -1 : 0,
    unitId: isUnit ? (who.unitId || -1) : 0,
  };
}
// A SQL builder numbering its placeholders in order, as dudao's sqlb.
class Sql {
  constructor(text) {
    this.text = text;
    this.params = [];
  }
  add(text) {
    this.text += text;
    return this;
  }
  addv(text, value) {
    this.params.push(value);
    this.text += `${text}$${this.params.length}`;
    return this;
  }
}
const scopeLike = (path) => `${path || '/'}%`;
// The prefix test as dudao writes it (scope_prefix_test): substr(path, 1, n) = $k, n the length
// of the caller's path in the text (a LIKE on a bound pattern would be re-prepared by SQLite).
// Character length = byte length here: paths are digits and '/'.
const prefixTest = (col, path) => `substr(${col}, 1, ${path.length}) = `;
function andPath(q, sc, col) {
  if (!sc.regionPath) return;
  q.addv(` AND ${prefixTest(col, sc.regionPath)}`, sc.regionPath);
}
function andRegionCode(q, sc, col) {
  if (!sc.regionPath) return;
  q.addv(` AND ${col} IN (SELECT code FROM region WHERE ${prefixTest('path', sc.regionPath)}`, sc.regionPath).add(')');
}
function andTaskMember(q, sc, col) {
  if (sc.inspectorUserId <= 0) return;
  q.add(` AND EXISTS (SELECT 1 FROM task_member m JOIN inspector mi ON mi.id = m.inspector_id WHERE m.task_id = ${col} AND mi.user_id = `);
  q.addv('', sc.inspectorUserId).add(')');
}
function andSchool(q, sc, col) {
  if (sc.schoolId) q.addv(` AND ${col} = `, sc.schoolId);
  if (sc.inspectorUserId > 0) {
    q.add(
      ' AND EXISTS (SELECT 1 FROM assignment y JOIN inspector yi ON yi.id = y.inspector_id ' +
        `WHERE y.school_id = ${col} AND y.ends_on IS NULL AND yi.user_id = `,
    );
    q.addv('', sc.inspectorUserId).add(')');
  }
}

function paging(query) {
  const size = query.page_size === undefined ? 20 : Number(query.page_size);
  const page = query.page === undefined ? 1 : Number(query.page);
  if (!Number.isInteger(size) || size < 1 || size > 200) throw new HttpError(400, 'invalid', 'page_size');
  if (!Number.isInteger(page) || page < 1) throw new HttpError(400, 'invalid', 'page');
  return { limit: size, offset: (page - 1) * size };
}

// ---- schools ----
// dudao's school aggregate (src/store/roster/school_agg.h): the read fields (derived, SQL
// expressions) first, then the stored body fields, in the descriptor's order; the JSON keeps it.
const SCHOOL_SELECT =
  "SELECT s.id, r.name, CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code END, z.name, l.inspector_id, " +
  'i.name, s.n_open_assignments, s.enrollment_total, s.code, s.name, ' +
  's.region_code, s.type_code, s.is_private, s.organizer, s.urban_rural_code, s.address, s.lat, s.lng, ' +
  's.principal, s.phone, s.is_central, s.status, s.zone_id ' +
  'FROM school s JOIN region r ON r.code = s.region_code LEFT JOIN zone z ON z.id = s.zone_id ' +
  "LEFT JOIN assignment l ON l.school_id = s.id AND l.ends_on IS NULL AND l.role = 'lead' " +
  'LEFT JOIN inspector i ON i.id = l.inspector_id ';
// src/core/roster/codes.c organizers[] (举办者)
const ORGANIZER_LABELS = new Map([
  ['edu_dept', '教育部门'], ['other_dept', '其他部门'], ['local_enterprise', '地方企业'],
  ['public_institution', '事业单位'], ['military', '部队'], ['collective', '集体'], ['private', '民办'],
]);

function schoolWhere(q, sc, isCount) {
  q.add('WHERE 1=1');
  if (isCount) andRegionCode(q, sc, 's.region_code');
  else andPath(q, sc, 'r.path');
  andSchool(q, sc, 's.id');
}

function schoolJson(r) {
  return {
    id: int(r[0]), region_name: r[1], county_code: r[2], zone_name: r[3], inspector_id: idOrNull(r[4]),
    inspector_name: r[5], n_inspectors: int(r[6]), enrollment: int(r[7]), code: r[8], name: r[9], region_code: r[10],
    type_code: r[11], is_private: int(r[12]) !== 0, organizer: r[13], urban_rural_code: r[14], address: r[15],
    lat: real(r[16]), lng: real(r[17]), principal: r[18], phone: r[19], is_central: int(r[20]) !== 0, status: r[21],
    zone_id: idOrNull(r[22]), type_label: SCHOOL_TYPE_LABELS.get(r[11]) ?? null,
    organizer_label: ORGANIZER_LABELS.get(r[13]) ?? null, sections: [],
  };
}

function listSchools(req) {
  const who = authorize(req, ROLE.admin | ROLE.inspector | ROLE.leader | ROLE.school);
  const { limit, offset } = paging(req.query);
  const sc = scopeOf(who);
  const count = new Sql('SELECT COUNT(*) FROM school s ');
  schoolWhere(count, sc, true);
  const page = new Sql(SCHOOL_SELECT);
  schoolWhere(page, sc, false);
  page.add(' ORDER BY s.code, s.id').addv(' LIMIT ', limit).addv(' OFFSET ', offset);
  const total = raw(count.text, count.params)[0][0];
  const items = raw(page.text, page.params).map(schoolJson);
  return { items, total };
}

// ---- findings ----
const F_OVERDUE = "f.state IN ('issued', 'rectifying') AND (f.escalation_level >= 2 OR f.deadline < ";
const STATES = ['draft', 'issued', 'rectifying', 'submitted', 'closed', 'voided'];
const ESCALATION = ['none', 'reminded', 'overdue', 'order', 'interview'];
const F_COLS_A =
  'SELECT f.id, f.region_code, r.name, f.county_code, c.name, f.school_id, s.name, s.code, f.source, f.task_id, ' +
  'f.visit_id, f.indicator_code, f.indicator_text, f.framework_code, f.category, f.severity, f.description, ' +
  'f.requirement, f.responsible_unit, f.responsible_person, f.deadline, f.original_deadline, f.state, f.notice_no, ' +
  'f.issued_at, f.issued_by, f.submitted_at, f.closed_at, f.closed_by, f.void_reason, f.n_returns, f.n_reopens, ' +
  `CASE WHEN ${F_OVERDUE}`;
const F_COLS_B_SEL =
  ') THEN 1 ELSE 0 END, f.is_overdue, f.escalation_level, f.accountability_flag, f.recurrence_flag, ' +
  'f.complaint_id, f.is_reinspected, o.order_no, o.id, ' +
  "(SELECT COUNT(*) FROM finding_extension x WHERE x.finding_id = f.id AND x.state = 'pending'), " +
  '(SELECT i.name FROM assignment l JOIN inspector i ON i.id = l.inspector_id WHERE l.school_id = f.school_id ' +
  "AND l.ends_on IS NULL AND l.role = 'lead'), f.created_by, u.display_name, f.created_at, f.updated_at, f.unit_id, " +
  'f.verify_overdue_on ';
const F_JOINS =
  'JOIN region r ON r.code = f.region_code LEFT JOIN region c ON c.code = f.county_code ' +
  'LEFT JOIN school s ON s.id = f.school_id LEFT JOIN supervision_order o ON o.finding_id = f.id AND o.state = ' +
  "'issued' " +
  'LEFT JOIN app_user u ON u.id = f.created_by ';

// dudao's finding_scope_where_in for alias f: a unit account sees its unit's findings, an
// inspector the findings of the schools it holds or of a task it is on
function scopeAlias(q, sc) {
  andRegionCode(q, sc, 'f.region_code');
  if (sc.unitId) {
    q.addv(' AND f.unit_id = ', sc.unitId);
  } else if (sc.inspectorUserId > 0) {
    q.add(' AND (1 = 1');
    andSchool(q, sc, 'f.school_id');
    q.add(' OR 1 = 1');
    andTaskMember(q, sc, 'f.task_id');
    q.add(')');
  } else {
    andSchool(q, sc, 'f.school_id');
  }
}
function findingScopeWhere(q, sc) {
  scopeAlias(q, sc);
  if (sc.schoolId > 0 || sc.unitId) q.add(' AND f.issued_at IS NOT NULL'); // a school or unit never sees drafts
}

// The 核查 clock (dudao's finding_fill_verify): for a finding in verification (submitted, review)
// the due date is the day of its report (UTC+8) plus the county's finding.verify_days (7 unless
// set), overdue once today is past it or the daily job marked it; rules read once per region run.
const FINDING_SETTINGS_SQL =
  'SELECT s.name, s.value FROM jurisdiction_setting s JOIN region r ON r.code = s.region_code JOIN region me ' +
  "ON me.code = $1 WHERE me.path LIKE r.path || '%' AND s.name LIKE 'finding.%' ORDER BY LENGTH(r.path)";
function verifyDays(regionCode) {
  let days = 7;
  for (const [name, value] of raw(FINDING_SETTINGS_SQL, [regionCode])) {
    const v = Number.parseInt(value, 10) || 0;
    if (name === 'finding.verify_days' && v >= 1 && v <= 3650) days = v;
  }
  return days;
}
const dayToDate = (day) => new Date(day * 86400000).toISOString().slice(0, 10);

function findingJson(r) {
  const t = (v) => isoTime(int(v));
  return {
    id: r[0], region_code: r[1], region_name: r[2], county_code: r[3], county_name: r[4], school_id: idOrNull(r[5]),
    school_name: r[6], school_code: r[7], source: r[8], task_id: idOrNull(r[9]), visit_id: idOrNull(r[10]),
    indicator_code: r[11], indicator_text: r[12], framework_code: r[13], category: r[14], severity: r[15],
    description: r[16], requirement: r[17], responsible_unit: r[18], responsible_person: r[19], deadline: r[20],
    original_deadline: r[21], state: r[22], notice_no: r[23], issued_at: t(r[24]), submitted_at: t(r[26]),
    closed_at: t(r[27]), void_reason: r[29], n_returns: int(r[30]), n_reopens: int(r[31]),
    is_overdue: int(r[32]) !== 0, was_overdue: int(r[33]) !== 0, escalation: ESCALATION[int(r[34])] ?? '',
    accountability_flag: r[35], recurrence_flag: r[36], complaint_id: idOrNull(r[37]), is_reinspected: int(r[38]) !== 0,
    order_no: r[39], order_id: idOrNull(r[40]), has_pending_extension: int(r[41]) > 0, inspector_name: r[42],
    created_by_name: r[44], created_at: t(r[45]), updated_at: t(r[46]),
  };
}
function findingItems(rows, today) {
  let lastRegion = null, days = 7;
  return rows.map((r) => {
    let verifyDue = null, isVerifyOverdue = false;
    if ((r[22] === 'submitted' || r[22] === 'review') && int(r[26])) {
      if (lastRegion !== r[1]) {
        days = verifyDays(r[1]);
        lastRegion = r[1];
      }
      verifyDue = dayToDate(Math.floor((int(r[26]) + 8 * 3600) / 86400) + days);
      isVerifyOverdue = r[48] !== null || today > verifyDue;
    }
    const j = findingJson(r);
    const { id, region_code, region_name, county_code, county_name, school_id, ...rest } = j;
    return {
      id, verify_due: verifyDue, is_verify_overdue: isVerifyOverdue, region_code, region_name, county_code, county_name,
      school_id, unit_id: idOrNull(r[47]), ...rest,
    };
  });
}

function listFindings(req) {
  const who = authorize(req, ROLES_LOOP);
  const { limit, offset } = paging(req.query);
  const sc = scopeOf(who);
  const today = todayCn();
  const counts = new Sql(
    `SELECT ${STATES.map((s) => `SUM(CASE WHEN f.state = '${s}' THEN 1 ELSE 0 END), `).join('')}SUM(CASE WHEN ${F_OVERDUE}`,
  );
  counts.addv('', today).add(") THEN 1 ELSE 0 END), SUM(CASE WHEN f.state = 'review' THEN 1 ELSE 0 END) FROM finding f WHERE 1=1");
  findingScopeWhere(counts, sc);
  const c = raw(counts.text, counts.params)[0].map(int);
  const page = new Sql(F_COLS_A);
  page.addv('', today).add(`${F_COLS_B_SEL}FROM (SELECT f.id FROM finding f WHERE 1=1`);
  findingScopeWhere(page, sc);
  page.add(' ORDER BY f.id DESC').addv(' LIMIT ', limit).addv(' OFFSET ', offset);
  page.add(`) p JOIN finding f ON f.id = p.id ${F_JOINS}ORDER BY f.id DESC`);
  const items = findingItems(raw(page.text, page.params), today);
  const [draft, issued, rectifying, submitted, closed, voided, overdue, review] = c;
  const total = draft + issued + rectifying + submitted + closed + voided + review;
  return { items, total, counts: { draft, issued, rectifying, submitted, closed, voided, overdue, review } };
}

// ---- the office home's findings tile (dudao's finding_svc_stats) ----
function statCmp(p, q) {
  if (p.n_overdue !== q.n_overdue) return p.n_overdue < q.n_overdue ? 1 : -1;
  if (p.n_open !== q.n_open) return p.n_open < q.n_open ? 1 : -1;
  return p.key < q.key ? -1 : p.key > q.key ? 1 : 0;
}
const newGroup = (key, name) => ({ key, name, n_open: 0, n_overdue: 0, n_closed: 0, n_total: 0 });
function statJson(groups, limit, keyName, isIntKey) {
  return groups
    .sort(statCmp)
    .slice(0, limit)
    .map((g) => {
      const o = { n_open: g.n_open, n_overdue: g.n_overdue, n_closed: g.n_closed, n_total: g.n_total };
      o[keyName] = isIntKey ? Number(g.key) : g.key;
      if (g.name !== null && g.name !== undefined) o.name = g.name;
      return o;
    });
}

function findingStats(req) {
  const who = authorize(req, ROLES_OFFICE | ROLE.inspector);
  const sc = scopeOf(who);
  const q = new Sql(
    "SELECT f.region_code, COALESCE(f.school_id, 0), COALESCE(f.category, '其他'), SUM(CASE WHEN f.state IN " +
      `('issued', 'rectifying', 'submitted', 'review') THEN 1 ELSE 0 END), SUM(CASE WHEN ${F_OVERDUE}`,
  );
  q.addv('', todayCn()).add(
    ") THEN 1 ELSE 0 END), SUM(CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END), COUNT(*) FROM finding f " +
      "WHERE f.state NOT IN ('draft', 'voided')",
  );
  scopeAlias(q, sc);
  q.add(" GROUP BY f.region_code, COALESCE(f.school_id, 0), COALESCE(f.category, '其他') ORDER BY 2");
  const rows = raw(q.text, q.params);
  const names = new Map(
    raw(`SELECT code, name FROM region WHERE level IN ('town', 'county') AND ${prefixTest('path', sc.regionPath)}$1`, [
      sc.regionPath,
    ]),
  );
  const towns = new Map(), cats = new Map(), schools = [];
  const total = newGroup(null, null);
  for (const [region, schoolId, category, open, overdue, closed, n] of rows) {
    if (!towns.has(region)) towns.set(region, newGroup(region, names.get(region) ?? region));
    if (!cats.has(category)) cats.set(category, newGroup(category, null));
    const key = String(schoolId);
    let school = null;
    if (int(schoolId)) {
      if (!schools.length || schools[schools.length - 1].key !== key) schools.push(newGroup(key, null));
      school = schools[schools.length - 1];
    }
    for (const g of [towns.get(region), school, cats.get(category), total]) {
      if (!g) continue;
      g.n_open += int(open);
      g.n_overdue += int(overdue);
      g.n_closed += int(closed);
      g.n_total += int(n);
    }
  }
  schools.sort(statCmp);
  for (const g of schools.slice(0, 20)) {
    const r = raw('SELECT name FROM school WHERE id = $1', [Number(g.key)]);
    g.name = r.length ? r[0][0] : '';
  }
  const out = {
    by_town: statJson([...towns.values()], 200, 'code', false),
    by_school: statJson(schools, 20, 'id', true),
    by_category: statJson([...cats.values()], 100, 'category', false),
    totals: {
      n_open: total.n_open, n_overdue: total.n_overdue, n_closed: total.n_closed, n_total: total.n_total,
      closure_rate: real(total.n_total ? total.n_closed / total.n_total : 0),
    },
  };
  const m = new Sql(
    "SELECT (f.closed_at - f.issued_at) / 86400, COUNT(*) FROM finding f WHERE f.state = 'closed' AND " +
      'f.issued_at IS NOT NULL AND f.closed_at IS NOT NULL',
  );
  scopeAlias(m, sc);
  m.add(' GROUP BY (f.closed_at - f.issued_at) / 86400 ORDER BY 1');
  const hist = raw(m.text, m.params);
  const n = hist.reduce((a, r) => a + int(r[1]), 0);
  let seen = 0, median = 0;
  for (const [days, k] of hist) {
    if (!n) break;
    seen += int(k);
    if (seen * 2 >= n) {
      median = int(days) + 0.5;
      break;
    }
  }
  out.median_days_to_close = real(median);
  const since = nowSec() - 365 * 86400;
  const trend = new Map();
  for (const col of ['issued_at', 'closed_at']) {
    const t = new Sql(`SELECT (f.${col} + 28800) / 86400, COUNT(*) FROM finding f WHERE f.${col} >= `);
    t.addv('', since);
    scopeAlias(t, sc);
    t.add(` GROUP BY (f.${col} + 28800) / 86400`);
    for (const [day, k] of raw(t.text, t.params)) {
      const month = new Date(int(day) * 86400 * 1000).toISOString().slice(0, 7);
      if (!trend.has(month)) trend.set(month, { month, n_issued: 0, n_closed: 0 });
      trend.get(month)[col === 'issued_at' ? 'n_issued' : 'n_closed'] += int(k);
    }
  }
  out.trend = [...trend.values()].sort((x, y) => (x.month < y.month ? -1 : x.month > y.month ? 1 : 0));
  return out;
}

// ---- the office home's coverage tile (dudao's coverage_svc) ----
const LIMIT_SETTINGS = {
  'assign.warn_above': 'warn_above', 'assign.hard_limit': 'hard_limit', 'assign.central_min': 'central_min',
  'zone.max_schools': 'zone_max', 'training.hours': 'training_hours',
};
// ancestors' settings first, so deeper regions override (setting_store_limits)
function limitsFor(regionCode) {
  const l = { warn_above: 5, hard_limit: 8, central_min: 2, zone_max: 20, training_hours: 40 };
  const rows = raw(
    'SELECT s.name, s.value FROM jurisdiction_setting s JOIN region r ON r.code = s.region_code ' +
      "JOIN region me ON me.code = $1 WHERE me.path LIKE r.path || '%' ORDER BY LENGTH(r.path)",
    [regionCode],
  );
  for (const [name, value] of rows) {
    const v = Number.parseInt(value, 10);
    if (v > 0 && LIMIT_SETTINGS[name]) l[LIMIT_SETTINGS[name]] = v;
  }
  return l;
}
// dudao's zone aggregate: the read fields first (id, county_name, district_name, n_schools), then the body
const ZONE_SELECT =
  'SELECT z.id, c.name, d.name, ' +
  "(SELECT COUNT(*) FROM school s WHERE s.zone_id = z.id AND s.status = 'open'), z.county_code, z.name, z.district_id " +
  'FROM zone z JOIN region c ON c.code = z.county_code LEFT JOIN district d ON d.id = z.district_id ';
// coverage_store's school rows: id, code, name, region name, type, county, current inspectors
const COVERAGE_SCHOOL_SELECT =
  "SELECT s.id, s.code, s.name, r.name, s.type_code, CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code END, " +
  's.n_open_assignments FROM school s JOIN region r ON ' +
  "r.code = s.region_code WHERE s.status = 'open'";

function coverage(req) {
  const who = authorize(req, ROLES_OFFICE);
  const l = limitsFor(who.regionCode);
  const sc = scopeOf(who);
  const scoped = (sql, col) => {
    const q = new Sql(sql);
    andPath(q, sc, col);
    return q;
  };
  const out = {
    limits: { warn_above: l.warn_above, hard_limit: l.hard_limit, central_min: l.central_min, zone_max: l.zone_max },
  };
  const cq = scoped(
    "SELECT c.code, c.name, COUNT(s.id), SUM(CASE WHEN EXISTS (SELECT 1 FROM assignment g WHERE " +
      "g.school_id = s.id AND g.ends_on IS NULL AND g.role = 'lead') THEN 1 ELSE 0 END), " +
      'SUM(CASE WHEN s.zone_id IS NULL THEN 1 ELSE 0 END) ' +
      'FROM school s JOIN region r ON r.code = s.region_code ' +
      "JOIN region c ON c.code = CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code END " +
      "WHERE s.status = 'open'",
    'r.path',
  ).add(' GROUP BY c.code, c.name ORDER BY c.code');
  out.counties = raw(cq.text, cq.params).map(([code, name, n, covered, noZone]) => ({
    code, name, n_schools: int(n), n_covered: int(covered), n_without_zone: int(noZone),
  }));
  const zq = scoped(`${ZONE_SELECT}WHERE 1=1`, 'c.path').add(' ORDER BY z.county_code, d.name, z.name');
  out.zones = raw(zq.text, zq.params).map(([id, countyName, districtName, n, countyCode, name, districtId]) => ({
    id, county_name: countyName, district_name: districtName, n_schools: int(n), county_code: countyCode, name,
    district_id: idOrNull(districtId), is_over_limit: int(n) > l.zone_max,
  }));
  const gq = scoped(
    `${COVERAGE_SCHOOL_SELECT} AND NOT EXISTS (SELECT 1 FROM assignment g WHERE g.school_id = s.id AND ` +
      "g.ends_on IS NULL AND g.role = 'lead')",
    'r.path',
  );
  gq.addv(' ORDER BY s.code LIMIT ', 500);
  out.gaps = raw(gq.text, gq.params).map(([id, code, name, regionName, typeCode]) => ({
    id, code, name, region_name: regionName, type_code: typeCode,
  }));
  const wq = scoped(`${COVERAGE_SCHOOL_SELECT} AND s.zone_id IS NULL`, 'r.path');
  wq.addv(' ORDER BY s.code LIMIT ', 500);
  const withoutZone = raw(wq.text, wq.params).map(([id, code, name, regionName, typeCode, countyCode]) => ({
    id, code, name, region_name: regionName, type_code: typeCode, county_code: countyCode,
  }));
  const iq = scoped(
    'SELECT i.id, i.name, i.kind, COUNT(x.id) FROM inspector i JOIN region r ON r.code = i.region_code ' +
      'JOIN assignment x ON x.inspector_id = i.id AND x.ends_on IS NULL WHERE 1=1',
    'r.path',
  );
  iq.addv(' GROUP BY i.id, i.name, i.kind HAVING COUNT(x.id) > ', l.warn_above).add(' ORDER BY COUNT(x.id) DESC');
  // output order is dudao's: schools_without_zone after gaps
  out.schools_without_zone = withoutZone;
  out.inspectors_over_capacity = raw(iq.text, iq.params).map(([id, name, kind, n]) => ({ id, name, kind, n_schools: int(n) }));
  // central schools short of inspectors, each county by its own assign.central_min
  out.central_schools_short = [];
  for (const { code } of out.counties) {
    const lc = limitsFor(code);
    const q = scoped(`${COVERAGE_SCHOOL_SELECT} AND s.is_central = 1`, 'r.path');
    q.addv(" AND r.path LIKE '%/' || ", code).add(" || '/%'");
    q.addv(' AND s.n_open_assignments < ', lc.central_min);
    q.add(' ORDER BY s.code');
    for (const [id, , name, , , , n] of raw(q.text, q.params))
      out.central_schools_short.push({ id, name, n_inspectors: int(n), county_code: code, central_min: lc.central_min });
  }
  return out;
}

// ---- the office home's visits tile (dudao's visit_svc_coverage, without ?month: this month) ----
const isoDay = (y, m, d) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
function semesterOf(date) {
  const y = Number(date.slice(0, 4)), m = Number(date.slice(5, 7));
  if (m >= 9) return [isoDay(y, 9, 1), isoDay(y + 1, 1, 31)];
  if (m === 1) return [isoDay(y - 1, 9, 1), isoDay(y, 1, 31)];
  return [isoDay(y, 2, 1), isoDay(y, 8, 31)];
}

// The 校历 (dudao's core/calendar + cal_svc_load): the periods of the county's school year of a
// date and the year before, its own rows or the built-in default; a school day is a weekday in
// a term and outside every holiday.
const dayNum = (s) => {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s ? null : t / 86400000;
};
const COUNTY_OF_SQL =
  "SELECT c.code FROM region c JOIN region s ON s.code = $1 WHERE c.level = 'county' AND " +
  'substr(s.path, 1, length(c.path)) = c.path ORDER BY length(c.path) DESC LIMIT 1';
const CALENDAR_SQL =
  'SELECT id, county_code, school_year, kind, name, starts_on, ends_on FROM calendar_period WHERE county_code = $1 ' +
  'AND school_year = $2 ORDER BY starts_on, id';
function calendarYear(county, y) {
  const rows = county ? raw(CALENDAR_SQL, [county, y]) : [];
  if (rows.length)
    return rows.map(([, , , kind, , startsOn, endsOn]) => ({
      kind: ['term', 'holiday', 'exam'].includes(kind) ? kind : 'term', a: dayNum(startsOn), b: dayNum(endsOn),
      startsOn, endsOn,
    }));
  const p = (kind, y1, md1, y2, md2) => {
    const startsOn = `${String(y1 % 10000).padStart(4, '0')}-${md1}`, endsOn = `${String(y2 % 10000).padStart(4, '0')}-${md2}`;
    return { kind, a: dayNum(startsOn), b: dayNum(endsOn), startsOn, endsOn };
  };
  return [p('term', y, '09-01', y + 1, '01-20'), p('holiday', y, '10-01', y, '10-07'),
    p('term', y + 1, '02-20', y + 1, '07-05'), p('holiday', y + 1, '05-01', y + 1, '05-05')];
}
function calendarLoad(regionCode, date) {
  const c = raw(COUNTY_OF_SQL, [regionCode || '']);
  const county = c.length ? c[0][0] : '';
  const y = Number(date.slice(5, 7)) >= 9 ? Number(date.slice(0, 4)) : Number(date.slice(0, 4)) - 1;
  const cur = calendarYear(county, y);
  return [...calendarYear(county, y - 1), ...cur];
}
const inPeriod = (p, d) => p.a !== null && p.b !== null && d >= p.a && d <= p.b;
function isSchoolDay(cal, d) {
  const w = (((d + 4) % 7) + 7) % 7;
  if (w === 0 || w === 6) return false;
  let inTerm = false;
  for (const p of cal) {
    if (p.kind === 'holiday' && inPeriod(p, d)) return false;
    if (p.kind === 'term' && inPeriod(p, d)) inTerm = true;
  }
  return inTerm;
}
function schoolDaysBetween(cal, a, b) {
  const da = dayNum(a), db = dayNum(b);
  if (da === null || db === null) return -1;
  let n = 0;
  for (let d = da + 1; d <= db; d++) n += isSchoolDay(cal, d);
  return n;
}
function monthInSession(cal, month) {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  const first = Date.UTC(y, m - 1, 1) / 86400000, len = new Date(Date.UTC(y, m, 0)).getUTCDate();
  let n = 0;
  for (let i = 0; i < len; i++) n += isSchoolDay(cal, first + i);
  return n >= 10;
}
function termOf(cal, date) {
  const d = dayNum(date);
  let t = null;
  for (const p of cal) if (p.kind === 'term' && p.a !== null && p.a <= d && (!t || p.a > t.a)) t = p;
  return t ? [t.startsOn, t.endsOn] : null;
}

function visitCoverage(req) {
  const who = authorize(req, ROLES_SUPERVISORS);
  const today = todayCn();
  const month = today.slice(0, 7);
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  const mfirst = `${month}-01`, mlast = isoDay(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
  const ref = mlast > today ? today : mlast;
  if (who.role === 'school') throw new HttpError(403, 'forbidden', '学校账号无权查看覆盖情况 / schools do not see coverage');
  const cal = calendarLoad(who.regionCode, ref);
  const [sfirst, slast] = termOf(cal, ref) ?? semesterOf(ref);
  const isInSession = monthInSession(cal, month);
  const setting = raw(
    'SELECT s.value FROM jurisdiction_setting s JOIN region r ON r.code = s.region_code JOIN ' +
      "region me ON me.code = $1 WHERE s.name = $2 AND me.path LIKE r.path || '%' ORDER BY " +
      'LENGTH(r.path) DESC LIMIT 1',
    [who.regionCode, 'visit.per_month'],
  );
  const v = setting.length ? Number.parseInt(setting[0][0], 10) || 0 : 0;
  const perMonth = v > 0 ? v : 1;
  const q = new Sql('SELECT s.id, s.name, s.code, i.id, i.name, MAX(rv.visit_date), ');
  q.addv('SUM(CASE WHEN rv.visit_date >= ', mfirst).addv(' AND rv.visit_date <= ', mlast);
  q.addv(' THEN 1 ELSE 0 END), SUM(CASE WHEN rv.visit_date >= ', sfirst).addv(' AND rv.visit_date <= ', slast);
  q.add(
    ' THEN 1 ELSE 0 END) FROM school s JOIN region r ON r.code = s.region_code ' +
      "JOIN assignment x ON x.school_id = s.id AND x.ends_on IS NULL AND x.role = 'lead' " +
      'JOIN inspector i ON i.id = x.inspector_id ' +
      'LEFT JOIN (SELECT v.school_id, v.visit_date FROM visit v JOIN task t ON t.id = v.task_id ' +
      "WHERE v.status = 'submitted' AND t.kind = 'routine') rv ON rv.school_id = s.id " +
      "WHERE s.status = 'open'",
  );
  andPath(q, { regionPath: who.regionPath }, 'r.path');
  if (who.role === 'inspector') q.addv(' AND i.user_id = ', who.userId);
  q.add(' GROUP BY s.id, s.name, s.code, i.id, i.name ORDER BY s.code');
  const schools = [], stale = [], byInspector = new Map();
  let nMonthOk = 0, nSemOk = 0, nStale = 0;
  for (const [schoolId, schoolName, schoolCode, inspectorId, inspectorName, lastVisit, nMonth, nSem] of raw(q.text, q.params)) {
    const days = lastVisit ? schoolDaysBetween(cal, lastVisit, today) : -1;
    const isMonthOk = !isInSession || int(nMonth) >= perMonth, isSemOk = int(nSem) >= 2, isStale = days < 0 || days > 30;
    nMonthOk += isMonthOk;
    nSemOk += isSemOk;
    nStale += isStale;
    const j = {
      school_id: schoolId, school_name: schoolName, school_code: schoolCode, inspector_id: int(inspectorId),
      inspector_name: inspectorName, last_visit: lastVisit, days_since: days >= 0 ? days : null, n_month: int(nMonth),
      n_semester: int(nSem), is_month_ok: isMonthOk, is_semester_ok: isSemOk, is_stale: isStale,
    };
    if (isStale) stale.push(j);
    schools.push(j);
    let ins = byInspector.get(inspectorId);
    if (!ins) {
      ins = { inspector_id: int(inspectorId), name: inspectorName, n_schools: 0, n_month_ok: 0, n_semester_ok: 0, n_stale: 0 };
      byInspector.set(inspectorId, ins);
    }
    ins.n_schools += 1;
    ins.n_month_ok += isMonthOk;
    ins.n_semester_ok += isSemOk;
    ins.n_stale += isStale;
  }
  return {
    month, today, month_in_session: isInSession, rules: { per_month: perMonth, per_semester: 2, days_since: 'school_days' },
    semester: { from: sfirst, to: slast },
    totals: { n_schools: schools.length, n_month_ok: nMonthOk, n_semester_ok: nSemOk, n_stale: nStale },
    inspectors: [...byInspector.values()], schools, not_visited_30_days: stale,
  };
}

// ---- the server ----
const app = Fastify({ logger: false, keepAliveTimeout: 60_000 });
function send(reply, status, body) {
  return reply
    .code(status)
    .header('Content-Type', 'application/json; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'same-origin')
    .send(stringify(body));
}
function route(path, handler) {
  app.get(path, (req, reply) => {
    try {
      hasIntegralReal = false;
      return send(reply, 200, handler(req));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      return send(reply, e.status, { error: e.code, message: e.message });
    }
  });
}
route('/healthz', () => {
  try {
    raw('SELECT 1', []);
    return { status: 'ok', db: 'ok', version: VERSION };
  } catch {
    return { status: 'degraded', db: 'unreachable', version: VERSION };
  }
});
route('/api/v1/schools', listSchools);
route('/api/v1/findings', listFindings);
route('/api/v1/findings/stats', findingStats);
route('/api/v1/coverage', coverage);
route('/api/v1/visits/coverage', visitCoverage);

await app.listen({ host, port: Number(port) });
