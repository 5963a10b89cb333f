// 双随机一公开 over real HTTP: a plan from the two pools, the seed committed (its SHA-256
// published) and revealed, the draw re-run here by an independent implementation of the
// algorithm in docs/draws.md (node:crypto), 回避 inspectors never drawn, replacements logged with
// their reason, the public page, the office's own seed, the risk list, and bad input that
// changes nothing. Runs unchanged on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, GOOD_PASSWORD } from './client.mjs';

let srv, adminDq, inspector, schools, inspectors, publicClient;

// ---- the documented algorithm, written again from docs/draws.md --------------------------
function ticketKey(seed, label, id, t) {
  return createHash('sha256').update(Buffer.concat([seed, Buffer.from(`${label}:${id}:${t}`, 'ascii')])).digest();
}
function rank(seedHex, label, cands) {
  const seed = Buffer.from(seedHex, 'hex');
  const keyed = cands.map(({ id, tickets }) => {
    let best = null;
    for (let t = 1; t <= Math.max(1, tickets); t++) {
      const k = ticketKey(seed, label, id, t);
      if (!best || Buffer.compare(k, best) < 0) best = k;
    }
    return { id, key: best };
  });
  keyed.sort((a, b) => Buffer.compare(a.key, b.key) || a.id - b.id);
  return keyed.map((c) => c.id);
}
function rerun(seedHex, snap) {
  const ranking = rank(seedHex, snap.label, snap.candidates);
  // a stratified draw takes the first k of each risk class, in the one ranking (docs/draws.md)
  let drawnIds = ranking.slice(0, snap.k);
  if (snap.strata) {
    const left = Object.fromEntries(snap.strata.map((s) => [s.risk, s.k]));
    const riskOf = (id) => snap.candidates.find((c) => c.id === id).risk || 'ok';
    drawnIds = ranking.filter((id) => (left[riskOf(id)] > 0 ? (left[riskOf(id)]--, true) : false));
  }
  const targets = drawnIds.map((sid) => {
    const t = { id: sid };
    if (snap.m > 0) {
      const eligible = snap.inspectors.filter((i) =>
        !snap.excluded.some((x) => x.inspector_id === i && x.school_id === sid));
      const label = `${snap.inspector_label || 'inspector:'}${sid}`; // units: inspector:unit:<id> (docs/draws.md)
      t.inspectors = rank(seedHex, label, eligible.map((id) => ({ id, tickets: 1 }))).slice(0, snap.m);
    }
    return t;
  });
  return { ranking, targets };
}
const day = (n) => new Date(Date.now() + (8 * 3600 + n * 86400) * 1000).toISOString().slice(0, 10);
const sha256hex = (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
// -------------------------------------------------------------------------------------------

before(async () => {
  srv = await startServer();
  adminDq = await loginAs(srv.base, 'admin_dq');
  inspector = await loginAs(srv.base, 'inspector');
  publicClient = { get: (p) => fetch(srv.base + p).then(async (r) => ({ status: r.status, json: await r.json() })) };
  schools = (await adminDq.get('/api/v1/schools?page_size=200')).json.items.filter((s) => s.status !== 'closed');
  inspectors = (await adminDq.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items
    .filter((i) => i.status === 'active');
  assert.ok(schools.length >= 10 && inspectors.length >= 4, 'the demo county has pools to draw from');
});
after(() => stopClean(srv));

async function plan(body) {
  return adminDq.post('/api/v1/draws', { title: '2026 年春季规范办学双随机抽查', items: ['规范办学', '学校安全'], ...body });
}

describe('双随机一公开', () => {
  let id, drawn, relSchool, relInspector, ownPairs;
  const pool = () => schools.slice(0, 10).map((s) => s.id);
  // the pool holds the 责任督学 of the pool's schools (their own schools are 回避) and others
  const ipool = () => {
    const leads = [...new Set(schools.slice(0, 10).map((s) => s.inspector_id).filter(Boolean))];
    const rest = inspectors.map((i) => i.id).filter((x) => !leads.includes(x));
    return [...rest.slice(0, 3), ...leads].slice(0, 6);
  };

  test('plan, commit, reveal; the draw re-runs offline to the same list, 回避 never drawn', async () => {
    relSchool = pool()[0];
    relInspector = ipool()[0];
    const rel = await adminDq.post(`/api/v1/inspectors/${relInspector}/relations`,
      { school_id: relSchool, kind: 'relative_of_principal', note: '校长之弟' });
    assert.ok([200, 201, 204].includes(rel.status), rel.text);
    ownPairs = [];
    for (const s of schools.slice(0, 10)) if (ipool().includes(s.inspector_id)) ownPairs.push([s.inspector_id, s.id]);
    assert.ok(ownPairs.length > 0, 'some pool inspectors hold 挂牌 schools of the pool');

    const p = await plan({ school_ids: pool(), inspector_ids: ipool(), share_percent: 30, inspectors_per_school: 2,
      exclude_own: true });
    assert.equal(p.status, 201, p.text);
    id = p.json.id;
    assert.equal(p.json.state, 'planned');
    assert.deepEqual(p.json.items, ['规范办学', '学校安全']);

    // not public yet
    assert.equal((await publicClient.get(`/api/v1/public/draws/${id}`)).status, 404);
    // reveal before commit: refused, nothing changes
    assertError(await adminDq.post(`/api/v1/draws/${id}/reveal`, {}), 409, 'conflict', 'state');
    assert.equal((await adminDq.get(`/api/v1/draws/${id}`)).json.state, 'planned');

    const c = await adminDq.post(`/api/v1/draws/${id}/commit`, {});
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.state, 'committed');
    assert.match(c.json.seed_hash, /^[0-9a-f]{64}$/);
    assert.equal(c.json.seed, null, 'the seed stays secret until the draw');
    const snap = c.json.snapshot;
    assert.equal(snap.k, 3, 'ceil(10 × 30 %) = 3');
    assert.equal(snap.m, 2);
    assert.ok(snap.excluded.some((x) => x.inspector_id === relInspector && x.school_id === relSchool),
      'the declared relation is excluded before the draw');
    for (const [iid, sid] of ownPairs)
      assert.ok(snap.excluded.some((x) => x.inspector_id === iid && x.school_id === sid && x.reason === 'own_school'));
    // a second commit is refused
    assertError(await adminDq.post(`/api/v1/draws/${id}/commit`, {}), 409, 'conflict', 'state');
    // a seed that does not hash to the published value is refused
    assertError(await adminDq.post(`/api/v1/draws/${id}/reveal`, { seed: randomBytes(32).toString('hex') }),
      400, 'invalid', 'seed');
    assert.equal((await adminDq.get(`/api/v1/draws/${id}`)).json.state, 'committed');

    const r = await adminDq.post(`/api/v1/draws/${id}/reveal`, {});
    assert.equal(r.status, 200, r.text);
    drawn = r.json;
    assert.equal(drawn.state, 'drawn');
    assert.match(drawn.seed, /^[0-9a-f]{64}$/);
    assert.equal(sha256hex(drawn.seed), c.json.seed_hash, 'the revealed seed is the committed one');
    assert.equal(drawn.result.targets.length, 3);

    // an independent re-run from what the public page shows
    const pub = await publicClient.get(`/api/v1/public/draws/${id}`);
    assert.equal(pub.status, 200);
    const mine = rerun(pub.json.seed, pub.json.snapshot);
    assert.deepEqual(mine.ranking, drawn.result.ranking);
    assert.deepEqual(mine.targets, drawn.result.targets.map((t) => ({ id: t.id, inspectors: t.inspectors })));
    // the public page names who was drawn and who is sent, beside the ids the re-run uses
    for (const t of drawn.result.targets) {
      assert.equal(pub.json.names.schools[t.id], schools.find((x) => x.id === t.id).name);
      for (const i of t.inspectors) assert.ok(pub.json.names.inspectors[i], `inspector ${i} is named`);
    }

    for (const t of drawn.result.targets) {
      assert.equal(new Set(t.inspectors).size, 2);
      if (t.id === relSchool) assert.ok(!t.inspectors.includes(relInspector), '回避: the relative is never sent');
      for (const [iid, sid] of ownPairs) if (sid === t.id) assert.ok(!t.inspectors.includes(iid), 'own school');
    }
    // a second reveal is refused and changes nothing
    assertError(await adminDq.post(`/api/v1/draws/${id}/reveal`, {}), 409, 'conflict', 'state');
    assert.deepEqual((await adminDq.get(`/api/v1/draws/${id}`)).json.result, drawn.result);
  });

  test('回避 holds over many draws: the related inspector is never drawn for that school', async () => {
    for (let n = 0; n < 6; n++) {
      const p = await plan({ school_ids: [relSchool], inspector_ids: ipool().slice(0, 3), n_targets: 1,
        inspectors_per_school: 2, exclude_own: false });
      assert.equal(p.status, 201, p.text);
      await adminDq.post(`/api/v1/draws/${p.json.id}/commit`, {});
      const r = await adminDq.post(`/api/v1/draws/${p.json.id}/reveal`, {});
      assert.equal(r.status, 200, r.text);
      const t = r.json.result.targets[0];
      assert.deepEqual([...t.inspectors].sort(), ipool().slice(1, 3).sort());
      if (n === 0) {
        // a substitute who must recuse is refused; with nobody else free there is no substitute
        assertError(await adminDq.post(`/api/v1/draws/${p.json.id}/replacements`, { kind: 'inspector',
          school_id: relSchool, old_id: t.inspectors[0], new_id: relInspector, reason: '生病' }), 400, 'invalid', 'new_id');
        assertError(await adminDq.post(`/api/v1/draws/${p.json.id}/replacements`, { kind: 'inspector',
          school_id: relSchool, old_id: t.inspectors[0], reason: '生病' }), 400, 'invalid', 'new_id');
        const same = await adminDq.get(`/api/v1/draws/${p.json.id}`);
        assert.deepEqual(same.json.result, r.json.result);
        assert.equal(same.json.replacements.length, 0);
      }
    }
    // too few inspectors left after 回避: refused at commit, the plan stays planned
    const p = await plan({ school_ids: [relSchool], inspector_ids: ipool().slice(0, 2), n_targets: 1,
      inspectors_per_school: 2, exclude_own: false });
    assertError(await adminDq.post(`/api/v1/draws/${p.json.id}/commit`, {}), 400, 'invalid', 'inspectors_per_school');
    assert.equal((await adminDq.get(`/api/v1/draws/${p.json.id}`)).json.state, 'planned');
  });

  test('replacements after the draw are logged with their reason and shown publicly', async () => {
    const old = drawn.result.targets[0].id;
    assertError(await adminDq.post(`/api/v1/draws/${id}/replacements`, { kind: 'school', old_id: old, reason: '' }),
      400, 'invalid', 'reason');
    const next = drawn.result.ranking.find((x) => !drawn.result.targets.some((t) => t.id === x));
    const r = await adminDq.post(`/api/v1/draws/${id}/replacements`,
      { kind: 'school', old_id: old, reason: '该校本月已接受专项督导' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.result.targets[0].id, next, 'the substitute is the next in the draw\'s own ranking');
    // its inspectors are drawn for it from the same seed, as the re-run computes
    const snap = r.json.snapshot;
    const eligible = snap.inspectors.filter((i) => !snap.excluded.some((x) => x.inspector_id === i && x.school_id === next));
    assert.deepEqual(r.json.result.targets[0].inspectors,
      rank(r.json.seed, `inspector:${next}`, eligible.map((i) => ({ id: i, tickets: 1 }))).slice(0, snap.m));
    assert.equal(r.json.replacements.length, 1);
    assert.equal(r.json.replacements[0].reason, '该校本月已接受专项督导');
    assert.equal(r.json.replacements[0].by, 'admin_dq');
    const pub = (await publicClient.get('/api/v1/public/draws')).json.items.find((x) => x.id === id);
    assert.ok(pub, 'the draw is on the public page');
    assert.equal(pub.replacements[0].reason, '该校本月已接受专项督导');
    assert.equal(pub.replacements[0].by, undefined, 'the public sees the reason, not the account');
    assert.ok(pub.snapshot.excluded.length > 0);
    assert.ok(pub.snapshot.excluded.every((x) => x.reason === undefined), 'the public sees who is recused, not why');
    const auditor = await loginAs(srv.base, 'auditor');
    const audit = await auditor.get(`/api/v1/audit?entity=draw_plan&entity_id=${id}&page_size=50`);
    assert.equal(audit.status, 200, audit.text);
    assert.deepEqual(audit.json.items.map((x) => x.action).sort(), ['commit', 'create', 'replace', 'reveal']);
  });

  test("the office's own seed: its hash committed, a wrong seed refused, the right one draws", async () => {
    const seed = randomBytes(32).toString('hex');
    const p = await plan({ school_ids: pool(), share_percent: 25 });
    const c = await adminDq.post(`/api/v1/draws/${p.json.id}/commit`, { seed_hash: sha256hex(seed) });
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.seed_source, 'office');
    assertError(await adminDq.post(`/api/v1/draws/${p.json.id}/reveal`, {}), 400, 'invalid', 'seed');
    const flipped = (seed[0] === '0' ? '1' : '0') + seed.slice(1);
    assertError(await adminDq.post(`/api/v1/draws/${p.json.id}/reveal`, { seed: flipped }), 400, 'invalid', 'seed');
    const r = await adminDq.post(`/api/v1/draws/${p.json.id}/reveal`, { seed });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.result.targets.length, 3, 'ceil(10 × 25 %) = 3');
    assert.deepEqual(r.json.result.ranking, rerun(seed, r.json.snapshot).ranking);
  });

  test('bad input gives clear errors and creates nothing', async () => {
    const before = (await adminDq.get('/api/v1/draws')).json.total;
    assertError(await plan({ school_ids: pool(), share_percent: 101 }), 400, 'invalid', 'share_percent');
    assertError(await plan({ school_ids: pool(), share_percent: 0 }), 400, 'invalid', 'share_percent');
    assertError(await plan({ school_ids: pool(), share_percent: 10, n_targets: 2 }), 400, 'invalid', 'share_percent');
    assertError(await plan({ school_ids: pool(), n_targets: 11 }), 400, 'invalid', 'n_targets');
    assertError(await plan({ school_ids: [], n_targets: 1 }), 400, 'invalid', 'school_ids');
    assertError(await plan({ school_ids: [999999], n_targets: 1 }), 400, 'invalid', 'school_ids');
    assertError(await plan({ school_ids: pool(), n_targets: 1, inspectors_per_school: 2, inspector_ids: [inspectors[0].id] }),
      400, 'invalid', 'inspectors_per_school');
    assertError(await adminDq.post('/api/v1/draws/999999/commit', {}), 404, 'not_found');
    assertError(await adminDq.post(`/api/v1/draws/${id}/commit`, { seed_hash: 'abc' }), 400, 'invalid', 'seed_hash');
    assertError(await inspector.post('/api/v1/draws', { title: 'x', school_ids: pool(), n_targets: 1 }), 403, 'forbidden');
    assert.equal((await adminDq.get('/api/v1/draws')).json.total, before);
  });

  test('the risk list groups every school with its reasons', async () => {
    const r = await adminDq.get('/api/v1/draws/risk');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length >= 10);
    for (const s of r.json.items) {
      assert.ok(['key', 'issues', 'ok'].includes(s.risk));
      assert.equal(s.weight, { key: 3, issues: 2, ok: 1 }[s.risk]);
      if (s.risk === 'ok') assert.equal(s.reasons.length, 0);
      else assert.ok(s.reasons.length > 0, 'a grouped school shows why');
      if (s.risk === 'key') assert.ok(s.reasons.some((x) => x.is_key));
    }
    const sum = r.json.counts.key + r.json.counts.issues + r.json.counts.ok;
    assert.equal(sum, r.json.items.length);
    // a weighted plan gives each candidate its class's tickets
    const p = await plan({ school_ids: pool(), n_targets: 2, weighted: true });
    const c = await adminDq.post(`/api/v1/draws/${p.json.id}/commit`, {});
    for (const cand of c.json.snapshot.candidates) {
      const s = r.json.items.find((x) => x.school_id === cand.id);
      assert.equal(cand.tickets, s.weight);
    }
  });
});

