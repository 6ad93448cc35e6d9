import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';
import { OVERDUE_HOURS } from './needs-summary.js';

/**
 * The needs board's counts: who may see them (the grid board's people),
 * counted on the server over every visible need, overdue by the case's
 * resolution deadline (life-critical 2 h, urgent 24 h, normal 48 h), and
 * the volunteers' loads with names masked for fellow volunteers.
 */

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let grids: { q1: string; q2: string; f1: string };
const ids: Record<string, string> = {};

const phoned = (regionCode: string, urgency: string, name: string) => ({
  regionCode,
  callerName: '谭爱华',
  phone: '13807331234',
  compound: '庆云山庄',
  building: '7栋3单元101',
  urgency,
  items: [{ kind: 'medicine', name, strength: '30mg', quantity: 1, unit: '盒' }],
});

before(async () => {
  t = await createTestApp();
  // writeNeed leaves created_at to the database's now(); the test clock starts there so deadlines line up.
  t.clock.set(new Date());
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId, grids } = await openIncident(t, w));
  for (const who of ['volunteer', 'volunteer2'] as const) {
    const res = await call(w.people.district, 'POST', `/api/emergency/grids/${grids.q1}/team`, { userId: w.people[who].userId, capacity: 'volunteer' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  const record = async (key: string, who: 'gridWorker' | 'street', regionCode: string, urgency: string, name: string) => {
    const res = await call(w.people[who], 'POST', `/api/emergency/incidents/${incidentId}/phone-needs`, phoned(regionCode, urgency, name));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ids[key] = res.body.id;
  };
  await record('critical', 'gridWorker', AT.gridQ1, 'life_critical', '碳酸镧咀嚼片');
  await record('urgent', 'gridWorker', AT.gridQ1, 'urgent', '硝苯地平控释片');
  await record('normal', 'gridWorker', AT.gridQ1, 'normal', '苯磺酸氨氯地平片');
  await record('cancelled', 'gridWorker', AT.gridQ1, 'normal', '阿司匹林肠溶片');
  await record('fengxi', 'street', AT.gridF1, 'life_critical', '胰岛素注射液');
  const act = async (who: 'volunteer' | 'volunteer2' | 'gridWorker', need: string, action: string) => {
    const res = await call(w.people[who], 'POST', `/api/emergency/needs/${ids[need]}/actions/${action}`, {});
    assert.equal(res.status, 200, `${who} ${action}: ${JSON.stringify(res.body)}`);
  };
  await act('volunteer', 'critical', 'claim');
  await act('volunteer2', 'urgent', 'claim');
  await act('volunteer2', 'urgent', 'buy');
  await act('gridWorker', 'cancelled', 'cancel');
});
after(() => t.close());

/** Moves the clock; sessions lapse over a day, so everyone signs in again. */
async function later(hours: number) {
  t.clock.advance(hours * 3_600_000);
  for (const [who, p] of Object.entries(w.people)) w.people[who as keyof World['people']] = await signIn(t, p.userId);
}

const url = (q = '') => `/api/emergency/incidents/${incidentId}/needs/summary${q}`;
const gridRow = (body: any, gridId: string) => body.grids.find((g: any) => g.gridId === gridId);

describe('GET /api/emergency/incidents/:id/needs/summary', () => {
  test('401 signed out; 404 unknown incident; 400 naming gridId', async () => {
    assert.equal((await call(null, 'GET', url())).status, 401);
    assert.equal((await call(w.people.street, 'GET', '/api/emergency/incidents/00000000-0000-4000-8000-000000000000/needs/summary')).status, 404);
    const bad = await call(w.people.street, 'GET', url('?gridId=abc'));
    assert.equal(bad.status, 400);
    const unknown = await call(w.people.street, 'GET', url('?gridId=00000000-0000-4000-8000-000000000000'));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'gridId');
  });

  test('403 for residents, medics off every grid, and commanders of another district; a volunteer for a grid they do not serve', async () => {
    for (const who of ['resident', 'outsider', 'medic', 'hetangOfficial', 'operator'] as const) {
      assert.equal((await call(w.people[who], 'GET', url())).status, 403, who);
    }
    assert.equal((await call(w.people.volunteer, 'GET', url(`?gridId=${grids.q2}`))).status, 403);
  });

  test('a street official: every grid, counted on the server; nothing overdue yet', async () => {
    const res = await call(w.people.street, 'GET', url());
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.overdueHours, { life_critical: 2, urgent: 24, normal: 48 });
    assert.deepEqual(res.body.overdueHours, OVERDUE_HOURS);
    assert.deepEqual(res.body.grids.map((g: any) => g.gridId).sort(), [grids.q1, grids.q2, grids.f1].sort());
    const q1 = gridRow(res.body, grids.q1);
    assert.deepEqual(
      { waiting: q1.waiting, waitingCritical: q1.waitingCritical, underWay: q1.underWay, overdue: q1.overdue, finished: q1.finished },
      { waiting: 1, waitingCritical: 0, underWay: 2, overdue: 0, finished: 1 },
    );
    assert.equal(gridRow(res.body, grids.f1).waitingCritical, 1);
    assert.equal(gridRow(res.body, grids.q2).waiting, 0);
    assert.deepEqual(res.body.totals, { waiting: 2, waitingCritical: 1, underWay: 2, overdue: 0, finished: 1 });
    const loads = Object.fromEntries(res.body.volunteers.map((v: any) => [v.name, v]));
    assert.deepEqual(Object.keys(loads).sort(), ['刘翊', '黄玉林'].sort());
    assert.equal(loads['刘翊'].claimed, 1);
    assert.equal(loads['刘翊'].lifeCritical, 1);
    assert.equal(loads['黄玉林'].claimed, 0);
    assert.equal(loads['黄玉林'].underWay, 1);
  });

  test('overdue after the case deadline of each urgency: 3 h → life-critical; 25 h → urgent too', async () => {
    await later(3);
    let res = await call(w.people.gridWorker, 'GET', url());
    assert.equal(res.status, 200);
    assert.equal(gridRow(res.body, grids.q1).overdue, 1);
    assert.equal(res.body.volunteers.find((v: any) => v.userId === w.people.volunteer.userId).overdue, 1);
    // The grid worker leads Q1 only: F1's overdue life-critical need is not theirs.
    assert.equal(gridRow(res.body, grids.f1), undefined);
    assert.equal(res.body.totals.overdue, 1);
    await later(22);
    res = await call(w.people.street, 'GET', url());
    assert.equal(gridRow(res.body, grids.q1).overdue, 2, 'the life-critical and the urgent one; the normal one has 48 h');
    assert.equal(res.body.totals.overdue, 3);
    res = await call(w.people.street, 'GET', url(`?gridId=${grids.f1}`));
    assert.deepEqual(res.body.grids.map((g: any) => g.gridId), [grids.f1]);
    assert.deepEqual(res.body.volunteers, []);
  });

  test('a volunteer sees only their grid, their own name in full and a fellow volunteer’s masked', async () => {
    const res = await call(w.people.volunteer, 'GET', url());
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.grids.map((g: any) => g.gridId), [grids.q1]);
    const names = res.body.volunteers.map((v: any) => v.name).sort();
    assert.deepEqual(names, ['刘翊', '黄*林'].sort());
  });

  test('finishing an errand moves it out of under way and overdue', async () => {
    const cancel = await call(w.people.gridWorker, 'POST', `/api/emergency/needs/${ids.critical}/actions/cancel`, {});
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    const res = await call(w.people.gridWorker, 'GET', url());
    const q1 = gridRow(res.body, grids.q1);
    assert.equal(q1.finished, 2);
    assert.equal(q1.underWay, 1);
    assert.equal(q1.overdue, 1);
  });
});
