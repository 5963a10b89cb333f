// The 挂牌督导 set-up in Chromium against the real server: an admin imports a school file with
// one bad row, reads the row-level error, fixes the file and imports it, assigns an inspector
// to a new school while the rule check answers live (refusal, warning), and sees the school
// leave the coverage-gap list; then the school list and a school page at phone width.
// Screenshots go to build/screenshots/roster-*.png for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { readXlsx } from '../lib/xlsx.mjs';
import { launchBrowser, newPage as newBrowserPage, input, tid, shot as takeShot } from '../lib/browser.mjs';

const PASSWORD = 'Dudao@2026';
const GOOD = '2133000951'; // 德清县新市镇 e2e schools; GOOD stays unassigned
const FIXED = '2133000952'; // the bad row once fixed; it gets an inspector

let server;
let browser;
let files;

before(async () => {
  files = mkdtempSync(join(tmpdir(), 'dudao-e2e-roster-'));
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

const newPage = (opts) => newBrowserPage(browser, opts);
// Clicks what starts a download and reads the XLSX that arrives.
async function downloadXlsx(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), book: readXlsx(readFileSync(await dl.path())) };
}
const shot = (page, name, opts) => takeShot(page, `roster-${name}`, opts);
// Only the app's own failures count: 401 before login, a 404 inspector photo, the refused
// assignment check are expected answers.
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

// A remote el-select: open it, type, click the option.
async function pickRemote(page, name, text, option) {
  await tid(page, name).locator('.el-select__wrapper').click();
  await input(page, name).fill(text);
  const opt = page.locator(`[data-test="${option}"]:visible`).first();
  await opt.waitFor();
  await opt.click();
}

function csv(rows) {
  const head = '学校标识码,学校名称,所在地代码,办学类型码,民办,中心校,校长,小学在校生,小学班级数';
  return '\ufeff' + [head, ...rows].join('\r\n') + '\r\n';
}

