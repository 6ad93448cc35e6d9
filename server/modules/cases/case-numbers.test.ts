import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CaseNumberAllocator } from './case-numbers.js';

/** A day counter like case_tracking_counters: each reservation adds `count` and answers the new last value. */
function counter() {
  const last = new Map<string, number>();
  const calls: { day: string; count: number }[] = [];
  let failNext = false;
  let gate: Promise<void> | null = null;
  let open = () => {};
  const reserve = async (day: string, count: number) => {
    calls.push({ day, count });
    await new Promise((resolve) => setImmediate(resolve));
    if (gate) await gate;
    if (failNext) {
      failNext = false;
      throw new Error('database unavailable');
    }
    last.set(day, (last.get(day) ?? 0) + count);
    return last.get(day)!;
  };
  return {
    reserve,
    calls,
    last,
    failOnce: () => (failNext = true),
    /** Reservations hang until `release` (a database that stopped answering). */
    hold: () => (gate = new Promise((resolve) => (open = resolve))),
    release: () => {
      gate = null;
      open();
    },
  };
}

function clock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

test('a quiet server reserves exactly what it numbers: 1, 2, 3 … with no gaps, one reservation each', async () => {
  const c = counter();
  const t = clock();
  const numbers = new CaseNumberAllocator(c.reserve, t.now);
  const got: number[] = [];
  for (let i = 0; i < 5; i++) {
    got.push(...(await numbers.take('261206', 1)));
    t.advance(2_000);
  }
  assert.deepEqual(got, [1, 2, 3, 4, 5]);
  assert.deepEqual(c.calls.map((x) => x.count), [1, 1, 1, 1, 1]);
  assert.equal(c.last.get('261206'), 5, 'nothing reserved beyond what was handed out');
});

test('under load a spare block is kept, so most batches are numbered without a round trip', async () => {
  const c = counter();
  const t = clock();
  const numbers = new CaseNumberAllocator(c.reserve, t.now);
  const handed: number[] = [];
  let firstSecond = 0;
  // 1,600 cases a second in batches of 16, for three seconds.
  for (let i = 0; i < 300; i++) {
    if (i === 100) firstSecond = c.calls.length;
    handed.push(...(await numbers.take('261206', 16)));
    t.advance(10);
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(new Set(handed).size, handed.length, 'every number once');
  assert.deepEqual([...handed].sort((a, b) => a - b), handed, 'in order within the process');
  // The first second has no measured demand yet: one reservation per batch. Then the spare (80) is refilled ahead of need.
  assert.equal(firstSecond, 100);
  const later = c.calls.length - firstSecond;
  assert.ok(later <= 200 / 2, `reservations: ${later} for the last 200 batches`);
  assert.ok(c.calls.every((x) => x.count <= 16 + 100), 'a spare of at most 100');
  assert.ok(c.last.get('261206')! - handed.length <= 100, 'at most the spare is left unused');
  // With the database slow to answer, the next batch is still numbered at once from the spare.
  c.hold();
  const next = await Promise.race([numbers.take('261206', 16), new Promise((resolve) => setTimeout(() => resolve('waited'), 50))]);
  c.release();
  assert.ok(Array.isArray(next), 'numbered from the spare without waiting');
});

test('two allocators on one counter (two processes) never hand out the same number', async () => {
  const c = counter();
  const t = clock();
  const a = new CaseNumberAllocator(c.reserve, t.now);
  const b = new CaseNumberAllocator(c.reserve, t.now);
  const handed: number[] = [];
  for (let i = 0; i < 200; i++) {
    const [x, y] = await Promise.all([a.take('261206', 8), b.take('261206', 8)]);
    handed.push(...x, ...y);
    t.advance(5);
  }
  assert.equal(new Set(handed).size, handed.length);
});

test('concurrent takes share a reservation in flight and still get distinct numbers', async () => {
  const c = counter();
  const numbers = new CaseNumberAllocator(c.reserve, clock().now);
  const all = await Promise.all(Array.from({ length: 10 }, () => numbers.take('261206', 3)));
  const flat = all.flat();
  assert.equal(new Set(flat).size, 30);
  assert.ok(all.every((n) => n.length === 3));
});

test('each day has its own sequence, and a failed reservation reaches the caller without losing later ones', async () => {
  const c = counter();
  const numbers = new CaseNumberAllocator(c.reserve, clock().now);
  assert.deepEqual(await numbers.take('261206', 2), [1, 2]);
  assert.deepEqual(await numbers.take('261207', 1), [1]);
  c.failOnce();
  await assert.rejects(numbers.take('261206', 1), /database unavailable/);
  assert.deepEqual(await numbers.take('261206', 1), [3]);
});
