// Sign-in, sessions, lockout, logout and password change, over HTTP against a real server.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  Client, loginAs, assertError, stopClean, createUser, sleep, parseSetCookie,
  DEMO_PASSWORD, GOOD_PASSWORD, COOKIE,
} from './client.mjs';

let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv.base, 'admin');
});
after(async () => { await stopClean(srv); });

describe('login', () => {
  test('right password: HttpOnly SameSite=Lax cookie, user and csrf token', async () => {
    const c = new Client(srv.base);
    const r = await c.login('admin');
    assert.equal(r.status, 200, r.text);
    const line = r.setCookies.find((l) => l.startsWith(`${COOKIE}=`));
    assert.ok(line, `no ${COOKIE} cookie in ${JSON.stringify(r.setCookies)}`);
    const ck = parseSetCookie(line);
    assert.ok(ck.value.length >= 20, 'session token is long enough to be unguessable');
    assert.equal(ck.attrs.httponly, true, `HttpOnly missing: ${line}`);
    assert.equal(String(ck.attrs.samesite).toLowerCase(), 'lax', `SameSite=Lax missing: ${line}`);
    assert.equal(ck.attrs.path, '/', `Path=/ missing: ${line}`);
    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(r.json.csrf_token.length >= 16, 'csrf token is long enough');
    const u = r.json.user;
    assert.equal(u.username, 'admin');
    assert.equal(u.role, 'admin');
    assert.equal(u.region_code, '330500');
    assert.equal(typeof u.id, 'number');
    assert.equal(typeof u.display_name, 'string');
    assert.equal(typeof u.region_name, 'string');
    assert.equal(u.is_disabled, false);
    assert.ok(!('password' in u) && !('password_hash' in u), 'user carries no password field');
    assert.ok(!r.text.includes('$argon2'), 'no password hash in the answer');

    const me = await c.get('/api/v1/auth/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.user.id, u.id);
    assert.equal(me.json.csrf_token, r.json.csrf_token, '/auth/me returns the same session token');
  });

  test('each login is its own session with its own token', async () => {
    const a = await loginAs(srv.base, 'leader');
    const b = await loginAs(srv.base, 'leader');
    assert.notEqual(a.cookie, b.cookie);
    assert.notEqual(a.csrf, b.csrf);
  });

  test('a login never keeps a cookie the client came with (no session fixation)', async () => {
    const c = new Client(srv.base);
    c.cookie = 'attackerchosenvalue0123456789abcdefghijklmno';
    assert.equal((await c.login('leader')).status, 200);
    assert.notEqual(c.cookie, 'attackerchosenvalue0123456789abcdefghijklmno');
    const prior = await loginAs(srv.base, 'leader');
    const old = prior.cookie;
    assert.equal((await prior.login('inspector')).status, 200);
    assert.notEqual(prior.cookie, old, 'a second login on the same browser gets a new session');
  });

  test('concurrent failures lock the account as well', async () => {
    const u = await createUser(admin);
    const rs = await Promise.all(Array.from({ length: 10 },
      () => new Client(srv.base).login(u.username, 'Wrong-Passw0rd')));
    for (const r of rs) assert.ok(r.status === 401 || r.status === 423, `${r.status} ${r.text}`);
    assertError(await new Client(srv.base).login(u.username, GOOD_PASSWORD), 423, 'locked');
  });

  test('login records last_login_at', async () => {
    const u = await createUser(admin);
    assert.equal(u.last_login_at, null);
    await loginAs(srv.base, u.username, GOOD_PASSWORD);
    const r = await admin.get(`/api/v1/users/${u.id}`);
    assert.equal(r.status, 200);
    assert.equal(typeof r.json.last_login_at, 'string');
    assert.ok(Math.abs(Date.parse(r.json.last_login_at) - Date.now()) < 120000, r.json.last_login_at);
  });

  test('wrong password: 401 bad_credentials, no cookie', async () => {
    const c = new Client(srv.base);
    const r = await c.login('leader', 'Wrong-Passw0rd');
    assertError(r, 401, 'bad_credentials');
    assert.equal(c.cookie, null, 'no session cookie for a failed login');
    assert.equal((await c.get('/api/v1/auth/me')).status, 401);
  });

  test('unknown user: the same 401 and the same message as a wrong password', async () => {
    const wrong = await new Client(srv.base).login('leader', 'Wrong-Passw0rd');
    const unknown = await new Client(srv.base).login('no_such_user_x', 'Wrong-Passw0rd');
    assertError(unknown, 401, 'bad_credentials');
    assert.equal(unknown.json.message, wrong.json.message, 'no user enumeration through the message');
    assert.equal(unknown.json.field, wrong.json.field);
  });

  test('missing or empty fields are rejected without a session', async () => {
    const c = new Client(srv.base);
    let r = await c.post('/api/v1/auth/login', { username: 'admin' });
    assert.ok(r.status === 400 || r.status === 401, `${r.status} ${r.text}`);
    r = await c.post('/api/v1/auth/login', { username: 'admin', password: '' });
    assert.ok(r.status === 400 || r.status === 401, `${r.status} ${r.text}`);
    assert.equal(c.cookie, null);
  });

  test('no session: 401 unauthenticated; a forged cookie too', async () => {
    const c = new Client(srv.base);
    assertError(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
    assertError(await c.get('/api/v1/users'), 401, 'unauthenticated');
    c.cookie = 'A'.repeat(43);
    assertError(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
    c.cookie = 'garbage;;"\\';
    assertError(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });
});

describe('lockout', () => {
  test('5 failures lock the account (423, even with the right password); admin unlock restores it', async () => {
    const u = await createUser(admin);
    for (let i = 1; i <= 4; i++) {
      assertError(await new Client(srv.base).login(u.username, 'Wrong-Passw0rd'), 401, 'bad_credentials');
    }
    const fifth = await new Client(srv.base).login(u.username, 'Wrong-Passw0rd');
    assert.ok(fifth.status === 401 || fifth.status === 423, `5th failure: ${fifth.status} ${fifth.text}`);

    const c = new Client(srv.base);
    const locked = await c.login(u.username, GOOD_PASSWORD);
    assertError(locked, 423, 'locked');
    assert.equal(c.cookie, null, 'a locked account gets no session');

    let r = await admin.get(`/api/v1/users/${u.id}`);
    assert.equal(r.status, 200);
    assert.equal(typeof r.json.locked_until, 'string', `locked_until: ${r.text}`);
    const until = Date.parse(r.json.locked_until);
    assert.ok(until > Date.now() + 10 * 60000 && until < Date.now() + 16 * 60000,
      `locked for about 15 minutes: ${r.json.locked_until}`);

    // Unlocking needs the CSRF token like any change.
    assertError(await admin.post(`/api/v1/users/${u.id}/unlock`, undefined, { csrf: false }), 403, 'csrf_failed');
    assertError(await new Client(srv.base).login(u.username, GOOD_PASSWORD), 423, 'locked');

    r = await admin.post(`/api/v1/users/${u.id}/unlock`);
    assert.equal(r.status, 204, r.text);
    r = await admin.get(`/api/v1/users/${u.id}`);
    assert.equal(r.json.locked_until, null);
    const ok = await new Client(srv.base).login(u.username, GOOD_PASSWORD);
    assert.equal(ok.status, 200, ok.text);
  });

  test('a success resets the failure count', async () => {
    const u = await createUser(admin);
    for (let i = 0; i < 4; i++) await new Client(srv.base).login(u.username, 'Wrong-Passw0rd');
    assert.equal((await new Client(srv.base).login(u.username, GOOD_PASSWORD)).status, 200);
    for (let i = 0; i < 4; i++) await new Client(srv.base).login(u.username, 'Wrong-Passw0rd');
    assert.equal((await new Client(srv.base).login(u.username, GOOD_PASSWORD)).status, 200,
      '4 + 4 failures with a success between do not lock');
  });

  test('only an admin can unlock, and only in scope', async () => {
    const u = await createUser(admin, { region_code: '330522' });
    const leader = await loginAs(srv.base, 'leader');
    assertError(await leader.post(`/api/v1/users/${u.id}/unlock`), 403, 'forbidden');
    const dq = await loginAs(srv.base, 'admin_dq');
    assertError(await dq.post(`/api/v1/users/${u.id}/unlock`), 404, 'not_found');
  });
});

describe('disabled accounts', () => {
  test('a disabled account cannot log in, and its open sessions end', async () => {
    const u = await createUser(admin);
    const c = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    let r = await admin.patch(`/api/v1/users/${u.id}`, { is_disabled: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.is_disabled, true);
    const again = await new Client(srv.base).login(u.username, GOOD_PASSWORD);
    assert.ok(again.status === 401 || again.status === 403, `disabled login: ${again.status} ${again.text}`);
    assert.ok(!again.setCookies.some((l) => parseSetCookie(l).name === COOKIE && parseSetCookie(l).value),
      'no session for a disabled account');
    r = await c.get('/api/v1/auth/me');
    assertError(r, 401, 'unauthenticated');

    r = await admin.patch(`/api/v1/users/${u.id}`, { is_disabled: false });
    assert.equal(r.status, 200, r.text);
    assert.equal((await new Client(srv.base).login(u.username, GOOD_PASSWORD)).status, 200);
  });
});

describe('logout', () => {
  test('ends the session: the old cookie is refused afterwards', async () => {
    const c = await loginAs(srv.base, 'inspector');
    const stolen = c.clone();
    assertError(await c.post('/api/v1/auth/logout', undefined, { csrf: false }), 403, 'csrf_failed');
    assert.equal((await c.get('/api/v1/auth/me')).status, 200, 'a refused logout leaves the session');

    const r = await c.post('/api/v1/auth/logout');
    assert.equal(r.status, 204, r.text);
    const line = r.setCookies.find((l) => l.startsWith(`${COOKIE}=`));
    assert.ok(line, 'logout clears the cookie');
    const ck = parseSetCookie(line);
    assert.ok(ck.value === '' || ck.attrs['max-age'] === '0' || Date.parse(ck.attrs.expires) < Date.now(),
      `cookie cleared: ${line}`);
    assert.equal(ck.attrs.path, '/', `the clearing cookie has the session cookie's Path, or the browser keeps it: ${line}`);
    assertError(await stolen.get('/api/v1/auth/me'), 401, 'unauthenticated');
    assertError(await stolen.get('/api/v1/regions'), 401, 'unauthenticated');
  });

  test('logging out one session leaves the user\'s other sessions alone', async () => {
    const a = await loginAs(srv.base, 'school');
    const b = await loginAs(srv.base, 'school');
    assert.equal((await a.post('/api/v1/auth/logout')).status, 204);
    assert.equal((await b.get('/api/v1/auth/me')).status, 200);
  });
});

describe('change own password', () => {
  test('wrong old password is refused and changes nothing; then the new one works and the old does not', async () => {
    const u = await createUser(admin);
    const c = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    const next = 'N3w-Secret-pass';

    let r = await c.post('/api/v1/auth/password', { old_password: 'Wrong-Passw0rd', new_password: next });
    // 400 naming the field, not 401: a 401 would read as "session gone" to the web app.
    assertError(r, 400, 'invalid', 'old_password');
    assert.equal((await c.get('/api/v1/auth/me')).status, 200, 'the session survives a wrong old password');
    assert.equal((await new Client(srv.base).login(u.username, next)).status, 401, 'new password not set');

    r = await c.post('/api/v1/auth/password', { old_password: GOOD_PASSWORD, new_password: next }, { csrf: false });
    assertError(r, 403, 'csrf_failed');

    r = await c.post('/api/v1/auth/password', { old_password: GOOD_PASSWORD, new_password: 'weakpass' });
    assertError(r, 400, 'weak_password');
    assert.equal((await new Client(srv.base).login(u.username, 'weakpass')).status, 401);

    r = await c.post('/api/v1/auth/password', { old_password: GOOD_PASSWORD, new_password: next, extra: 1 });
    assertError(r, 400, 'unknown_field', 'extra');

    r = await c.post('/api/v1/auth/password', { old_password: GOOD_PASSWORD, new_password: next });
    assert.equal(r.status, 204, r.text);
    assert.equal((await new Client(srv.base).login(u.username, next)).status, 200, 'new password works');
    assertError(await new Client(srv.base).login(u.username, GOOD_PASSWORD), 401, 'bad_credentials');
    assert.equal((await c.get('/api/v1/auth/me')).status, 200, 'the session that changed it goes on');
  });

  test('a password change ends the user\'s other sessions', async () => {
    const u = await createUser(admin);
    const here = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    const elsewhere = await loginAs(srv.base, u.username, GOOD_PASSWORD);
    const r = await here.post('/api/v1/auth/password', { old_password: GOOD_PASSWORD, new_password: 'N3w-Secret-pass' });
    assert.equal(r.status, 204, r.text);
    assert.equal((await here.get('/api/v1/auth/me')).status, 200);
    assertError(await elsewhere.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('demo password matches the contract', async () => {
    for (const name of ['admin', 'inspector', 'school', 'leader', 'auditor', 'admin_dq']) {
      const r = await new Client(srv.base).login(name, DEMO_PASSWORD);
      assert.equal(r.status, 200, `${name}: ${r.text}`);
    }
  });
});

describe('session idle timeout', () => {
  let short;
  before(async () => { short = await startServer({ args: ['--session-idle', '2'] }); });
  after(async () => { await stopClean(short); });

  test('a session idle longer than --session-idle is refused with 401 unauthenticated', async () => {
    const c = await loginAs(short.base, 'leader');
    assert.equal((await c.get('/api/v1/auth/me')).status, 200);
    await sleep(3500);
    assertError(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
    // And stays dead: the refusal did not revive it.
    assertError(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
    const again = await loginAs(short.base, 'leader');
    assert.equal((await again.get('/api/v1/auth/me')).status, 200);
  });

  test('the timeout is on idleness: a session in use lives past it', async () => {
    const c = await loginAs(short.base, 'leader');
    for (let i = 0; i < 6; i++) {
      await sleep(800);
      assert.equal((await c.get('/api/v1/regions')).status, 200, `request ${i + 1} at ~${(i + 1) * 0.8} s`);
    }
  });
});