test('admin imports schools, assigns an inspector with the live check, and the gap closes', async () => {
  const page = await newPage();
  await loginAt(page, '/schools', 'admin');
  await tid(page, `school-row-1133000103`).waitFor();
  assert.match(await page.locator('.el-pagination__total').innerText(), /118/);
  await page.locator('.region-tree-scroll .el-tree-node__content', { hasText: '德清县' }).first().waitFor();
  await shot(page, 'desktop-schools');

  // The region tree narrows the list to a town.
  await tid(page, 'region-node-330521102').click();
  await page.waitForFunction(() => /新市镇/.test(document.querySelector('[data-test="school-scope"]')?.textContent || ''));
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('.el-table__body-wrapper tbody tr td:nth-child(4)')].map((td) => td.textContent.trim());
    return cells.length > 0 && cells.every((c) => c === '新市镇');
  });
  await tid(page, 'region-node-330521102').click(); // toggles back to every region

  // Import: one bad row (a 9-digit code) → the row-level table, nothing written.
  const bad = join(files, 'schools-bad.csv');
  writeFileSync(bad, csv([
    `${GOOD},德清县新市镇求是小学,330521102,211,否,否,周明,420,12`,
    `${FIXED.slice(0, 9)},德清县新市镇启明小学,330521102,211,是,否,吴芳,360,10`,
  ]));
  await tid(page, 'school-import').click();
  await tid(page, 'import-dialog').waitFor();
  await tid(page, 'import-template').waitFor();
  await input(page, 'import-file').setInputFiles(bad);
  assert.equal(await tid(page, 'import-file-name').innerText(), 'schools-bad.csv');
  const [post] = await Promise.all([
    page.waitForRequest((q) => q.method() === 'POST' && q.url().includes('/api/v1/imports/schools')),
    tid(page, 'import-submit').click(),
  ]);
  await tid(page, 'import-errors').waitFor();
  await tid(page, 'import-error-row-3').waitFor();
  // The dialog ran it as a job whose progress it polls: the job holds the same answer.
  const job = new URL(post.url()).searchParams.get('job');
  assert.ok(job, 'the upload names a job');
  const jobState = await page.evaluate(async (id) => (await fetch(`/api/v1/imports/jobs/${id}`)).json(), job);
  assert.deepEqual([jobState.phase, jobState.rows_done, jobState.rows_total, jobState.result.n_errors], ['done', 2, 2, 1]);
  const errRow = await page.locator('[data-test="import-errors"] .el-table__body tr').first().innerText();
  assert.match(errRow, /3/);
  assert.match(errRow, /学校标识码/);
  assert.match(errRow, /10 位/);
  assert.doesNotMatch(errRow, /must be 10 digits/);
  assert.match(await tid(page, 'import-error-summary').innerText(), /未写入任何数据/);
  await shot(page, 'desktop-import-errors');

  // Nothing was written: the good row is not in the list either.
  const r0 = await page.evaluate(async (code) => (await (await fetch(`/api/v1/schools?q=${code}`)).json()).total, GOOD);
  assert.equal(r0, 0);

  // Fix the file, upload again → both rows written.
  const fixed = join(files, 'schools-fixed.csv');
  writeFileSync(fixed, csv([
    `${GOOD},德清县新市镇求是小学,330521102,211,否,否,周明,420,12`,
    `${FIXED},德清县新市镇启明小学,330521102,211,是,否,吴芳,360,10`,
  ]));
  await input(page, 'import-file').setInputFiles(fixed);
  assert.match(await tid(page, 'import-submit').innerText(), /重新上传/);
  await tid(page, 'import-submit').click();
  await tid(page, 'import-success').waitFor();
  assert.match(await tid(page, 'import-counts').innerText(), /共 2 行：新增 2 条，更新 0 条/);
  await shot(page, 'desktop-import-done');
  await page.locator('[data-test="import-dialog"] .el-dialog__footer .el-button', { hasText: '关闭' }).click();
  await tid(page, 'import-dialog').waitFor({ state: 'hidden' });

  // The new schools are listed as 未挂牌.
  await input(page, 'filter-q').fill('新市镇启明');
  await tid(page, 'filter-search').click();
  await tid(page, `school-row-${FIXED}`).waitFor();
  assert.match(await tid(page, `school-inspector-${FIXED}`).innerText(), /未挂牌/);
  assert.match(await page.locator('.el-pagination__total').innerText(), /1/);

  // 覆盖情况 before: both new schools are gaps.
  await tid(page, 'menu-coverage').click();
  await page.waitForURL(/\/coverage$/);
  await tid(page, `gap-${FIXED}`).waitFor();
  await tid(page, `gap-${GOOD}`).waitFor();
  assert.equal(await tid(page, 'stat-gaps').innerText(), '6');

  // Assign from the gap list: the live check refuses an inspector at the hard limit.
  await tid(page, `gap-assign-${FIXED}`).click();
  await page.waitForURL(/\/assignments\?school_id=\d+/);
  await page.locator('[data-test="assign-school"] .el-select__wrapper', { hasText: '德清县新市镇启明小学' }).waitFor();
  await pickRemote(page, 'assign-inspector', '孙晓燕', 'inspector-option-ZJ330521-011');
  await tid(page, 'verdict-refuse').waitFor();
  assert.match(await tid(page, 'assign-check').innerText(), /超过督学挂牌学校数上限/);
  assert.ok(await tid(page, 'assign-save').isDisabled(), 'a refused assignment cannot be saved');
  await shot(page, 'desktop-assign-refuse');

  // An inspector above the norm of 5: a warning, and the save is allowed.
  await pickRemote(page, 'assign-inspector', '李志强', 'inspector-option-ZJ330521-001');
  await tid(page, 'verdict-warn').waitFor();
  await tid(page, 'reason-over_capacity').waitFor();
  assert.ok(!(await tid(page, 'assign-save').isDisabled()));
  await shot(page, 'desktop-assign-warn');

  // One with room: ok, saved.
  await pickRemote(page, 'assign-inspector', '陈晓燕', 'inspector-option-ZJ330521-002');
  await tid(page, 'verdict-ok').waitFor();
  await tid(page, 'assign-save').click();
  await page.locator('.el-message--success', { hasText: '陈晓燕' }).waitFor();
  await page.locator('[data-test="assign-current"] .el-table__body tr', { hasText: '陈晓燕' }).waitFor();
  await shot(page, 'desktop-assign-done');
  // The school's assignment history exports to XLSX.
  await tid(page, 'assign-export').locator('button').click();
  let x = await downloadXlsx(page, () => page.locator('[data-test="assign-export-school"]:visible').click());
  assert.equal(x.name, '挂牌记录.xlsx');
  assert.deepEqual(x.book.sheets[0].rows.slice(1).map((r) => [r[0], r[4], r[10]]), [[FIXED, '陈晓燕', '在任']]);

  // 覆盖情况 after: the school has left the gap list; the other new school is still there.
  await tid(page, 'menu-coverage').click();
  await page.waitForURL(/\/coverage$/);
  await tid(page, `gap-${GOOD}`).waitFor();
  assert.equal(await tid(page, `gap-${FIXED}`).count(), 0);
  assert.equal(await tid(page, 'stat-gaps').innerText(), '5');
  await page.locator('[data-test="coverage-counties"]').waitFor();
  await page.locator('.echart canvas').first().waitFor({ timeout: 10000 });
  await shot(page, 'desktop-coverage');
  // The coverage exports as one workbook, a sheet per list.
  x = await downloadXlsx(page, () => tid(page, 'coverage-export').click());
  assert.equal(x.name, '挂牌覆盖情况.xlsx');
  assert.deepEqual(x.book.sheets.map((sh) => sh.name), ['覆盖概况', '未挂牌学校', '超负荷督学', '超限责任区', '中心校督学不足', '未划入责任区学校']);
  assert.ok(x.book.sheets[1].rows.some((r) => r[0] === GOOD));
  // The imported school is in no zone yet: put it in one from here.
  await tid(page, `nozone-${GOOD}`).scrollIntoViewIfNeeded();
  await shot(page, 'desktop-coverage-nozone', { fullPage: true });
  await tid(page, `nozone-put-${GOOD}`).click();
  await tid(page, 'nozone-dialog').waitFor();
  await tid(page, 'nozone-zone').locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown__item:visible:not(.is-disabled)').first().click();
  await tid(page, 'nozone-save').click();
  await page.locator('.el-message--success').last().waitFor();
  await page.waitForFunction((code) => !document.querySelector(`[data-test="nozone-${code}"]`), GOOD);

  // The school page shows the new responsible inspector and the history.
  await page.locator(`[data-test="gap-${GOOD}"]`).waitFor();
  const id = await page.evaluate(async (code) => (await (await fetch(`/api/v1/schools?q=${code}`)).json()).items[0].id, FIXED);
  await page.goto(`${server.base}/schools/${id}`);
  await tid(page, 'school-lead').waitFor();
  assert.match(await tid(page, 'school-lead').innerText(), /陈晓燕/);
  assert.match(await tid(page, 'school-history').innerText(), /陈晓燕/);
  assert.match(await tid(page, 'school-profile').innerText(), /吴芳/);
  assert.match(await tid(page, 'school-sections').innerText(), /360/);

  // The plaque downloads as a PDF.
  await tid(page, 'school-plaque').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), tid(page, 'plaque-a4').click()]);
  assert.match(dl.suggestedFilename(), /^挂牌督导公示牌-2133000952\.pdf$/);
  await shot(page, 'desktop-school');

  // A demo school with history, the roster with its warnings, zones, regions.
  await page.goto(`${server.base}/schools/4`);
  await tid(page, 'school-lead').waitFor();
  await shot(page, 'desktop-school-demo');
  await tid(page, 'menu-inspectors').click();
  await tid(page, 'inspector-warnings-ZJ330521-011').waitFor();
  assert.match(await tid(page, 'inspector-warnings-ZJ330521-011').innerText(), /超过|上限/);
  await shot(page, 'desktop-inspectors');
  await tid(page, 'inspector-row-ZJ330521-001').click();
  await tid(page, 'inspector-title').waitFor();
  await tid(page, 'inspector-schools').locator('.el-table__body tr').first().waitFor();
  await shot(page, 'desktop-inspector');
  await tid(page, 'menu-zones').click();
  await tid(page, 'zone-row-1').waitFor();
  await shot(page, 'desktop-zones');
  x = await downloadXlsx(page, () => tid(page, 'zone-export').click());
  assert.equal(x.name, '督学责任区.xlsx');
  assert.deepEqual(x.book.sheets[0].rows[0], ['县（市、区）', '片区', '责任区', '学校数', '是否超限']);
  assert.ok(x.book.sheets[0].rows.length > 2);
  await tid(page, 'menu-regions').click();
  await tid(page, 'region-node-330521').waitFor();
  await shot(page, 'desktop-regions');

  assert.deepEqual(realErrors(page), []);
});

