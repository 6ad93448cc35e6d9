import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, signIn } from '../../testing/factories.js';
import { CASE_ACTIONS, CASE_STATUSES, TRANSITIONS, actionsIn, type CaseAction, type CaseStatus } from '../../../common/cases/states.js';
import { buildWorld, call, fileCase, act, PLACES, type Caller, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const PATH: Record<Exclude<CaseAction, 'route'>, string> = {
  assign: 'assign',
  accept: 'accept',
  reply: 'reply',
  request_info: 'request-info',
  add_info: 'add-info',
  transfer: 'transfer',
  return: 'return',
  merge: 'merge',
  reject: 'reject',
  resolve: 'resolve',
  rate: 'rate',
  reopen: 'reopen',
  withdraw: 'withdraw',
};
const ACTIONS = CASE_ACTIONS.filter((a): a is Exclude<CaseAction, 'route'> => a !== 'route');
const REQUESTER_ACTIONS = new Set<CaseAction>(['add_info', 'rate', 'reopen', 'withdraw']);

async function newResident(village: string): Promise<Caller> {
  const { userId } = await makeResident(t.db, village, '居民' + Math.random().toString(36).slice(2, 6));
  return signIn(t, userId);
}

interface Fixture {
  id: string;
  confidential: boolean;
  requester: Caller;
  handler: Caller | null;
  dispatcher: Caller;
  unitId: string | null;
}

/** A fresh case brought to `status` through the API. */
async function caseIn(status: CaseStatus): Promise<Fixture> {
  if (status === 'submitted') {
    // A report in 渌口镇, where no discipline unit exists: it waits for the county's inspectors.
    const reporter = await newResident(PLACES.villageC);
    const c = await fileCase(t, reporter, { categoryCode: 'supervision.village_affairs', regionCode: PLACES.villageC, title: '村干部吃拿卡要', description: '办事要送烟' });
    assert.equal(c.status, 'submitted');
    return { id: c.id, confidential: true, requester: reporter, handler: null, dispatcher: w.people.inspectorCounty, unitId: null };
  }
  // Each fixture has its own requester, as each resident files only a few cases.
  const requester = await newResident(PLACES.villageA);
  const c = await fileCase(t, requester);
  const f: Fixture = { id: c.id, confidential: false, requester, handler: w.people.cadreA, dispatcher: w.people.township, unitId: w.units.villageA };
  const cadre = w.people.cadreA;
  switch (status) {
    case 'assigned':
      break;
    case 'accepted':
      await act(t, cadre, c.id, 'accept');
      break;
    case 'in_progress':
      await act(t, cadre, c.id, 'accept');
      await act(t, cadre, c.id, 'reply', { note: '已联系施工方' });
      break;
    case 'resolved':
    case 'closed':
    case 'reopened':
      await act(t, cadre, c.id, 'accept');
      await act(t, cadre, c.id, 'resolve', { result: '施工方承诺晚上不再施工' });
      if (status === 'closed') await act(t, requester, c.id, 'rate', { rating: 'satisfied' });
      if (status === 'reopened') await act(t, requester, c.id, 'reopen', { reason: '昨晚又施工了' });
      break;
    case 'transferred':
      await act(t, cadre, c.id, 'transfer', { unitId: w.units.villageB, reason: '地点在石泉村' });
      return { ...f, handler: w.people.cadreB, unitId: w.units.villageB };
    case 'returned':
      await act(t, cadre, c.id, 'return', { reason: '不属于本村' });
      return { ...f, handler: null, unitId: null };
    case 'merged': {
      const primary = await fileCase(t, await newResident(PLACES.villageA));
      await act(t, cadre, c.id, 'merge', { primaryId: primary.id });
      break;
    }
    case 'rejected':
      await act(t, cadre, c.id, 'reject', { reason: '属于民事纠纷' });
      break;
    case 'withdrawn':
      await act(t, requester, c.id, 'withdraw', {});
      break;
  }
  const now = await call(t, w.people.admin, 'GET', `/api/cases/${c.id}`);
  assert.equal(now.json.status, status);
  return f;
}

async function bodyFor(action: CaseAction, f: Fixture): Promise<unknown> {
  switch (action) {
    case 'accept':
      return undefined;
    case 'reply':
    case 'request_info':
    case 'add_info':
      return { note: '补充：三楼住户' };
    case 'transfer':
      return { unitId: f.unitId === w.units.chengguan ? w.units.minzheng : w.units.chengguan, reason: '属于城管职责' };
    case 'assign':
      return { unitId: f.confidential ? w.units.jiwei : w.units.villageB };
    case 'merge': {
      const primary = f.confidential
        ? await fileCase(t, await newResident(PLACES.villageC), { categoryCode: 'supervision.village_affairs', regionCode: PLACES.villageC, title: '同一件事', description: '办事要送烟' })
        : f.unitId === w.units.villageB
          ? await fileCase(t, await newResident(PLACES.villageB), { regionCode: PLACES.villageB })
          : await fileCase(t, await newResident(PLACES.villageA));
      return { primaryId: primary.id };
    }
    case 'resolve':
      return { result: '已处理' };
    case 'rate':
      return { rating: 'basically_satisfied', comment: '还行' };
    case 'withdraw':
      return {};
    default:
      return { reason: '原因' };
  }
}

function actorFor(action: CaseAction, f: Fixture): Caller {
  if (REQUESTER_ACTIONS.has(action)) return f.requester;
  if (action === 'assign') return f.dispatcher;
  return f.handler ?? f.dispatcher;
}

async function requesterId(caseId: string): Promise<string> {
  const row = await t.db.selectFrom('cases').select('requester_user_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  return row.requester_user_id!;
}

describe('the state table, through the API', () => {
  for (const status of CASE_STATUSES) {
    for (const action of actionsIn(status).filter((a) => a !== 'route')) {
      test(`${action} in ${status} → ${TRANSITIONS[action][status]}`, async () => {
        const f = await caseIn(status);
        const body = await bodyFor(action, f);
        const res = await act(t, actorFor(action, f), f.id, PATH[action as keyof typeof PATH], body);
        assert.equal(res.status, TRANSITIONS[action][status]);
        const last = res.timeline.at(-1);
        assert.equal(last.fromStatus, status);
        assert.equal(last.toStatus, TRANSITIONS[action][status]);
        const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', f.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
        assert.equal(audit.action, `case.${action}`);
      });
    }
  }

  test('illegal transitions are a 409 naming the state, and change nothing', async () => {
    const samples: [CaseStatus, CaseAction][] = [
      ['assigned', 'resolve'],
      ['assigned', 'reply'],
      ['assigned', 'rate'],
      ['assigned', 'assign'],
      ['accepted', 'accept'],
      ['accepted', 'reopen'],
      ['in_progress', 'return'],
      ['resolved', 'withdraw'],
      ['resolved', 'transfer'],
      ['closed', 'accept'],
      ['closed', 'reopen'],
      ['withdrawn', 'accept'],
      ['rejected', 'reopen'],
      ['merged', 'resolve'],
      ['returned', 'accept'],
      ['reopened', 'rate'],
    ];
    for (const [status, action] of samples) {
      assert.equal(TRANSITIONS[action][status], undefined, `${action} in ${status} should be illegal`);
      const f = await caseIn(status);
      const who = REQUESTER_ACTIONS.has(action) ? f.requester : w.people.admin;
      const before = await t.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', f.id).executeTakeFirstOrThrow();
      const res = await call(t, who, 'POST', `/api/cases/${f.id}/${PATH[action as keyof typeof PATH]}`, await bodyFor(action, f));
      assert.equal(res.status, 409, `${action} in ${status}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, 'conflict');
      const after = await t.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', f.id).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    }
  });

  test('the 409 message says the state in the reader’s language', async () => {
    const f = await caseIn('withdrawn');
    const zh = await call(t, w.people.admin, 'POST', `/api/cases/${f.id}/accept`);
    assert.match(zh.json.error.message, /已撤回/);
    assert.match(zh.json.error.message, /受理/);
    const en = await call(t, w.people.admin, 'POST', `/api/cases/${f.id}/accept`, undefined, { 'accept-language': 'en' });
    assert.match(en.json.error.message, /Withdrawn/);
  });
});

describe('every action route: 401, 400, 403, 404', () => {
  const missing = '00000000-0000-4000-8000-000000000000';
  for (const action of ACTIONS) {
    test(`POST /api/cases/:id/${PATH[action]}`, async () => {
      const f = await caseIn('assigned');
      const body = await bodyFor(action, f);
      const url = `/api/cases/${f.id}/${PATH[action]}`;
      assert.equal((await call(t, null, 'POST', url, body)).status, 401);
      const badId = await call(t, w.people.admin, 'POST', `/api/cases/not-a-uuid/${PATH[action]}`, body);
      assert.equal(badId.status, 400);
      assert.equal(badId.json.error.field, 'id');
      if (body !== undefined) {
        const bad = await call(t, actorFor(action, f), 'POST', url, { unexpected: 1 });
        assert.equal(bad.status, 400, JSON.stringify(bad.json));
      }
      // Someone who sees the case but may not take this action: the requester for unit actions, the cadre for the requester's.
      const wrong = REQUESTER_ACTIONS.has(action) || action === 'assign' ? w.people.cadreA : f.requester;
      assert.equal((await call(t, wrong, 'POST', url, body)).status, 403, `${action} by the wrong person`);
      // Someone who may not see it at all: 404, as if it did not exist.
      assert.equal((await call(t, w.people.residentC, 'POST', url, body)).status, 404);
      assert.equal((await call(t, w.people.admin, 'POST', `/api/cases/${missing}/${PATH[action]}`, body)).status, 404);
    });
  }

  test('blank notes and reasons are a 400 naming the field', async () => {
    const f = await caseIn('accepted');
    for (const [path, body, field] of [
      ['reply', { note: '   ' }, 'note'],
      ['transfer', { unitId: w.units.chengguan, reason: ' ' }, 'reason'],
      ['reject', { reason: '' }, 'reason'],
      ['resolve', { result: '\n' }, 'result'],
    ] as const) {
      const res = await call(t, w.people.cadreA, 'POST', `/api/cases/${f.id}/${path}`, body);
      assert.equal(res.status, 400, path);
      assert.equal(res.json.error.field, field);
    }
  });
});

describe('what each action does besides the state', () => {
  test('a full round: accept, reply, request and add information, resolve, rate', async (ctx) => {
    ctx.after(() => t.clock.set('2026-11-20T02:00:00Z'));
    const c = await fileCase(t, w.people.residentA);
    t.clock.advance(20 * 60 * 1000);
    const accepted = await act(t, w.people.cadreA, c.id, 'accept');
    assert.equal(accepted.respondedAt, '2026-11-20T02:20:00.000Z');
    await act(t, w.people.cadreA, c.id, 'reply', { note: '我们下午上门查看' });
    const asked = await act(t, w.people.cadreA, c.id, 'request-info', { note: '请告知具体楼栋' });
    assert.equal(asked.infoRequested, true);
    const told = await act(t, w.people.residentA, c.id, 'add-info', { note: '5栋302' });
    assert.equal(told.infoRequested, false);
    t.clock.advance(20 * 60 * 1000);
    const resolved = await act(t, w.people.cadreA, c.id, 'resolve', { result: '已约谈施工方，晚上不再施工' });
    assert.equal(resolved.resolvedAt, '2026-11-20T02:40:00.000Z');
    assert.equal(resolved.respondedAt, '2026-11-20T02:20:00.000Z', 'the response time stays the first acceptance');
    const closed = await act(t, w.people.residentA, c.id, 'rate', { rating: 'satisfied', comment: '很快' });
    assert.equal(closed.status, 'closed');
    assert.deepEqual(closed.rating, { value: 'satisfied', comment: '很快', ratedAt: '2026-11-20T02:40:00.000Z' });
    assert.equal(closed.closedAt, '2026-11-20T02:40:00.000Z');
    assert.deepEqual(
      closed.timeline.map((e: any) => e.kind),
      ['submitted', 'routed', 'accepted', 'replied', 'info_requested', 'info_added', 'resolved', 'rated'],
    );
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', c.id).orderBy('id').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['case.submit', 'case.accept', 'case.reply', 'case.request_info', 'case.add_info', 'case.resolve', 'case.rate'],
    );
  });

  test('reopening sends the case back to the same unit with a fresh resolution deadline', async () => {
    const f = await caseIn('resolved');
    t.clock.advance(2 * 24 * 60 * 60 * 1000);
    try {
      const requester = await signIn(t, await requesterId(f.id));
      const cadre = await signIn(t, w.people.cadreA.userId);
      const reopened = await act(t, requester, f.id, 'reopen', { reason: '昨晚又施工了' });
      assert.equal(reopened.status, 'reopened');
      assert.equal(reopened.handlingUnit.id, w.units.villageA);
      assert.equal(reopened.reopenCount, 1);
      assert.equal(reopened.resolvedAt, null);
      assert.equal(reopened.resolutionDueAt, '2026-11-29T02:00:00.000Z');
      const again = await act(t, cadre, f.id, 'accept');
      assert.equal(again.status, 'accepted');
    } finally {
      t.clock.set('2026-11-20T02:00:00Z');
    }
  });

  test('a transfer hands the case to the new unit, whose handler can then accept it', async () => {
    const c = await fileCase(t, w.people.residentA, { categoryCode: 'environment.garbage', title: '垃圾堆放', description: '路边垃圾三天没清运' });
    const moved = await act(t, w.people.cadreA, c.id, 'transfer', { unitId: w.units.chengguan, reason: '属于城管职责' });
    assert.equal(moved.status, 'transferred');
    assert.equal(moved.handlingUnit.id, w.units.chengguan);
    const last = moved.timeline.at(-1);
    assert.equal(last.toUnitName, '渌口区城管局');
    assert.equal(last.unitName, '双江村民委员会', 'recorded under the unit that transferred it');
    assert.equal((await call(t, w.people.cadreA, 'POST', `/api/cases/${c.id}/accept`)).status, 403, 'the old unit no longer works it');
    await act(t, w.people.chengguan, c.id, 'accept');
    const sameUnit = await call(t, w.people.chengguan, 'POST', `/api/cases/${c.id}/transfer`, { unitId: w.units.chengguan, reason: '同一单位' });
    assert.equal(sameUnit.status, 400);
    assert.equal(sameUnit.json.error.field, 'unitId');
    const unknown = await call(t, w.people.chengguan, 'POST', `/api/cases/${c.id}/transfer`, { unitId: '00000000-0000-4000-8000-000000000001', reason: '随便' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.field, 'unitId');
  });

  test('a returned case waits for a dispatcher, who assigns it to another unit', async () => {
    const f = await caseIn('returned');
    const asCadre = await call(t, w.people.cadreA, 'GET', `/api/cases/${f.id}`);
    assert.equal(asCadre.json.handlingUnit, null);
    assert.equal(asCadre.json.abilities.assign, false, 'a village cadre is no dispatcher');
    const asTownship = await call(t, w.people.township, 'GET', `/api/cases/${f.id}`);
    assert.equal(asTownship.json.abilities.assign, true);
    const assigned = await act(t, w.people.township, f.id, 'assign', { unitId: w.units.villageB });
    assert.equal(assigned.handlingUnit.id, w.units.villageB);
    await act(t, w.people.cadreB, f.id, 'accept');
    const timelineForRequester = await call(t, f.requester, 'GET', `/api/cases/${f.id}`);
    assert.ok(!timelineForRequester.json.timeline.some((e: any) => e.kind === 'returned'), 'the return is internal');
  });

  test('merging keeps the duplicate’s requester informed through the primary', async () => {
    const primary = await fileCase(t, w.people.residentA, { title: '村口路灯不亮', description: '三盏路灯坏了', categoryCode: 'infrastructure.streetlight' });
    const dup = await fileCase(t, w.people.residentA2, { title: '路灯坏了', description: '村口路灯晚上不亮', categoryCode: 'infrastructure.streetlight' });
    const self = await call(t, w.people.chengguan, 'POST', `/api/cases/${dup.id}/merge`, { primaryId: dup.id });
    assert.equal(self.status, 400);
    assert.equal(self.json.error.field, 'primaryId');
    const nowhere = await call(t, w.people.chengguan, 'POST', `/api/cases/${dup.id}/merge`, { primaryId: '00000000-0000-4000-8000-000000000002' });
    assert.equal(nowhere.status, 400);
    assert.equal(nowhere.json.error.field, 'primaryId');

    const merged = await act(t, w.people.chengguan, dup.id, 'merge', { primaryId: primary.id });
    assert.equal(merged.status, 'merged');
    assert.deepEqual(merged.mergedInto, { id: primary.id, trackingNumber: primary.trackingNumber });
    const follower = await t.db.selectFrom('case_followers').selectAll().where('case_id', '=', primary.id).execute();
    assert.deepEqual(
      follower.map((f) => [f.user_id, f.reason]),
      [[w.people.residentA2.userId, 'merged']],
    );
    const mine = await call(t, w.people.residentA2, 'GET', '/api/cases/mine');
    assert.equal(mine.json.items.find((i: any) => i.id === primary.id)?.relation, 'follower');
    const primaryView = await call(t, w.people.residentA2, 'GET', `/api/cases/${primary.id}`);
    assert.equal(primaryView.status, 200, 'a follower may open the primary');
    assert.equal(primaryView.json.requester.masked, true, 'but sees its requester masked');
    assert.equal(primaryView.json.requester.name, '张*丰');

    const closed = await caseIn('closed');
    const intoClosed = await call(t, w.people.cadreA, 'POST', `/api/cases/${(await fileCase(t, w.people.residentA)).id}/merge`, { primaryId: closed.id });
    assert.equal(intoClosed.status, 409);
    assert.equal(intoClosed.json.error.field, 'primaryId');
  });

  test('a rejection’s reason is shown to the requester', async () => {
    const f = await caseIn('assigned');
    await act(t, w.people.cadreA, f.id, 'reject', { reason: '属于民事纠纷，请通过法院解决' });
    const seen = await call(t, f.requester, 'GET', `/api/cases/${f.id}`);
    assert.equal(seen.json.status, 'rejected');
    const last = seen.json.timeline.at(-1);
    assert.equal(last.note, '属于民事纠纷，请通过法院解决');
    assert.equal(last.actorName, null, 'staff names stay with staff');
    assert.equal(last.unitName, '双江村民委员会');
  });

  test('a supervision report can only be passed on to discipline inspectors', async () => {
    const f = await caseIn('submitted');
    const toVillage = await call(t, w.people.inspectorCounty, 'POST', `/api/cases/${f.id}/assign`, { unitId: w.units.villageC });
    assert.equal(toVillage.status, 400);
    assert.equal(toVillage.json.error.field, 'unitId');
    const assigned = await act(t, w.people.inspectorCounty, f.id, 'assign', { unitId: w.units.jiwei });
    assert.equal(assigned.handlingUnit.id, w.units.jiwei);
    await act(t, w.people.inspector, f.id, 'accept');
    const away = await call(t, w.people.inspector, 'POST', `/api/cases/${f.id}/transfer`, { unitId: w.units.chengguan, reason: '转城管' });
    assert.equal(away.status, 400);
    assert.equal(away.json.error.field, 'unitId');
  });

  test('a hotline operator records the caller’s rating on the call-back', async () => {
    const c = await fileCase(t, w.people.operator, { channel: 'hotline', callerPhone: '13811112222' });
    await act(t, w.people.cadreA, c.id, 'accept');
    await act(t, w.people.cadreA, c.id, 'resolve', { result: '已处理' });
    const rated = await act(t, w.people.operator, c.id, 'rate', { rating: 'dissatisfied', comment: '来电人说没解决' });
    assert.equal(rated.status, 'closed');
    assert.equal(rated.rating.value, 'dissatisfied');
  });
});