describe('a stratified draw: a share of each risk class', () => {
  test('each class gives exactly its share, the draw re-runs offline, a replacement stays in its class', async () => {
    const pool = schools.map((s) => s.id);
    const ins = inspectors.slice(0, 4).map((i) => i.id);
    // bad plans change nothing
    assertError(await plan({ school_ids: pool, share_percent: 20, strata: { key: 100 } }), 400, 'invalid', 'strata');
    assertError(await plan({ school_ids: pool, strata: { high: 50 } }), 400, 'invalid', 'strata');
    assertError(await plan({ school_ids: pool, strata: { key: 0, issues: 0, ok: 0 } }), 400, 'invalid', 'strata');
    assertError(await plan({ school_ids: pool, strata: { key: 120 } }), 400, 'invalid', 'strata');
    assertError(await plan({ school_ids: pool, strata: [100, 50, 20] }), 400, 'invalid', 'strata');
    const units = (await adminDq.get('/api/v1/units')).json.items.map((u) => u.id);
    assertError(await plan({ unit_ids: units, strata: { ok: 50 } }), 400, 'invalid', 'strata');
    let r = await plan({ title: '分层双随机抽查', school_ids: pool, strata: { key: 100, issues: 50, ok: 20 }, inspector_ids: ins, inspectors_per_school: 1 });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.strata, { key: 100, issues: 50, ok: 20 });
    const id = r.json.id;
    r = await adminDq.post(`/api/v1/draws/${id}/commit`, {});
    assert.equal(r.status, 200, r.text);
    const snap = r.json.snapshot;
    assert.deepEqual(snap.strata.map((x) => x.risk), ['key', 'issues', 'ok']);
    for (const st of snap.strata) {
      const n = snap.candidates.filter((c) => c.risk === st.risk).length;
      assert.equal(st.n, n);
      assert.equal(st.k, Math.ceil((n * st.percent) / 100), `ceil(n × p / 100) for ${st.risk}`);
    }
    assert.equal(snap.k, snap.strata.reduce((t, x) => t + x.k, 0));
    assert.ok(snap.candidates.every((c) => c.tickets === 1), 'not weighted: one ticket each');
    r = await adminDq.post(`/api/v1/draws/${id}/reveal`, {});
    assert.equal(r.status, 200, r.text);
    const res = r.json.result;
    const riskOf = (sid) => snap.candidates.find((c) => c.id === sid).risk;
    for (const st of snap.strata)
      assert.equal(res.targets.filter((t) => riskOf(t.id) === st.risk).length, st.k, `exactly the share of ${st.risk}`);
    const again = rerun(r.json.seed, snap);
    assert.deepEqual(res.ranking, again.ranking);
    assert.deepEqual(res.targets.map((t) => t.id), again.targets.map((t) => t.id), 'the same list offline');
    // a replacement stays within the stratum
    const stratum = snap.strata.find((x) => x.k > 0 && x.k < x.n);
    assert.ok(stratum, `a class partly drawn: ${JSON.stringify(snap.strata)}`);
    {
      const old = res.targets.find((t) => riskOf(t.id) === stratum.risk).id;
      const other = snap.candidates.find((c) => c.risk !== stratum.risk && !res.targets.some((t) => t.id === c.id));
      assert.ok(other, 'a school of another class left undrawn');
      assertError(await adminDq.post(`/api/v1/draws/${id}/replacements`, { kind: 'school', old_id: old, new_id: other.id, reason: '换校' }),
          400, 'invalid', 'new_id');
      r = await adminDq.post(`/api/v1/draws/${id}/replacements`, { kind: 'school', old_id: old, reason: '该校已接受专项督导' });
      assert.equal(r.status, 200, r.text);
      const sub = r.json.result.targets.find((t) => t.replaces === old).id;
      assert.equal(riskOf(sub), stratum.risk, 'the substitute is of the same class');
      assert.equal(sub, res.ranking.find((x) => riskOf(x) === stratum.risk && !res.targets.some((t) => t.id === x)),
        "the next of its class in the draw's ranking");
    }
  });
});

