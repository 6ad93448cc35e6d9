import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import PgBoss from 'pg-boss';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeHousehold } from '../../testing/factories.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';
import { deliverBatch, deliverySettings, runDelivery, settleDeliveries, useNoticeQueue } from './notice-delivery.js';
import { emergencyJobs } from './jobs.js';

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let lusongHouseholds: number;

const notice = { regionCode: AT.lusong, title: '致芦淞区居民朋友的告知书', body: '请全体居民足不出户，配合核酸检测。' };

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId } = await openIncident(t, w));
  // A few more households without accounts: a notice reaches households, not only app users.
  for (let i = 0; i < 7; i++) await makeHousehold(t.db, i % 2 ? AT.gridQ2 : AT.gridF1);
  lusongHouseholds = (await t.db.selectFrom('households').select('id').where('region_code', 'like', '430203%').execute()).length;
});
after(async () => {
  await settleDeliveries();
  await t.close();
});

const send = (who: keyof World['people'], body: Record<string, unknown> = notice) => call(w.people[who], 'POST', `/api/emergency/incidents/${incidentId}/notices`, body);

describe('POST /api/emergency/incidents/:id/notices', () => {
  test('401, 403 and 400 naming the field', async () => {
    assert.equal((await call(null, 'POST', `/api/emergency/incidents/${incidentId}/notices`, notice)).status, 401);
    for (const who of ['volunteer', 'resident', 'medic', 'gridWorker'] as const) assert.equal((await send(who)).status, 403, who);
    assert.equal((await send('district', { ...notice, title: ' ' })).body.error.field, 'title');
    assert.equal((await send('district', { ...notice, body: '' })).body.error.field, 'body');
    assert.equal((await send('district', { ...notice, regionCode: AT.hetai })).body.error.field, 'regionCode');
  });

  test('202, delivered in batches into every household’s outbox, with progress for the sender', async () => {
    deliverySettings.batchSize = 3;
    try {
      const res = await send('district');
      assert.equal(res.status, 202);
      assert.equal(res.body.progress.total, lusongHouseholds);
      await settleDeliveries();
      const progress = await call(w.people.district, 'GET', `/api/emergency/notices/${res.body.id}/progress`);
      assert.equal(progress.status, 200);
      assert.equal(progress.body.status, 'delivered');
      assert.equal(progress.body.queued, lusongHouseholds);
      assert.equal(progress.body.percent, 100);
      const rows = await t.db.selectFrom('emergency_notice_deliveries').select('household_id').where('notice_id', '=', res.body.id).execute();
      assert.equal(rows.length, lusongHouseholds);
      const outsideArea = await t.db
        .selectFrom('emergency_notice_deliveries as d')
        .innerJoin('households as h', 'h.id', 'd.household_id')
        .select('h.region_code')
        .where('d.notice_id', '=', res.body.id)
        .where('h.region_code', 'not like', '430203%')
        .execute();
      assert.equal(outsideArea.length, 0, '荷塘区 households are not in a 芦淞区 notice');
    } finally {
      deliverySettings.batchSize = 10_000;
    }
  });

  test('a delivery interrupted between batches resumes at its cursor and never queues a household twice', async () => {
    useNoticeQueue({ send: async () => {} }); // a queue that never runs: we drive the batches by hand
    try {
      const res = await send('district');
      const id = res.body.id;
      assert.equal(res.body.progress.status, 'queued');
      assert.equal(await deliverBatch(t.db, t.clock, id, 4), false);
      const mid = await call(w.people.district, 'GET', `/api/emergency/notices/${id}/progress`);
      assert.equal(mid.body.status, 'delivering');
      assert.equal(mid.body.queued, 4);
      await runDelivery(t.db, t.clock, id, 4);
      assert.equal(await deliverBatch(t.db, t.clock, id, 4), true, 'nothing left');
      const done = await call(w.people.district, 'GET', `/api/emergency/notices/${id}/progress`);
      assert.equal(done.body.queued, lusongHouseholds);
      const count = await t.db.selectFrom('emergency_notice_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('notice_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(count.n, lusongHouseholds);
    } finally {
      useNoticeQueue(null);
    }
  });
});

describe('reading, acknowledging, and the households not yet reached', () => {
  let id: string;
  before(async () => {
    id = (await send('street', { ...notice, regionCode: AT.qingyun, title: '庆云街道通告' })).body.id;
    await settleDeliveries();
  });

  test('residents find it among their notices (opening marks it seen); outsiders get a 404', async () => {
    const mine = await call(w.people.resident, 'GET', '/api/emergency/notices/mine');
    const item = mine.body.items.find((n: any) => n.id === id);
    assert.ok(item);
    assert.equal(item.progress, null, 'residents do not see the delivery figures');
    assert.equal(item.abilities.ack, true);
    assert.equal((await call(w.people.outsider, 'GET', `/api/emergency/notices/${id}`)).status, 404);
    assert.equal((await call(w.people.outsider, 'POST', `/api/emergency/notices/${id}/ack`, {})).status, 404);
    assert.equal((await call(w.people.volunteer, 'GET', `/api/emergency/notices/${id}/progress`)).status, 404);
    const tracking = (await call(w.people.street, 'GET', `/api/emergency/notices/${id}`)).body.tracking;
    assert.equal(tracking.seen, 1);
    assert.equal(tracking.acknowledged, 0);
  });

  test('acknowledging counts once per household', async () => {
    assert.equal((await call(w.people.resident, 'POST', `/api/emergency/notices/${id}/ack`, {})).status, 204);
    assert.equal((await call(w.people.resident, 'POST', `/api/emergency/notices/${id}/ack`, {})).status, 204);
    const wrong = await call(w.people.resident, 'POST', `/api/emergency/notices/${id}/ack`, { householdId: w.households.neighbour });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.field, 'householdId');
    const view = await call(w.people.resident, 'GET', `/api/emergency/notices/${id}`);
    assert.ok(view.body.mine.ackedAt);
    assert.equal(view.body.abilities.ack, false);
    const tracking = (await call(w.people.street, 'GET', `/api/emergency/notices/${id}`)).body.tracking;
    assert.equal(tracking.acknowledged, 1);
  });

  test('the unreached list: the whole area for the sender, their own grid for a grid worker; a visit reaches a door', async () => {
    const all = await call(w.people.street, 'GET', `/api/emergency/notices/${id}/unreached?pageSize=100`);
    assert.equal(all.status, 200);
    assert.ok(!all.body.items.some((h: any) => h.householdId === w.households.resident), 'acknowledged');
    const resident2 = all.body.items.find((h: any) => h.householdId === w.households.resident2);
    assert.equal(resident2.representative.name, '易德明');
    assert.equal(resident2.representative.phone.length, 11);
    const grid = await call(w.people.gridWorker, 'GET', `/api/emergency/notices/${id}/unreached?pageSize=100`);
    assert.equal(grid.status, 200);
    assert.ok(grid.body.items.length > 0);
    assert.ok(grid.body.items.every((h: any) => h.regionCode === AT.gridQ1), 'only the grid worker’s own doors');
    assert.equal((await call(w.people.gridWorker, 'GET', `/api/emergency/notices/${id}/unreached?regionCode=${AT.gridF1}`)).status, 403);

    const visitUrl = `/api/emergency/notices/${id}/households/${w.households.resident2}/visit`;
    assert.equal((await call(w.people.volunteer, 'POST', visitUrl, {})).status, 404);
    assert.equal((await call(w.people.gridWorker, 'POST', visitUrl, { note: '上门告知，已签收' })).status, 204);
    assert.equal((await call(w.people.gridWorker, 'POST', `/api/emergency/notices/${id}/households/${w.households.neighbour}/visit`, {})).status, 403, 'another grid’s door');
    const after = await call(w.people.street, 'GET', `/api/emergency/notices/${id}`);
    assert.equal(after.body.tracking.reachedByVisit, 1);
    assert.equal(after.body.tracking.unreached, after.body.tracking.households - 2);
    const listed = await call(w.people.cadre, 'GET', `/api/emergency/incidents/${incidentId}/notices`);
    assert.ok(listed.body.items.some((n: any) => n.id === id), 'the community cadre sees the street’s notice');
    assert.equal((await call(w.people.resident, 'GET', `/api/emergency/incidents/${incidentId}/notices`)).status, 403);
  });
});

describe('delivery on the pg-boss queue', () => {
  test('a notice sent while the worker runs is delivered by the job', async () => {
    const boss = new PgBoss({ connectionString: t.url, schema: 'pgboss', max: 2 });
    await boss.start();
    try {
      await emergencyJobs(boss, { db: t.db, clock: t.clock });
      const res = await send('district', { ...notice, title: '经由队列投递' });
      assert.equal(res.status, 202);
      const deadline = Date.now() + 20_000;
      let status = '';
      while (Date.now() < deadline) {
        status = (await call(w.people.district, 'GET', `/api/emergency/notices/${res.body.id}/progress`)).body.status;
        if (status === 'delivered') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(status, 'delivered');
      const jobs = await t.db.selectFrom('pgboss.job' as any).select(['name', 'state']).where('name', '=', 'emergency.notice-deliver').execute();
      assert.ok(jobs.length >= 1, 'the delivery ran as a job');
    } finally {
      useNoticeQueue(null);
      await boss.stop({ graceful: false, wait: true, timeout: 2000 });
    }
  });
});
