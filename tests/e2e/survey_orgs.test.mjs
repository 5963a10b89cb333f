// A survey run by a third party, in Chromium: the office registers an evaluation organisation
// and gives it an account with an end date; creates a round for it with the county's 常住人口,
// the quotas coming from the questionnaire's sampling rule; the organisation's account, on a
// phone, sees only that round, closes it and hands in its results; the office reads the
// hand-in, accepts it, sees the trend across rounds and flags a free-text answer for
// follow-up. Screenshots: build/screenshots/survey-orgs-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, tid, input, shot as takeShot, login } from '../lib/browser.mjs';
import { readXlsx } from '../lib/xlsx_read.mjs';
import { loginAs, GOOD_PASSWORD } from '../api/client.mjs';

let server, browser, api, office, pub;
const shot = (page, name, opts) => takeShot(page, `survey-orgs-${name}`, opts);
const daysFrom = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await loginAs(server.base, 'admin_dq');
  pub = api.fresh();
  office = await newPage(browser);
  await office.goto(`${server.base}/login`);
  await login(office, 'admin_dq', 'Dudao@2026');
  await office.waitForURL((u) => !u.pathname.startsWith('/login'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

const pick = (page, text) => page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();

test('the office registers an organisation and gives it an account that ends', async () => {
  const page = office;
  await page.goto(`${server.base}/surveys/orgs`);
  await tid(page, 'org-new').click();
  await tid(page, 'org-create').click();
  await tid(page, 'org-error').waitFor();
  assert.match(await tid(page, 'org-error').textContent(), /name/);
  await input(page, 'org-name').fill('湖州某教育评估中心');
  await tid(page, 'org-create').click();
  await tid(page, 'org-list').getByText('湖州某教育评估中心').click();
  await tid(page, 'org-detail').waitFor();
  await input(page, 'org-acc-username').fill('ev_huzhou');
  await input(page, 'org-acc-name').fill('评估员甲');
  await input(page, 'org-acc-password').fill(GOOD_PASSWORD);
  // no end date: refused, naming the field
  await tid(page, 'org-acc-create').click();
  await tid(page, 'org-acc-error').waitFor();
  assert.match(await tid(page, 'org-acc-error').textContent(), /expires_on/);
  await input(page, 'org-acc-expires').fill(daysFrom(60));
  await input(page, 'org-acc-expires').press('Enter');
  await tid(page, 'org-acc-create').click();
  await tid(page, 'org-accounts').getByText('ev_huzhou').waitFor();
  await shot(page, 'org', { full: true });
});

test('a round for the organisation with quotas from the sampling rule', async () => {
  const page = office;
  await page.goto(`${server.base}/surveys`);
  await tid(page, 'survey-new').click();
  await tid(page, 'survey-form-select').click();
  await pick(page, '社会认可度调查问卷');
  await input(page, 'survey-title').fill('2026 年第三方社会认可度调查');
  await tid(page, 'survey-org-select').click();
  await pick(page, '湖州某教育评估中心');
  await input(page, 'survey-population').fill('300000');
  await tid(page, 'survey-propose').click();
  await tid(page, 'survey-sample').waitFor();
  assert.match(await tid(page, 'survey-sample').textContent(), /应抽样本 600 人，其中家长不少于 300 人/);
  assert.match(await tid(page, 'survey-sample').textContent(), /当前配额合计 600 人/);
  await shot(page, 'new-round', { full: true });
  await tid(page, 'survey-create').click();
  await page.waitForURL(/\/surveys\/rounds\/\d+/);
  await tid(page, 'survey-sample-check').waitFor();
  assert.match(await tid(page, 'survey-sample-check').textContent(), /600/);
  assert.match(await tid(page, 'survey-review-tag').textContent(), /机构调查中/);
  await tid(page, 'survey-not-usable').waitFor();
});

test('the organisation, on a phone, sees its round only, closes it and hands in', async () => {
  const rounds = (await api.get('/api/v1/surveys/rounds')).json.items;
  const round = rounds.find((r) => r.title === '2026 年第三方社会认可度调查');
  // another round of the office, which the organisation must not see
  const forms = await api.get('/api/v1/surveys/forms');
  const vid = forms.json.items.find((x) => x.code === 'quality-2017-recognition').id;
  const today = daysFrom(0);
  assert.equal((await api.post('/api/v1/surveys/rounds', { title: '督导室自评（机构不可见）', form_version_id: vid, opens_on: today, closes_on: today, cells: [{ group: 'parent', quota: 1 }] })).status, 201);
  // parents answer (the public page is covered by surveys.test.mjs)
  const res = await fetch(`${server.base}/api/v1/surveys/rounds/${round.id}/codes`, { headers: { cookie: `dudao_session=${api.cookie}` } });
  const codes = readXlsx(Buffer.from(await res.arrayBuffer())).slice(1).filter((r) => r[2] === '家长').map((r) => r[0]);
  for (let i = 0; i < 12; i++) {
    const v = i < 11 ? '5' : '2';
    const answers = { S0: { S1: v, S2: v, S3: v, S4: v, S5: v }, S6: v, G1: v, G2: v, G3: v, ...(i === 0 ? { P2: '希望公开招生划片依据' } : {}) };
    assert.equal((await pub.post(`/api/v1/public/surveys/${codes[i]}`, { answers })).status, 201);
  }
  const page = await newPage(browser, { phone: true });
  await page.goto(`${server.base}/login`);
  await login(page, 'ev_huzhou', GOOD_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${server.base}/surveys`);
  await tid(page, 'survey-rounds').getByText('2026 年第三方社会认可度调查').waitFor();
  assert.doesNotMatch(await tid(page, 'survey-rounds').textContent(), /机构不可见/);
  await shot(page, 'evaluator-rounds');
  await tid(page, 'survey-rounds').getByText('2026 年第三方社会认可度调查').click();
  await tid(page, 'survey-results').waitFor();
  assert.match(await tid(page, 'survey-overall').textContent(), /91\.7%/); // 11 of 12
  assert.equal(await tid(page, 'survey-texts').count(), 0, 'no free-text answers for the organisation');
  await tid(page, 'survey-close').click();
  await page.locator('.el-message-box .el-button--primary').click();
  await input(page, 'survey-org-report').fill('发放 600 份，回收 12 份（测试）。');
  await tid(page, 'survey-submit').click();
  await page.waitForFunction(() => /待审核/.test(document.querySelector('[data-test="survey-review-tag"]')?.textContent || ''));
  await shot(page, 'evaluator-handed-in', { full: true });
  // (the 401 is the login page asking who is logged in before anyone is)
  assert.deepEqual(page.jsErrors.filter((e) => !/status of 401/.test(e)), []);
  await page.context().close();
});

test('the office accepts, sees the trend and flags a free-text answer', async () => {
  const page = office;
  office.jsErrors.length = 0; // the refusals asserted in the first test are behind us
  await page.goto(`${server.base}/surveys`);
  await tid(page, 'survey-rounds').getByText('2026 年第三方社会认可度调查').click();
  await tid(page, 'survey-review').waitFor();
  assert.match(await tid(page, 'survey-review').textContent(), /发放 600 份/);
  await tid(page, 'survey-accept').click();
  await page.waitForFunction(() => /已采用/.test(document.querySelector('[data-test="survey-review-tag"]')?.textContent || ''));
  assert.equal(await tid(page, 'survey-not-usable').count(), 0);
  await tid(page, 'survey-texts').getByText('希望公开招生划片依据').waitFor();
  await tid(page, 'survey-flag').first().click();
  await page.locator('.el-message-box input').fill('转招生办');
  await page.locator('.el-message-box .el-button--primary').click();
  await tid(page, 'survey-texts').getByText('转招生办').waitFor();
  await shot(page, 'office-accepted', { full: true });
  await page.goto(`${server.base}/surveys`);
  await tid(page, 'survey-trend').locator('canvas').waitFor();
  await shot(page, 'trend', { full: true });
  assert.deepEqual(office.jsErrors, []);
});

test('the official survey: the office prints posters and enters the published counts', async () => {
  const page = office;
  office.jsErrors.length = 0;
  const school = (await api.get('/api/v1/schools?page_size=1')).json.items[0];
  const r = await api.post('/api/v1/surveys/official', {
    title: '国家社会认可度调查（正式）', institution: '教育部委托专业机构', url: 'https://survey.example.org/q/330521',
    opens_on: daysFrom(0), closes_on: daysFrom(10), cells: [{ group_name: '家长', school_id: school.id, target: 100 }, { group_name: '教师', target: 30 }],
  });
  assert.equal(r.status, 201, r.text);
  await page.goto(`${server.base}/surveys/official`);
  await tid(page, 'official-list').getByText('国家社会认可度调查（正式）').click();
  await tid(page, 'official-detail').waitFor();
  await input(page, 'official-count-1').fill('64');
  await input(page, 'official-count-2').fill('30');
  await tid(page, 'official-save').click();
  await tid(page, 'official-list').getByText('94 / 130').waitFor();
  await shot(page, 'official', { full: true });
  const p = await newPage(browser, { phone: true });
  await p.context().addCookies([{ name: 'dudao_session', value: api.cookie, url: server.base }]);
  await p.goto(`${server.base}/surveys/official`);
  await tid(p, 'official-list').getByText('国家社会认可度调查（正式）').click();
  await tid(p, 'official-cells').waitFor();
  await shot(p, 'official-phone', { full: true });
  await p.context().close();
  assert.deepEqual(office.jsErrors, []);
});