describe('双随机 of 被督导单位', () => {
  test('a pool of towns and departments: drawn, re-run offline, named on the public page; bad pools refused', async () => {
    const units = (await adminDq.get('/api/v1/units')).json.items.filter((u) => u.status === 'active');
    assert.ok(units.length >= 6, 'the demo county has its towns and departments');
    const ids = units.map((u) => u.id);
    const ins = inspectors.slice(0, 4).map((i) => i.id);
    assertError(await plan({ unit_ids: ids, school_ids: [schools[0].id], n_targets: 1 }), 400, 'invalid', 'unit_ids');
    assertError(await plan({ unit_ids: ids, n_targets: 2, weighted: true }), 400, 'invalid', 'weighted');
    assertError(await plan({ unit_ids: [...ids, 999999], n_targets: 2 }), 400, 'invalid', 'unit_ids');
    let r = await plan({ title: '镇街履行教育职责双随机督政', unit_ids: ids, share_percent: 30, inspector_ids: ins, inspectors_per_school: 2 });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.target_kind, 'unit');
    const id = r.json.id;
    r = await adminDq.post(`/api/v1/draws/${id}/commit`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.snapshot.label, 'unit');
    assert.equal(r.json.snapshot.inspector_label, 'inspector:unit:');
    assert.equal(r.json.snapshot.k, Math.ceil(ids.length * 0.3));
    r = await adminDq.post(`/api/v1/draws/${id}/reveal`, {});
    assert.equal(r.status, 200, r.text);
    const drawn = r.json;
    const pub = (await publicClient.get(`/api/v1/public/draws/${id}`)).json;
    const mine = rerun(pub.seed, pub.snapshot);
    assert.deepEqual(mine.ranking, drawn.result.ranking);
    assert.deepEqual(mine.targets, drawn.result.targets.map((t) => ({ id: t.id, inspectors: t.inspectors })));
    for (const t of drawn.result.targets) {
      assert.equal(pub.names.units[t.id], units.find((u) => u.id === t.id).name);
      assert.equal(t.inspectors.length, 2);
    }
    // a replacement of a drawn unit, with its reason, re-drawing its inspectors from the same seed
    const old = drawn.result.targets[0].id;
    r = await adminDq.post(`/api/v1/draws/${id}/replacements`, { kind: 'unit', old_id: old, reason: '该镇正在接受县委巡察，另择' });
    assert.equal(r.status, 200, r.text);
    assert.ok(!r.json.result.targets.some((t) => t.id === old));
  });
});

