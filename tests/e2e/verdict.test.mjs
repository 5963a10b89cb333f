// The whole 均衡 verdict in Chromium (issue 13): the county office opens its county page and
// sees the four parts (资源配置, 政府保障程度, 教育质量, 社会认可度) with their items, enters
// 特教生均公用经费 with a document attached; the city office approves it on the same page and the
// item reads 达标 with its value; the ranking shows the whole verdict beside 资源配置. Desktop and
// phone screenshots go to build/screenshots/verdict-*.png for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, input, tid, shot, login } from '../lib/browser.mjs';

const PASSWORD = 'Dudao@2026';
const DQ = '330521';
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

const realErrors = (page) => page.jsErrors.filter((e) => !/status of 40[0134]|status of 409|Failed to load resource/.test(e));

async function openCounty(page, username) {
  const path = `/balance/county?county_code=${DQ}&school_year=2025`;
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await login(page, username, PASSWORD);
  await page.waitForURL((u) => u.pathname === '/balance/county');
  await tid(page, 'vd-parts').waitFor();
}

test('the county page shows the four parts with their items; the county enters, the city approves', async () => {
  const page = await newPage(browser);
  await openCounty(page, 'admin_dq');
  const parts = tid(page, 'vd-parts');
  for (const [key, label] of [['resources', '资源配置'], ['guarantee', '政府保障程度'], ['education', '教育质量'], ['recognition', '社会认可度']])
    assert.match(await tid(page, 'vd-part-' + key).innerText(), new RegExp(label));
  assert.match(await tid(page, 'vd-part-resources').innerText(), /达标/);
  assert.match(await tid(page, 'vd-part-guarantee').innerText(), /15 项/);
  assert.match(await tid(page, 'vd-part-education').innerText(), /9 项/);
  assert.match(await tid(page, 'vd-part-recognition').innerText(), /无法评估/);
  assert.match(await tid(page, 'vd-status').innerText(), /未达标/, '德清 fails g9 on its own statistics');
  assert.ok(await parts.isVisible());
  // the 政府保障程度 items
  await tid(page, 'vd-section-guarantee').locator('.el-collapse-item__header').click();
  await tid(page, 'vd-item-g15').waitFor();
  assert.match(await tid(page, 'vd-item-g9').innerText(), /未达标[\s\S]*5年360学时/);
  assert.match(await tid(page, 'vd-item-g7').innerText(), /6000元[\s\S]*佐证材料/);
  await shot(page, 'verdict-desktop-county', { full: true });
  // the county enters 特教生均公用经费 with its evidence
  await tid(page, 'vd-enter-g7').click();
  const dlg = tid(page, 'vd-dialog');
  await input(page, 'vd-input-value').fill('6500');
  const dir = mkdtempSync(join(tmpdir(), 'vd-'));
  const file = join(dir, '特教经费拨付凭证.pdf');
  writeFileSync(file, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await page.locator('[data-test="vd-file"]').setInputFiles(file);
  await dlg.getByText('特教经费拨付凭证.pdf').waitFor();
  await shot(page, 'verdict-desktop-entry');
  await tid(page, 'vd-submit').click();
  await page.waitForFunction(() => /待市级审核/.test(document.querySelector('[data-test="vd-item-g7"]').innerText));
  assert.match(await tid(page, 'vd-item-g7').innerText(), /无法评估[\s\S]*待市级审核[\s\S]*附件 1 份/);
  assert.equal(await tid(page, 'vd-approve-g7').count(), 0, 'the county does not check itself');
  assert.deepEqual(realErrors(page), []);
  await page.context().close();

  // the city approves it on the same page
  const city = await newPage(browser);
  await openCounty(city, 'admin');
  await tid(city, 'vd-section-guarantee').locator('.el-collapse-item__header').click();
  await tid(city, 'vd-approve-g7').click();
  await city.waitForFunction(() => /市级已审核通过/.test(document.querySelector('[data-test="vd-item-g7"]').innerText));
  assert.match(await tid(city, 'vd-item-g7').innerText(), /达标[\s\S]*6500元/);
  assert.equal(await tid(city, 'vd-enter-g7').count(), 0, 'the city does not enter county items');
  // the simulation is one click away; 德清 still fails g9 there
  await tid(city, 'vd-mode').getByText('模拟').click();
  await city.locator('[data-test="vd-mode"] .is-active', { hasText: '模拟' }).waitFor();
  await city.waitForFunction(() => !document.querySelector('[data-test="bal-full-verdict"] .el-loading-mask'));
  assert.match(await tid(city, 'vd-status').innerText(), /未达标/);
  // the plan to pass lists the other parts too, with who must act
  await city.goto(server.base + `/balance/plan?county_code=${DQ}&school_year=2025`);
  await tid(city, 'plan-other-g9').waitFor();
  assert.match(await tid(city, 'plan-other-g9').innerText(), /未达标[\s\S]*5年360学时[\s\S]*县级人民政府/);
  assert.match(await tid(city, 'plan-other-s1').innerText(), /无法评估[\s\S]*县督导室填报/);
  await shot(city, 'verdict-desktop-plan', { full: true });
  // the ranking: the whole verdict beside 资源配置
  await city.goto(server.base + '/balance');
  await tid(city, 'bal-whole-330521').waitFor();
  assert.match(await tid(city, 'bal-whole-330521').innerText(), /未达标/);
  await shot(city, 'verdict-desktop-ranking');
  assert.deepEqual(realErrors(city), []);
  await city.context().close();
});

test('the county page at phone width', async () => {
  const phone = await newPage(browser, { phone: true });
  await openCounty(phone, 'admin');
  await tid(phone, 'vd-section-education').locator('.el-collapse-item__header').click();
  await tid(phone, 'vd-item-e9').waitFor();
  assert.match(await tid(phone, 'vd-item-e9').innerText(), /校际差异率/);
  await tid(phone, 'vd-parts').scrollIntoViewIfNeeded();
  await shot(phone, 'verdict-phone-county');
  await tid(phone, 'vd-item-e9').scrollIntoViewIfNeeded();
  await shot(phone, 'verdict-phone-items');
  const box = await tid(phone, 'bal-full-verdict').boundingBox();
  assert.ok(box.width <= 390, `the verdict card fits the phone (${box.width})`);
  assert.deepEqual(realErrors(phone), []);
  await phone.context().close();
});
