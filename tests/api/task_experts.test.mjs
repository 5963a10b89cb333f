// Team members who are not 督学 (issue 14; 《教育督导条例》第十六条: a 督导小组 may include staff
// of the relevant departments and 专业人员): an account of role expert, never open-ended, that
// the office adds to a task's team with its kind and organisation. It reads only the tasks it
// is on, records 专业意见 on their targets (the team and the office read them, the school does
// not), and reaches nothing else: no ledger, school list, unit, survey or another task.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, assertError, stopClean, createUser, uniq, GOOD_PASSWORD } from './client.mjs';

let srv, admin, inspector, school, expert, expertUser, task, otherTask;

function plusDays(n) {
  return new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
}

before(async () => {
  srv = await startServer();
  [admin, inspector, school] = await Promise.all(['admin_dq', 'inspector', 'school'].map((u) => loginAs(srv.base, u)));
  const ins = (await admin.get('/api/v1/inspectors?page_size=200&region_code=330521')).json.items.filter((i) => i.status === 'active');
  const me = ins.find((i) => i.user_id === inspector.user.id);
  const team = [{ inspector_id: me.id, role: 'leader' }, ...ins.filter((i) => i.id !== me.id).slice(0, 2).map((i) => ({ inspector_id: i.id }))];
  const fw = (await admin.get('/api/v1/tasks?kind=routine&page_size=1')).json.items[0].framework_version_id;
  const base = { kind: 'special', framework_version_id: fw, due_on: plusDays(20), school_ids: [school.user.school_id], members: team };
  let r = await admin.post('/api/v1/tasks', { ...base, title: '校舍安全专项督导' });
  assert.equal(r.status, 201, r.text);
  task = r.json;
  r = await admin.post('/api/v1/tasks', { ...base, title: '食堂食品安全专项督导' });
  otherTask = r.json;
});
after(() => stopClean(srv));

