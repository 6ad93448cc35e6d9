import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let grids: { q1: string; q2: string; f1: string };

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId, grids } = await openIncident(t, w));
});
after(() => t.close());

describe('POST /api/emergency/incidents', () => {
  const body = { name: '测试事件', regionCode: AT.lusong };

  test('401 when signed out', async () => {
    assert.equal((await call(null, 'POST', '/api/emergency/incidents', body)).status, 401);
  });

  test('400 naming the field: missing name, malformed code, unknown region, blank name', async () => {
    const missing = await call(w.people.district, 'POST', '/api/emergency/incidents', { regionCode: AT.lusong });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, 'name');
    assert.match(missing.body.error.message, /姓名|名称|name/);
    const bad = await call(w.people.district, 'POST', '/api/emergency/incidents', { ...body, regionCode: '4302' });
    assert.equal(bad.body.error.field, 'regionCode');
    const unknown = await call(w.people.district, 'POST', '/api/emergency/incidents', { ...body, regionCode: '430203099000' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'regionCode');
    const blank = await call(w.people.district, 'POST', '/api/emergency/incidents', { ...body, name: '   ' });
    assert.equal(blank.status, 400);
    assert.equal(blank.body.error.field, 'name');
  });

  test('403 for people who do not command the area', async () => {
    for (const who of ['cadre', 'volunteer', 'resident', 'hetangOfficial', 'street'] as const) {
      assert.equal((await call(w.people[who], 'POST', '/api/emergency/incidents', body)).status, 403, who);
    }
  });

  test('201 for the district commander, audited', async () => {
    const res = await call(w.people.district, 'POST', '/api/emergency/incidents', { ...body, description: '测试' });
    assert.equal(res.status, 201);
    assert.equal(res.body.regionName, '芦淞区');
    assert.equal(res.body.active, true);
    assert.deepEqual(res.body.abilities, { manage: true, viewBoard: true, postNeed: false });
    const row = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', res.body.id).executeTakeFirstOrThrow();
    assert.equal(row.action, 'emergency.incident.create');
    assert.equal(row.actor_id, w.people.district.userId);
  });
});

describe('GET /api/emergency/incidents', () => {
  test('is public, and finds incidents covering or inside a region', async () => {
    const all = await call(null, 'GET', '/api/emergency/incidents');
    assert.equal(all.status, 200);
    assert.ok(all.body.items.some((i: any) => i.id === incidentId));
    const below = await call(null, 'GET', `/api/emergency/incidents?regionCode=${AT.qingyunshan}`);
    assert.ok(below.body.items.some((i: any) => i.id === incidentId), 'a community inside 芦淞区');
    const city = await call(null, 'GET', `/api/emergency/incidents?regionCode=${AT.city}`);
    assert.ok(city.body.items.some((i: any) => i.id === incidentId), 'the city above');
    const elsewhere = await call(null, 'GET', `/api/emergency/incidents?regionCode=${AT.hetai}`);
    assert.ok(!elsewhere.body.items.some((i: any) => i.id === incidentId));
    assert.equal((await call(null, 'GET', '/api/emergency/incidents?regionCode=12')).status, 400);
  });

  test('a resident of the area may post needs; anyone may read the incident', async () => {
    const mine = await call(w.people.resident, 'GET', `/api/emergency/incidents/${incidentId}`);
    assert.equal(mine.body.abilities.postNeed, true);
    const outsider = await call(w.people.outsider, 'GET', `/api/emergency/incidents/${incidentId}`);
    assert.equal(outsider.body.abilities.postNeed, false);
    assert.equal((await call(null, 'GET', '/api/emergency/incidents/not-a-uuid')).status, 400);
    assert.equal((await call(null, 'GET', '/api/emergency/incidents/00000000-0000-4000-8000-000000000000')).status, 404);
  });
});

