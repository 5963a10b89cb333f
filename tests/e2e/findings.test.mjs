// The rectification loop in Chromium with three roles against the real server: a finding from
// a visit (a draft, entered here through the API as the visits capability would) is issued by
// the inspector from the inbox → the school (on a phone) sees the notice and submits its report
// with a photo → the inspector returns it → the school resubmits → the inspector closes it; the
// admin sees it closed on the stats page and in the ledger's XLSX export (read back). Then a
// parent files a complaint from the plaque's page on a phone, keeps the receipt code, the
// inspector finds it in the inbox, and the receipt page shows the outcome; the published
// bulletins page is public. Screenshots: build/screenshots/findings-*.png (1366×800 and 375×800).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage as newBrowserPage, input, tid, shot as takeShot } from '../lib/browser.mjs';
import { readXlsx } from '../lib/xlsx_read.mjs';
import { loginAs } from '../api/client.mjs';

const PASSWORD = 'Dudao@2026';
let server;
let browser;
let findingId;
let schoolCode;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await loginAs(server.base, 'admin_dq');
  const school = await loginAs(server.base, 'school');
  const r = await admin.post('/api/v1/findings', {
    school_id: school.user.school_id, severity: 'serious', category: '安全', indicator_code: 'B2.2',
    indicator_text: '消防安全', description: '教学楼二楼灭火器压力不足，3 具已过检验期（e2e）',
  });
  assert.equal(r.status, 201, r.text);
  findingId = r.json.id;
  schoolCode = (await admin.get(`/api/v1/schools/${school.user.school_id}`)).json.code;
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

const DESKTOP = { viewport: { width: 1366, height: 800 } };
const PHONE = { phone: true, viewport: { width: 375, height: 800 } };
const newPage = (opts) => newBrowserPage(browser, opts);
const shot = (page, name, opts) => takeShot(page, `findings-${name}`, opts);
function realErrors(page) {
  return page.jsErrors.filter((e) => !/status of 40[0134]|status of 409|status of 429|Failed to load resource/.test(e));
}

async function loginAt(page, path, username) {
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(PASSWORD);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
}

async function act(page, action, fill = {}) {
  await tid(page, `action-${action}`).click();
  const dlg = page.locator('.el-dialog:visible');
  await dlg.waitFor();
  if (fill.note !== undefined) await dlg.locator('textarea[data-test="action-note"]').fill(fill.note);
  if (fill.reason !== undefined) await dlg.locator('textarea[data-test="action-reason"]').fill(fill.reason);
  if (fill.file) {
    await dlg.locator('input[data-test="evidence-input"]').setInputFiles(fill.file);
    await dlg.locator('[data-test="evidence-file"]').first().waitFor();
  }
  if (fill.beforeConfirm) await fill.beforeConfirm(dlg);
  await dlg.locator('[data-test="action-confirm"]').click();
  await dlg.waitFor({ state: 'hidden' });
}

const stateIs = async (page, text) => {
  await page.locator('[data-test="finding-state"]', { hasText: text }).waitFor();
};

test('issue → submit with a photo → return → resubmit → close, across three roles', async () => {
  const png = join(mkdtempSync(join(tmpdir(), 'e2e-f-')), '整改后.png');
  writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

  // the inspector: the draft waits in the inbox; issue it
  const insp = await newPage(DESKTOP);
  await loginAt(insp, '/inbox', 'inspector');
  await tid(insp, `inbox-item-${findingId}`).waitFor();
  await shot(insp, 'inbox-desktop');
  await tid(insp, `inbox-item-${findingId}`).click();
  await insp.waitForURL(new RegExp(`/findings/${findingId}$`));
  await act(insp, 'issue');
  await stateIs(insp, '已下发');
  await tid(insp, 'notice-pdf').waitFor();

  // the school on a phone: sees the notice, submits with a photo
  const sch = await newPage(PHONE);
  await loginAt(sch, `/findings/${findingId}`, 'school');
  await stateIs(sch, '已下发');
  await shot(sch, 'school-notice-phone', { full: true });
  assert.equal(await tid(sch, 'action-close').count(), 0, 'the school has no close button');
  await act(sch, 'submit', { note: '已更换全部过期灭火器，附照片', file: png });
  await stateIs(sch, '待核查');

  // the inspector returns it with a reason
  await insp.reload();
  await act(insp, 'return', { reason: '照片未显示检验标签，请补充' });
  await stateIs(insp, '整改中');
  assert.equal(await tid(insp, 'finding-returns').innerText(), '1');

  // the school resubmits
  await sch.reload();
  await act(sch, 'submit', { note: '补充检验标签照片' });
  await stateIs(sch, '待核查');

  // the inspector closes it; the timeline holds every step
  await insp.reload();
  await act(insp, 'close', { note: '现场核查属实，予以销号' });
  await stateIs(insp, '已销号');
  for (const k of ['issued', 'submitted', 'returned', 'closed']) await tid(insp, `event-${k}`).first().waitFor();
  assert.equal(await insp.locator('[data-test="event-submitted"]').count(), 2);
  await shot(insp, 'detail-closed-desktop', { full: true });
  await sch.reload();
  await stateIs(sch, '已销号');
  await shot(sch, 'detail-closed-phone', { full: true });
  assert.deepEqual(realErrors(insp), []);
  assert.deepEqual(realErrors(sch), []);

  // the admin: closed on the stats page and the ledger; the exported XLSX has it
  const adm = await newPage(DESKTOP);
  await loginAt(adm, '/finding-stats', 'admin_dq');
  await tid(adm, 'stat-n_closed').waitFor();
  assert.ok(Number((await tid(adm, 'stat-n_closed').locator('.num').innerText()).trim()) >= 1);
  await adm.waitForTimeout(800); // the charts draw
  await shot(adm, 'stats-desktop');
  await adm.goto(`${server.base}/findings?state=closed`);
  await tid(adm, `finding-row-${findingId}`).waitFor();
  await shot(adm, 'ledger-desktop');
  const [dl] = await Promise.all([adm.waitForEvent('download'), tid(adm, 'finding-export').click()]);
  const rows = readXlsx(readFileSync(await dl.path()));
  const row = rows.find((r) => r[0] === String(findingId));
  assert.ok(row, 'the finding is in the export');
  assert.equal(row[rows[0].indexOf('状态')], '已销号');
  assert.equal(row[rows[0].indexOf('退回次数')], '1');
  assert.deepEqual(realErrors(adm), []);
  const phone = await newPage(PHONE);
  await loginAt(phone, '/findings', 'admin_dq');
  await phone.locator('[data-test^="finding-card-"]').first().waitFor();
  await shot(phone, 'ledger-phone');
  for (const p of [insp, sch, adm, phone]) await p.context().close();
});

