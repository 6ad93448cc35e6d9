import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { LiveHub, type LiveEvent } from '../../platform/live/live-hub.js';
import { shanghaiDate } from '../duty/dates.js';
import { buildWorld, call, fileCase, type World } from './test-helpers.js';

/** Who hears of a new case: the unit's cadre on duty (as the roster says at that moment), the unit, the requester. */

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

describe('notifications', () => {
  test('the cadre on duty named on a new case follows the roster as it changes, from the very next case', async () => {
    const today = shanghaiDate(t.clock.now());
    const onDutyOf = async (caseId: string) =>
      (await sql<{ on_duty: string[] }>`select data->'onDuty' as on_duty from case_events where case_id = ${caseId} and kind = 'routed'`.execute(t.db)).rows[0]!.on_duty;
    const put = async (userId: string) => {
      const r = await call(t, w.people.township, 'PUT', '/api/duty', { unitId: w.units.villageA, date: today, userId });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json.id as string;
    };
    await put(w.people.cadreA.userId);
    assert.deepEqual(await onDutyOf((await fileCase(t, w.people.residentA)).id), [w.people.cadreA.userId]);
    assert.deepEqual(await onDutyOf((await fileCase(t, w.people.residentA)).id), [w.people.cadreA.userId], 'from the cached roster');
    const shift = await put(w.people.gridA.userId);
    assert.deepEqual(await onDutyOf((await fileCase(t, w.people.residentA)).id), [w.people.gridA.userId], 'a swap is seen at once');
    assert.equal((await call(t, w.people.township, 'DELETE', `/api/duty/${shift}`)).status, 204);
    assert.deepEqual(await onDutyOf((await fileCase(t, w.people.residentA)).id), [], 'nobody on duty');
  });

  test('a new case is announced to the unit and the requester after commit', async () => {
    const hub = new LiveHub(t.url);
    await hub.start();
    const seen: LiveEvent[] = [];
    const stop = hub.subscribe([`unit:${w.units.villageA}`, `user:${w.people.residentA.userId}`], (e) => seen.push(e));
    try {
      const c = await fileCase(t, w.people.residentA);
      for (let i = 0; i < 50 && seen.length < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
      assert.ok(seen.some((e) => e.topic === `unit:${w.units.villageA}` && e.data.caseId === c.id));
      assert.ok(seen.some((e) => e.topic === `user:${w.people.residentA.userId}` && e.data.caseId === c.id));
      assert.ok(seen.every((e) => !JSON.stringify(e).includes('张三丰')), 'no personal data in notifications');
    } finally {
      stop();
      await hub.stop();
    }
  });
});