describe('risk and balance', () => {
  test('a school failing 优质均衡 resource indicators is grouped by them; the line is a setting', async () => {
    const city = await loginAs(srv.base, 'admin');
    const r = await city.get('/api/v1/draws/risk?region_code=330522');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.thresholds.key_balance, 3);
    assert.match(r.json.note, /优质均衡/);
    const by = (re) => r.json.items.find((x) => re.test(x.school_name));
    // 长兴 (the demo county that fails): 泗安镇九年一贯制学校 fails 4 of the resource indicators
    // over its two sections, 林城镇中心小学 2
    const sian = by(/泗安镇九年一贯制学校/), lincheng = by(/林城镇中心小学/);
    assert.equal(sian.counts.balance_failing, 4);
    assert.equal(sian.risk, 'key');
    const br = sian.reasons.find((x) => x.code === 'balance');
    assert.deepEqual([br.value, br.threshold, br.is_key], [4, 3, true]);
    assert.equal(lincheng.counts.balance_failing, 2);
    assert.equal(lincheng.reasons.find((x) => x.code === 'balance').is_key, false);
    // a school without statistics (a kindergarten is not evaluated) has no balance figure
    const kg = r.json.items.find((x) => /幼儿园/.test(x.school_name));
    assert.equal(kg.counts.balance_failing, null);
    assert.ok(!kg.reasons.some((x) => x.code === 'balance'));
    // the line is the county's setting
    const chx = await createUser(city, { role: 'admin', region_code: '330522' });
    const office = await loginAs(srv.base, chx.username, GOOD_PASSWORD);
    const s = await office.req('PUT', '/api/v1/draws/settings', { body: { name: 'draws.risk.key_balance', value: 5 } });
    assert.equal(s.status, 200, s.text);
    const after = (await office.get('/api/v1/draws/risk')).json;
    const sian2 = after.items.find((x) => x.school_id === sian.school_id);
    assert.equal(sian2.reasons.find((x) => x.code === 'balance').is_key, false);
    assertError(await office.req('PUT', '/api/v1/draws/settings', { body: { name: 'draws.risk.key_balance', value: 0 } }), 400, 'invalid', 'value');
  });
});