describe('grids and teams', () => {
  test('400 for a region outside the incident, or a community without a zone name', async () => {
    const outside = await call(w.people.admin, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.hetai, name: '合泰一区' });
    assert.equal(outside.status, 400);
    assert.equal(outside.body.error.field, 'regionCode');
    assert.match(outside.body.error.message, /不在本次应急事件的范围内/);
    const noName = await call(w.people.district, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.qingyunshan });
    assert.equal(noName.status, 400);
    assert.equal(noName.body.error.field, 'regionCode');
    const halfPoint = await call(w.people.district, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.qingyunshan, name: '一区', lat: 27.8 });
    assert.equal(halfPoint.body.error.field, 'lng');
    const ghost = await call(w.people.district, 'POST', `/api/emergency/incidents/${incidentId}/grids`, {
      regionCode: AT.qingyunshan,
      name: '二区',
      leaderUserId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(ghost.body.error.field, 'leaderUserId');
  });

  test('a named zone within a community; the same name twice is a 409', async () => {
    const zone = await call(w.people.street, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.qingyunshan, name: '庆云山庄封控区' });
    assert.equal(zone.status, 201);
    assert.equal(zone.body.kind, 'zone');
    assert.equal(zone.body.name, '庆云山庄封控区');
    const again = await call(w.people.street, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.qingyunshan, name: '庆云山庄封控区' });
    assert.equal(again.status, 409);
  });

  test('403: cadres and volunteers do not draw grids', async () => {
    for (const who of ['cadre', 'gridWorker', 'volunteer'] as const) {
      const res = await call(w.people[who], 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.gridQ2, name: 'x' });
      assert.equal(res.status, 403, who);
    }
  });

  test('each sees the grids they coordinate or serve', async () => {
    const names = async (who: keyof World['people']) => {
      const res = await call(w.people[who], 'GET', `/api/emergency/incidents/${incidentId}/grids`);
      return res.status === 200 ? res.body.items.map((g: any) => g.regionCode).sort() : res.status;
    };
    assert.deepEqual(await names('gridWorker'), [AT.gridQ1]);
    assert.ok((await names('cadre')).includes(AT.gridQ2));
    assert.ok(!(await names('cadre')).includes(AT.gridF1));
    assert.equal(await names('volunteer'), 403, 'not on any team yet');
    assert.equal(await names('resident'), 403);
  });

  test('the leader builds the team; capacity must fit the person’s role; release keeps the history', async () => {
    const url = `/api/emergency/grids/${grids.q1}/team`;
    assert.equal((await call(w.people.volunteer, 'POST', url, { userId: w.people.volunteer.userId, capacity: 'volunteer' })).status, 403);
    const wrong = await call(w.people.gridWorker, 'POST', url, { userId: w.people.volunteer.userId, capacity: 'medic' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.field, 'capacity');
    const badCapacity = await call(w.people.gridWorker, 'POST', url, { userId: w.people.volunteer.userId, capacity: 'driver' });
    assert.equal(badCapacity.body.error.field, 'capacity');
    const added = await call(w.people.gridWorker, 'POST', url, { userId: w.people.volunteer.userId, capacity: 'volunteer' });
    assert.equal(added.status, 201);
    assert.equal(added.body.teamSize, 1);
    assert.equal(added.body.team[0].user.phone.length, 11, 'the leader sees the team’s phones');
    assert.equal((await call(w.people.gridWorker, 'POST', url, { userId: w.people.volunteer.userId, capacity: 'volunteer' })).status, 409);
    assert.equal((await call(w.people.gridWorker, 'POST', url, { userId: w.people.handler.userId, capacity: 'department' })).status, 201);
    assert.equal((await call(w.people.gridWorker, 'POST', url, { userId: w.people.medic.userId, capacity: 'medic' })).status, 201);

    const volunteerView = await call(w.people.volunteer, 'GET', `/api/emergency/incidents/${incidentId}/grids`);
    assert.deepEqual(volunteerView.body.items.map((g: any) => g.id), [grids.q1]);
    assert.equal(volunteerView.body.items[0].abilities.serve, true);
    assert.equal((await call(w.people.volunteer, 'GET', `/api/emergency/grids/${grids.q2}`)).status, 404);
    const own = await call(w.people.volunteer, 'GET', `/api/emergency/grids/${grids.q1}`);
    assert.equal(own.status, 200);
    assert.equal(own.body.leader.name, '彭丽');
    assert.equal(own.body.leader.phone.length, 11, 'the team reaches its leader');
    const outsider = await call(w.people.cadre, 'GET', `/api/emergency/grids/${grids.f1}`);
    assert.equal(outsider.status, 404, '枫溪花园 is not the 庆云山 cadre’s');

    const released = await call(w.people.cadre, 'DELETE', `/api/emergency/grids/${grids.q1}/team/${w.people.handler.userId}`);
    assert.equal(released.status, 200);
    assert.equal(released.body.teamSize, 2);
    const gone = released.body.team.find((m: any) => m.user.id === w.people.handler.userId);
    assert.ok(gone.releasedAt, 'kept as history');
    assert.equal((await call(w.people.cadre, 'DELETE', `/api/emergency/grids/${grids.q1}/team/${w.people.handler.userId}`)).status, 404);
  });

  test('commanders appoint the leader; the leader cannot appoint another', async () => {
    const url = `/api/emergency/grids/${grids.q2}/leader`;
    assert.equal((await call(w.people.gridWorker, 'PUT', `/api/emergency/grids/${grids.q1}/leader`, { leaderUserId: null })).status, 403);
    const res = await call(w.people.street, 'PUT', url, { leaderUserId: w.people.cadre.userId });
    assert.equal(res.status, 200);
    assert.equal(res.body.leader.id, w.people.cadre.userId);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('target_id', '=', grids.q2).where('action', '=', 'emergency.grid.leader').executeTakeFirstOrThrow();
    assert.deepEqual(audit.after, { leaderUserId: w.people.cadre.userId });
  });
});