test('a complaint from the plaque page reaches the inspector; the receipt shows the outcome', async () => {
  const pub = await newPage(PHONE);
  await pub.goto(`${server.base}/complaint/${schoolCode}`);
  await tid(pub, 'complaint-school').waitFor();
  await pub.locator('textarea[data-test="complaint-content"]').fill('放学时校门口接送车辆乱停，占用消防通道，存在安全隐患');
  await shot(pub, 'complaint-form-phone', { full: true });
  await tid(pub, 'complaint-submit').click();
  await tid(pub, 'receipt-code').waitFor();
  const receipt = (await tid(pub, 'receipt-code').innerText()).trim();
  assert.match(receipt, /^TS[0-9A-Z]{12}$/);
  await shot(pub, 'complaint-receipt-phone');

  const insp = await newPage(DESKTOP);
  await loginAt(insp, '/inbox', 'inspector');
  await tid(insp, `complaint-${receipt}`).waitFor();
  await tid(insp, `complaint-${receipt}`).locator('button').first().click(); // 核实属实
  await insp.locator('.el-dialog:visible textarea[data-test="complaint-outcome"]').fill('经核实属实，已责令学校整改');
  await insp.locator('.el-dialog:visible [data-test="complaint-confirm"]').click();
  await insp.waitForURL(/\/findings\/\d+$/);
  await stateIs(insp, '已下发');

  await pub.goto(`${server.base}/complaint-receipt?code=${receipt}`);
  await tid(pub, 'receipt-state').waitFor();
  assert.match(await tid(pub, 'receipt-state').innerText(), /属实/);
  const text = await tid(pub, 'receipt-result').innerText();
  assert.ok(!text.includes('消防通道'), 'the complaint text is not shown back');
  await shot(pub, 'receipt-lookup-phone');
  assert.deepEqual(realErrors(pub), []);
  assert.deepEqual(realErrors(insp), []);
  await insp.context().close();

  // the published bulletins page needs no login
  await pub.goto(`${server.base}/public/bulletins`);
  await pub.locator('[data-test^="public-bulletin-"]').first().click();
  await tid(pub, 'public-bulletin').waitFor();
  await shot(pub, 'public-bulletin-phone', { full: true });
  const desk = await newPage(DESKTOP);
  await desk.goto(`${server.base}/complaint/${schoolCode}`);
  await tid(desk, 'complaint-school').waitFor();
  await shot(desk, 'complaint-form-desktop');
  await desk.context().close();
  await pub.context().close();
});

test('the office confirms the 督办单 the ladder proposed: numbered and issued', async () => {
  const api = await loginAs(server.base, 'admin_dq');
  const proposed = (await api.get('/api/v1/orders')).json.items.find((o) => o.state === 'proposed');
  assert.ok(proposed, 'the demo leaves one proposal for the office');
  const page = await newPage();
  await loginAt(page, '/inbox', 'admin_dq');
  await tid(page, 'inbox-orders').waitFor(); // the office's inbox points to the proposals
  await shot(page, 'inbox-office');
  await tid(page, 'inbox-orders').click();
  await page.waitForURL(/\/orders$/);
  await tid(page, `order-state-${proposed.id}`).waitFor();
  assert.match(await tid(page, `order-state-${proposed.id}`).innerText(), /待确认/);
  await shot(page, 'orders-proposed');
  await tid(page, `order-confirm-${proposed.id}`).click();
  await page.waitForFunction((id) => /已发出/.test(document.querySelector(`[data-test="order-state-${id}"]`)?.textContent || ''), proposed.id);
  const after = (await api.get('/api/v1/orders')).json.items.find((o) => o.id === proposed.id);
  assert.match(after.order_no, /督办〔\d{4}〕\d+号$/);
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});
