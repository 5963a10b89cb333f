// 质量监测 in Chromium against the real server: the county admin's results are imported over the
// API, then the monitoring page shows 数学's differences across the schools (chart and table,
// ‡ for the suppressed ones), the declared 校际差异率 with its formula, the weak dimension, and
// a 整改方案 made from it that lands in the plans tab with its finding. Desktop and phone
// screenshots go to build/screenshots/monitoring-*.png for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { xlsx } from '../lib/xlsx.mjs';
import { launchBrowser, newPage, input, tid, shot, login } from '../lib/browser.mjs';
import { loginAs } from '../api/client.mjs';

const PASSWORD = 'Dudao@2026';
const DQ = '330521';
const HEAD = ['监测年度', '来源', '学科', '年级', '区划代码', '学校标识码', '维度', '学生数', '平均量尺分',
  '水平Ⅰ(%)', '水平Ⅱ(%)', '水平Ⅲ(%)', '水平Ⅳ(%)', '校际差异', '数据可靠性'];
const MEANS = [520, 500, 480, 540, 460, 300, 610, 495];
const NS = [120, 100, 80, 150, 90, 30, 140, 110];

let server, browser, schools;

function row(v) { return HEAD.map((h) => (v[h] === undefined ? '' : String(v[h]))); }
const lv = (a, b, c, d) => ({ '水平Ⅰ(%)': a, '水平Ⅱ(%)': b, '水平Ⅲ(%)': c, '水平Ⅳ(%)': d });

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await loginAs(server.base, 'admin_dq');
  schools = (await api.get('/api/v1/schools?page_size=200')).json.items.filter((s) => s.status !== 'closed' && s.type_code === '211').slice(0, 8);
  const base = { 监测年度: 2024, 来源: '国家', 学科: '数学', 年级: 4, 区划代码: DQ };
  const rows = [HEAD,
    row({ ...base, 学生数: 820, 平均量尺分: 505, ...lv(10, 25, 40, 25), 校际差异: 0.12 }),
    row({ ...base, 维度: '数与代数', 学生数: 820, 平均量尺分: 470, ...lv(25, 35, 30, 10) }),
    row({ ...base, 维度: '图形与几何', 学生数: 820, 平均量尺分: 515, ...lv(8, 22, 45, 25) }),
    row({ ...base, 学科: '语文', 学生数: 820, 平均量尺分: 530, ...lv(5, 20, 45, 30) }),
    row({ ...base, 监测年度: 2021, 学生数: 800, 平均量尺分: 496, ...lv(14, 28, 38, 20) }),
    ...schools.map((s, i) => row({ ...base, 来源: '省', 学校标识码: s.code, 学生数: NS[i], 平均量尺分: MEANS[i],
      ...(i === 2 ? lv(30, 30, 25, 15) : lv(10, 30, 40, 20)) })),
  ];
  const r = await api.req('POST', '/api/v1/monitoring/imports', { raw: xlsx(rows), contentType: 'application/octet-stream' });
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
  return page.jsErrors.filter((e) => !/status of 40[0134]|Failed to load resource/.test(e));
}

async function open(page) {
  await page.goto(`${server.base}/monitoring`);
  await page.waitForURL(/\/login/);
  await login(page, 'admin_dq', PASSWORD);
  await page.waitForURL((u) => u.pathname === '/monitoring');
  await tid(page, 'mon-schools').waitFor();
}

test('the monitoring page shows a subject\'s differences across schools and turns a weak dimension into a plan', async () => {
  const page = await newPage(browser);
  await open(page);
  const rows = await page.locator('[data-test="mon-schools"] .el-table__body tr').allInnerTexts();
  assert.equal(rows.length, schools.length);
  const text = rows.join('\n');
  assert.match(text, new RegExp(`${schools[3].name}[\\s\\S]*540\\.0`));
  assert.match(rows.find((x) => x.includes(schools[5].name)), /‡/, 'the school of 30 students is suppressed');
  assert.match(rows.find((x) => x.includes(schools[2].name)), /薄弱/);
  await page.locator('[data-test="mon-schools-chart"] canvas').first().waitFor(); // the chart is drawn
  const diff = await tid(page, 'mon-diff').innerText();
  assert.match(diff, /加权标准差/);
  assert.match(diff, /国家未公布/);
  assert.match(await tid(page, 'mon-diff-computed').innerText(), /^0\.\d{4}$/);
  assert.match(await tid(page, 'mon-item39').innerText(), /达到|未达到/);
  await shot(page, 'monitoring-desktop-schools', { full: true });

  // the weak dimension → a plan for the county → the plans tab lists it with its finding
  await page.locator('.el-tabs__item', { hasText: '维度' }).click();
  const dims = await tid(page, 'mon-dimensions').innerText();
  assert.match(dims, /数与代数[\s\S]*薄弱/);
  await tid(page, 'mon-plan-数与代数').click();
  await input(page, 'mon-measures').fill('开展数与代数专题教研，分层作业');
  await shot(page, 'monitoring-desktop-plan-dialog');
  await tid(page, 'mon-plan-create').click();
  await tid(page, 'mon-plans').waitFor();
  const plan = await tid(page, 'mon-plans').innerText();
  assert.match(plan, /全县[\s\S]*数与代数[\s\S]*40\.0%[\s\S]*未复测[\s\S]*#\d+/);
  await shot(page, 'monitoring-desktop-plans');

  // the subjects and cycles tab draws both charts
  await page.locator('.el-tabs__item', { hasText: '各学科' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.el-tab-pane canvas').length >= 2);
  await shot(page, 'monitoring-desktop-subjects');
  assert.deepEqual(realErrors(page), []);
});

test('the page works at phone width', async () => {
  const page = await newPage(browser, { phone: true });
  await open(page);
  const rows = await page.locator('[data-test="mon-schools"] .el-table__body tr').count();
  assert.equal(rows, schools.length);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  await shot(page, 'monitoring-phone-schools', { full: true });
  assert.deepEqual(realErrors(page), []);
});
