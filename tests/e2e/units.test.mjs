// 督政 in Chromium against the real server: a town's account on a phone opens its home, sees
// the finding it has to answer, acknowledges it and submits its report on the findings page a
// school uses; the county office opens the grading page, sees the town's grade and rank, and
// downloads the 年终考核 workbook, read back here. Screenshots go to build/screenshots/units-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { readXlsx } from '../lib/xlsx.mjs';
import { launchBrowser, newPage, input, tid, shot } from '../lib/browser.mjs';
import { loginAs, createUser, uniq, GOOD_PASSWORD } from '../api/client.mjs';

const YEAR = new Date().getFullYear();
let server, browser, town, finding, townUser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await loginAs(server.base, 'admin_dq');
  const schools = (await api.get('/api/v1/schools?page_size=200')).json.items;
  const townCode = schools.map((s) => s.region_code).find((c) => c.startsWith('330521') && c.length > 6);
  let r = await api.post('/api/v1/units', { region_code: townCode, kind: 'town', name: '乾元镇人民政府' });
  assert.equal(r.status, 201, r.text);
  town = r.json;
  townUser = await createUser(api, { role: 'unit', unit_id: town.id, region_code: townCode, username: uniq('town') });
  r = await api.post('/api/v1/findings', { unit_id: town.id, description: '控辍保学劝返台账不完整', severity: 'serious' });
  assert.equal(r.status, 201, r.text);
  const deadline = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
  r = await api.post(`/api/v1/findings/${r.json.id}/issue`, { deadline });
  assert.equal(r.status, 200, r.text);
  finding = r.json;
  r = await api.put(`/api/v1/units/${town.id}/assessments/${YEAR}/check`, { score: 91 });
  assert.equal(r.status, 200, r.text);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

function realErrors(page) {
  return page.jsErrors.filter((e) => !/status of 40[0134]|status of 409|Failed to load resource/.test(e));
}

async function loginAt(page, path, username, password) {
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
}

async function act(page, action, note) {
  await tid(page, `action-${action}`).click();
  const dlg = page.locator('.el-dialog:visible');
  await dlg.waitFor();
  if (note !== undefined) await dlg.locator('textarea[data-test="action-note"]').fill(note);
  await dlg.locator('[data-test="action-confirm"]').click();
  await dlg.waitFor({ state: 'hidden' });
}

