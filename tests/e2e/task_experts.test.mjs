// A 专业人员 on a 专项督导 team, in Chromium (《教育督导条例》第十六条): the office adds a
// structural engineer to the task from its page (an account with an end date); the engineer, on
// a phone, sees only that task, opens it and records a 专业意见 on the school; the office reads it
// on the task. Screenshots: build/screenshots/task-experts-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, tid, input, shot as takeShot, login } from '../lib/browser.mjs';
import { loginAs, GOOD_PASSWORD } from '../api/client.mjs';

let server, browser, api, task;
const shot = (page, name, opts) => takeShot(page, `task-experts-${name}`, opts);
const plusDays = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await loginAs(server.base, 'admin_dq');
  const inspector = await loginAs(server.base, 'inspector');
  const school = await loginAs(server.base, 'school');
  const ins = (await api.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items.filter((i) => i.status === 'active');
  const me = ins.find((i) => i.user_id === inspector.user.id);
  const members = [{ inspector_id: me.id, role: 'leader' }, ...ins.filter((i) => i.id !== me.id).slice(0, 2).map((i) => ({ inspector_id: i.id }))];
  const fw = (await api.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
  const r = await api.post('/api/v1/tasks', { kind: 'special', title: '校舍安全专项督导（含结构检测）', framework_version_id: fw, due_on: plusDays(30),
    school_ids: [school.user.school_id], members });
  assert.equal(r.status, 201, r.text);
  task = r.json;
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const r = await server.stop();
    assert.equal(r.sanitizer, null, `sanitizer report from the server: ${r.sanitizer}`);
  }
});

test('the office adds a professional; the professional records an opinion on a phone; the office reads it', async () => {
  const office = await newPage(browser);
  await office.goto(`${server.base}/login`);
  await login(office, 'admin_dq', 'Dudao@2026');
  await office.waitForURL((u) => !u.pathname.startsWith('/login'));
  await office.goto(`${server.base}/tasks/${task.id}`);
  await tid(office, 'task-experts').waitFor();
  await tid(office, 'expert-add').click();
  await input(office, 'expert-org').fill('湖州市建设工程质量检测中心');
  await input(office, 'expert-name').fill('周工程师');
  await input(office, 'expert-username').fill('zhou_eng');
  await input(office, 'expert-password').fill(GOOD_PASSWORD);
  await tid(office, 'expert-save').click();
  await tid(office, 'task-experts').getByText('周工程师').waitFor();
  await tid(office, 'task-experts').getByText('专业人员').first().waitFor();
  await shot(office, 'office');

  const phone = await newPage(browser, { phone: true });
  await phone.goto(`${server.base}/login`);
  await login(phone, 'zhou_eng', GOOD_PASSWORD);
  await phone.waitForURL((u) => !u.pathname.startsWith('/login'));
  await phone.goto(`${server.base}/tasks`);
  await phone.getByText('校舍安全专项督导（含结构检测）').first().waitFor();
  await phone.goto(`${server.base}/tasks/${task.id}`);
  await input(phone, 'expert-note-text').fill('教学楼北侧外墙空鼓约 12 平方米，建议一个月内修缮并复测。');
  await tid(phone, 'expert-note-save').click();
  await tid(phone, 'expert-notes').getByText('教学楼北侧外墙空鼓').waitFor();
  await shot(phone, 'phone');
  // no ledger for the engineer
  const r = await phone.evaluate(async () => (await fetch('/api/v1/findings')).status);
  assert.equal(r, 403);

  await office.reload();
  await tid(office, 'expert-notes').getByText('周工程师').waitFor();
  const t = (await api.get(`/api/v1/tasks/${task.id}`)).json;
  assert.equal(t.expert_notes.length, 1);
  assert.equal(t.experts[0].org, '湖州市建设工程质量检测中心');
  await phone.context().close();
  await office.context().close();
});
