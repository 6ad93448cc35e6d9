import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { buildWorld, call, fileCase, act, type World } from './test-helpers.js';
import { runDeadlineSweep } from './deadlines.js';
import { warningLeadMs } from '../../../common/cases/deadlines.js';

/**
 * The deadline job driven by a TestClock: warnings before the deadlines, the
 * unit heads told when the response is late, 督办 to the parent unit when the
 * resolution is late, the board, closing, and the re-escalation rule.
 * A noise case (普通: 24 h to accept, 168 h to resolve) goes to the village.
 */

const HOUR = 60 * 60 * 1000;
const START = '2026-11-20T02:00:00Z';
let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const sweep = () => runDeadlineSweep(t.db, t.clock);
const at = (hours: number) => t.clock.set(new Date(Date.parse(START) + hours * HOUR));
/** Sessions expire with the clock: sign in again at the current time. */
const fresh = async (who: keyof World['people']) => signIn(t, w.people[who].userId);

describe('the deadline sweep', () => {
  test('lead time: min(24 h, 25 % of the window)', () => {
    assert.equal(warningLeadMs(24 * HOUR), 6 * HOUR);
    assert.equal(warningLeadMs(168 * HOUR), 24 * HOUR);
    assert.equal(warningLeadMs(2 * HOUR), 0.5 * HOUR);
  });

  test('warns, tells the heads, escalates once; the board; closing; re-escalation after 24 h', async () => {
    at(0);
    const c = await fileCase(t, w.people.residentA, { title: '夜市烧烤噪音' });
    const routed = await t.db.selectFrom('cases').select('handling_unit_id').where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(routed.handling_unit_id, w.units.villageA);

    at(17);
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 0, escalated: 0 });
    at(18.5); // 5.5 h before the response deadline: inside the 6 h lead
    assert.deepEqual(await sweep(), { warned: 1, headsNotified: 0, escalated: 0 });
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 0, escalated: 0 }, 'a step is sent once');

    const cadre = await fresh('cadreA');
    let notices = await call(t, cadre, 'GET', '/api/cases/notifications');
    assert.equal(notices.status, 200, JSON.stringify(notices.json));
    assert.equal(notices.json.items.length, 1);
    assert.equal(notices.json.items[0].kind, 'response_warning');
    assert.match(notices.json.items[0].message, /签收时限/);
    assert.equal(notices.json.unread, 1);

    at(24.5); // the response is late: the village's heads (its cadres, not the grid worker) are told
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 1, escalated: 0 });
    const heads = await t.db.selectFrom('case_notifications').select(['user_id', 'kind']).where('kind', '=', 'response_overdue').execute();
    assert.deepEqual(heads.map((h) => h.user_id), [w.people.cadreA.userId]);

    const cadre2 = await fresh('cadreA');
    await act(t, cadre2, c.id, 'accept');
    at(144.5); // 23.5 h before the resolution deadline
    assert.deepEqual(await sweep(), { warned: 1, headsNotified: 0, escalated: 0 });

    at(169); // resolution overdue: up to 朱亭镇人民政府
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 0, escalated: 1 });
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 0, escalated: 0 }, 'escalated once');
    const esc = await t.db.selectFrom('case_escalations').selectAll().execute();
    assert.equal(esc.length, 1);
    assert.equal(esc[0]!.to_unit_id, w.units.township);
    assert.equal(esc[0]!.from_unit_id, w.units.villageA);
    assert.equal(esc[0]!.kind, 'resolution_overdue');
    const events = await t.db.selectFrom('case_events').select(['kind', 'visible_to_requester', 'unit_id']).where('case_id', '=', c.id).where('kind', '=', 'escalated').execute();
    assert.deepEqual(events, [{ kind: 'escalated', visible_to_requester: false, unit_id: w.units.township }]);
    const audited = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('target_id', '=', c.id).where('action', '=', 'case.escalate').execute();
    assert.deepEqual(audited, [{ action: 'case.escalate', actor_id: null }]);

    // The board: the township sees it; the village cadre (below) does not; a resident may not look.
    const township = await fresh('township');
    const board = await call(t, township, 'GET', '/api/cases/supervision-board');
    assert.equal(board.status, 200, JSON.stringify(board.json));
    assert.equal(board.json.total, 1);
    const item = board.json.items[0];
    assert.equal(item.case.id, c.id);
    assert.equal(item.toUnit.id, w.units.township);
    assert.equal(item.fromUnit.id, w.units.villageA);
    assert.equal(item.abilities.close, true);
    assert.ok(item.overdueMinutes >= 60);
    assert.equal((await call(t, await fresh('cadreA'), 'GET', '/api/cases/supervision-board')).json.total, 0);
    assert.equal((await call(t, await fresh('residentA'), 'GET', '/api/cases/supervision-board')).status, 403);
    assert.equal((await call(t, null, 'GET', '/api/cases/supervision-board')).status, 401);
    assert.equal((await call(t, township, 'GET', '/api/cases/supervision-board?kind=nope')).status, 400);
    assert.equal((await call(t, township, 'GET', '/api/cases/supervision-board?kind=still_overdue')).json.total, 0);
    const townshipNotices = await call(t, township, 'GET', '/api/cases/notifications?unread=true');
    assert.equal(townshipNotices.json.items[0].kind, 'escalated');
    assert.match(townshipNotices.json.items[0].message, /督办/);
    assert.equal((await call(t, township, 'POST', `/api/cases/notifications/${townshipNotices.json.items[0].id}/read`, {})).status, 204);
    assert.equal((await call(t, township, 'GET', '/api/cases/notifications?unread=true')).json.total, 0);
    assert.equal((await call(t, await fresh('cadreB'), 'POST', `/api/cases/notifications/${townshipNotices.json.items[0].id}/read`, {})).status, 404);

    // Closing: 401, 404 for those who may not see it, 403 for a grid worker … , 400 blank, then 200, then 409.
    const url = `/api/cases/supervision/${item.id}/close`;
    assert.equal((await call(t, null, 'POST', url, { note: '已督促' })).status, 401);
    assert.equal((await call(t, await fresh('cadreA'), 'POST', url, { note: '已督促' })).status, 404);
    assert.equal((await call(t, township, 'POST', `/api/cases/supervision/00000000-0000-4000-8000-000000000000/close`, { note: '已督促' })).status, 404);
    const blank = await call(t, township, 'POST', url, { note: '   ' });
    assert.equal(blank.status, 400);
    assert.equal(blank.json.error.field, 'note');
    const closed = await call(t, township, 'POST', url, { note: '已电话督促双江村两天内办结' });
    assert.equal(closed.status, 200, JSON.stringify(closed.json));
    assert.equal(closed.json.status, 'closed');
    assert.equal(closed.json.closedBy.id, w.people.township.userId);
    assert.equal((await call(t, township, 'POST', url, { note: '再次' })).status, 409);
    assert.equal((await t.db.selectFrom('audit_log').select('action').where('action', '=', 'case.supervision_close').execute()).length, 1);
    assert.equal((await call(t, township, 'GET', '/api/cases/supervision-board?status=closed')).json.total, 1);

    // Still overdue right after the closing: nothing; 24 h later: up again (still_overdue).
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 0, escalated: 0 });
    at(169 + 23);
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 0, escalated: 0 });
    at(169 + 24.5);
    assert.deepEqual(await sweep(), { warned: 0, headsNotified: 0, escalated: 1 });
    const again = await t.db.selectFrom('case_escalations').select('kind').where('closed_at', 'is', null).execute();
    assert.deepEqual(again, [{ kind: 'still_overdue' }]);
  });

  test('a reopened case gets a new deadline: warned and escalated again for it (reopened_overdue)', async () => {
    at(300);
    // Street lights go to the county's 城管; a department answers to its own county government.
    const c = await fileCase(t, await fresh('residentA2'), { title: '路灯不亮', categoryCode: 'infrastructure.streetlight' });
    const cadre = await fresh('chengguan');
    await act(t, cadre, c.id, 'accept');
    await act(t, cadre, c.id, 'resolve', { result: '已更换灯泡' });
    at(310);
    await act(t, await fresh('residentA2'), c.id, 'reopen', { reason: '又坏了' });
    const row = await t.db.selectFrom('cases').select(['resolution_due_at', 'handling_unit_id']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(row.resolution_due_at.toISOString(), new Date(Date.parse(START) + (310 + 168) * HOUR).toISOString());
    at(310 + 168 - 20);
    const warned = await sweep();
    assert.ok(warned.warned >= 1);
    at(310 + 168 + 1);
    const result = await sweep();
    assert.ok(result.escalated >= 1);
    const e = await t.db.selectFrom('case_escalations').select(['kind', 'due_at']).where('case_id', '=', c.id).execute();
    assert.deepEqual(e, [{ kind: 'reopened_overdue', due_at: row.resolution_due_at }]);
    const to = await t.db.selectFrom('case_escalations').select(['to_unit_id', 'from_unit_id']).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(to, { to_unit_id: w.units.county, from_unit_id: w.units.chengguan });
  });

  test('confidential reports are never sent up', async () => {
    at(600);
    const report = await fileCase(t, await fresh('residentA'), { categoryCode: 'supervision.village_affairs', title: '村干部优亲厚友', description: '低保名额给了亲戚', isPublic: false });
    at(600 + 400);
    await sweep();
    assert.equal((await t.db.selectFrom('case_escalations').select('id').where('case_id', '=', report.id).execute()).length, 0);
    const steps = await t.db.selectFrom('case_deadline_steps').select('step').where('case_id', '=', report.id).where('step', '=', 'resolution_overdue').execute();
    assert.equal(steps.length, 1, 'recorded, so it is not looked at every minute');
  });
});
