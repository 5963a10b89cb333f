// The inspector's month at phone size with two checklists on one visit: the county office has
// added the 双减 list to its routine visits (文登's "每月至少开展1次" on the monthly visit); the
// inspector opens its month's agenda (今日督导) on a 375 px phone, starts the routine visit of a
// primary school, sees both checklists, answers both and submits; each is scored on its own.
// Also the county admin's 校历 page at phone size: a holiday month shows as out of session.
// Screenshots go to build/screenshots/calendar-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, tid, input, SHOTS } from '../lib/browser.mjs';
import { loginAs } from '../api/client.mjs';

const PASSWORD = 'Dudao@2026';
let server, browser;

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

function realErrors(page) {
  return page.jsErrors.filter((e) => !/status of 4\d\d|Failed to load resource/.test(e));
}
async function login(page, path, username) {
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(PASSWORD);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
}
const leaves = (doc) => {
  const out = [];
  const walk = (ns) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.push(n)));
  walk(doc.indicators);
  return out;
};

test('the inspector\'s month on a phone: two checklists on one routine visit, scored separately', async () => {
  const adminDq = await loginAs(server.base, 'admin_dq');
  let r = await adminDq.put('/api/v1/visits/routine-checklists', { extra_code: 'shuangjian' });
  assert.equal(r.status, 200, r.text);
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  r = await adminDq.post('/api/v1/tasks/generate-routine', { month });
  assert.equal(r.status, 200, r.text);

  const api = await loginAs(server.base, 'inspector');
  const agenda = (await api.get('/api/v1/visits/agenda')).json;
  const item = agenda.items.find((x) => x.kind === 'routine' && /小学/.test(x.school_name || '') && !x.visit_id);
  assert.ok(item, `a primary school on the routine agenda: ${JSON.stringify(agenda.items.map((x) => x.school_name))}`);
  const school = (await api.get(`/api/v1/schools/${item.school_id}`)).json;

  const page = await newPage(browser, {
    phone: true, viewport: { width: 375, height: 800 },
    geolocation: { latitude: school.lat, longitude: school.lng, accuracy: 10 }, permissions: ['geolocation'],
  });
  await login(page, '/today', 'inspector');
  await tid(page, `agenda-open-${item.target_id}`).waitFor();
  await page.screenshot({ path: `${SHOTS}/calendar-phone-month.png` });
  await tid(page, `agenda-open-${item.target_id}`).click();
  await page.waitForURL(/\/visits\/\d+$/);
  const visitId = Number(page.url().split('/').pop());
  await tid(page, 'checkin-button').click();
  await tid(page, 'checkin-distance').waitFor();

  // the second checklist is on the page below the first
  await tid(page, 'extra-checklist-shuangjian').waitFor();
  assert.match(await tid(page, 'extra-checklist-shuangjian').innerText(), /附加清单/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no horizontal scroll at phone width: ${width}`);

  // the routine list on the page
  for (const c of ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']) await tid(page, `level-${c}-good`).click();
  await tid(page, 'synced').waitFor();

  // the 双减 list: all but one item through the API, the last (a 考试管理 item) on the page
  let v = (await api.get(`/api/v1/visits/${visitId}`)).json;
  const sj = v.checklists[0];
  const sjLeaves = leaves(sj.framework.document);
  const onPage = sjLeaves.find((n) => n.code === 'SJ8.7');
  assert.ok(onPage, '考试管理: 不按成绩分班排座 is on the 双减 list');
  const rest = Object.fromEntries(sjLeaves.filter((n) => n !== onPage).map((n) => [n.code,
    n.kind === 'pass_fail' ? { value: true } : n.kind === 'choice' ? { value: n.choices[0].value } : { value: null, na: true }]));
  r = await api.patch(`/api/v1/visits/${visitId}/checklists/${sj.version_id}`, { answers: rest });
  assert.equal(r.status, 200, r.text);
  await page.reload();
  await tid(page, 'fail-SJ8.7').waitFor();
  await tid(page, 'fail-SJ8.7').click();
  await page.waitForFunction(async (vid) => {
    const res = await fetch(`/api/v1/visits/${vid}`, { credentials: 'same-origin' });
    const j = await res.json();
    return j.checklists[0].answers['SJ8.7'] && j.checklists[0].answers['SJ8.7'].value === false;
  }, visitId);
  await input(page, 'note-SJ8.7').fill('初二按月考成绩排座');
  await input(page, 'note-SJ8.7').blur();
  await page.waitForFunction(async (vid) => {
    const j = await (await fetch(`/api/v1/visits/${vid}`, { credentials: 'same-origin' })).json();
    return (j.checklists[0].answers['SJ8.7'] || {}).note === '初二按月考成绩排座';
  }, visitId);
  await tid(page, 'extra-checklist-shuangjian').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/calendar-phone-two-checklists.png` });

  await tid(page, 'visit-submit').click();
  await page.locator('.el-message-box .el-button--primary').click();
  await page.locator('.el-message--success').waitFor();
  v = (await api.get(`/api/v1/visits/${visitId}`)).json;
  assert.equal(v.status, 'submitted');
  assert.equal(v.result.total, 100, 'the routine list: all good');
  assert.ok(v.checklists[0].result.total < 100, 'the 双减 list scored on its own');
  assert.equal(v.checklists[0].result.n_failed, 1);
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('the county admin\'s 校历 at phone size: a holiday month is out of session', async () => {
  const page = await newPage(browser, { phone: true, viewport: { width: 375, height: 800 } });
  await login(page, '/calendar', 'admin_dq');
  await tid(page, 'calendar-page').waitFor();
  const y = Number((await page.evaluate(async () => (await (await fetch('/api/v1/calendar', { credentials: 'same-origin' })).json()).school_year)));
  await input(page, 'calendar-name').fill('流感停课');
  await tid(page, 'calendar-kind').locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '节假日' }).click();
  await input(page, 'calendar-from').fill(`${y}-11-01`);
  await input(page, 'calendar-to').fill(`${y}-11-30`);
  await tid(page, 'calendar-save').click();
  await page.locator('.el-message--success').waitFor();
  await tid(page, `calendar-month-${y}-11`).waitFor();
  assert.match(await tid(page, `calendar-month-${y}-11`).innerText(), /不在校/);
  // the demo's 校历 of 德清 (demo/school_year.json) has the autumn term from 1 September: October is in session
  assert.doesNotMatch(await tid(page, `calendar-month-${y}-10`).innerText(), /不在校/, 'October, in the autumn term, is in session');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no horizontal scroll at phone width: ${width}`);
  await page.screenshot({ path: `${SHOTS}/calendar-phone-admin.png`, fullPage: true });
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});