describe('tasks on the five lines and the grid board', () => {
  let taskId: string;

  test('400 naming the field; 403 for those who do not coordinate the grid', async () => {
    const url = `/api/emergency/incidents/${incidentId}/tasks`;
    const badLine = await call(w.people.gridWorker, 'POST', url, { gridId: grids.q1, line: 'cooking', title: 'x' });
    assert.equal(badLine.status, 400);
    assert.equal(badLine.body.error.field, 'line');
    const notTeam = await call(w.people.gridWorker, 'POST', url, { gridId: grids.q1, line: 'testing', title: '核酸采样', ownerUserId: w.people.volunteer2.userId });
    assert.equal(notTeam.status, 400);
    assert.equal(notTeam.body.error.field, 'ownerUserId');
    const otherGrid = await call(w.people.gridWorker, 'POST', url, { gridId: grids.f1, line: 'testing', title: '核酸采样' });
    assert.equal(otherGrid.status, 403);
    assert.equal((await call(w.people.volunteer, 'POST', url, { gridId: grids.q1, line: 'testing', title: 'x' })).status, 403);
    assert.equal((await call(w.people.gridWorker, 'POST', url, { line: 'testing', title: '全区核酸' })).status, 403, 'incident-wide tasks are the commanders’');
    const unknownGrid = await call(w.people.district, 'POST', url, { gridId: '00000000-0000-4000-8000-000000000000', line: 'testing', title: 'x' });
    assert.equal(unknownGrid.body.error.field, 'gridId');
  });

  test('the leader creates tasks; the owner moves their status; the state table is enforced', async () => {
    const url = `/api/emergency/incidents/${incidentId}/tasks`;
    const created = await call(w.people.gridWorker, 'POST', url, {
      gridId: grids.q1,
      line: 'testing',
      title: '第一网格核酸采样',
      ownerUserId: w.people.volunteer.userId,
      dueAt: '2026-11-20T01:00:00Z',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.overdue, true, 'due an hour ago');
    taskId = created.body.id;
    await call(w.people.gridWorker, 'POST', url, { gridId: grids.q1, line: 'supply', title: '生活物资配送', dueAt: '2026-11-21T01:00:00Z' });
    await call(w.people.district, 'POST', url, { line: 'publicity', title: '张贴《致居民朋友的告知书》' });

    const start = await call(w.people.volunteer, 'PATCH', `/api/emergency/tasks/${taskId}`, { status: 'in_progress' });
    assert.equal(start.status, 200);
    assert.equal(start.body.status, 'in_progress');
    assert.equal((await call(w.people.volunteer, 'PATCH', `/api/emergency/tasks/${taskId}`, { dueAt: null })).status, 403, 'the owner does not re-plan');
    const done = await call(w.people.volunteer, 'PATCH', `/api/emergency/tasks/${taskId}`, { status: 'done' });
    assert.ok(done.body.doneAt);
    const cancel = await call(w.people.gridWorker, 'PATCH', `/api/emergency/tasks/${taskId}`, { status: 'cancelled' });
    assert.equal(cancel.status, 409);
    assert.match(cancel.body.error.message, /已完成/);
    assert.equal((await call(w.people.gridWorker, 'PATCH', `/api/emergency/tasks/${taskId}`, {})).status, 400);
    assert.equal((await call(w.people.volunteer2, 'PATCH', `/api/emergency/tasks/${taskId}`, { status: 'open' })).status, 404);
    const reopened = await call(w.people.gridWorker, 'PATCH', `/api/emergency/tasks/${taskId}`, { status: 'in_progress' });
    assert.equal(reopened.body.doneAt, null);
    const history = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', taskId).execute();
    assert.equal(history.length, 4, 'created, started, done, reopened');
  });

  test('the board shows what is open per line and grid, overdue counted', async () => {
    const board = await call(w.people.district, 'GET', `/api/emergency/incidents/${incidentId}/board`);
    assert.equal(board.status, 200);
    const q1 = board.body.grids.find((g: any) => g.grid.id === grids.q1);
    assert.equal(q1.grid.leaderName, '彭丽');
    assert.equal(q1.lines.testing.open, 1);
    assert.equal(q1.lines.testing.overdue, 1);
    assert.equal(q1.lines.testing.tasks[0].ownerName, '刘翊');
    assert.equal(q1.lines.supply.open, 1);
    assert.equal(q1.lines.supply.overdue, 0);
    assert.equal(q1.lines.transfer.open, 0);
    assert.equal(board.body.totals.publicity.open, 1, 'incident-wide tasks count in the totals');
    assert.ok(board.body.grids.length >= 3);

    const mine = await call(w.people.volunteer, 'GET', `/api/emergency/incidents/${incidentId}/board`);
    assert.deepEqual(mine.body.grids.map((g: any) => g.grid.id), [grids.q1]);
    assert.equal((await call(w.people.volunteer, 'GET', `/api/emergency/incidents/${incidentId}/board?gridId=${grids.f1}`)).status, 403);
    assert.equal((await call(w.people.resident, 'GET', `/api/emergency/incidents/${incidentId}/board`)).status, 403);
    assert.equal((await call(null, 'GET', `/api/emergency/incidents/${incidentId}/board`)).status, 401);

    const tasks = await call(w.people.volunteer, 'GET', `/api/emergency/incidents/${incidentId}/tasks?mine=true`);
    assert.deepEqual(tasks.body.items.map((x: any) => x.id), [taskId]);
    const lineFilter = await call(w.people.gridWorker, 'GET', `/api/emergency/incidents/${incidentId}/tasks?line=supply`);
    assert.equal(lineFilter.body.total, 1);
  });
});

describe('ending an incident', () => {
  test('403 for a street official, 400 for an end before the start, then 200 and 409; nothing new afterwards', async () => {
    const created = await call(w.people.district, 'POST', '/api/emergency/incidents', { name: '待结束事件', regionCode: AT.lusong, startedAt: '2026-11-10T00:00:00Z' });
    const id = created.body.id;
    assert.equal((await call(w.people.street, 'POST', `/api/emergency/incidents/${id}/end`, {})).status, 403);
    const early = await call(w.people.district, 'POST', `/api/emergency/incidents/${id}/end`, { endedAt: '2026-11-01T00:00:00Z' });
    assert.equal(early.status, 400);
    assert.equal(early.body.error.field, 'endedAt');
    const ended = await call(w.people.district, 'POST', `/api/emergency/incidents/${id}/end`, {});
    assert.equal(ended.status, 200);
    assert.equal(ended.body.active, false);
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/incidents/${id}/end`, {})).status, 409);
    const grid = await call(w.people.district, 'POST', `/api/emergency/incidents/${id}/grids`, { regionCode: AT.gridQ1 });
    assert.equal(grid.status, 409);
    assert.match(grid.body.error.message, /已结束/);
    const inactive = await call(null, 'GET', '/api/emergency/incidents?active=false');
    assert.ok(inactive.body.items.some((i: any) => i.id === id));
  });
});
