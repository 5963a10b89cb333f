// 指标体系 in Chromium against the real server: a county admin finds the national built-ins,
// reads the 双减 checklist (veto marks, thresholds, applicability, filtered by 学段), creates
// its own framework, edits the tree (a new item, a rating, a veto item, a number with a
// threshold), sees a validation problem named at its indicator and fixes it, saves and
// publishes after a confirmation, and finds the published version frozen; then the viewer
// and the editor at phone width. Screenshots go to build/screenshots/frameworks-*.png.
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
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.jsErrors = errors;
  return page;
}

const input = (page, name) => page.locator(`input[data-test="${name}"], textarea[data-test="${name}"], [data-test="${name}"] input, [data-test="${name}"] textarea`).first();
const tid = (page, name) => page.locator(`[data-test="${name}"]`);
async function shot(page, name, { full = false } = {}) {
  await page.waitForTimeout(450);
  await page.screenshot({ path: `${SHOTS}/frameworks-${name}.png`, fullPage: full });
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

// Waits until the editor's live validation has answered after the last change.
async function settled(page) {
  await page.waitForTimeout(700);
  await page.waitForFunction(() => !/校验中/.test(document.querySelector('[data-test="editor-head"]')?.textContent || ''));
}

test('a county admin reads the built-ins, builds and publishes its own framework', async () => {
  const page = await newPage();
  await loginAt(page, '/frameworks', 'admin_dq');
  const table = tid(page, 'fw-table');
  await table.getByText('“双减”与“五项管理”督导检查表').waitFor();
  for (const name of ['挂牌督导经常性督导（月度）', '校园安全“四个100%”督导检查', '义务教育学校管理标准（学校自评）'])
    await table.getByText(name).waitFor();
  // the four national checklists and the two 督政 frameworks (镇(街), 部门)
  assert.equal(await table.getByText('国家内置').count(), 6);
  await shot(page, 'desktop-list');

  // The 双减 checklist: red lines marked, the 60-minute threshold, applicability; 初中 hides 小学 items.
  await table.getByText('“双减”与“五项管理”督导检查表').click();
  await page.waitForURL(/\/frameworks\/\d+/);
  const viewer = tid(page, 'fw-viewer');
  await viewer.locator('[data-code="SJ1.2"]').waitFor();
  assert.ok((await viewer.locator('[data-test="ind-veto"]').count()) >= 4);
  assert.match(await viewer.locator('[data-code="SJ1.3"]').innerText(), /≤ 60 分钟\/天/);
  assert.match(await viewer.locator('[data-code="SJ1.2"]').innerText(), /小学/);
  assert.match(await tid(page, 'fw-head').innerText(), /国家内置/);
  assert.equal(await tid(page, 'fw-new-version').count(), 0, 'a built-in offers no revision');
  await shot(page, 'desktop-viewer');

  // 试算: answers in the viewer are scored as a visit would be; a red line vetoes.
  await tid(page, 'fw-trial').click();
  const item = (code) => viewer.locator(`[data-code="${code}"] [data-test="trial-input"]`).first();
  await item('SJ1.1').getByText('达标', { exact: true }).click();
  await tid(page, 'trial-result').locator('.trial-total').waitFor();
  assert.match(await tid(page, 'trial-result').innerText(), /总分\s*100/);
  await item('SJ1.2').getByText('不达标', { exact: true }).click();
  await tid(page, 'trial-result').getByText('一票否决：SJ1.2').waitFor();
  assert.match(await tid(page, 'trial-result').innerText(), /不合格/);
  await item('SJ1.3').locator('input').fill('75');
  await item('SJ1.3').locator('input').press('Tab');
  await tid(page, 'trial-result').getByText('一票否决：SJ1.2、SJ1.3').waitFor();
  await shot(page, 'desktop-trial');
  await tid(page, 'fw-trial').click();
  await tid(page, 'fw-section').locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '初中' }).click();
  await viewer.locator('[data-code="SJ1.2"]').waitFor({ state: 'detached' });
  await viewer.locator('[data-code="SJ1.4"]').waitFor();

  // A new framework → the editor with one starter item.
  await page.goto(server.base + '/frameworks');
  await tid(page, 'fw-create').click();
  await input(page, 'fw-new-code').fill('dq-e2e');
  await input(page, 'fw-new-name').fill('德清县学校日常检查');
  await tid(page, 'fw-new-save').click();
  await page.waitForURL(/\/framework-versions\/\d+\/edit/);
  await tid(page, 'tnode-A1.1').waitFor();
  await settled(page);
  await tid(page, 'editor-valid').waitFor();

  // The category's text, then the item: a rating with the default levels, a veto, a photo on failure.
  await tid(page, 'tnode-A1').click();
  await input(page, 'nf-text').fill('校园安全');
  await tid(page, 'tnode-A1.1').click();
  await input(page, 'nf-text').fill('消防通道畅通，无堵塞');
  await input(page, 'nf-guidance').fill('校园巡视，查看各楼层消防通道');
  await tid(page, 'nf-veto').click();
  await tid(page, 'nf-ev-photo').click();
  // A sibling: a number with a threshold.
  await tid(page, 'nt-sibling').click();
  await tid(page, 'tnode-A1.2').waitFor();
  await input(page, 'nf-text').fill('书面作业平均完成时间');
  await tid(page, 'nf-kind').getByText('数值').click();
  await input(page, 'nf-unit').fill('分钟');
  await tid(page, 'nf-threshold-on').click();
  await input(page, 'nf-threshold').fill('60');
  await input(page, 'nf-threshold').press('Tab');
  // Another: a score without a maximum is a problem named at its indicator.
  await tid(page, 'nt-sibling').click();
  await tid(page, 'tnode-A1.3').waitFor();
  await input(page, 'nf-text').fill('作业公示');
  await tid(page, 'nf-kind').getByText('评分').click();
  await input(page, 'nf-max').fill('');
  await input(page, 'nf-max').press('Tab');
  await settled(page);
  await tid(page, 'editor-issue-count').waitFor();
  await page.locator('.tnode.bad', { hasText: 'A1.3' }).waitFor();
  assert.match(await tid(page, 'editor-form').innerText(), /评分题需要满分/);
  await shot(page, 'desktop-editor-problem');
  await input(page, 'nf-max').fill('10');
  await input(page, 'nf-max').press('Tab');
  await settled(page);
  await tid(page, 'editor-valid').waitFor();
  // A rating item with the default four levels.
  await tid(page, 'nt-sibling').click();
  await tid(page, 'tnode-A1.4').waitFor();
  await input(page, 'nf-text').fill('门卫值守');
  await tid(page, 'nf-kind').getByText('评级').click();
  await tid(page, 'nf-options').locator('.el-color-picker').first().waitFor();
  await settled(page);
  await tid(page, 'editor-valid').waitFor();
  await tid(page, 'editor-save').click();
  await page.getByText('已保存').waitFor();
  await tid(page, 'editor-dirty').waitFor({ state: 'detached' });
  await shot(page, 'desktop-editor');

  // Publish with confirmation → the framework page, version 1 published and frozen.
  await tid(page, 'editor-publish').click();
  await page.locator('.el-message-box').getByText('发布后冻结不能再修改').waitFor();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForURL(/\/frameworks\/\d+\?v=\d+/);
  await tid(page, 'fw-versions').getByText('已发布').waitFor();
  const viewer2 = tid(page, 'fw-viewer');
  await viewer2.locator('[data-code="A1.1"]').getByText('一票否决').waitFor();
  assert.match(await viewer2.locator('[data-code="A1.2"]').innerText(), /≤ 60 分钟/);
  assert.match(await viewer2.locator('[data-code="A1.4"]').innerText(), /较好/);
  await tid(page, 'fw-new-version').waitFor();
  await shot(page, 'desktop-published');

  // Revising makes version 2 as a draft in the editor.
  await tid(page, 'fw-new-version').click();
  await page.waitForURL(/\/framework-versions\/\d+\/edit/);
  assert.match(await tid(page, 'editor-head').innerText(), /v2 草稿/);
  await tid(page, 'tnode-A1.4').click();
  await tid(page, 'nt-sibling').click();
  await tid(page, 'tnode-A1.5').waitFor();
  await input(page, 'nf-text').fill('食堂留样');
  await settled(page);
  await tid(page, 'editor-valid').waitFor();
  await tid(page, 'editor-publish').click();
  await page.locator('.el-message-box').getByText('与第 1 版相比：新增 1 项，修改 0 项，删除 0 项').waitFor();
  await shot(page, 'desktop-publish-confirm');
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForURL(/\/frameworks\/\d+\?v=\d+/);
  const diff = tid(page, 'fw-diff');
  await diff.getByText('与第 1 版相比').waitFor();
  assert.match(await diff.innerText(), /新增\s*A1\.5 食堂留样/);
  assert.deepEqual(await tid(page, 'fw-versions').locator('.el-tag').allInnerTexts(), ['已发布', '已停用']);
  await shot(page, 'desktop-diff');
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('phone: an inspector reads a framework; an admin edits a draft', async () => {
  const page = await newPage({ phone: true });
  await loginAt(page, '/frameworks', 'inspector');
  await tid(page, 'fw-table').getByText('校园安全“四个100%”督导检查').waitFor();
  assert.equal(await tid(page, 'fw-create').count(), 0, 'inspectors do not create frameworks');
  await shot(page, 'phone-list');
  await tid(page, 'fw-table').getByText('校园安全“四个100%”督导检查').click();
  await tid(page, 'fw-viewer').locator('[data-code="CS4.1"]').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 375 px (${overflow})`);
  await shot(page, 'phone-viewer');
  await tid(page, 'fw-viewer').scrollIntoViewIfNeeded();
  await shot(page, 'phone-viewer-tree');
  await tid(page, 'fw-trial').click();
  await tid(page, 'fw-viewer').locator('[data-code="CS1.1"] [data-test="trial-input"]').getByText('不达标', { exact: true }).click();
  await tid(page, 'trial-result').getByText('一票否决：CS1.1').waitFor();
  const overflow3 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow3 <= 1, `no sideways scrolling while trying scores (${overflow3})`);
  await shot(page, 'phone-trial');
  await page.context().close();

  const admin = await newPage({ phone: true });
  await loginAt(admin, '/frameworks', 'admin_dq');
  await tid(admin, 'fw-table').getByText('德清县责任督学月度督导记录表').click();
  await admin.waitForURL(/\/frameworks\/\d+/);
  await tid(admin, 'fw-edit-draft').click();
  await admin.waitForURL(/\/edit$/);
  await tid(admin, 'tnode-R9').waitFor();
  await shot(admin, 'phone-editor-tree');
  await tid(admin, 'tnode-R9').click();
  await tid(admin, 'editor-form').waitFor({ state: 'visible' });
  await input(admin, 'nf-text').waitFor();
  const overflow2 = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 1, `no sideways scrolling in the editor at 375 px (${overflow2})`);
  await shot(admin, 'phone-editor-form');
  assert.deepEqual(realErrors(admin), []);
  await admin.context().close();
});
