// 双随机一公开 in Chromium at phone width against the real server: the county admin plans a draw
// from the two pools on the 双随机 page, publishes the seed hash, reveals and draws; the result
// lists ⌈n × 5 %⌉ schools with their inspectors; the public page (no login) shows the draw with
// its hash and seed; the 风险分组 list shows the three classes. Screenshots go to
// build/screenshots/draws-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, input, tid, shot, login } from '../lib/browser.mjs';
import { loginAs } from '../api/client.mjs';

const PASSWORD = 'Dudao@2026';
let server, browser, nSchools;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await loginAs(server.base, 'admin_dq');
  nSchools = (await api.get('/api/v1/schools?page_size=200')).json.items.length;
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

function realErrors(page) {
  return page.jsErrors.filter((e) => !/status of 40[0134]|Failed to load resource/.test(e));
}

test('a draw planned, committed, revealed and published, at phone width', async () => {
  const page = await newPage(browser, { phone: true });
  await page.goto(`${server.base}/draws`);
  await page.waitForURL(/\/login/);
  await login(page, 'admin_dq', PASSWORD);
  await page.waitForURL((u) => u.pathname === '/draws');
  await tid(page, 'new-draw').click();
  await input(page, 'title').fill('春季规范办学双随机抽查');
  await tid(page, 'all-schools').click();
  await tid(page, 'all-inspectors').click();
  await shot(page, 'draws-phone-new');
  await tid(page, 'create').click();
  await tid(page, 'commit').click();
  await tid(page, 'seed-hash').waitFor();
  const hash = (await tid(page, 'seed-hash').innerText()).trim();
  assert.match(hash, /^[0-9a-f]{64}$/);
  await tid(page, 'reveal').click();
  await tid(page, 'seed').waitFor();
  const seed = (await tid(page, 'seed').innerText()).trim();
  assert.equal(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'), hash);
  const rows = await page.locator('[data-test="result"] li').allInnerTexts();
  assert.equal(rows.length, Math.ceil((nSchools * 5) / 100));
  for (const r of rows) assert.match(r, /：.+、.+/, 'two inspectors per school');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  await shot(page, 'draws-phone-result', { full: true });

  await page.goto(`${server.base}/draws/risk`);
  await tid(page, 'risk-table').waitFor();
  assert.match(await page.innerText('body'), /重点难点[\s\S]*存在问题[\s\S]*落实到位/);
  await shot(page, 'draws-phone-risk', { full: true });
  await page.goto(`${server.base}/draws/followup`);
  await tid(page, 'new-draw').click();
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForFunction(() => /符合规则的已销号问题 [1-9]\d* 条/.test(document.body.innerText));
  await shot(page, 'draws-phone-followup');
  assert.deepEqual(realErrors(page), []);

  const pub = await newPage(browser, { phone: true });
  await pub.goto(`${server.base}/public/draws`);
  await tid(pub, 'public-draw').first().waitFor();
  const text = await tid(pub, 'public-draw').first().innerText();
  assert.match(text, /春季规范办学双随机抽查/);
  assert.ok(text.includes(hash) && text.includes(seed));
  // the drawn schools by name, with the ids the re-run uses
  const first = await tid(pub, 'public-draw').first().locator('[data-test="public-draw-target"]').first().innerText();
  assert.match(first, /[\u4e00-\u9fa5]+.*（#\d+）/);
  await shot(pub, 'draws-phone-public', { full: true });
  assert.deepEqual(realErrors(pub), []);
});

test('a 双随机 of 被督导单位: towns and departments drawn with their inspectors, named on the result', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/draws`);
  await page.waitForURL(/\/login/);
  await login(page, 'admin_dq', PASSWORD);
  await page.waitForURL((u) => u.pathname === '/draws');
  await tid(page, 'new-draw').click();
  await input(page, 'title').fill('镇街履行教育职责双随机督政（e2e）');
  await tid(page, 'target-kind-unit').click();
  await tid(page, 'all-units').click();
  await tid(page, 'all-inspectors').click();
  await tid(page, 'create').click();
  await tid(page, 'commit').click();
  await tid(page, 'seed-hash').waitFor();
  await tid(page, 'reveal').click();
  await tid(page, 'seed').waitFor();
  const rows = await page.locator('[data-test="result"] li').allInnerTexts();
  assert.ok(rows.length >= 1);
  for (const r of rows) assert.match(r, /(镇|街道|局|办)/, `a unit is named: ${r}`);
  await shot(page, 'draws-desktop-units', { full: true });
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('a stratified draw: a share of each risk class, shown with what each class gave', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/draws`);
  await page.waitForURL(/\/login/);
  await login(page, 'admin_dq', PASSWORD);
  await page.waitForURL((u) => u.pathname === '/draws');
  await tid(page, 'new-draw').click();
  await input(page, 'title').fill('分层双随机抽查（e2e）');
  await tid(page, 'all-schools').click();
  await tid(page, 'all-inspectors').click();
  await tid(page, 'mode-strata').click();
  await tid(page, 'strata').waitFor();
  await input(page, 'strata-ok').fill('10');
  await input(page, 'strata-ok').press('Tab');
  await tid(page, 'create').click();
  await tid(page, 'commit').click();
  await tid(page, 'seed-hash').waitFor();
  await tid(page, 'draw-strata').getByText('落实到位 10%').waitFor();
  await tid(page, 'reveal').click();
  await tid(page, 'seed').waitFor();
  const strata = await tid(page, 'draw-strata').innerText();
  const k = [...strata.matchAll(/（(\d+)\/(\d+)）/g)].map((m) => Number(m[1])).reduce((a, b) => a + b, 0);
  const rows = await page.locator('[data-test="result"] li').allInnerTexts();
  assert.equal(rows.length, k, `the result lists the strata's total: ${strata}`);
  await shot(page, 'draws-desktop-strata', { full: true });
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});
