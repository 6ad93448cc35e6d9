import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';

/**
 * A grid worker records a need for an elderly resident who phoned (no
 * smartphone): channel 'phone', the caller's name and phone, audited; the
 * grid's volunteers take it like any other; the caller follows it by the
 * case's tracking number and the last 4 digits of their phone; the recorder
 * confirms for them.
 */

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let grids: { q1: string; q2: string; f1: string };

const call12345 = {
  regionCode: AT.gridQ1,
  callerName: '谭爱华',
  phone: '13807331234',
  compound: '庆云山庄',
  building: '7栋3单元101',
  urgency: 'life_critical',
  items: [{ kind: 'dialysis_drug', name: '碳酸镧咀嚼片', strength: '500mg', quantity: 1, unit: '盒' }],
  note: '独居老人，没有智能手机，由网格员电话登记',
  lat: 27.8388,
  lng: 113.1512,
};

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId, grids } = await openIncident(t, w));
  const res = await call(w.people.district, 'POST', `/api/emergency/grids/${grids.q1}/team`, { userId: w.people.volunteer.userId, capacity: 'volunteer' });
  assert.equal(res.status, 201);
});
after(() => t.close());

const url = () => `/api/emergency/incidents/${incidentId}/phone-needs`;

describe('POST /api/emergency/incidents/:id/phone-needs', () => {
  test('401 signed out; 404 for an unknown incident', async () => {
    assert.equal((await call(null, 'POST', url(), call12345)).status, 401);
    assert.equal((await call(w.people.gridWorker, 'POST', '/api/emergency/incidents/00000000-0000-4000-8000-000000000000/phone-needs', call12345)).status, 404);
  });

  test('403 for volunteers, residents, medics and cadres of other areas', async () => {
    for (const who of ['volunteer', 'resident', 'medic', 'hetangOfficial', 'operator', 'handler'] as const) {
      const res = await call(w.people[who], 'POST', url(), call12345);
      assert.equal(res.status, 403, who);
    }
    const res = await call(w.people.volunteer, 'POST', url(), call12345);
    assert.match(res.body.error.message, /网格员/);
    // The grid worker of Q1 has no say over 枫溪花园.
    const elsewhere = await call(w.people.gridWorker, 'POST', url(), { ...call12345, regionCode: AT.gridF1 });
    assert.equal(elsewhere.status, 403);
  });

  test('400 naming the field, in the caller’s language', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...call12345, callerName: '  ' }, 'callerName'],
      [{ ...call12345, phone: '0731-1234' }, 'phone'],
      [{ ...call12345, regionCode: '4302' }, 'regionCode'],
      [{ ...call12345, regionCode: AT.hetai }, 'regionCode'],
      [{ ...call12345, items: [{ kind: 'medicine', name: '硝苯地平控释片', quantity: 1 }] }, 'strength'],
      [{ ...call12345, gridId: grids.f1 }, 'gridId'],
      [{ ...call12345, lng: undefined }, 'lng'],
      [{ ...call12345, requesterUserId: w.people.resident.userId }, 'requesterUserId'],
    ];
    for (const [body, field] of cases) {
      const res = await call(w.people.gridWorker, 'POST', url(), body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const en = await t.app.inject({ method: 'POST', url: url(), payload: { ...call12345, callerName: ' ' }, headers: { ...w.people.gridWorker.headers, 'accept-language': 'en' } });
    assert.match(en.json().error.message, /blank/);
  });

  test('409 once the incident has ended', async () => {
    const created = await call(w.people.district, 'POST', '/api/emergency/incidents', { name: '已结束的事件', regionCode: AT.lusong, startedAt: '2026-11-10T00:00:00Z' });
    await call(w.people.district, 'POST', `/api/emergency/incidents/${created.body.id}/end`, {});
    const res = await call(w.people.gridWorker, 'POST', `/api/emergency/incidents/${created.body.id}/phone-needs`, call12345);
    assert.equal(res.status, 409);
  });
});

