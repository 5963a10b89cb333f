// The 条例 procedure in the browser: a one-school 专项督导 brought through its steps over the API
// (notice, 自评, the visit, 初步意见, 申辩, 意见书), then on the task page the office sees the
// target's steps, composes the 督导报告, sends it to the 本级人民政府 and downloads the PDF,
// read back with pdftotext. On a phone, the steps card fits the width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, tid, input, SHOTS } from '../lib/browser.mjs';
import { loginAs } from '../api/client.mjs';

const PASSWORD = 'Dudao@2026';
let server, browser, files, taskId, schoolName;

function plusDays(n) {
  return new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
}

before(async () => {
  files = mkdtempSync(join(tmpdir(), 'dudao-e2e-procedure-'));
  server = await startServer();
  browser = await launchBrowser();
  const [admin, insp, school] = await Promise.all(['admin_dq', 'inspector', 'school'].map((u) => loginAs(server.base, u)));
  const ins = (await admin.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items;
  const me = ins.find((i) => i.user_id === insp.user.id);
  const team = [{ inspector_id: me.id, role: 'leader' }, ...ins.filter((i) => i.id !== me.id && i.status === 'active').slice(0, 2).map((i) => ({ inspector_id: i.id }))];
  const fw = (await admin.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
  let r = await admin.post('/api/v1/tasks', { kind: 'special', title: '校园安全专项督导（e2e 报告）', framework_version_id: fw,
    due_on: plusDays(20), school_ids: [school.user.school_id], members: team });
  assert.equal(r.status, 201, r.text);
  taskId = r.json.id;
  const g = r.json.targets[0];
  schoolName = g.school_name;
  const step = async (c, body) => { const x = await c.post(`/api/v1/tasks/${taskId}/steps`, body); assert.equal(x.status, 200, x.text); };
  await step(admin, { step: 'notice', note: '定于下周开展校园安全专项督导。' });
  await step(school, { step: 'self_eval', note: '自评：良好' });
  r = await insp.post('/api/v1/visits', { target_id: g.id });
  assert.equal(r.status, 201, r.text);
  const v = r.json;
  const loc = v.school_location || { lat: 30.5, lng: 119.9 };
  await insp.post(`/api/v1/visits/${v.id}/checkin`, { lat: loc.lat + 0.0002, lng: loc.lng, accuracy_m: 15 });
  const codes = [];
  const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : codes.push(n.code)));
  walk(v.framework.document.indicators);
  r = await insp.patch(`/api/v1/visits/${v.id}`, { answers: Object.fromEntries(codes.map((c) => [c, { value: 'good' }])) });
  assert.equal(r.status, 200, r.text);
  r = await insp.post(`/api/v1/visits/${v.id}/submit`);
  assert.equal(r.status, 200, r.text);
  await step(insp, { step: 'preliminary', note: '初步意见：安全管理规范。' });
  await step(school, { step: 'response', note: '无异议' });
  r = await admin.post(`/api/v1/visits/${v.id}/opinion`, { evaluation: '安全管理规范。', deadline: plusDays(30) });
  assert.equal(r.status, 201, r.text);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

async function login(page, path, username) {
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(PASSWORD);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
}

test('the office composes the 督导报告 on the task page, sends it, and downloads the PDF', async () => {
  const page = await newPage(browser, { viewport: { width: 1366, height: 800 } });
  await login(page, `/tasks/${taskId}`, 'admin_dq');
  await tid(page, 'task-steps').waitFor();
  assert.match(await page.locator('[data-test^="proc-step-"]').first().innerText(), /整改报告/);
  await tid(page, 'report-compose').click();
  await tid(page, 'report-no').waitFor();
  const no = await tid(page, 'report-no').innerText();
  assert.match(no, /德督〔\d{4}〕\d+号/);
  await tid(page, 'report-send').click();
  await page.waitForFunction(() => /已报送/.test(document.body.innerText));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/procedure-desktop-report.png` });
  const [dl] = await Promise.all([page.waitForEvent('download'), tid(page, 'report-pdf').click()]);
  const path = join(files, 'report.pdf');
  await dl.saveAs(path);
  assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
  const text = spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  assert.ok(text.includes('督导报告'), text.slice(0, 200));
  assert.ok(text.includes(no), 'the report number');
  assert.ok(text.includes(schoolName), 'the target');
  assert.ok(text.includes('德清县人民政府'), 'sent to the county government');
  // published (条例第二十三条): on the public page, without an account, on a phone
  await tid(page, 'report-publish').click();
  await page.waitForFunction(() => !document.querySelector('[data-test="report-publish"]'));
  const pub = await newPage(browser, { phone: true });
  await pub.goto(`${server.base}/public/reports`);
  await tid(pub, 'public-reports').locator('[data-test^="public-report-"]').first().waitFor();
  assert.ok((await tid(pub, 'public-reports').innerText()).includes(no), 'the published report is listed with its number');
  await pub.screenshot({ path: `${SHOTS}/procedure-public-reports-phone.png`, fullPage: true });
  await pub.context().close();
  const errs = page.jsErrors.filter((e) => !/status of 4\d\d|Failed to load resource/.test(e));
  assert.deepEqual(errs, []);
  await page.context().close();
});

test('on a phone the steps and the report fit the width', async () => {
  const page = await newPage(browser, { phone: true, viewport: { width: 375, height: 800 } });
  await login(page, `/tasks/${taskId}`, 'admin_dq');
  await tid(page, 'task-report').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll (${overflow}px)`);
  await page.screenshot({ path: `${SHOTS}/procedure-phone-task.png`, fullPage: true });
  await page.context().close();
});