describe('回头看', () => {
  test('a round from plan to confirmation: by rule, by draw, unannounced tasks, one confirmed, one reopened', async () => {
    const cands = await adminDq.get('/api/v1/draws/followup-candidates?closed_from=2000-01-01');
    assert.equal(cands.status, 200, cands.text);
    assert.ok(cands.json.total >= 2, 'the demo county has closed findings');
    assertError(await adminDq.get('/api/v1/draws/followup-candidates?severity=huge'), 400, 'invalid', 'severity');
    const none = await adminDq.get('/api/v1/draws/followup-candidates?closed_to=2000-01-01');
    assert.equal(none.json.total, 0);

    const p = await adminDq.post('/api/v1/draws', { title: '双减回头看（第一轮）', kind: 'followup',
      school_ids: cands.json.ids, n_targets: 2 });
    assert.equal(p.status, 201, p.text);
    const pid = p.json.id;
    const c = await adminDq.post(`/api/v1/draws/${pid}/commit`, {});
    assert.equal(c.status, 200, c.text);
    const r = await adminDq.post(`/api/v1/draws/${pid}/reveal`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(sha256hex(r.json.seed), c.json.seed_hash);
    assert.deepEqual(rerun(r.json.seed, r.json.snapshot).ranking, r.json.result.ranking);
    const [f1, f2] = r.json.result.targets;
    assert.ok(f1.school_id > 0 && f2.school_id > 0);

    // a re-check needs the task first
    assertError(await adminDq.post(`/api/v1/draws/${pid}/rechecks`, { finding_id: f1.id, outcome: 'confirmed' }),
      409, 'conflict', 'state');
    const lead = inspectors.find((i) => i.cert_no !== 'ZJ330521-001'); // not the demo `inspector` account
    const t = await adminDq.post(`/api/v1/draws/${pid}/tasks`, { inspector_ids: [lead.id], starts_on: day(0), due_on: day(14) });
    assert.equal(t.status, 200, t.text);
    for (const x of t.json.result.targets) {
      assert.ok(x.task_id > 0);
      const task = await adminDq.get(`/api/v1/tasks/${x.task_id}`);
      assert.equal(task.status, 200, task.text);
      assert.equal(task.json.kind, 'followup');
      assert.equal(task.json.notice_mode, 'unannounced');
    }
    // calling again creates nothing new
    const again = await adminDq.post(`/api/v1/draws/${pid}/tasks`, { inspector_ids: [lead.id], starts_on: day(0), due_on: day(14) });
    assert.deepEqual(again.json.result.targets.map((x) => x.task_id), t.json.result.targets.map((x) => x.task_id));

    // an inspector who is not on the task cannot record its outcome
    const refused = await inspector.post(`/api/v1/draws/${pid}/rechecks`, { finding_id: f1.id, outcome: 'confirmed' });
    assertError(refused, 404, 'not_found', 'task_id');
    assertError(await adminDq.post(`/api/v1/draws/${pid}/rechecks`, { finding_id: f1.id, outcome: 'maybe' }),
      400, 'invalid', 'outcome');
    assertError(await adminDq.post(`/api/v1/draws/${pid}/rechecks`, { finding_id: f2.id, outcome: 'reopened' }),
      400, 'invalid', 'note');
    const ok = await adminDq.post(`/api/v1/draws/${pid}/rechecks`, { finding_id: f1.id, outcome: 'confirmed',
      note: '现场核实，整改到位' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.result.targets.find((x) => x.id === f1.id).outcome, 'confirmed');
    assert.equal((await adminDq.get(`/api/v1/findings/${f1.id}`)).json.state, 'closed');
    const re = await adminDq.post(`/api/v1/draws/${pid}/rechecks`, { finding_id: f2.id, outcome: 'reopened',
      note: '作业公示栏已撤除，问题反弹' });
    assert.equal(re.status, 200, re.text);
    const f2now = (await adminDq.get(`/api/v1/findings/${f2.id}`)).json;
    assert.equal(f2now.state, 'rectifying', 'the finding reopens through its lifecycle');
    // once per finding
    assertError(await adminDq.post(`/api/v1/draws/${pid}/rechecks`, { finding_id: f1.id, outcome: 'reopened',
      note: 'x' }), 409, 'conflict', 'finding_id');
    assert.equal((await adminDq.get(`/api/v1/findings/${f1.id}`)).json.state, 'closed');
    // the reopened finding counts as recurrence in the risk list
    const risk = (await adminDq.get('/api/v1/draws/risk')).json.items.find((x) => x.school_id === f2.school_id);
    assert.equal(risk.risk, 'key');
    assert.ok(risk.reasons.some((x) => x.code === 'recurrent' && x.is_key));
  });
});

describe('settings', () => {
  test('risk thresholds and the own-school rule are settings, checked and audited', async () => {
    assertError(await adminDq.req('PUT', '/api/v1/draws/settings', { body: { name: 'draws.risk.key_open', value: 0 } }),
      400, 'invalid', 'value');
    assertError(await adminDq.req('PUT', '/api/v1/draws/settings', { body: { name: 'draws.other', value: 1 } }),
      400, 'invalid', 'name');
    const before = (await adminDq.get('/api/v1/draws/risk')).json;
    const recurrentKey = before.items.filter((x) => x.reasons.some((r) => r.code === 'recurrent'));
    assert.ok(recurrentKey.length > 0);
    const s = await adminDq.req('PUT', '/api/v1/draws/settings', { body: { name: 'draws.risk.key_recurrent', value: 50 } });
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.thresholds.key_recurrent, 50);
    const after = (await adminDq.get('/api/v1/draws/risk')).json;
    assert.equal(after.thresholds.key_recurrent, 50);
    for (const x of recurrentKey) {
      const r = after.items.find((y) => y.school_id === x.school_id).reasons.find((y) => y.code === 'recurrent');
      assert.equal(r.is_key, false, 'below the new line');
      assert.equal(r.threshold, 50);
    }
    const o = await adminDq.req('PUT', '/api/v1/draws/settings', { body: { name: 'draws.exclude_own', value: 0 } });
    assert.equal(o.json.exclude_own, false);
    const p = await adminDq.post('/api/v1/draws', { title: '按设置', school_ids: [schools[0].id], n_targets: 1 });
    assert.equal(p.json.exclude_own, false, 'a plan without exclude_own follows the setting');
  });
});
