import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';

/**
 * A need is a case (issue 5): posting a need opens a case of 'emergency.need'
 * routed to the community, in the same transaction; every errand step is a
 * row on the case timeline and moves the case along; a failure on either
 * side rolls back both.
 */

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let grids: { q1: string; q2: string; f1: string };

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const insulin = {
  compound: '庆云山庄',
  building: '5栋1单元302',
  phone: '13907336602',
  urgency: 'life_critical',
  items: [
    { kind: 'medicine', name: '门冬胰岛素注射液', strength: '3ml:300单位', quantity: 2, unit: '支' },
    { kind: 'food', name: '无糖饼干', quantity: 1, unit: '包' },
  ],
  note: '糖尿病老人，胰岛素明天就用完了',
  lat: 27.8392,
  lng: 113.1519,
};

const counts = async () => {
  const n = async (table: 'cases' | 'emergency_needs' | 'case_events' | 'emergency_errand_events') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { cases: await n('cases'), needs: await n('emergency_needs'), caseEvents: await n('case_events'), errandEvents: await n('emergency_errand_events') };
};

/** A trigger that makes every insert into `table` fail, for the length of `body`. */
async function failingInsertsInto(table: string, body: () => Promise<void>) {
  await sql.raw(`create or replace function lx_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`).execute(t.db);
  await sql.raw(`create trigger lx_test_fail before insert on ${table} for each row execute function lx_test_fail()`).execute(t.db);
  try {
    await body();
  } finally {
    await sql.raw(`drop trigger lx_test_fail on ${table}`).execute(t.db);
  }
}

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId, grids } = await openIncident(t, w));
  for (const who of ['volunteer', 'volunteer2'] as const) {
    const res = await call(w.people.district, 'POST', `/api/emergency/grids/${grids.q1}/team`, { userId: w.people[who].userId, capacity: 'volunteer' });
    assert.equal(res.status, 201);
  }
});
after(() => t.close());

const needsUrl = () => `/api/emergency/incidents/${incidentId}/needs`;