describe('non-inspector team members (条例第十六条)', () => {
  test('an expert account needs an end date', async () => {
    const body = { username: uniq('zj'), display_name: '周工程师', role: 'expert', region_code: '330521', password: GOOD_PASSWORD };
    assertError(await admin.post('/api/v1/users', body), 400, 'invalid', 'expires_on');
    expertUser = await createUser(admin, { ...body, expires_on: plusDays(90) });
    assert.equal(expertUser.role, 'expert');
    expert = await loginAs(srv.base, expertUser.username, GOOD_PASSWORD);
    // on no team yet: no task at all
    assert.equal((await expert.get('/api/v1/tasks')).json.total, 0);
    assertError(await expert.get(`/api/v1/tasks/${task.id}`), 404, 'not_found');
  });

  test('the office adds it to a team with its kind and organisation; bad input changes nothing', async () => {
    const add = (body) => admin.post(`/api/v1/tasks/${task.id}/experts`, body);
    assertError(await add({ user_id: expertUser.id, kind: 'consultant', org: '县住建局' }), 400, 'invalid', 'kind');
    assertError(await add({ user_id: expertUser.id, kind: 'professional', org: '' }), 400, 'invalid', 'org');
    assertError(await add({ user_id: inspector.user.id, kind: 'professional', org: '县住建局' }), 400, 'invalid', 'user_id');
    assertError(await add({ user_id: 999999, kind: 'professional', org: '县住建局' }), 400, 'invalid', 'user_id');
    assert.deepEqual((await admin.get(`/api/v1/tasks/${task.id}`)).json.experts, []);
    const r = await add({ user_id: expertUser.id, kind: 'professional', org: '湖州市建设工程质量检测中心' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.experts.length, 1);
    assert.equal(r.json.experts[0].kind_label, '专业人员');
    assert.equal(r.json.experts[0].org, '湖州市建设工程质量检测中心');
    assert.equal(r.json.members.length, 3, 'the 督学 team is unchanged: the ≥ 3 rule counts 督学');
    assertError(await add({ user_id: expertUser.id, kind: 'professional', org: 'x' }), 409, 'conflict', 'user_id');
    assertError(await inspector.post(`/api/v1/tasks/${task.id}/experts`, { user_id: expertUser.id, kind: 'department', org: 'x' }), 403, 'forbidden');
  });

  test('the member reads its task only and records 专业意见; the school does not read them', async () => {
    const list = (await expert.get('/api/v1/tasks')).json;
    assert.deepEqual(list.items.map((t) => t.id), [task.id]);
    const t = (await expert.get(`/api/v1/tasks/${task.id}`)).json;
    assert.equal(t.targets.length, 1);
    assertError(await expert.get(`/api/v1/tasks/${otherTask.id}`), 404, 'not_found');
    assertError(await expert.post(`/api/v1/tasks/${task.id}/expert-notes`, { text: '' }), 400, 'invalid', 'text');
    let r = await expert.post(`/api/v1/tasks/${task.id}/expert-notes`, { target_id: t.targets[0].id, text: '教学楼北侧外墙空鼓面积约 12 平方米，建议一个月内完成修缮并复测。' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.expert_notes.length, 1);
    assert.equal(r.json.expert_notes[0].by, '周工程师');
    assertError(await expert.post(`/api/v1/tasks/${otherTask.id}/expert-notes`, { text: '越权' }), 404, 'not_found');
    assertError(await inspector.post(`/api/v1/tasks/${task.id}/expert-notes`, { text: 'x' }), 403, 'forbidden');
    // the office and the team read the opinion; the school reads the team, not the opinion
    assert.equal((await admin.get(`/api/v1/tasks/${task.id}`)).json.expert_notes.length, 1);
    assert.equal((await inspector.get(`/api/v1/tasks/${task.id}`)).json.expert_notes.length, 1);
    assert.ok((await school.get('/api/v1/tasks')).json.items.some((x) => x.id === task.id), 'an announced 专项: the school reads it');
    const st = (await school.get(`/api/v1/tasks/${task.id}`)).json;
    assert.equal(st.experts.length, 1, 'the school knows who is on the team');
    assert.equal(st.expert_notes, undefined, "but not the team's opinions");
  });

  test('nothing else is within its reach', async () => {
    for (const path of ['/api/v1/schools', '/api/v1/findings', '/api/v1/inspectors', '/api/v1/units', '/api/v1/surveys/rounds',
      '/api/v1/visits', '/api/v1/findings/inbox', '/api/v1/accountability', '/api/v1/users', '/api/v1/audit', '/api/v1/balance/overview']) {
      const r = await expert.get(path);
      assert.ok(r.status === 403 || r.status === 404, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
    }
    assertError(await expert.post('/api/v1/tasks', { kind: 'special', title: 'x' }), 403, 'forbidden');
    assertError(await expert.post(`/api/v1/tasks/${task.id}/steps`, { step: 'notice' }), 403, 'forbidden');
  });

  test('a probe of every GET route of the API: the member reaches only its task, itself and the public pages', async () => {
    const doc = (await expert.get('/api/v1/openapi.json')).json;
    const prefix = (doc.servers && doc.servers[0] && doc.servers[0].url) || '';
    // its task, its own session, the public pages, and the region tree (GB/T 2260 divisions, public)
    const allowed = (p) => /^\/api\/v1\/(tasks(\/\{id\})?|auth\/.*|public\/.*|openapi\.json|meta\/.*|regions)$/.test(p) || p === '/healthz';
    let probed = 0;
    const open = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      const full = (path.startsWith('/api/') || path === '/healthz' ? '' : prefix) + path;
      if (allowed(full)) continue;
      // path parameters: the member's own task where it names a task, else ids that exist in the demo
      const url = full.replace('{id}', full.startsWith('/api/v1/tasks/') ? String(task.id) : '1').replace(/\{[a-z_]+\}/g, '1');
      const r = await expert.get(url);
      probed++;
      if (r.status !== 403 && r.status !== 404) open.push(`${url}: ${r.status} ${r.text.slice(0, 120)}`);
    }
    assert.deepEqual(open, []);
    assert.ok(probed > 100, `probed ${probed} routes`);
  });

  test('removed from the team, it no longer reads the task; the audit has both', async () => {
    assertError(await admin.del(`/api/v1/tasks/${task.id}/experts/${inspector.user.id}`), 404, 'not_found');
    const r = await admin.del(`/api/v1/tasks/${task.id}/experts/${expertUser.id}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.experts, []);
    assertError(await expert.get(`/api/v1/tasks/${task.id}`), 404, 'not_found');
    assert.equal((await expert.get('/api/v1/tasks')).json.total, 0);
    const auditor = await loginAs(srv.base, 'auditor');
    const rows = (await auditor.get(`/api/v1/audit?entity=task&entity_id=${task.id}&page_size=50`)).json.items.map((x) => x.action);
    for (const a of ['add_expert', 'expert_note', 'remove_expert']) assert.ok(rows.includes(a), `${a} in ${rows}`);
  });
});
