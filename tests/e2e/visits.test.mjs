// A visit in Chromium at phone size, as an inspector inside a school: the admin generates the
// month's routine tasks; the inspector opens 今日督导, starts a visit, checks in (the phone's
// position against the school's), answers every item, photographs a failed one with the
// camera input, loses the network (context.setOffline) while answering — the page keeps the
// answers and the photo and shows "n 项待同步" — gets it back, sees everything sync, and
// submits. Then the admin opens the visit at desktop size and downloads its PDF, read back
// with pdftotext. Screenshots go to build/screenshots/visits-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, tid, input, SHOTS } from '../lib/browser.mjs';
import { loginAs } from '../api/client.mjs';

const PASSWORD = 'Dudao@2026';

let server, browser, files, school, visitId;

before(async () => {
  files = mkdtempSync(join(tmpdir(), 'dudao-e2e-visits-'));
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

// A 375×800 phone (the narrowest common one) or a 1366×800 laptop, with a position when given.
async function newContext({ phone = false, geolocation } = {}) {
  const page = await newPage(browser, {
    phone,
    viewport: phone ? { width: 375, height: 800 } : { width: 1366, height: 800 },
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
  });
  return { context: page.context(), page };
}

async function shot(page, name, opts = {}) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/visits-${name}.png`, ...opts });
}
// Only the app's own failures count; refused requests and the offline fetches are expected.
function realErrors(page) {
  return page.jsErrors.filter((e) => !/status of 4\d\d|Failed to load resource|net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e));
}

async function login(page, path, username) {
  await page.goto(server.base + path);
  await page.waitForURL(/\/login/);
  await input(page, 'login-username').fill(username);
  await input(page, 'login-password').fill(PASSWORD);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
}

// A camera-sized JPEG (2400×1800) drawn by the browser itself, so the page's canvas really
// scales a big photo down before it is stored and sent.
async function cameraJpeg(page) {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 2400;
    c.height = 1800;
    const g = c.getContext('2d');
    for (let i = 0; i < 40; i++) {
      g.fillStyle = `hsl(${i * 9}, 70%, ${30 + (i % 5) * 10}%)`;
      g.fillRect((i * 97) % 2200, (i * 61) % 1600, 300, 240);
    }
    const noise = g.createImageData(800, 800); // texture, as a real photo has
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = (i % 4 === 3) ? 255 : (Math.random() * 255) | 0;
    g.putImageData(noise, 800, 500);
    const blob = await new Promise((ok) => c.toBlob(ok, 'image/jpeg', 0.95));
    const buf = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return btoa(s);
  });
  const f = join(files, 'IMG_0001.jpg');
  writeFileSync(f, Buffer.from(b64, 'base64'));
  return f;
}

test('admin generates this month\'s routine tasks from the task page', async () => {
  const { context, page } = await newContext();
  await login(page, '/tasks', 'admin_dq');
  await tid(page, 'task-generate').click();
  await page.locator('.el-message--success').waitFor();
  await tid(page, 'task-table').locator('.el-table__row').first().waitFor();
  const rows = await tid(page, 'task-table').locator('.el-table__row').count();
  assert.ok(rows >= 10, `${rows} routine tasks`);
  await shot(page, 'desktop-tasks');
  assert.deepEqual(realErrors(page), []);
  await context.close();
});

// A remote el-select: open it, type, click the option.
// A remote-search select: type, wait for the option, pick it, and make sure it was taken (on a
// loaded machine the results can re-render under the click; then it is picked again).
async function pickRemote(page, name, text, option) {
  const sel = tid(page, name);
  for (let attempt = 0; attempt < 3; attempt++) {
    await sel.locator('.el-select__wrapper').click();
    await input(page, name).fill(text);
    const opt = page.locator(`[data-test="${option}"]:visible`).first();
    await opt.waitFor();
    await opt.click();
    await page.waitForTimeout(200);
    const taken = await sel.locator('.el-tag, .el-select__placeholder:not(.is-transparent)').count();
    if (taken > 0) return;
  }
  throw new Error(`${name}: ${option} was not taken`);
}

test('admin plans a 督查 (unannounced) task: checklist, schools, leader, due date', async () => {
  const { context, page } = await newContext();
  await login(page, '/tasks', 'admin_dq');
  await tid(page, 'task-create').click();
  await tid(page, 'kind-inspection').click(); // 四不两直 is its own kind; a 专项 needs 3 督学 and the notice
  await input(page, 'task-title').fill('校园安全专项督导（e2e）');
  const due = new Date(Date.now() + 8 * 3600e3 + 10 * 86400e3).toISOString().slice(0, 10);
  await input(page, 'task-due').fill(due);
  await input(page, 'task-due').press('Enter');
  await pickRemote(page, 'task-schools', '2133000100', 'school-option-2133000100');
  await pickRemote(page, 'task-leader', '志强', 'inspector-option-ZJ330521-001');
  await shot(page, 'desktop-new-task');
  await tid(page, 'task-save').click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await tid(page, 'task-title').waitFor();
  assert.equal(await tid(page, 'task-title').innerText(), '校园安全专项督导（e2e）');
  assert.equal(await page.locator('[data-test^="target-"]').count(), 1);
  assert.deepEqual(realErrors(page), []);
  await context.close();
});

test('an inspector runs a visit on a phone, offline and back, and submits', async () => {
  const api = await loginAs(server.base, 'inspector');
  const agenda = (await api.get('/api/v1/visits/agenda')).json;
  const first = agenda.items.find((x) => x.kind === 'routine');
  school = (await api.get(`/api/v1/schools/${first.school_id}`)).json;
  const { context, page } = await newContext({ phone: true, geolocation: { latitude: school.lat + 0.0003, longitude: school.lng, accuracy: 12 } });
  await login(page, '/', 'inspector');
  await tid(page, 'agenda-card').waitFor();
  assert.match(await tid(page, 'agenda-card').innerText(), /待督导 \d+ 处/);
  await tid(page, 'agenda-card').locator('a').click();
  await page.waitForURL(/\/today$/);
  await tid(page, `agenda-open-${first.target_id}`).waitFor();
  await shot(page, 'phone-today');
  await tid(page, `agenda-open-${first.target_id}`).click();
  await page.waitForURL(/\/visits\/\d+$/);
  visitId = Number(page.url().split('/').pop());
  await tid(page, 'visit-school').waitFor();
  assert.equal(await tid(page, 'visit-school').innerText(), school.name);

  // check in: about 33 m from the school
  await tid(page, 'checkin-button').click();
  await tid(page, 'checkin-distance').waitFor();
  const dist = await tid(page, 'checkin-distance').innerText();
  assert.match(dist, /距学校 3\d 米/);
  assert.match(dist, /在校内/);

  // answer every item: R6 fails and needs its note; R7 is flagged
  const codes = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'];
  for (const c of codes) await tid(page, `level-${c}-${c === 'R6' ? 'problem' : 'good'}`).click();
  await input(page, 'note-R6').fill('校门口护学岗无人值守');
  await input(page, 'note-R6').blur();
  await tid(page, 'flag-R7').click();
  await tid(page, 'synced').waitFor();
  await shot(page, 'phone-checklist');

  // the network goes: answers and a camera photo are kept and counted
  await context.setOffline(true);
  await tid(page, 'offline-badge').waitFor();
  await tid(page, 'level-R8-fair').click();
  const jpeg = await cameraJpeg(page);
  assert.ok(statSync(jpeg).size > 600 * 1024, `a big photo: ${statSync(jpeg).size}`);
  await page.locator('[data-test="camera-R6"] input[type=file]').setInputFiles(jpeg);
  await tid(page, 'pending-count').waitFor();
  await page.waitForFunction(() => {
    const m = /(\d+) 项待同步/.exec(document.querySelector('[data-test="pending-count"]')?.textContent || '');
    return m && Number(m[1]) >= 2;
  });
  await page.locator('[data-test="item-R6"] .cl-photo.pending').first().waitFor();
  await shot(page, 'phone-offline');
  // submitting now is refused on the page (nothing is lost)
  await tid(page, 'visit-submit').click();
  await page.locator('.el-message--warning').waitFor();

  // a reload while offline is not possible in a browser without a service worker, but the
  // queue lives in IndexedDB: check it is there
  const queued = await page.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open('dudao-visits');
    r.onsuccess = () => {
      const t = r.result.transaction(['pending', 'photos']);
      const a = t.objectStore('pending').getAll();
      const p = t.objectStore('photos').count();
      t.oncomplete = () => ok({ answers: a.result.map((x) => Object.keys(x.answers)), photos: p.result });
    };
  }));
  assert.ok(queued.answers.flat().includes('R8'), JSON.stringify(queued));
  assert.equal(queued.photos, 1);

  // back online: everything goes out by itself
  await context.setOffline(false);
  await tid(page, 'synced').waitFor({ timeout: 20000 });
  await page.locator('[data-test="item-R6"] .cl-photo:not(.pending)').first().waitFor();
  const server1 = (await api.get(`/api/v1/visits/${visitId}`)).json;
  assert.equal(server1.answers.R8.value, 'fair', 'the offline answer reached the server');
  assert.equal(server1.answers.R6.note, '校门口护学岗无人值守', JSON.stringify(server1.answers));
  {
    assert.equal(server1.answers.R6.attachments.length, 1, 'the offline photo reached the server, linked to R6');
    const ph = server1.photos[0];
    assert.equal(ph.mime, 'image/jpeg');
    assert.ok(ph.size_bytes < 600 * 1024, `scaled down in the browser: ${ph.size_bytes} bytes`);
    assert.ok(Math.abs(ph.lat - school.lat) < 0.01, 'the photo carries the phone position');
  }

  // notes, then submit
  await input(page, 'visit-notes').fill('学校管理规范，校门口安全值守需加强。');
  await input(page, 'visit-notes').blur();
  await tid(page, 'synced').waitFor();
  await tid(page, 'visit-submit').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForFunction(() => /已提交/.test(document.querySelector('[data-test="visit-status"]')?.textContent || '')
    || document.querySelector('.el-message--error'));
  const refused = await page.locator('.el-message--error').count() ? await page.locator('.el-message--error').innerText() : '';
  assert.equal(refused, '', 'submit refused');
  await tid(page, 'visit-result').waitFor();
  assert.ok(await tid(page, 'finding').count() >= 2, 'the failed and the flagged item became draft findings');
  await shot(page, 'phone-submitted', { fullPage: true });
  assert.deepEqual(realErrors(page), []);
  await context.close();
});

test('the admin sees the visit and downloads its PDF', async () => {
  const { context, page } = await newContext();
  await login(page, '/visits', 'admin_dq');
  await tid(page, `visit-row-${visitId}`).click();
  await page.waitForURL(new RegExp(`/visits/${visitId}$`));
  await tid(page, 'visit-result').waitFor();
  await shot(page, 'desktop-visit');
  const [dl] = await Promise.all([page.waitForEvent('download'), tid(page, 'record-pdf').click()]);
  const path = join(files, 'record.pdf');
  await dl.saveAs(path);
  assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
  const text = spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  assert.ok(text.includes(school.name), 'the school');
  assert.ok(text.includes('存在问题') && text.includes('校门口护学岗无人值守'), 'the failed answer with its note');
  assert.ok(text.includes('较好'), 'the answer given offline');
  // issue the opinion from the page
  await tid(page, 'opinion-issue').click();
  await input(page, 'opinion-evaluation').fill('该校办学行为规范。');
  await tid(page, 'opinion-save').click();
  await tid(page, 'opinion-pdf').waitFor();
  assert.match(await tid(page, 'opinion-pdf').innerText(), /德督〔\d{4}〕\d+号/);
  await shot(page, 'desktop-visit-opinion');
  // a correction after submit: recorded with its reason
  await tid(page, 'amend-open').click();
  await page.locator('.el-dialog [data-test="level-R1-fair"]').click(); // the first item, chosen by default
  await input(page, 'amend-reason').fill('复核后更正为好');
  await tid(page, 'amend-save').click();
  await page.locator('.el-message--success').last().waitFor();
  await page.waitForFunction(() => /复核后更正为好/.test(document.body.innerText));
  // coverage: this month's visit counts for the school
  await page.goto(`${server.base}/visit-coverage`);
  await tid(page, 'coverage-totals').waitFor();
  await tid(page, 'coverage-calendar').waitFor();
  await shot(page, 'desktop-coverage', { fullPage: true });
  assert.deepEqual(realErrors(page), []);
  await context.close();
});
