// 义务教育均衡发展 in Chromium against the real server: the city admin opens the ranking, the
// failing demo county, sees which schools and indicators fail (the heat table's marked
// cells, the CV over its limit), opens the plan, applies one suggested change in the what-if
// and sees the CV move; then edits a value by hand; the school account opens its own page and
// its statistics form, where a bad value is refused under the field it names. Desktop and
// phone screenshots go to build/screenshots/balance-*.png for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = resolve(root, 'build/screenshots');
const PASSWORD = 'Dudao@2026';

let server;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

async function newPage({ phone = false } = {}) {
  const context = await browser.newContext({
    viewport: phone ? { width: 375, height: 800 } : { width: 1366, height: 800 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.jsErrors = errors;
  return page;
}

const input = (page, name) => page.locator(`input[data-test="${name}"], textarea[data-test="${name}"], [data-test="${name}"] input`).first();
const tid = (page, name) => page.locator(`[data-test="${name}"]`);
async function shot(page, name, { full = false } = {}) {
  await page.waitForTimeout(600); // charts animate in
  await page.screenshot({ path: `${SHOTS}/balance-${name}.png`, fullPage: full });
}
function realErrors(page) {
  return page.jsErrors.filter((e) => !/status of 40[0134]|status of 409|Failed to load resource/.test(e));
}

async function loginAt(page, path, username) {
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(PASSWORD);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
}

const cvOf = async (page, section, key) => Number(await tid(page, `wi-cv-${section}-${key}`).getAttribute('data-cv'));

test('the admin finds the failing county, opens the plan, applies a change in the what-if and sees the CV move', async () => {
  const page = await newPage();
  await loginAt(page, '/balance', 'admin');
  // the ranking: 德清 first and passing, 长兴 second and failing
  await tid(page, 'bal-rank-330522').waitFor();
  const rows = await page.locator('[data-test="bal-ranking"] .el-table__body tr').allInnerTexts();
  assert.match(rows[0], /德清县[\s\S]*达标/);
  assert.match(rows[1], /长兴县[\s\S]*未达标/);
  await shot(page, 'desktop-ranking');

  // the failing county
  await tid(page, 'bal-rank-330522').click();
  await page.waitForURL(/\/balance\/county\?.*county_code=330522/);
  await tid(page, 'bal-verdict-quality').waitFor();
  assert.match(await tid(page, 'bal-verdict-quality').innerText(), /未达标/);
  assert.match(await tid(page, 'bal-verdict-basic').innerText(), /达标/);
  assert.ok(Number(await tid(page, 'bal-n-failing').innerText()) >= 3);
  // 小学: the failing schools lead the heat table, their short cells marked
  const primaryFail = page.locator('[data-test="bal-heat"] .el-table__body tr', { hasText: '泗安镇九年一贯制学校' }).first();
  await primaryFail.waitFor();
  assert.ok(await primaryFail.locator('.heat-cell.fail').count() >= 1, 'the sports ground below 85 % is marked');
  await shot(page, 'desktop-county-primary', { full: true });
  // 初中: the equipment CV is over 0.45 and 和平镇初级中学 fails on equipment
  await page.locator('[data-test="bal-section"] label', { hasText: '初中' }).click();
  await page.waitForFunction(() => /0\.45/.test(document.querySelector('[data-test="bal-cv-card"]')?.textContent || ''));
  const q6 = await tid(page, 'bal-cv-q6').innerText();
  const baseCv = Number(q6.match(/([\d.]+)$/)[1]);
  assert.ok(baseCv > 0.45, q6);
  assert.match(await tid(page, 'bal-cv-q6').getAttribute('class'), /bad/);
  const heping = page.locator('[data-test="bal-heat"] .el-table__body tr', { hasText: '和平镇初级中学' }).first();
  assert.equal(await heping.locator('.heat-cell.fail').count(), 1);
  await shot(page, 'desktop-county-junior', { full: true });

  // the plan: every school listed with its additions and costs; after them the county passes
  await tid(page, 'bal-open-plan').click();
  await page.waitForURL(/\/balance\/plan/);
  await tid(page, 'plan-summary').waitFor();
  assert.match(await tid(page, 'plan-after').innerText(), /全部达标/);
  assert.match(await tid(page, 'plan-total').innerText(), /万元/);
  await shot(page, 'desktop-plan', { full: true });

  // one suggested change: 和平镇初级中学's equipment, tried in the what-if
  const tryBtn = page.locator('[data-test^="plan-school-"]', { hasText: '和平镇初级中学' }).locator('[data-test$="-equipment_value"]');
  await tryBtn.click();
  await page.waitForURL(/\/balance\/whatif/);
  await tid(page, 'wi-change').first().waitFor();
  assert.equal(await tid(page, 'wi-change').count(), 1);
  await page.waitForFunction((b) => {
    const el = document.querySelector('[data-test="wi-cv-junior-q6"]');
    return el && Math.abs(Number(el.getAttribute('data-cv')) - b) > 1e-3;
  }, baseCv);
  const moved = await cvOf(page, 'junior', 'q6');
  assert.ok(moved < baseCv, `the equipment CV moved from ${baseCv} to ${moved}`);
  assert.match(await tid(page, 'wi-cv-junior-q6').getAttribute('class'), /moved/);
  assert.match(await tid(page, 'wi-verdicts').innerText(), /初中[\s\S]*→/);
  await shot(page, 'desktop-whatif');

  // by hand: the well-funded county school's equipment down to the others' level; the CV falls again
  await tid(page, 'wi-school').locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '长兴县第一中学' }).click();
  const field = input(page, 'wi-field-equipment_value');
  await field.waitFor();
  await field.fill('5000000');
  await field.press('Tab');
  await page.waitForFunction((b) => {
    const el = document.querySelector('[data-test="wi-cv-junior-q6"]');
    return el && Number(el.getAttribute('data-cv')) < b - 0.05;
  }, moved);
  assert.equal(await tid(page, 'wi-change').count(), 2);
  assert.match(await tid(page, 'wi-cv-junior-q6').getAttribute('class'), /moved/);
  await shot(page, 'desktop-whatif-edited', { full: true });
  // nothing was written: the county page still shows the stored CV
  const stored = await page.evaluate(async () => (await (await fetch('/api/v1/balance/evaluation?county_code=330522')).json())
    .sections.find((s) => s.section === 'junior').quality.cv.find((c) => c.key === 'q6').cv);
  assert.ok(Math.abs(stored - baseCv) < 1e-3);
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('data checks and completeness; the county and what-if pages at phone width', async () => {
  const page = await newPage();
  await loginAt(page, '/balance/data', 'admin_dq');
  await tid(page, 'comp-330521').waitFor();
  await page.locator('.el-tabs__item', { hasText: '数据核查' }).click();
  await tid(page, 'data-checks').waitFor();
  const jumpRow = page.locator('[data-test="data-checks"] .el-table__body tr', { hasText: '图书册数' }).first();
  await jumpRow.waitFor();
  await jumpRow.locator('[data-test^="check-confirm-"]').click();
  await input(page, 'check-note').fill('新建图书馆投入使用');
  await tid(page, 'check-confirm-ok').click();
  await page.locator('[data-test="data-checks"] .el-table__body tr', { hasText: '新建图书馆投入使用' }).waitFor();
  await shot(page, 'desktop-checks');
  assert.deepEqual(realErrors(page), []);
  await page.context().close();

  const phone = await newPage({ phone: true });
  await loginAt(phone, '/balance/county', 'admin');
  await tid(phone, 'bal-verdict-quality').waitFor();
  await shot(phone, 'phone-county');
  await tid(phone, 'bal-heat').scrollIntoViewIfNeeded();
  await shot(phone, 'phone-county-heat');
  await phone.goto(`${server.base}/balance/whatif?county_code=330522`);
  await tid(phone, 'wi-form').waitFor();
  await shot(phone, 'phone-whatif');
  await tid(phone, 'wi-result').scrollIntoViewIfNeeded();
  await shot(phone, 'phone-whatif-result');
  await phone.goto(`${server.base}/balance/plan?county_code=330522`);
  await tid(phone, 'plan-summary').waitFor();
  await shot(phone, 'phone-plan');
  assert.deepEqual(realErrors(phone), []);
  await phone.context().close();
});

test('the school account: its own indicators, and its statistics form refuses a bad value under the field', async () => {
  const page = await newPage();
  await loginAt(page, '/balance/mine', 'school');
  await tid(page, 'school-sec-primary').waitFor();
  assert.match(await tid(page, 'school-sec-primary').innerText(), /每百名学生拥有高于规定学历教师数/);
  await shot(page, 'desktop-school');
  await page.goto(`${server.base}/balance/stats`);
  await tid(page, 'stats-form').waitFor();
  const teachers = Number(await input(page, 'stat-p_teachers').inputValue());
  const above = input(page, 'stat-p_teachers_above_degree');
  await above.fill(String(teachers + 5));
  await above.press('Tab');
  await tid(page, 'stats-save').click();
  const item = page.locator('[data-field="p_teachers_above_degree"]');
  await item.locator('.el-form-item__error').waitFor();
  assert.match(await item.locator('.el-form-item__error').innerText(), /不能多于/);
  await shot(page, 'desktop-stats-error');
  await page.context().close();
  const phone = await newPage({ phone: true });
  await loginAt(phone, '/balance/stats', 'school');
  await tid(phone, 'stats-form').waitFor();
  await shot(phone, 'phone-stats');
  await phone.context().close();
});

test('the rules in force with their sources; the city admin uploads an override (a bad one is refused naming the key) and removes it', async () => {
  const page = await newPage();
  await loginAt(page, '/balance/rules', 'admin');
  await tid(page, 'rules-values').waitFor();
  await input(page, 'rules-filter').fill('composite');
  const row = tid(page, 'rules-values').locator('tr', { hasText: 'basic.composite_limit.primary' });
  await assert.doesNotReject(row.waitFor());
  assert.match(await row.innerText(), /0\.65[\s\S]*national/);
  await tid(page, 'rules-upload').click();
  const doc = input(page, 'rules-document');
  await doc.fill(JSON.stringify({ standard: 'basic', version: '2012', jurisdiction: '330500', composite_limit: { primary: 3 } }));
  await tid(page, 'rules-save').click();
  await tid(page, 'rules-error').waitFor();
  assert.match(await tid(page, 'rules-error').innerText(), /document\.composite_limit\.primary/);
  await doc.fill(JSON.stringify({ standard: 'basic', version: '2012', jurisdiction: '330500', composite_limit: { primary: 0.6 } }));
  await tid(page, 'rules-save').click();
  await tid(page, 'override-330500-basic').waitFor();
  await page.waitForFunction(() => /0\.6\b/.test(document.querySelector('[data-test="rules-values"]').innerText));
  assert.match(await row.innerText(), /0\.6[\s\S]*330500/);
  await shot(page, 'rules');
  const phone = await newPage({ phone: true });
  await loginAt(phone, '/balance/rules', 'admin');
  await tid(phone, 'rules-overrides').waitFor();
  await shot(phone, 'rules-phone');
  await tid(page, 'override-remove-330500-basic').click();
  await page.locator('.el-message-box .el-button--primary').click();
  await tid(page, 'override-330500-basic').waitFor({ state: 'detached' });
  assert.match(await row.innerText(), /0\.65[\s\S]*national/);
  assert.deepEqual(realErrors(page), []);
  assert.deepEqual(realErrors(phone), []);
  await page.context().close();
  await phone.context().close();
});