describe('a recorded need, end to end', () => {
  let need: any;
  before(async () => {
    const res = await call(w.people.gridWorker, 'POST', url(), call12345);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    need = res.body;
  });

  test('201: channel phone, in the caller’s grid, with the case number to read back to them', async () => {
    assert.equal(need.channel, 'phone');
    assert.equal(need.recordedBy, '彭丽');
    assert.equal(need.requesterName, '谭爱华');
    assert.equal(need.phone, '13807331234');
    assert.equal(need.grid.id, grids.q1);
    assert.match(need.caseTrackingNumber, /^ZZ/);
    assert.deepEqual(need.abilities.actions, ['claim', 'cancel'], 'the recorder (the grid’s leader) may run it, and cancels for the caller');
    const row = await t.db.selectFrom('emergency_needs').select(['requester_user_id', 'recorded_by', 'caller_name', 'channel', 'household_id']).where('id', '=', need.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { requester_user_id: null, recorded_by: w.people.gridWorker.userId, caller_name: '谭爱华', channel: 'phone', household_id: null });
    const c = await t.db.selectFrom('cases').selectAll().where('id', '=', need.caseId).executeTakeFirstOrThrow();
    assert.equal(c.channel, 'hotline');
    assert.equal(c.requester_user_id, null);
    assert.equal(c.requester_name, '谭爱华');
    assert.equal(c.requester_phone, '13807331234');
    assert.equal(c.created_by, w.people.gridWorker.userId);
    assert.equal(c.priority, 'emergency');
  });

  test('audited as recorded, with no name, phone, flat or medicine in the log', async () => {
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'after']).where('target_id', '=', need.id).executeTakeFirstOrThrow();
    assert.equal(audit.action, 'emergency.need.record');
    assert.equal(audit.actor_id, w.people.gridWorker.userId);
    assert.doesNotMatch(JSON.stringify(audit.after), /谭爱华|1380733|7栋|3单元|碳酸镧/);
    assert.match(JSON.stringify(audit.after), /"channel":"phone"/);
  });

  test('the grid’s volunteer sees it masked and claims it; the recorder finds it under mine=recorded', async () => {
    const seen = await call(w.people.volunteer, 'GET', `/api/emergency/needs/${need.id}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.phone, '138****1234');
    assert.equal(seen.body.requesterName, '谭*华');
    assert.equal(seen.body.caseTrackingNumber, null);
    assert.equal((await call(w.people.resident, 'GET', `/api/emergency/needs/${need.id}`)).status, 404, 'no resident account is behind it');
    const mine = await call(w.people.gridWorker, 'GET', `/api/emergency/incidents/${incidentId}/needs?mine=recorded`);
    assert.deepEqual(mine.body.items.map((n: any) => n.id), [need.id]);
    assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${need.id}/actions/claim`, {})).status, 200);
    const runner = await call(w.people.volunteer, 'GET', `/api/emergency/needs/${need.id}`);
    assert.equal(runner.body.phone, '13807331234', 'the runner calls the caller');
  });

  test('the caller follows it by number + last 4 digits; the recorder confirms for them', async () => {
    const act = (action: string) => call(w.people.volunteer, 'POST', `/api/emergency/needs/${need.id}/actions/${action}`, {});
    assert.equal((await act('buy')).status, 200);
    assert.equal((await act('reach_gate')).status, 200);
    const wrong = await call(null, 'GET', `/api/cases/track/${need.caseTrackingNumber}?phoneLast4=0000`);
    assert.equal(wrong.status, 403);
    const track = await call(null, 'GET', `/api/cases/track/${need.caseTrackingNumber}?phoneLast4=1234`);
    assert.equal(track.status, 200);
    assert.equal(track.body.status, 'in_progress');
    assert.equal(track.body.description, null, 'a private case’s story stays with its handlers');
    assert.ok(track.body.timeline.some((e: any) => e.note === '物品已送到小区门口'));
    // Handed over and confirmed by phone: the grid worker presses confirm for the caller.
    await t.db.updateTable('emergency_needs').set({ status: 'delivered' }).where('id', '=', need.id).execute();
    assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${need.id}/actions/confirm`, {})).status, 403, 'the runner does not confirm for the caller');
    const confirmed = await call(w.people.gridWorker, 'POST', `/api/emergency/needs/${need.id}/actions/confirm`, {});
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.status, 'confirmed');
  });

  test('a grid leader (格长) of any role records for their grid; a zone needs the zone named', async () => {
    const leaderGrid = (await call(w.people.district, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.qingyunshan, name: '庆云山庄东区', leaderUserId: w.people.volunteer2.userId })).body.id;
    const body = { ...call12345, regionCode: AT.qingyunshan, urgency: 'normal', items: [{ kind: 'food', name: '大米', quantity: 1, unit: '袋' }] };
    const res = await call(w.people.volunteer2, 'POST', url(), { ...body, gridId: leaderGrid });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.grid.name, '庆云山庄东区');
    assert.equal((await call(w.people.volunteer2, 'POST', url(), { ...body, gridId: grids.q2 })).status, 403, 'not their grid');
  });
});
