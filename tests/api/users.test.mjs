// Account management by an admin, and how the API refuses bad input: every refusal is
// checked to have changed nothing.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, loginAs, assertError, stopClean, createUser, uniq, GOOD_PASSWORD } from './client.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
});
after(async () => { await stopClean(srv); });

async function userCount() {
  const r = await admin.get('/api/v1/users?page_size=1');
  assert.equal(r.status, 200, r.text);
  return r.json.total;
}

function newUserBody(extra = {}) {
  return {
    username: uniq('v'), display_name: '校验用户', role: 'inspector', region_code: '330521',
    password: GOOD_PASSWORD, ...extra,
  };
}

const USER_FIELDS = ['id', 'username', 'display_name', 'role', 'region_code', 'region_name', 'school_id',
  'school_name', 'phone', 'is_disabled', 'locked_until', 'last_login_at', 'created_at'];

describe('users CRUD', () => {
  test('create → 201 User with every contract field; GET returns the same', async () => {
    const body = newUserBody({ display_name: '张督学', phone: '13800000000' });
    const r = await admin.post('/api/v1/users', body);
    assert.equal(r.status, 201, r.text);
    const u = r.json;
    for (const f of USER_FIELDS) assert.ok(f in u, `User has ${f}: ${r.text}`);
    assert.equal(u.username, body.username);
    assert.equal(u.display_name, '张督学');
    assert.equal(u.role, 'inspector');
    assert.equal(u.region_code, '330521');
    assert.equal(u.region_name, '德清县');
    assert.equal(u.phone, '13800000000');
    assert.equal(u.is_disabled, false);
    assert.equal(u.locked_until, null);
    assert.equal(u.school_id, null);
    assert.match(u.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Math.abs(Date.parse(u.created_at) - Date.now()) < 120000);
    assert.ok(!r.text.includes(GOOD_PASSWORD) && !r.text.includes('$argon2'), 'no password in the answer');
    const g = await admin.get(`/api/v1/users/${u.id}`);
    assert.equal(g.status, 200);
    assert.deepEqual(g.json, u);
    assert.equal((await new Client(srv.base).login(body.username, GOOD_PASSWORD)).status, 200);
  });

  test('a school account carries its school', async () => {
    const schools = await admin.get('/api/v1/schools?region_code=330521');
    assert.equal(schools.status, 200, schools.text);
    const s = schools.json.items[0];
    assert.ok(s, 'the demo has a 德清县 school');
    const u = await createUser(admin, { role: 'school', region_code: s.region_code, school_id: s.id });
    assert.equal(u.school_id, s.id);
    assert.equal(u.school_name, s.name);
  });

  test('PATCH changes the named fields only and answers the new User', async () => {
    const u = await createUser(admin, { phone: '13900000000' });
    const r = await admin.patch(`/api/v1/users/${u.id}`, { display_name: '新名字', region_code: '330522' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.display_name, '新名字');
    assert.equal(r.json.region_code, '330522');
    assert.equal(r.json.region_name, '长兴县');
    assert.equal(r.json.phone, '13900000000');
    assert.equal(r.json.username, u.username);
    assert.deepEqual((await admin.get(`/api/v1/users/${u.id}`)).json, r.json);
    const n = await admin.patch(`/api/v1/users/${u.id}`, { phone: null });
    assert.equal(n.status, 200, n.text);
    assert.equal(n.json.phone, null);
  });

  test('admin password reset: the new password works, the old does not', async () => {
    const u = await createUser(admin);
    const sess = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    assertError(await admin.post(`/api/v1/users/${u.id}/password`, { password: 'short' }), 400, 'weak_password');
    assert.equal((await new Client(srv.base).login(u.username, GOOD_PASSWORD)).status, 200);
    const r = await admin.post(`/api/v1/users/${u.id}/password`, { password: 'Reset-Passw0rd' });
    assert.equal(r.status, 204, r.text);
    assert.equal((await new Client(srv.base).login(u.username, 'Reset-Passw0rd')).status, 200);
    assertError(await new Client(srv.base).login(u.username, GOOD_PASSWORD), 401, 'bad_credentials');
    // The sessions opened with the old password end: a reset is what an admin does when an
    // account is compromised.
    assertError(await sess.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('unknown id → 404 not_found', async () => {
    assertError(await admin.get('/api/v1/users/987654321'), 404, 'not_found');
    assertError(await admin.patch('/api/v1/users/987654321', { display_name: 'x' }), 404, 'not_found');
    assertError(await admin.post('/api/v1/users/987654321/password', { password: 'Reset-Passw0rd' }), 404, 'not_found');
    const r = await admin.get('/api/v1/users/abc');
    assert.ok(r.status === 404 || r.status === 400, `${r.status} ${r.text}`);
    assert.ok(r.json, 'a JSON error');
  });
});

describe('lists', () => {
  test('pagination: page_size, page, total; pages do not overlap', async () => {
    for (let i = 0; i < 3; i++) await createUser(admin);
    const total = await userCount();
    assert.ok(total >= 9, `total ${total}`);
    const p1 = await admin.get('/api/v1/users?page=1&page_size=2&sort=username');
    const p2 = await admin.get('/api/v1/users?page=2&page_size=2&sort=username');
    assert.equal(p1.status, 200, p1.text);
    assert.equal(p1.json.items.length, 2);
    assert.equal(p2.json.items.length, 2);
    assert.equal(p1.json.total, total);
    assert.equal(p2.json.total, total);
    const names = [...p1.json.items, ...p2.json.items].map((u) => u.username);
    assert.equal(new Set(names).size, 4, 'pages do not overlap');
    const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    assert.deepEqual(names, [...names].sort(byteOrder), 'sort=username ascending across pages');
    const all = (await admin.get('/api/v1/users?page_size=200&sort=username')).json.items.map((u) => u.username);
    assert.equal(all.length, total);
    assert.deepEqual(all, [...all].sort(byteOrder));
    const desc = (await admin.get('/api/v1/users?page_size=200&sort=-username')).json.items.map((u) => u.username);
    assert.deepEqual(desc, [...all].reverse(), 'sort=-username descending');
    const byTime = (await admin.get('/api/v1/users?page_size=200&sort=-created_at')).json.items.map((u) => u.created_at);
    assert.deepEqual(byTime, [...byTime].sort().reverse(), 'sort=-created_at');
    const beyond = await admin.get(`/api/v1/users?page=${total + 1}&page_size=1`);
    assert.equal(beyond.status, 200);
    assert.deepEqual(beyond.json.items, []);
    assert.equal(beyond.json.total, total);
    const def = await admin.get('/api/v1/users');
    assert.equal(def.json.items.length, Math.min(20, total), 'default page_size 20');
  });

  test('filters: q, role, region_code, is_disabled', async () => {
    const tag = uniq('flt');
    const a = await createUser(admin, { username: `${tag}a`, role: 'leader', region_code: '330522' });
    const b = await createUser(admin, { username: `${tag}b`, role: 'inspector', region_code: '330521' });
    await admin.patch(`/api/v1/users/${b.id}`, { is_disabled: true });
    let r = await admin.get(`/api/v1/users?q=${tag}`);
    assert.deepEqual(r.json.items.map((u) => u.id).sort(), [a.id, b.id].sort());
    r = await admin.get(`/api/v1/users?q=${tag}&role=leader`);
    assert.deepEqual(r.json.items.map((u) => u.id), [a.id]);
    r = await admin.get(`/api/v1/users?q=${tag}&region_code=330521`);
    assert.deepEqual(r.json.items.map((u) => u.id), [b.id]);
    r = await admin.get(`/api/v1/users?q=${tag}&is_disabled=true`);
    assert.deepEqual(r.json.items.map((u) => u.id), [b.id]);
    r = await admin.get(`/api/v1/users?q=${tag}&is_disabled=false`);
    assert.deepEqual(r.json.items.map((u) => u.id), [a.id]);
    r = await admin.get('/api/v1/users?role=auditor&page_size=200');
    assert.ok(r.json.items.length >= 1);
    assert.ok(r.json.items.every((u) => u.role === 'auditor'));
    // q matches display names too (中文 search)
    const c = await createUser(admin, { display_name: `王${tag}老师` });
    r = await admin.get(`/api/v1/users?q=${encodeURIComponent('王' + tag)}`);
    assert.deepEqual(r.json.items.map((u) => u.id), [c.id]);
  });

  test('q is data, not SQL or a pattern', async () => {
    for (const q of ["' OR 1=1 --", '%', 'a_m', 'a%n', '\\', '"']) {
      const r = await admin.get(`/api/v1/users?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, `${q}: ${r.text}`);
      assert.equal(r.json.total, 0, `q=${q} matched ${r.json.total}`);
    }
  });

  test('page_size out of 1..200 and a bad page are 400 invalid', async () => {
    for (const qs of ['page_size=201', 'page_size=0', 'page_size=abc', 'page=0', 'page=-1']) {
      assertError(await admin.get(`/api/v1/users?${qs}`), 400, 'invalid', qs.split('=')[0]);
    }
    assert.equal((await admin.get('/api/v1/users?page_size=200')).status, 200);
  });

  test('an unknown sort field is 400 invalid, not silently another order', async () => {
    assertError(await admin.get('/api/v1/users?sort=password_hash'), 400, 'invalid', 'sort');
    assertError(await admin.get('/api/v1/users?sort=-nope'), 400, 'invalid', 'sort');
    assertError(await admin.get('/api/v1/users?is_disabled=maybe'), 400, 'invalid', 'is_disabled');
  });
});

describe('bad input changes nothing', () => {
  test('bad JSON → 400 bad_json with a message', async () => {
    const n = await userCount();
    for (const raw of ['{"username": ', 'not json', '', '[1,2]', '"str"', 'null', '{"a":1}{"b":2}']) {
      const r = await admin.req('POST', '/api/v1/users', { raw });
      assertError(r, 400, 'bad_json');
    }
    // invalid UTF-8 inside a JSON string
    const bad = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    assertError(await admin.req('POST', '/api/v1/users', { raw: bad }), 400, 'bad_json');
    assertError(await new Client(srv.base).req('POST', '/api/v1/auth/login', { raw: '{oops' }), 400, 'bad_json');
    assert.equal(await userCount(), n);
  });

  test('unknown field → 400 unknown_field naming it', async () => {
    const n = await userCount();
    const body = newUserBody({ salary: 1 });
    assertError(await admin.post('/api/v1/users', body), 400, 'unknown_field', 'salary');
    assertError(await admin.post('/api/v1/users', { ...newUserBody(), is_admin: true }), 400, 'unknown_field', 'is_admin');
    assert.equal(await userCount(), n);
    assert.equal((await admin.get(`/api/v1/users?q=${body.username}`)).json.total, 0);
    const u = await createUser(admin);
    // PATCH does not take the username, a password or a hash
    for (const f of ['username', 'password', 'password_hash', 'failed_logins']) {
      const r = await admin.patch(`/api/v1/users/${u.id}`, { [f]: 'x' });
      assertError(r, 400, 'unknown_field', f);
    }
    assert.deepEqual((await admin.get(`/api/v1/users/${u.id}`)).json, u);
    assertError(await new Client(srv.base).post('/api/v1/auth/login',
      { username: 'admin', password: 'x', remember: true }), 400, 'unknown_field', 'remember');
  });

  test('invalid values → 400 invalid naming the field', async () => {
    const n = await userCount();
    const cases = [
      [{ role: 'king' }, 'role'],
      [{ role: 7 }, 'role'],
      [{ region_code: 330521 }, 'region_code'],
      [{ username: '' }, 'username'],
      [{ username: 'has space' }, 'username'],
      [{ username: 'x'.repeat(200) }, 'username'],
      [{ display_name: '' }, 'display_name'],
      [{ display_name: 'x'.repeat(1000) }, 'display_name'],
      [{ school_id: 987654321, role: 'school' }, 'school_id'],
      [{ phone: 12345 }, 'phone'],
    ];
    for (const [extra, field] of cases) {
      const r = await admin.post('/api/v1/users', newUserBody(extra));
      assertError(r, 400, 'invalid', field);
    }
    // A region that does not exist answers like one outside the caller's scope (404), so
    // that the answer does not tell which regions exist elsewhere; 400 invalid would do too.
    for (const region of ['999999', 'abc', '']) {
      const r = await admin.post('/api/v1/users', newUserBody({ region_code: region }));
      assert.ok(r.status === 400 || r.status === 404, `region ${region}: ${r.status} ${r.text}`);
      assertError(r, r.status, r.status === 400 ? 'invalid' : 'not_found', 'region_code');
    }
    assert.equal(await userCount(), n);
  });

  test('missing required fields are refused, naming the field', async () => {
    const n = await userCount();
    for (const f of ['username', 'display_name', 'role', 'region_code', 'password']) {
      const body = newUserBody();
      delete body[f];
      const r = await admin.post('/api/v1/users', body);
      assert.equal(r.status, 400, `without ${f}: ${r.text}`);
      assert.equal(r.json.field, f, `without ${f}: ${r.text}`);
    }
    assert.equal(await userCount(), n);
  });

  test('a school account needs a school in its region', async () => {
    const n = await userCount();
    assertError(await admin.post('/api/v1/users', newUserBody({ role: 'school' })), 400, 'invalid', 'school_id');
    const cx = (await admin.get('/api/v1/schools?region_code=330522')).json.items[0];
    assert.ok(cx, 'the demo has a 长兴县 school');
    assertError(await admin.post('/api/v1/users', newUserBody({ role: 'school', region_code: '330521', school_id: cx.id })),
      400, 'invalid', 'school_id');
    assert.equal(await userCount(), n);
  });

  test('PATCH with an invalid value changes nothing', async () => {
    const u = await createUser(admin);
    assertError(await admin.patch(`/api/v1/users/${u.id}`, { role: 'king' }), 400, 'invalid', 'role');
    const r = await admin.patch(`/api/v1/users/${u.id}`, { display_name: 'ok', region_code: '999999' });
    assertError(r, r.status === 404 ? 404 : 400, r.status === 404 ? 'not_found' : 'invalid', 'region_code');
    assertError(await admin.patch(`/api/v1/users/${u.id}`, { is_disabled: 'yes' }), 400, 'invalid', 'is_disabled');
    assert.deepEqual((await admin.get(`/api/v1/users/${u.id}`)).json, u);
  });

  test('weak password → 400 weak_password; policy: ≥ 10 chars, ≥ 3 classes', async () => {
    const n = await userCount();
    for (const pw of ['Ab1!', 'Abcdef1!x', 'alllowercaseletters', 'lowercase12345', 'UPPERlower', '12345678901']) {
      assertError(await admin.post('/api/v1/users', newUserBody({ password: pw })), 400, 'weak_password');
    }
    assert.equal(await userCount(), n);
    // the boundary: exactly 10 characters of 3 classes is fine; 中文 characters count as characters
    assert.equal((await admin.post('/api/v1/users', newUserBody({ password: 'Abcdefgh12' }))).status, 201);
    assert.equal((await admin.post('/api/v1/users', newUserBody({ password: 'abcdefgh1!' }))).status, 201);
    assert.equal((await admin.post('/api/v1/users', newUserBody({ password: '督导督导督导督导a1' }))).status, 201);
  });

  test('duplicate username → 409 conflict and the first account is untouched', async () => {
    const u = await createUser(admin);
    const n = await userCount();
    const r = await admin.post('/api/v1/users', newUserBody({ username: u.username, display_name: '冒名', password: 'Other-Passw0rd' }));
    assertError(r, 409, 'conflict');
    assert.equal(await userCount(), n);
    assert.deepEqual((await admin.get(`/api/v1/users/${u.id}`)).json, u);
    assert.equal((await new Client(srv.base).login(u.username, GOOD_PASSWORD)).status, 200);
    assert.equal((await new Client(srv.base).login(u.username, 'Other-Passw0rd')).status, 401);
    // demo account names are taken too
    assertError(await admin.post('/api/v1/users', newUserBody({ username: 'admin' })), 409, 'conflict');
  });

  test('body over 1 MiB → 413 too_large; just under is processed', async () => {
    const n = await userCount();
    const body = newUserBody({ display_name: 'x'.repeat(1024 * 1024 + 10) });
    // The server may answer 413 and close before the client has sent the whole body; the
    // client then sometimes sees a broken pipe instead of the answer. Every answer that
    // arrives must be 413 too_large, and at least one of a few tries must arrive.
    let answered = 0;
    for (let i = 0; i < 5 && answered < 2; i++) {
      let big;
      try {
        big = await admin.post('/api/v1/users', body);
      } catch (e) {
        assert.ok(['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(e.cause?.code), `${e.message}: ${e.cause?.code}`);
        continue;
      }
      assertError(big, 413, 'too_large');
      answered++;
    }
    assert.ok(answered > 0, 'a readable 413 answer for an oversized body');
    // the same without Content-Length (chunked): the server must stop reading, not buffer it all
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream({
      pull(ctl) {
        if (sent >= 4 * 1024 * 1024) { ctl.enqueue(new TextEncoder().encode('{}')); ctl.close(); return; }
        sent += chunk.length;
        ctl.enqueue(chunk);
      },
    });
    let r;
    try {
      r = await admin.req('POST', '/api/v1/users', { raw: stream });
    } catch (e) {
      // the server may close the connection once over the limit: acceptable
      assert.ok(['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(e.cause?.code), `${e.message}: ${e.cause?.code}`);
      r = null;
    }
    if (r) assertError(r, 413, 'too_large');
    assert.equal(await userCount(), n);
    // ~1,000,000 bytes of whitespace around a valid body is within the limit
    const ok = newUserBody();
    const padded = ' '.repeat(1000000) + JSON.stringify(ok);
    r = await admin.req('POST', '/api/v1/users', { raw: padded });
    assert.equal(r.status, 201, r.text.slice(0, 300));
  });
});

describe('三员分立: who may manage whom', () => {
  test('an admin neither creates nor changes nor resets an auditor account', async () => {
    const before = await userCount();
    assertError(await admin.post('/api/v1/users', newUserBody({ role: 'auditor' })), 403, 'forbidden', 'role');
    assert.equal(await userCount(), before, 'nothing was created');
    const list = await admin.get('/api/v1/users?role=auditor');
    const auditor = list.json.items[0];
    assert.ok(auditor, 'the demo has an auditor');
    assertError(await admin.patch(`/api/v1/users/${auditor.id}`, { display_name: '改名' }), 403, 'forbidden', 'role');
    assertError(await admin.post(`/api/v1/users/${auditor.id}/password`, { password: GOOD_PASSWORD }), 403, 'forbidden', 'role');
    // and no account is turned into one
    const u = await createUser(admin, { role: 'inspector' });
    assertError(await admin.patch(`/api/v1/users/${u.id}`, { role: 'auditor' }), 403, 'forbidden', 'role');
    assert.equal((await admin.get(`/api/v1/users/${u.id}`)).json.role, 'inspector');
    // the auditor still logs in with the password it had
    await loginAs(srv.base, 'auditor');
  });

  test('a peer admin of the same region is managed by the admin above, not by its peer', async () => {
    const peer = await createUser(admin, { role: 'admin', region_code: '330521' });
    const adminDq = await loginAs(srv.base, 'admin_dq');
    assertError(await adminDq.post(`/api/v1/users/${peer.id}/password`, { password: GOOD_PASSWORD }), 403, 'forbidden', 'id');
    assertError(await adminDq.patch(`/api/v1/users/${peer.id}`, { is_disabled: true }), 403, 'forbidden', 'id');
    // the city admin above both may
    const r = await admin.post(`/api/v1/users/${peer.id}/password`, { password: GOOD_PASSWORD });
    assert.equal(r.status, 204, r.text);
    // and an admin still edits its own name
    const me = adminDq.user;
    const own = await adminDq.patch(`/api/v1/users/${me.id}`, { display_name: me.display_name });
    assert.equal(own.status, 200, own.text);
  });
});