describe('a need opens a case in the same transaction', () => {
  test('the case: emergency.need, routed to the community, 1 h / 2 h for a life-critical need, private, the resident’s', async () => {
    const res = await call(w.people.resident, 'POST', needsUrl(), insulin);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.ok(res.body.caseId);
    assert.match(res.body.caseTrackingNumber, /^ZZ\d{10,}$/);
    assert.equal(res.body.caseStatus, 'assigned');
    const c = await t.db.selectFrom('cases').selectAll().where('id', '=', res.body.caseId).executeTakeFirstOrThrow();
    assert.equal(c.category_code, 'emergency.need');
    assert.equal(c.channel, 'app');
    assert.equal(c.priority, 'emergency');
    assert.equal(c.requester_user_id, w.people.resident.userId);
    assert.equal(c.requester_phone, '13907336602');
    assert.equal(c.is_public, false);
    assert.equal(c.region_code, AT.gridQ1);
    const unit = await t.db.selectFrom('units').select('region_code').where('id', '=', c.handling_unit_id!).executeTakeFirstOrThrow();
    assert.equal(unit.region_code, AT.qingyunshan, 'the community runs its grids');
    assert.equal(c.response_due_at.getTime() - c.created_at.getTime(), 3600_000);
    assert.equal(c.resolution_due_at.getTime() - c.created_at.getTime(), 2 * 3600_000);
    assert.match(c.title, /门冬胰岛素注射液/);
    assert.match(c.description, /3ml:300单位 ×2支/);

    // The resident finds it among their cases; the community's cadre in their queue; a volunteer cannot open it.
    const mine = await call(w.people.resident, 'GET', '/api/cases/mine');
    assert.ok(mine.body.items.some((x: any) => x.id === c.id));
    const detail = await call(w.people.resident, 'GET', `/api/cases/${c.id}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.timeline.map((e: any) => e.kind), ['submitted', 'routed']);
    assert.equal((await call(w.people.cadre, 'GET', `/api/cases/${c.id}`)).status, 200);
    assert.equal((await call(w.people.volunteer, 'GET', `/api/cases/${c.id}`)).status, 404);
    // Only those who see the phone in full get the tracking number (with the masked phone's last 4 digits it would open the progress page).
    const seen = await call(w.people.volunteer, 'GET', `/api/emergency/needs/${res.body.id}`);
    assert.equal(seen.body.caseTrackingNumber, null);
    assert.equal(seen.body.caseId, c.id);
  });

  test('an urgent need gets the urgent limits (2 h / 24 h)', async () => {
    const res = await call(w.people.resident2, 'POST', needsUrl(), { ...insulin, urgency: 'urgent', phone: '13907336603' });
    const c = await t.db.selectFrom('cases').select(['priority', 'created_at', 'response_due_at', 'resolution_due_at']).where('id', '=', res.body.caseId).executeTakeFirstOrThrow();
    assert.equal(c.priority, 'urgent');
    assert.equal(c.response_due_at.getTime() - c.created_at.getTime(), 2 * 3600_000);
    assert.equal(c.resolution_due_at.getTime() - c.created_at.getTime(), 24 * 3600_000);
  });

  test('the case cannot be written: no need either', async () => {
    const before = await counts();
    await failingInsertsInto('cases', async () => {
      const res = await call(w.people.resident, 'POST', needsUrl(), insulin);
      assert.equal(res.status, 500);
    });
    const now = await counts();
    assert.equal(now.needs, before.needs);
    assert.equal(now.cases, before.cases);
  });

  test('the need’s timeline cannot be written: no case either', async () => {
    const before = await counts();
    await failingInsertsInto('emergency_errand_events', async () => {
      const res = await call(w.people.resident, 'POST', needsUrl(), insulin);
      assert.equal(res.status, 500);
    });
    const now = await counts();
    assert.equal(now.cases, before.cases);
    assert.equal(now.caseEvents, before.caseEvents);
    assert.equal(now.needs, before.needs);
  });
});

describe('errand steps on the case timeline', () => {
  let needId: string;
  let caseId: string;
  let tracking: string;
  before(async () => {
    const res = await call(w.people.resident, 'POST', needsUrl(), insulin);
    needId = res.body.id;
    caseId = res.body.caseId;
    tracking = res.body.caseTrackingNumber;
  });
  const act = (who: keyof World['people'], action: string) => call(w.people[who], 'POST', `/api/emergency/needs/${needId}/actions/${action}`, {});
  const caseRow = () => t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const lastEvent = async () =>
    t.db.selectFrom('case_events').select(['kind', 'from_status', 'to_status', 'note', 'actor_id', 'data']).where('case_id', '=', caseId).orderBy('id', 'desc').executeTakeFirstOrThrow();

  test('a failed case write undoes the claim; a failed errand write leaves the case as it was', async () => {
    await failingInsertsInto('case_events', async () => {
      assert.equal((await act('volunteer', 'claim')).status, 500);
    });
    const need = await t.db.selectFrom('emergency_needs').select(['status', 'claimed_by']).where('id', '=', needId).executeTakeFirstOrThrow();
    assert.deepEqual(need, { status: 'open', claimed_by: null });
    await failingInsertsInto('emergency_errand_events', async () => {
      assert.equal((await act('volunteer', 'claim')).status, 500);
    });
    const c = await caseRow();
    assert.equal(c.status, 'assigned');
    assert.equal(c.responded_at, null);
    assert.equal((await lastEvent()).kind, 'routed');
  });

  test('claimed → the case is accepted (the response), by the volunteer', async () => {
    assert.equal((await act('volunteer', 'claim')).status, 200);
    const c = await caseRow();
    assert.equal(c.status, 'accepted');
    assert.ok(c.responded_at);
    const e = await lastEvent();
    assert.equal(e.kind, 'accepted');
    assert.equal(e.actor_id, w.people.volunteer.userId);
    assert.equal(e.note, '志愿者已认领，正在办理');
    assert.deepEqual(e.data, { errand: { needId, action: 'claim' } });
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', caseId).execute();
    assert.ok(audit.some((a) => a.action === 'case.accept'));
  });

  test('released and claimed again: notes, the case stays taken on', async () => {
    assert.equal((await act('volunteer', 'release')).status, 200);
    assert.equal((await lastEvent()).note, '原认领的志愿者已退回，正在等待其他志愿者认领');
    assert.equal((await act('volunteer2', 'claim')).status, 200);
    const e = await lastEvent();
    assert.equal(e.kind, 'replied');
    assert.equal((await caseRow()).status, 'in_progress');
  });

  test('bought, at the gate, handed over with a photo → in progress; delivered → resolved; confirmed → closed', async () => {
    assert.equal((await act('volunteer2', 'buy')).status, 200);
    assert.equal((await act('volunteer2', 'reach_gate')).status, 200);
    const boundary = '----lx';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gate.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const handed = await t.app.inject({
      method: 'POST',
      url: `/api/emergency/needs/${needId}/handover`,
      payload,
      headers: { ...w.people.volunteer2.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    assert.equal(handed.statusCode, 200, handed.body);
    assert.equal((await caseRow()).status, 'in_progress');
    assert.equal((await act('volunteer2', 'deliver')).status, 200);
    const resolved = await caseRow();
    assert.equal(resolved.status, 'resolved');
    assert.ok(resolved.resolved_at);
    const done = await act('resident', 'confirm');
    assert.equal(done.body.caseStatus, 'closed');
    const closed = await caseRow();
    assert.equal(closed.status, 'closed');
    assert.ok(closed.closed_at);
    assert.equal(closed.rating, null, 'the rating stays the resident’s to give');
  });

  test('the resident’s case page and the tracking page show every step', async () => {
    const page = await call(w.people.resident, 'GET', `/api/cases/${caseId}`);
    assert.equal(page.status, 200);
    assert.deepEqual(
      page.body.timeline.map((e: any) => [e.kind, e.toStatus]),
      [
        ['submitted', 'submitted'],
        ['routed', 'assigned'],
        ['accepted', 'accepted'],
        ['replied', 'accepted'],
        ['replied', 'in_progress'],
        ['replied', 'in_progress'],
        ['replied', 'in_progress'],
        ['replied', 'in_progress'],
        ['resolved', 'resolved'],
        ['rated', 'closed'],
      ],
    );
    assert.ok(page.body.timeline.some((e: any) => e.note === '物品已拍照交给小区志愿者'));
    const noPhone = await call(null, 'GET', `/api/cases/track/${tracking}`);
    assert.equal(noPhone.status, 403);
    const track = await call(null, 'GET', `/api/cases/track/${tracking}?phoneLast4=6602`);
    assert.equal(track.status, 200);
    assert.equal(track.body.status, 'closed');
    assert.ok(track.body.timeline.some((e: any) => e.note === '物品已送到小区门口'));
  });

  test('the resident cancels an open need: the case is withdrawn; a coordinator cancels: rejected', async () => {
    const a = (await call(w.people.resident, 'POST', needsUrl(), { ...insulin, urgency: 'normal' })).body;
    assert.equal((await call(w.people.resident, 'POST', `/api/emergency/needs/${a.id}/actions/cancel`, {})).status, 200);
    assert.equal((await t.db.selectFrom('cases').select('status').where('id', '=', a.caseId).executeTakeFirstOrThrow()).status, 'withdrawn');
    const b = (await call(w.people.resident, 'POST', needsUrl(), { ...insulin, urgency: 'normal' })).body;
    assert.equal((await call(w.people.gridWorker, 'POST', `/api/emergency/needs/${b.id}/actions/cancel`, {})).status, 200);
    const c = await t.db.selectFrom('case_events').select(['kind', 'note']).where('case_id', '=', b.caseId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(c, { kind: 'rejected', note: '网格协调员取消了该求助' });
  });

  test('the resident withdraws the case on the case page: the need follows before anyone runs it', async () => {
    const a = (await call(w.people.resident, 'POST', needsUrl(), { ...insulin, urgency: 'normal' })).body;
    const withdrawn = await call(w.people.resident, 'POST', `/api/cases/${a.caseId}/withdraw`, { reason: '家人已经送来了' });
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    const claim = await call(w.people.volunteer, 'POST', `/api/emergency/needs/${a.id}/actions/claim`, {});
    assert.equal(claim.status, 409);
    assert.match(claim.body.error.message, /已撤回.*自动取消/);
    const need = await call(w.people.resident, 'GET', `/api/emergency/needs/${a.id}`);
    assert.equal(need.body.status, 'cancelled');
    assert.equal(need.body.timeline.at(-1).action, 'cancel');
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', a.id).execute();
    assert.ok(audit.some((x) => x.action === 'emergency.errand.cancel'));
  });
});
