// The browser side of the e2e suites: Debian's Chromium driven by playwright-core, pages at
// desktop or phone size that record their own JavaScript errors, and the data-test locators
// the web app exposes. Screenshots go to build/screenshots/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = resolve(root, 'build/screenshots');

export async function launchBrowser() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page in a fresh context (its own cookies): 1440×900, or a 390×844 phone with touch.
// page.jsErrors collects uncaught errors and console errors.
export async function newPage(browser, { phone = false, ...contextOptions } = {}) {
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...contextOptions,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.jsErrors = errors;
  return page;
}

// Element Plus puts a data-test on the native <input> of el-input, on the wrapper of others.
export const input = (page, name) =>
  page.locator(`input[data-test="${name}"], textarea[data-test="${name}"], [data-test="${name}"] input`).first();
export const tid = (page, name) => page.locator(`[data-test="${name}"]`);

// A short pause first: page and dialog transitions take about 0.2 s.
export async function shot(page, name, { full = false } = {}) {
  await page.waitForTimeout(450);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: full });
}

// The login form of the web app.
export async function login(page, username, password) {
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
}
