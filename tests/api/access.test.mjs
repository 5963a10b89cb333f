// CSRF protection, role checks and region scope: who may see and change what.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, loginAs, assertError, stopClean, createUser, uniq, GOOD_PASSWORD } from './client.mjs';

let srv;
const as = {}; // role name → logged-in client
let dqUser; // a 德清县 inspector
let cxUser; // a 长兴县 inspector

before(async () => {
  srv = await startServer();
  for (const name of ['admin', 'admin_dq', 'inspector', 'school', 'leader', 'auditor']) {
    as[name] = await loginAs(srv.base, name);
  }
  dqUser = await createUser(as.admin, { region_code: '330521', display_name: '德清督学' });
  cxUser = await createUser(as.admin, { region_code: '330522', display_name: '长兴督学' });
});
after(async () => { await stopClean(srv); });

async function reread(id) {
  const r = await as.admin.get(`/api/v1/users/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('CSRF', () => {
  test('a mutating request without X-CSRF-Token is 403 csrf_failed and changes nothing', async () => {
    const before = await reread(dqUser.id);
    const r = await as.admin.patch(`/api/v1/users/${dqUser.id}`, { display_name: '被篡改' }, { csrf: false });
    assertError(r, 403, 'csrf_failed');
    assert.deepEqual(await reread(dqUser.id), before);
  });

  test('a wrong token is 403 csrf_failed and changes nothing', async () => {
    const before = await reread(dqUser.id);
    let r = await as.admin.patch(`/api/v1/users/${dqUser.id}`, { display_name: '被篡改' }, { csrf: 'x'.repeat(43) });
    assertError(r, 403, 'csrf_failed');
    r = await as.admin.patch(`/api/v1/users/${dqUser.id}`, { display_name: '被篡改' }, { csrf: '' });
    assertError(r, 403, 'csrf_failed');
    // Another session's token (same user) does not do either: the token is per session.
    const other = await loginAs(srv.base, 'admin');
    r = await as.admin.patch(`/api/v1/users/${dqUser.id}`, { display_name: '被篡改' }, { csrf: other.csrf });
    assertError(r, 403, 'csrf_failed');
    assert.deepEqual(await reread(dqUser.id), before);
  });

  test('creating a user without the token creates nothing', async () => {
    const username = uniq('csrf');
    const r = await as.admin.post('/api/v1/users', {
      username, display_name: 'x', role: 'inspector', region_code: '330521', password: GOOD_PASSWORD,
    }, { csrf: false });
    assertError(r, 403, 'csrf_failed');
    const list = await as.admin.get(`/api/v1/users?q=${username}`);
    assert.equal(list.status, 200);
    assert.equal(list.json.total, 0);
    assert.equal((await new Client(srv.base).login(username, GOOD_PASSWORD)).status, 401);
  });

  test('password reset and password change need the token', async () => {
    let r = await as.admin.post(`/api/v1/users/${dqUser.id}/password`, { password: 'Other-Passw0rd' }, { csrf: false });
    assertError(r, 403, 'csrf_failed');
    assert.equal((await new Client(srv.base).login(dqUser.username, GOOD_PASSWORD)).status, 200,
      'old password still valid');
    const me = await loginAs(srv.base, dqUser.username, GOOD_PASSWORD);
    r = await me.post('/api/v1/auth/password', { old_password: GOOD_PASSWORD, new_password: 'Other-Passw0rd' },
      { csrf: false });
    assertError(r, 403, 'csrf_failed');
    assert.equal((await new Client(srv.base).login(dqUser.username, GOOD_PASSWORD)).status, 200);
  });

  test('GET needs no token', async () => {
    const r = await as.admin.get('/api/v1/users', { csrf: false });
    assert.equal(r.status, 200);
  });
});

describe('roles', () => {
  for (const name of ['inspector', 'school', 'leader', 'auditor']) {
    test(`${name} cannot list, read or create users (403 forbidden)`, async () => {
      assertError(await as[name].get('/api/v1/users'), 403, 'forbidden');
      const r = await as[name].get(`/api/v1/users/${dqUser.id}`);
      assert.ok(r.status === 403 || r.status === 404, `${r.status} ${r.text}`);
      const username = uniq('role');
      assertError(await as[name].post('/api/v1/users', {
        username, display_name: 'x', role: 'admin', region_code: '330500', password: GOOD_PASSWORD,
      }), 403, 'forbidden');
      assert.equal((await as.admin.get(`/api/v1/users?q=${username}`)).json.total, 0);
    });
  }

  test('auditor cannot PATCH users or reset passwords (403) and nothing changes', async () => {
    const before = await reread(dqUser.id);
    assertError(await as.auditor.patch(`/api/v1/users/${dqUser.id}`, { display_name: '审计改' }), 403, 'forbidden');
    assertError(await as.auditor.patch(`/api/v1/users/${dqUser.id}`, { role: 'admin' }), 403, 'forbidden');
    assertError(await as.auditor.post(`/api/v1/users/${dqUser.id}/password`, { password: 'Audit0r-Passw0rd' }),
      403, 'forbidden');
    assert.deepEqual(await reread(dqUser.id), before);
    assert.equal((await new Client(srv.base).login(dqUser.username, GOOD_PASSWORD)).status, 200);
  });

  for (const name of ['admin', 'admin_dq', 'inspector', 'school', 'leader']) {
    test(`${name} cannot read the audit log (403 forbidden)`, async () => {
      assertError(await as[name].get('/api/v1/audit'), 403, 'forbidden');
      assertError(await as[name].get('/api/v1/audit/verify'), 403, 'forbidden');
    });
  }

  test('a role or region change takes effect on the user\'s open session at once', async () => {
    const u = await createUser(as.admin, { role: 'admin', region_code: '330521' });
    const c = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    assert.equal((await c.get(`/api/v1/users/${dqUser.id}`)).status, 200);
    let r = await as.admin.patch(`/api/v1/users/${u.id}`, { region_code: '330522' });
    assert.equal(r.status, 200, r.text);
    assertError(await c.get(`/api/v1/users/${dqUser.id}`), 404, 'not_found');
    assert.equal((await c.get(`/api/v1/users/${cxUser.id}`)).status, 200);
    r = await as.admin.patch(`/api/v1/users/${u.id}`, { role: 'inspector' });
    assert.equal(r.status, 200, r.text);
    assertError(await c.get('/api/v1/users'), 403, 'forbidden');
    const me = await c.get('/api/v1/auth/me');
    assert.equal(me.json.user.role, 'inspector');
  });

  test('auditor can read the audit log', async () => {
    const r = await as.auditor.get('/api/v1/audit');
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json.items));
  });
});

describe('region scope', () => {
  test('admin_dq (德清县) does not see a 长兴县 user: GET → 404, not in the list', async () => {
    assertError(await as.admin_dq.get(`/api/v1/users/${cxUser.id}`), 404, 'not_found');
    let r = await as.admin_dq.get(`/api/v1/users?q=${cxUser.username}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.total, 0);
    assert.deepEqual(r.json.items, []);
    r = await as.admin_dq.get('/api/v1/users?page_size=200');
    assert.equal(r.status, 200);
    assert.ok(r.json.items.length > 0);
    for (const u of r.json.items) {
      assert.ok(u.region_code.startsWith('330521'), `admin_dq sees ${u.username} in ${u.region_code}`);
    }
    assert.ok(r.json.items.some((u) => u.id === dqUser.id), 'sees the 德清县 user');
    assert.ok(!r.json.items.some((u) => u.username === 'admin' || u.username === 'leader'),
      'does not see 湖州市 accounts');
    // a region filter outside the scope does not widen it
    r = await as.admin_dq.get('/api/v1/users?region_code=330522');
    assert.ok(r.status === 200 || r.status === 404 || r.status === 403, `${r.status}`);
    if (r.status === 200) assert.equal(r.json.total, 0);
  });

  test('the 湖州市 admin sees both counties', async () => {
    assert.equal((await as.admin.get(`/api/v1/users/${cxUser.id}`)).status, 200);
    assert.equal((await as.admin.get(`/api/v1/users/${dqUser.id}`)).status, 200);
    const r = await as.admin.get('/api/v1/users?region_code=330522&page_size=200');
    assert.equal(r.status, 200);
    assert.ok(r.json.items.some((u) => u.id === cxUser.id));
    for (const u of r.json.items) assert.ok(u.region_code.startsWith('330522'), u.region_code);
  });

  test('admin_dq cannot change, reset or unlock a 长兴县 user (404) and nothing changes', async () => {
    const before = await reread(cxUser.id);
    assertError(await as.admin_dq.patch(`/api/v1/users/${cxUser.id}`, { display_name: '越权' }), 404, 'not_found');
    assertError(await as.admin_dq.patch(`/api/v1/users/${cxUser.id}`, { is_disabled: true }), 404, 'not_found');
    assertError(await as.admin_dq.post(`/api/v1/users/${cxUser.id}/password`, { password: 'Hijack-Passw0rd' }),
      404, 'not_found');
    assert.deepEqual(await reread(cxUser.id), before);
    assert.equal((await new Client(srv.base).login(cxUser.username, GOOD_PASSWORD)).status, 200);
  });

  for (const region of ['330522', '330500', '330000']) {
    test(`admin_dq cannot create a user in ${region} (outside 德清县)`, async () => {
      const username = uniq('scope');
      const r = await as.admin_dq.post('/api/v1/users', {
        username, display_name: '越权', role: 'admin', region_code: region, password: GOOD_PASSWORD,
      });
      assert.ok(r.status === 403 || r.status === 404, `create in ${region}: ${r.status} ${r.text}`);
      assert.ok(['forbidden', 'not_found'].includes(r.json?.error), r.text);
      assert.equal((await as.admin.get(`/api/v1/users?q=${username}`)).json.total, 0, 'nothing created');
    });
  }

  test('admin_dq cannot move a 德清县 user out of scope', async () => {
    const u = await createUser(as.admin_dq, { region_code: '330521' });
    for (const region of ['330522', '330500']) {
      const r = await as.admin_dq.patch(`/api/v1/users/${u.id}`, { region_code: region });
      assert.ok(r.status === 403 || r.status === 404, `move to ${region}: ${r.status} ${r.text}`);
    }
    assert.equal((await reread(u.id)).region_code, '330521');
  });

  test('admin_dq can create and manage a user inside 德清县', async () => {
    const u = await createUser(as.admin_dq, { region_code: '330521', display_name: '县内' });
    assert.equal(u.region_code, '330521');
    const r = await as.admin_dq.patch(`/api/v1/users/${u.id}`, { display_name: '县内改' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.display_name, '县内改');
    assert.equal((await as.admin.get(`/api/v1/users/${u.id}`)).json.display_name, '县内改');
  });

  test('regions: each caller sees its own subtree only', async () => {
    let r = await as.admin_dq.get('/api/v1/regions');
    assert.equal(r.status, 200, r.text);
    const codes = r.json.items.map((x) => x.code);
    assert.ok(codes.includes('330521'), JSON.stringify(codes));
    for (const x of r.json.items) {
      assert.ok(x.code.startsWith('330521'), `admin_dq sees region ${x.code} ${x.name}`);
      assert.ok(['county', 'town'].includes(x.level), x.level);
    }
    r = await as.admin.get('/api/v1/regions');
    assert.equal(r.status, 200);
    const all = r.json.items.map((x) => x.code);
    for (const c of ['330500', '330521', '330522']) assert.ok(all.includes(c), `admin sees ${c}`);
    assert.ok(!all.includes('330000'), 'the province is above 湖州市');
    const dq = r.json.items.find((x) => x.code === '330521');
    assert.equal(dq.name, '德清县');
    assert.equal(dq.level, 'county');
    assert.equal(dq.parent_code, '330500');
    for (const name of ['inspector', 'school', 'leader', 'auditor']) {
      assert.equal((await as[name].get('/api/v1/regions')).status, 200, `${name} may read regions`);
    }
  });

  test('schools: admin_dq sees only 德清县 schools; a school account only its own', async () => {
    let r = await as.admin_dq.get('/api/v1/schools?page_size=200');
    assert.equal(r.status, 200, r.text);
    for (const s of r.json.items) assert.ok(s.region_code.startsWith('330521'), `${s.name} ${s.region_code}`);
    r = await as.admin.get('/api/v1/schools?page_size=200');
    assert.ok(r.json.items.some((s) => s.region_code.startsWith('330522')), 'the demo has 长兴县 schools');
    const mine = as.school.user.school_id;
    assert.equal(typeof mine, 'number', 'the school account has a school_id');
    r = await as.school.get('/api/v1/schools?page_size=200');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((s) => s.id), [mine]);
    assert.equal(r.json.total, 1);
    assertError(await as.auditor.get('/api/v1/schools'), 403, 'forbidden');
    // q filters by name within the scope
    const some = (await as.admin.get('/api/v1/schools?region_code=330521')).json.items[0];
    const part = [...some.name].slice(0, 4).join('');
    r = await as.admin_dq.get(`/api/v1/schools?q=${encodeURIComponent(part)}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((s) => s.id === some.id), `q=${part} finds ${some.name}`);
    assert.ok(r.json.items.every((s) => s.name.includes(part) || s.code.includes(part)), r.text);
  });
});