test('phone: the school list as cards with a region picker, and a school page', async () => {
  const page = await newPage({ phone: true });
  await loginAt(page, '/schools', 'admin');
  await tid(page, 'school-card-1133000103').waitFor();
  assert.equal(await page.locator('.region-tree-scroll').count(), 0, 'no side tree on a phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await shot(page, 'phone-schools');

  // The filters: a region picker instead of the tree, and the 未挂牌 filter (the 4 demo gaps
  // and the school imported above that stays unassigned).
  await tid(page, 'toggle-search').click();
  await tid(page, 'filter-region').waitFor();
  await tid(page, 'filter-assigned').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '未挂牌' }).click();
  await tid(page, 'filter-search').click();
  await page.waitForFunction(() => /共 5 条|Total 5/.test(document.querySelector('.el-pagination__total')?.textContent || ''));
  await shot(page, 'phone-schools-filter');

  await tid(page, 'filter-reset').click();
  await tid(page, 'school-card-1133000103').waitFor();
  await tid(page, 'school-open-1133000103').click();
  await tid(page, 'school-lead').waitFor();
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 0, `the school page scrolls sideways by ${overflow2}px`);
  await shot(page, 'phone-school');
  await shot(page, 'phone-school-full', { full: true });

  await page.goto(`${server.base}/coverage`);
  await tid(page, 'coverage-gaps').waitFor();
  await page.locator('.echart canvas').first().waitFor({ timeout: 10000 });
  await shot(page, 'phone-coverage', { full: true });

  await page.goto(`${server.base}/assignments?school_id=29`);
  await page.locator('[data-test="assign-school"] .el-select__wrapper', { hasText: '新市镇中心幼儿园' }).waitFor();
  await shot(page, 'phone-assign');

  assert.deepEqual(realErrors(page), []);
});