test('the town answers its finding on a phone', async () => {
  const page = await newPage(browser, { phone: true });
  await loginAt(page, '/', townUser.username, GOOD_PASSWORD);
  await tid(page, 'unit-home').waitFor();
  assert.equal(await tid(page, 'unit-name').innerText(), '乾元镇人民政府');
  const row = tid(page, `unit-finding-${finding.id}`);
  await row.waitFor();
  assert.match(await row.innerText(), /控辍保学劝返台账不完整/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the home fits the phone (${width}px)`);
  await shot(page, 'units-town-home-phone', { full: true });
  await row.click();
  await page.waitForURL(new RegExp(`/findings/${finding.id}$`));
  await page.locator('[data-test="finding-state"]', { hasText: '已下发' }).waitFor();
  assert.equal(await tid(page, 'action-close').count(), 0, 'the town has no close button');
  await act(page, 'acknowledge', '已收到，镇政府专题研究');
  await page.locator('[data-test="finding-state"]', { hasText: '整改中' }).waitFor();
  await act(page, 'submit', '已补齐劝返台账，逐人核对');
  await page.locator('[data-test="finding-state"]', { hasText: '待核查' }).waitFor();
  await shot(page, 'units-town-finding-phone', { full: true });
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('the office sees the grade and downloads the 年终考核 XLSX', async () => {
  const page = await newPage(browser);
  await loginAt(page, '/units/grading', 'admin_dq', 'Dudao@2026');
  const table = tid(page, 'unit-ranking');
  await table.locator('tr', { hasText: '乾元镇人民政府' }).waitFor();
  assert.match(await table.locator('tr', { hasText: '乾元镇人民政府' }).innerText(), /优秀/);
  await shot(page, 'units-grading-desktop', { full: true });
  const [dl] = await Promise.all([page.waitForEvent('download'), tid(page, 'unit-export').click()]);
  assert.match(dl.suggestedFilename(), /年终考核/);
  const book = readXlsx(readFileSync(await dl.path()));
  assert.deepEqual(book.sheets.map((s) => s.name), ['考核结果', '问题清单']);
  const result = book.sheets[0].rows.find((r) => r[1] === '乾元镇人民政府');
  assert.ok(result, 'the town is in the results');
  assert.equal(result[5], 91);
  assert.equal(result[6], '优秀');
  const problem = book.sheets[1].rows.find((r) => r[1] === '控辍保学劝返台账不完整');
  assert.ok(problem, 'its finding is on the problem list');
  assert.equal(problem[3], '待核查');
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test("the town's account sees its own 督政 task on its home and opens it", async () => {
  const page = await newPage(browser, { phone: true });
  await loginAt(page, '/', 'unit_qy', 'Dudao@2026');
  await tid(page, 'unit-tasks').waitFor();
  const rows = tid(page, 'unit-tasks').locator('[data-test^="unit-task-"]');
  await rows.first().waitFor();
  assert.match(await tid(page, 'unit-tasks').innerText(), /乾元镇/);
  await shot(page, 'units-town-tasks-phone', { full: true });
  await rows.first().click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await page.getByText('乾元镇', { exact: false }).first().waitFor();
  await shot(page, 'units-town-task-detail-phone', { full: true });
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('the office addresses a 督办单 to the town; once signed and sent the town reads it on its phone', async () => {
  const page = await newPage(browser);
  await loginAt(page, '/supervision-decisions', 'admin_dq', 'Dudao@2026');
  await tid(page, 'dec-new').click();
  await tid(page, 'dec-to-unit').click();
  await tid(page, 'dec-unit').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '乾元镇人民政府' }).first().click();
  await input(page, 'dec-title').fill('关于控辍保学限期整改的督办单（e2e）');
  const form = tid(page, 'dec-form');
  await form.locator('input[placeholder]').nth(0).fill('补齐劝返台账');
  const due = new Date(Date.now() + 8 * 3600e3 + 10 * 86400e3).toISOString().slice(0, 10);
  const picker = form.locator('.el-date-editor input').first();
  await picker.fill(due);
  await picker.press('Enter');
  await shot(page, 'units-decision-new', { full: true });
  await page.locator('.el-dialog:visible .el-button--primary').last().click();
  const card = tid(page, 'dec-list').locator('[data-test^="dec-"]', { hasText: '关于控辍保学限期整改的督办单（e2e）' });
  await card.waitFor();
  assert.match(await card.innerText(), /乾元镇人民政府/);
  // a second person signs it off; the office sends it
  const api = await loginAs(server.base, 'admin_dq');
  const chief = await loginAs(server.base, (await createUser(api, { role: 'admin', region_code: '330521' })).username, GOOD_PASSWORD);
  const d = (await api.get('/api/v1/supervision-decisions')).json.items.find((x) => x.title === '关于控辍保学限期整改的督办单（e2e）');
  assert.equal((await chief.post(`/api/v1/supervision-decisions/${d.id}/sign`, {})).status, 200);
  assert.equal((await api.post(`/api/v1/supervision-decisions/${d.id}/send`, {})).status, 200);
  const phone = await newPage(browser, { phone: true });
  await loginAt(phone, '/supervision-decisions', townUser.username, GOOD_PASSWORD);
  await tid(phone, `dec-${d.id}`).waitFor();
  assert.match(await tid(phone, `dec-${d.id}`).innerText(), /补齐劝返台账/);
  await shot(phone, 'units-decision-town-phone', { full: true });
  assert.deepEqual(realErrors(page), []);
  assert.deepEqual(realErrors(phone), []);
  await page.context().close();
  await phone.context().close();
});
