// The home page of each role in Chromium: the office sees its four morning questions
// (coverage, this month's visits, rectification, balance) with the towns that lag; an
// inspector its rectification to-dos beside 今日督导; a school the findings it must rectify,
// overdue first. Screenshots: build/screenshots/home-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage as newBrowserPage, tid, shot, login } from '../lib/browser.mjs';
import { loginAs } from '../api/client.mjs';

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

// the 401 of /auth/me before the login is the expected answer, not an error of the page
const realErrors = (page) => page.jsErrors.filter((e) => !/status of 401/.test(e));

async function home(username, opts) {
  const page = await newBrowserPage(browser, opts);
  await page.goto(server.base + '/login');
  await login(page, username, 'Dudao@2026');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

test('the office sees coverage, visits, rectification and balance, each leading to its page', async () => {
  const page = await home('admin');
  for (const k of ['coverage', 'visits', 'findings', 'balance']) await tid(page, `home-tile-${k}`).waitFor();
  // the figures are the API's figures
  const api = await loginAs(server.base, 'admin');
  const stats = (await api.get('/api/v1/findings/stats')).json;
  const text = await tid(page, 'home-tile-findings').innerText();
  assert.ok(text.includes(String(stats.totals.n_open)), text);
  const cov = (await api.get('/api/v1/coverage')).json;
  const n = cov.counties.reduce((s, c) => s + c.n_schools, 0);
  const k = cov.counties.reduce((s, c) => s + c.n_covered, 0);
  assert.ok((await tid(page, 'home-tile-coverage').innerText()).includes(`${Math.round((1000 * k) / n) / 10}%`));
  await shot(page, 'home-desktop-admin');
  await tid(page, 'home-tile-balance').click();
  await page.waitForURL(/\/balance/);
  assert.deepEqual(realErrors(page), []);
});

test('a school sees what it must rectify, the overdue first; the office tiles are not for it', async () => {
  const page = await home('school', { phone: true });
  await tid(page, 'school-home').waitFor();
  const api = await loginAs(server.base, 'school');
  const mine = (await api.get('/api/v1/findings?page_size=200')).json.items
    .filter((f) => f.state === 'issued' || f.state === 'rectifying');
  assert.ok(mine.length > 0, 'the demo school has findings to rectify');
  const rows = page.locator('[data-test^="home-finding-"]');
  await rows.first().waitFor();
  assert.equal(await rows.count(), Math.min(6, mine.length));
  const firstId = Number((await rows.first().getAttribute('data-test')).replace('home-finding-', ''));
  if (mine.some((f) => f.is_overdue)) assert.ok(mine.find((f) => f.id === firstId).is_overdue, 'overdue first');
  assert.equal(await tid(page, 'office-home').count(), 0);
  await shot(page, 'home-phone-school');
  await rows.first().click();
  await page.waitForURL(/\/findings\/\d+/);
  assert.deepEqual(realErrors(page), []);
});

test("an inspector sees its rectification to-dos beside today's visits", async () => {
  const page = await home('inspector', { phone: true });
  await tid(page, 'inspector-inbox').waitFor();
  const api = await loginAs(server.base, 'inspector');
  const inbox = (await api.get('/api/v1/findings/inbox')).json;
  assert.equal((await tid(page, 'inbox-drafts').innerText()).split('\n')[0].trim(), String(inbox.drafts.total));
  assert.equal((await tid(page, 'inbox-to_verify').innerText()).split('\n')[0].trim(), String(inbox.to_verify.total));
  await shot(page, 'home-phone-inspector');
  assert.deepEqual(realErrors(page), []);
});
