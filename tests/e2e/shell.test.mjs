// The web app shell in Chromium against the real server: login, role menus, user
// management, audit log, API docs, session expiry, and the phone layout. Screenshots go to
// build/screenshots/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage as newBrowserPage, input, tid, shot, login } from '../lib/browser.mjs';

const PASSWORD = 'Dudao@2026';
const NEW_USER = 'e2e_insp';
const NEW_PASSWORD = 'Xunshi#2026a';
const CHANGED_PASSWORD = 'Huzhou!Dq2027';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

const newPage = (opts) => newBrowserPage(browser, opts);

async function logout(page) {
  await tid(page, 'user-menu').click();
  await tid(page, 'logout').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForURL(/\/login/);
}

// Only the app's own failures count: a 401 of /auth/me before login is the expected answer.
function realErrors(page) {
  return page.jsErrors.filter((e) => !/status of 40[13]|status of 409|Failed to load resource/.test(e));
}

test('admin creates an inspector, who then sees the inspector menu', async () => {
  const page = await newPage();
  // A deep link while logged out goes to the login page and comes back after login.
  await page.goto(server.base + '/users');
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/users');
  await tid(page, 'login-submit').waitFor();
  assert.match(await page.locator('.login-page').innerText(), /dudao 教育督导平台/);
  await shot(page, 'desktop-login');

  await login(page, 'admin', 'not-the-password');
  await tid(page, 'login-error').waitFor();
  assert.match(await tid(page, 'login-error').innerText(), /用户名或密码错误/);
  assert.doesNotMatch(await tid(page, 'login-error').innerText(), /wrong username/);

  await login(page, 'admin', PASSWORD);
  await page.waitForURL(/\/users$/);
  await tid(page, 'user-table').waitFor();
  assert.match(await tid(page, 'user-name').innerText(), /王督导/);

  // The menu of an admin; home and back to users through it.
  await tid(page, 'menu-dashboard').click();
  await tid(page, 'welcome-card').waitFor();
  assert.match(await tid(page, 'welcome-card').innerText(), /督导室管理员/);
  assert.match(await tid(page, 'welcome-card').innerText(), /湖州市/);
  await page.locator('.echart canvas').first().waitFor({ timeout: 10000 });
  await shot(page, 'desktop-dashboard-admin');
  await tid(page, 'menu-users').click();
  await page.waitForURL(/\/users$/);
  await tid(page, 'user-row-admin').waitFor();
  await shot(page, 'desktop-users');

  // Create: a taken username comes back as a field error on the username item.
  await tid(page, 'user-create').click();
  const dialog = page.locator('.user-dialog');
  await dialog.waitFor();
  await input(page, 'user-username').fill('admin');
  await input(page, 'user-display-name').fill('钱督学（测试）');
  await tid(page, 'user-role').click();
  await page.locator('[data-test="role-option-inspector"]').click();
  await tid(page, 'user-region').click();
  await page.locator('.region-tree-popper .el-tree-node__content:visible', { hasText: '德清县' }).first().click();
  await input(page, 'user-phone').fill('13800138000');
  await input(page, 'user-password').fill('short');
  await tid(page, 'user-save').click();
  await dialog.locator('.el-form-item__error', { hasText: '至少 10 位' }).waitFor();
  await input(page, 'user-password').fill(NEW_PASSWORD);
  await tid(page, 'user-save').click();
  const usernameItem = dialog.locator('.el-form-item', { has: input(page, 'user-username') });
  await usernameItem.locator('.el-form-item__error', { hasText: '已存在' }).waitFor();
  await shot(page, 'desktop-user-dialog');

  await input(page, 'user-username').fill(NEW_USER);
  await tid(page, 'user-save').click();
  await dialog.waitFor({ state: 'hidden' });
  const row = page.locator('.el-table__body tr', { has: tid(page, `user-row-${NEW_USER}`) }).first();
  await row.waitFor();
  const rowText = await row.innerText();
  assert.match(rowText, /钱督学/);
  assert.match(rowText, /督学/);
  assert.match(rowText, /德清县/);
  assert.match(rowText, /13800138000/);
  assert.match(rowText, /正常/);

  // Filters: the keyword narrows the list to the new account.
  await input(page, 'filter-q').fill(NEW_USER);
  await tid(page, 'filter-search').click();
  await page.waitForFunction(() => document.querySelectorAll('.el-table__body-wrapper tbody tr').length === 1);

  // English: the menu and Element Plus switch together; back to Chinese.
  await tid(page, 'user-menu').click();
  await tid(page, 'lang-en').click();
  await page.locator('[data-test="menu-users"]', { hasText: 'Users' }).waitFor();
  assert.match(await page.locator('.el-pagination').innerText(), /Total/);
  await shot(page, 'desktop-users-en');
  await tid(page, 'user-menu').click();
  await tid(page, 'lang-zh-CN').click();
  await page.locator('[data-test="menu-users"]', { hasText: '用户管理' }).waitFor();

  await logout(page);

  // The new inspector: no user management in the menu, a 403 page at its address.
  await login(page, NEW_USER, NEW_PASSWORD);
  await page.waitForURL((u) => u.pathname === '/');
  await tid(page, 'welcome-card').waitFor();
  assert.match(await tid(page, 'welcome-card').innerText(), /钱督学/);
  assert.match(await tid(page, 'welcome-card').innerText(), /德清县/);
  assert.match(await tid(page, 'user-menu').innerText(), /督学/);
  assert.equal(await tid(page, 'menu-dashboard').count(), 1);
  assert.equal(await tid(page, 'menu-apiDocs').count(), 1);
  assert.equal(await tid(page, 'menu-users').count(), 0);
  assert.equal(await tid(page, 'menu-audit').count(), 0);
  await shot(page, 'desktop-dashboard-inspector');

  await page.goto(server.base + '/users');
  await tid(page, 'page-403').waitFor();
  await page.goto(server.base + '/no/such/page');
  await tid(page, 'page-404').waitFor();

  // API docs from the live OpenAPI document.
  await tid(page, 'menu-apiDocs').click();
  await tid(page, 'api-docs').waitFor();
  const op = page.locator('[data-test="op-post-/api/v1/users"]');
  await op.waitFor();
  await op.click();
  await page.locator('.el-collapse-item', { has: op }).locator('.op-body', { hasText: 'display_name' }).waitFor();
  await shot(page, 'desktop-api-docs');

  // Change password: a wrong current password lands on its field; then the real change.
  await tid(page, 'user-menu').click();
  await tid(page, 'change-password').click();
  await input(page, 'pw-old').fill('Wrong#password1');
  await input(page, 'pw-new').fill(CHANGED_PASSWORD);
  await input(page, 'pw-confirm').fill(CHANGED_PASSWORD);
  await tid(page, 'pw-save').click();
  const oldItem = page.locator('.el-form-item', { has: input(page, 'pw-old') });
  await oldItem.locator('.el-form-item__error', { hasText: '原密码不正确' }).waitFor();
  await input(page, 'pw-old').fill(NEW_PASSWORD);
  await tid(page, 'pw-save').click();
  await page.locator('.el-message', { hasText: '密码已修改' }).waitFor();
  await logout(page);
  await login(page, NEW_USER, CHANGED_PASSWORD);
  await tid(page, 'welcome-card').waitFor();

  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('auditor reads the audit log and verifies the chain', async () => {
  const page = await newPage();
  await page.goto(server.base + '/login');
  await login(page, 'auditor', PASSWORD);
  await tid(page, 'menu-audit').waitFor();
  assert.equal(await tid(page, 'menu-users').count(), 0);
  await tid(page, 'menu-audit').click();
  await tid(page, 'audit-table').waitFor();
  await page.locator('.el-table__body tr', { hasText: '新增' }).first().waitFor();

  // Newest first; the creation of the inspector shows its after-state with changed keys.
  await input(page, 'audit-actor').fill('admin');
  await tid(page, 'audit-action').click();
  await page.locator('.el-select-dropdown__item', { hasText: '新增' }).click();
  await tid(page, 'audit-search').click();
  const createRow = page.locator('.el-table__body tr', { hasText: '新增' }).first();
  await createRow.waitFor();
  await createRow.locator('.el-table__expand-icon').click();
  const diff = tid(page, 'json-diff').first();
  await diff.waitFor();
  assert.match(await diff.innerText(), new RegExp(NEW_USER));
  assert.ok(await diff.locator('.json-line.added').count() > 0);
  assert.doesNotMatch(await diff.innerText(), /password|Xunshi/);

  await tid(page, 'audit-verify').click();
  const box = page.locator('.el-message-box');
  await box.waitFor();
  assert.match(await box.innerText(), /哈希链完整/);
  await shot(page, 'desktop-audit-verify');
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
  await shot(page, 'desktop-audit');

  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('phone width: drawer menu, user list and a full-screen dialog', async () => {
  const page = await newPage({ phone: true });
  await page.goto(server.base + '/');
  await page.waitForURL(/\/login/);
  await tid(page, 'login-submit').waitFor();
  await shot(page, 'phone-login');
  await login(page, 'admin', PASSWORD);
  await tid(page, 'welcome-card').waitFor();
  assert.equal(await tid(page, 'sidebar').count(), 0, 'no fixed sidebar on a phone');
  await shot(page, 'phone-dashboard');

  await tid(page, 'menu-toggle').click();
  const drawerItem = page.locator('.sidebar-drawer [data-test="menu-users"]');
  await drawerItem.waitFor();
  await shot(page, 'phone-drawer');
  await drawerItem.click();
  await page.waitForURL(/\/users$/);
  await page.locator('.sidebar-drawer').waitFor({ state: 'hidden' });
  await tid(page, 'user-row-admin').waitFor();
  // The page itself does not scroll sideways; the table does.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
  await shot(page, 'phone-users');

  await tid(page, 'user-create').click();
  const dialog = page.locator('.user-dialog');
  await dialog.waitFor();
  const box = await dialog.boundingBox();
  assert.ok(box.width >= 389, `dialog is ${box.width}px wide on a 390px phone`);
  await shot(page, 'phone-user-dialog');
  await tid(page, 'user-cancel').click();
  await dialog.waitFor({ state: 'hidden' });

  await tid(page, 'menu-toggle').click();
  await page.locator('.sidebar-drawer [data-test="menu-apiDocs"]').click();
  await page.locator('[data-test="op-get-/api/v1/users"]').waitFor();
  await shot(page, 'phone-api-docs');

  await logout(page);
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('an expired session sends the user to login with a message', async () => {
  const short = await startServer({ args: ['--session-idle', '2'] });
  try {
    const page = await newPage();
    await page.goto(short.base + '/login');
    await login(page, 'admin', PASSWORD);
    await tid(page, 'welcome-card').waitFor();
    await page.waitForTimeout(3500);
    await tid(page, 'menu-users').click();
    await page.locator('.el-message', { hasText: '登录已过期，请重新登录' }).waitFor();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/users');
    await login(page, 'admin', PASSWORD);
    await page.waitForURL(/\/users$/);
    await page.context().close();
  } finally {
    await short.stop();
  }
});
