import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, call, fileCase, type World } from './test-helpers.js';
import * as queries from './queries.js';
import { CASE_COLUMNS } from './repo.js';
import type { CaseScope } from './policy.js';

/**
 * Capped totals and the text-search window (queries.ts): past the cap a list
 * says `totalCapped`; a text search holds the newest TEXT_WINDOW matches.
 */
let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const ADMIN: CaseScope = { admin: true, userId: null, handlerUnits: [], inspectorUnits: [], oversightPrefixes: [], inspectorPrefixes: [], hotlinePrefixes: [] };

/** `n` copies of a case, each a minute older than the one before (new ids and tracking numbers). */
async function copies(caseId: string, n: number) {
  const cols = CASE_COLUMNS.filter((c) => !['id', 'tracking_number', 'created_at', 'idempotency_key'].includes(c));
  const list = sql.raw(cols.join(', '));
  await sql`insert into cases (id, tracking_number, created_at, search, ${list})
    select gen_random_uuid(), tracking_number || '-' || g, created_at - make_interval(mins => g), search, ${list}
    from cases, generate_series(1, ${n}) g where id = ${caseId}`.execute(t.db);
}

describe('capped totals', () => {
  test('a total past the cap is the cap, flagged; below it exact and unflagged', async () => {
    for (let i = 0; i < 3; i += 1) await fileCase(t, w.people.residentA, { title: `路灯不亮${i}`, description: '村口的路灯坏了好几天' });
    const now = t.clock.now();
    const exact = await queries.queue(t.db, ADMIN, {}, 'created', 1, 20, now);
    assert.equal(exact.totalCapped, false);
    assert.equal(exact.total, exact.rows.length);
    const capped = await queries.queue(t.db, ADMIN, {}, 'created', 1, 20, now, 2);
    assert.deepEqual([capped.total, capped.totalCapped], [2, true]);
    assert.equal(capped.rows.length, exact.rows.length, 'the cap limits the count, not the page');
    const atCap = await queries.queue(t.db, ADMIN, {}, 'created', 1, 20, now, exact.total);
    assert.deepEqual([atCap.total, atCap.totalCapped], [exact.total, false], 'exactly the cap is not capped');

    const res = await call(t, w.people.township, 'GET', '/api/cases/queue');
    assert.equal(res.status, 200);
    assert.equal(res.json.totalCapped, false);
    assert.equal(res.json.total, 3);
  });

  test('pages past the cap are still cut from the same order: one read gives the count and the page', async () => {
    for (let i = 0; i < 4; i += 1) await fileCase(t, w.people.residentA, { title: `井盖松动${i}`, description: '路口井盖松动，车过有响声' });
    const now = t.clock.now();
    const all = await queries.queue(t.db, ADMIN, {}, 'created', 1, 100, now);
    assert.ok(all.rows.length >= 5);
    const paged: string[] = [];
    for (let page = 1; page <= all.rows.length; page += 1) {
      // A cap of 2: from page 3 on, the page lies past the cap and the branches must read further.
      const one = await queries.queue(t.db, ADMIN, {}, 'created', page, 1, now, 2);
      assert.deepEqual([one.total, one.totalCapped], [2, true]);
      paged.push(...one.rows.map((r) => r.id));
    }
    assert.deepEqual(paged, all.rows.map((r) => r.id));
    const due = await queries.queue(t.db, ADMIN, {}, 'due', 1, 100, now);
    const dueTimes = due.rows.map((r) => r.resolution_due_at?.getTime() ?? Infinity);
    assert.deepEqual(dueTimes, [...dueTimes].sort((a, b) => a - b), 'by due date, soonest first');
  });

  test('pages of a scope made of several branches neither repeat nor skip a case', async () => {
    // The township official: their unit's cases and the township's region prefix overlap.
    const all = await call(t, w.people.township, 'GET', '/api/cases/queue?pageSize=100');
    const pages: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const res = await call(t, w.people.township, 'GET', `/api/cases/queue?pageSize=1&page=${page}`);
      assert.equal(res.json.total, all.json.total);
      pages.push(...res.json.items.map((i: any) => i.id));
    }
    assert.deepEqual(pages, all.json.items.map((i: any) => i.id).slice(0, 3));
  });
});

describe('the text-search window', () => {
  test('a common word: the newest 100 matches, "100+", paged without repeats; the public list too', async () => {
    const newest = await fileCase(t, w.people.residentA, { title: '垃圾桶满了没人清', description: '小区门口垃圾桶三天没清运', isPublic: true });
    await copies(newest.id, queries.TEXT_WINDOW + 5);
    const q = encodeURIComponent('垃圾桶');

    const first = await call(t, w.people.admin, 'GET', `/api/cases/queue?q=${q}&pageSize=100`);
    assert.equal(first.status, 200);
    assert.deepEqual([first.json.total, first.json.totalCapped, first.json.items.length], [queries.TEXT_WINDOW, true, queries.TEXT_WINDOW]);
    assert.ok(first.json.items.some((i: any) => i.id === newest.id), 'the newest match is in the window');

    const seen = new Set<string>();
    for (let page = 1; page <= 3; page += 1) {
      const res = await call(t, w.people.admin, 'GET', `/api/cases/queue?q=${q}&pageSize=40&page=${page}`);
      for (const item of res.json.items) {
        assert.ok(!seen.has(item.id), `page ${page} repeats ${item.id}`);
        seen.add(item.id);
      }
    }
    assert.equal(seen.size, queries.TEXT_WINDOW + 6, 'past the window the older matches follow, each once');

    const byDate = await call(t, w.people.admin, 'GET', `/api/cases/queue?q=${q}&sort=created&pageSize=5`);
    assert.equal(byDate.json.items[0].id, newest.id);
    assert.equal(byDate.json.totalCapped, true);

    const pub = await call(t, null, 'GET', `/api/cases/public?q=${q}`);
    assert.deepEqual([pub.json.total, pub.json.totalCapped], [queries.TEXT_WINDOW, true]);

    const few = await call(t, w.people.admin, 'GET', `/api/cases/queue?q=${encodeURIComponent('路灯')}`);
    assert.deepEqual([few.json.total, few.json.totalCapped], [3, false]);
  });

  test('the window keeps the scope: a village cadre elsewhere finds none of them', async () => {
    const res = await call(t, w.people.cadreC, 'GET', `/api/cases/queue?q=${encodeURIComponent('垃圾桶')}`);
    assert.deepEqual([res.json.items, res.json.total, res.json.totalCapped], [[], 0, false]);
  });
});