test('an inspector sees only its own schools, without the admin tools', async () => {
  const page = await newPage();
  await loginAt(page, '/schools', 'inspector');
  await page.locator('[data-test="school-table"] .el-table__body tr').first().waitFor();
  assert.equal(await tid(page, 'school-import').count(), 0);
  assert.equal(await tid(page, 'school-create').count(), 0);
  assert.equal(await page.locator('.region-tree-scroll').count(), 0);
  // The demo inspector holds 6 schools.
  assert.match(await page.locator('.el-pagination__total').innerText(), /6/);
  assert.equal(await tid(page, 'menu-coverage').count(), 0);
  await shot(page, 'desktop-inspector-own');
  assert.deepEqual(realErrors(page), []);
});

test('举办者: imported, shown in the list and on the school page, filtered, and changed in the form', async () => {
  const page = await newPage();
  await loginAt(page, '/schools', 'admin');
  await tid(page, 'school-row-1133000103').waitFor();
  const code = '2133000958';
  // imported with the template's 举办者 column (the label as users write it)
  const r = await page.evaluate(async (c) => {
    const me = await (await fetch('/api/v1/auth/me')).json();
    const body = `学校标识码,学校名称,所在地代码,办学类型码,举办者\n${c},德清县举办者测试学校,330521102,211,事业单位\n`;
    const res = await fetch('/api/v1/imports/schools', { method: 'POST', body, headers: { 'content-type': 'text/csv', 'x-csrf-token': me.csrf_token } });
    return res.status;
  }, code);
  assert.equal(r, 200);
  // the filter: 举办者 = 事业单位 lists it with its label
  await tid(page, 'filter-organizer').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '事业单位' }).click();
  await tid(page, 'filter-search').click();
  await tid(page, `school-row-${code}`).waitFor();
  const cells = await page.locator('[data-test="school-organizer-cell"]').allInnerTexts();
  assert.ok(cells.length >= 1 && cells.every((c) => c === '事业单位'), cells.join());
  await shot(page, 'desktop-schools-organizer');
  // the school page shows it; the form changes it
  const id = await page.evaluate(async (c) => (await (await fetch(`/api/v1/schools?q=${c}`)).json()).items[0].id, code);
  await page.goto(`${server.base}/schools/${id}`);
  await tid(page, 'school-organizer-text').waitFor();
  assert.equal(await tid(page, 'school-organizer-text').innerText(), '事业单位');
  await tid(page, 'school-edit').click();
  await tid(page, 'school-dialog').waitFor();
  await tid(page, 'school-organizer').locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '民办' }).click();
  await tid(page, 'school-save').click();
  await page.locator('.el-message--success').last().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-test="school-organizer-text"]')?.textContent.trim() === '民办');
  const s = await page.evaluate(async (c) => (await (await fetch(`/api/v1/schools?q=${c}`)).json()).items[0], code);
  assert.equal(s.organizer, 'private');
  assert.deepEqual(realErrors(page), []);
});
