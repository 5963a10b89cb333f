// 突发事件 in Chromium at phone size: the inspector reports an incident at its school with a photo
// taken on the spot; the office's home shows the alert at once, its list shows the report with
// the photo, and the office marks it handled. Screenshots: build/screenshots/incidents-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage as newBrowserPage, input, tid, shot as takeShot } from '../lib/browser.mjs';
import { loginAs } from '../api/client.mjs';

const PASSWORD = 'Dudao@2026';
let server, browser, schoolId, api;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  schoolId = (await loginAs(server.base, 'school')).user.school_id;
  api = await loginAs(server.base, 'admin_dq');
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

const PHONE = { phone: true, viewport: { width: 375, height: 800 } };
const shot = (page, name, opts) => takeShot(page, `incidents-${name}`, opts);

async function loginAt(page, path, username) {
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(PASSWORD);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
}

test('the inspector reports an incident with a photo from the phone; the office is alerted and handles it', async () => {
  const jpg = join(mkdtempSync(join(tmpdir(), 'e2e-i-')), '现场.png');
  writeFileSync(jpg, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  const before = (await api.get('/api/v1/incidents')).json.received;

  const insp = await newBrowserPage(browser, PHONE);
  await loginAt(insp, '/incidents/new', 'inspector');
  await tid(insp, 'incident-report').waitFor();
  // the form fits the phone: nothing wider than the screen
  const overflow = await insp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
  await tid(insp, 'incident-school').click();
  await insp.locator(`[data-test="incident-school-${schoolId}"]`).click();
  await input(insp, 'incident-title').fill('教学楼外墙瓷砖脱落');
  await input(insp, 'incident-description').fill('课间操时三楼外墙瓷砖脱落，无人员受伤，已拉警戒线');
  await tid(insp, 'incident-category-hazard').click();
  await tid(insp, 'incident-severity-large').click();
  await input(insp, 'incident-told').fill('校长、县教育局安全科');
  await insp.locator('input[data-test="incident-photo-input"]').setInputFiles(jpg);
  await tid(insp, 'incident-photo').first().waitFor();
  await shot(insp, 'report-phone', { full: true });
  await tid(insp, 'incident-submit').click();
  await insp.waitForURL((u) => u.pathname === '/incidents');

  // the report reached the server with its photo and class
  const list = (await api.get('/api/v1/incidents')).json;
  assert.equal(list.received, before + 1);
  const x = list.items[0];
  assert.equal(x.title, '教学楼外墙瓷砖脱落');
  assert.equal(x.school_id, schoolId);
  assert.equal(x.category, 'hazard');
  assert.equal(x.severity, 'large');
  const full = (await api.get(`/api/v1/incidents/${x.id}`)).json;
  assert.equal(full.attachments.length, 1);
  assert.equal(full.attachments[0].name, '现场.png');
  await tid(insp, `incident-${x.id}`).waitFor();
  assert.equal(await tid(insp, 'incident-action-handle').count(), 0, 'the inspector does not handle');

  // the office on a phone: the alert on its home, then the list, then handled
  const office = await newBrowserPage(browser, PHONE);
  await loginAt(office, '/', 'admin_dq');
  await tid(office, 'home-incident-alert').waitFor();
  assert.match(await tid(office, 'home-incident-alert').innerText(), new RegExp(`${before + 1}`));
  await office.goto(`${server.base}/incidents`);
  await tid(office, 'incident-alert').waitFor();
  const card = tid(office, `incident-${x.id}`);
  await card.locator('[data-test="incident-action-handle"]').click();
  const box = office.locator('.el-message-box:visible');
  await box.locator('textarea').fill('已联系住建部门排险，相关区域封闭');
  await box.locator('.el-button--primary').click();
  await card.locator('[data-test="incident-state"]', { hasText: '已处置' }).waitFor();
  await shot(office, 'list-phone', { full: true });
  assert.equal((await api.get(`/api/v1/incidents/${x.id}`)).json.state, 'handled');
});

test('销号 with an on-site re-check on the phone: position at the school and a photo', async () => {
  const set = await api.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.close_onsite', value: 1 });
  assert.equal(set.status, 200, set.text);
  try {
    const school = await loginAs(server.base, 'school');
    const inspectorApi = await loginAs(server.base, 'inspector');
    let r = await api.post('/api/v1/findings', { school_id: schoolId, description: '实验室危化品柜未上锁', severity: 'severe', category: '安全', indicator_code: 'A1.3', indicator_text: '危化品管理' });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await inspectorApi.post(`/api/v1/findings/${id}/issue`, {})).status, 200);
    assert.equal((await school.post(`/api/v1/findings/${id}/submit`, { note: '已加锁并建立台账' })).status, 200);
    const sch = (await api.get(`/api/v1/schools/${schoolId}`)).json;
    const page = await newBrowserPage(browser, { ...PHONE, geolocation: { latitude: sch.lat + 0.0003, longitude: sch.lng, accuracy: 12 }, permissions: ['geolocation'] });
    await loginAt(page, `/findings/${id}`, 'inspector');
    await tid(page, 'action-close').click();
    await tid(page, 'onsite-needed').waitFor();
    // without the re-check the server refuses, naming it
    await tid(page, 'action-confirm').click();
    await tid(page, 'action-error').waitFor();
    assert.match(await tid(page, 'action-error').textContent(), /现场复核/);
    await tid(page, 'onsite-locate').click();
    await tid(page, 'onsite-position').waitFor();
    const dir = mkdtempSync(join(tmpdir(), 'onsite-'));
    const photo = join(dir, 'recheck.png');
    writeFileSync(photo, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    await tid(page, 'action-dialog').locator('input[data-test="evidence-input"]').setInputFiles(photo);
    await tid(page, 'evidence-file').waitFor();
    await shot(page, 'onsite-close');
    await tid(page, 'action-confirm').click();
    await tid(page, 'event-onsite').waitFor();
    assert.match(await tid(page, 'event-onsite').textContent(), /距学校约 3\d 米/);
    assert.equal((await api.get(`/api/v1/findings/${id}`)).json.state, 'closed');
    await shot(page, 'onsite-closed', { full: true });
    assert.deepEqual(page.jsErrors.filter((e) => !/status of (400|401)/.test(e)), []);
    await page.context().close();
  } finally {
    await api.put('/api/v1/findings/settings', { region_code: '330521', name: 'finding.close_onsite', value: 0 });
  }
});
