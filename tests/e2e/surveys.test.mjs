// 满意度调查 in Chromium: a 学生评教 round (created through the API as the office would in its
// page) → on a phone, a slip's URL opens the questionnaire; a missing answer is named; every
// kind of question is answered (single, matrix, number, multiple, a text shown by skip logic,
// Likert), submitted; the same code is then refused → the office sees the progress per cell and
// the results, downloads the PDF report (pdftotext) and the XLSX (read back).
// Screenshots: build/screenshots/surveys-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage as newBrowserPage, tid, shot as takeShot, login } from '../lib/browser.mjs';
import { readXlsx } from '../lib/xlsx_read.mjs';
import { loginAs } from '../api/client.mjs';

let server, browser, roundId, code;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await loginAs(server.base, 'admin_dq');
  const forms = await admin.get('/api/v1/surveys/forms');
  const vid = forms.json.items.find((x) => x.code === 'student-rates-teaching').id;
  const school = (await admin.get('/api/v1/schools?page_size=1')).json.items[0];
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const r = await admin.post('/api/v1/surveys/rounds', {
    title: '2026 年秋季学生评教', form_version_id: vid, opens_on: today, closes_on: today,
    cells: [{ group: 'student', school_id: school.id, stratum: '初中', quota: 3 }],
  });
  assert.equal(r.status, 201, r.text);
  roundId = r.json.id;
  const res = await fetch(`${server.base}/api/v1/surveys/rounds/${roundId}/codes`, { headers: { cookie: `dudao_session=${admin.cookie}` } });
  code = readXlsx(Buffer.from(await res.arrayBuffer()))[1][0];
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

const shot = (page, name, opts) => takeShot(page, `surveys-${name}`, opts);

test('a phone answers every kind of question once; the code is refused afterwards', async () => {
  const page = await newBrowserPage(browser, { phone: true });
  await page.goto(`${server.base}/survey/${code}`);
  await tid(page, 'q-T1').getByText('初中', { exact: true }).click();
  for (const row of ['T21', 'T22', 'T23', 'T24']) await tid(page, `q-${row}`).getByText('满意', { exact: true }).click();
  await tid(page, 'q-T3').locator('input').fill('60');
  await tid(page, 'q-T4').getByText('作业', { exact: true }).click();
  await tid(page, 'q-T4').getByText('其他', { exact: true }).click();
  await tid(page, 'q-T5').locator('textarea').fill('希望多一些实验课');
  // T6 (required) left out: the server names it
  await tid(page, 'survey-submit').click();
  await tid(page, 'survey-field-error').waitFor();
  assert.match(await tid(page, 'q-T6').textContent(), /请作答/);
  await shot(page, 'phone-missing', { full: true });
  await tid(page, 'q-T6').getByText('比较满意', { exact: true }).click();
  await tid(page, 'survey-submit').click();
  await tid(page, 'survey-done').waitFor();
  await shot(page, 'phone-done');
  await page.goto(`${server.base}/survey/${code}`);
  await tid(page, 'survey-fatal').waitFor();
  assert.match(await tid(page, 'survey-fatal').textContent(), /已使用/);
  assert.deepEqual(page.jsErrors.filter((e) => !/409|Failed to load resource/.test(e)), []);
  await page.context().close();
});

test('the office sees progress and results, and downloads the report and the tables', async () => {
  const page = await newBrowserPage(browser);
  await page.goto(`${server.base}/login`);
  await login(page, 'admin_dq', 'Dudao@2026');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${server.base}/surveys`);
  await tid(page, 'survey-rounds').getByText('2026 年秋季学生评教').click();
  await tid(page, 'survey-progress').waitFor();
  assert.match(await tid(page, 'survey-progress').textContent(), /初中/);
  await tid(page, 'survey-results').waitFor();
  assert.match(await tid(page, 'survey-formula').textContent(), /不了解/);
  assert.match(await tid(page, 'survey-overall').textContent(), /不公布/); // n = 1 < 10
  assert.match(await tid(page, 'survey-texts').textContent(), /实验课/);
  await shot(page, 'office-round', { full: true });
  const dir = mkdtempSync(join(tmpdir(), 'survey-e2e-'));
  const [pdf] = await Promise.all([page.waitForEvent('download'), tid(page, 'survey-report').click()]);
  const pdfPath = join(dir, 'r.pdf');
  await pdf.saveAs(pdfPath);
  const text = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /2026 年秋季学生评教 调查报告/);
  assert.match(text, /有效答卷 1 份/);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), tid(page, 'survey-xlsx').click()]);
  const xPath = join(dir, 'r.xlsx');
  await xlsx.saveAs(xPath);
  const rows = readXlsx(readFileSync(xPath));
  assert.deepEqual(rows[0], ['层级', '名称', '样本数', '满意', '有效作答', '不了解', '满意度']);
  assert.equal(rows.find((r) => r[0] === '县域')[2], '1');
  writeFileSync(join(dir, 'done'), '');
  await page.context().close();
});
