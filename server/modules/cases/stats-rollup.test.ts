import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { buildWorld, call, fileCase, PLACES, rng, type World } from './test-helpers.js';
import { rebuildCaseStatistics } from './stats-rebuild.js';
import { foldCaseStatistics } from './stats-fold.js';
import { MEASURES, bucketOf, bucketLower, bucketUpper } from './stats-rollup.js';
import { histogramMedian } from './stats-figures.js';
import { monthSplit } from './stats-query.js';

/**
 * The roll-ups plus the folded deltas the triggers append equal a set-based
 * recompute after a random walk of transitions through the API (intake,
 * accept, reply, transfer, return, assign, reject, merge, resolve, rate,
 * reopen, withdraw, bulk accept); concurrent folds lose and double nothing;
 * a rebuild discards the deltas it already counts.
 */

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const HOUR = 3600_000;


const pendingCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from case_stats_pending`.execute(t.db)).rows[0]!.n);

async function snapshot() {
  const nonZero = sql.raw(MEASURES.map((m) => `${m} <> 0`).join(' or '));
  const regions = await sql<Record<string, unknown>>`select * from case_stats_regions where ${nonZero} order by category, level, scope, day, confidential`.execute(t.db);
  const units = await sql<Record<string, unknown>>`select * from case_stats_units where ${nonZero} order by unit_id, day, confidential`.execute(t.db);
  const regionMonths = await sql<Record<string, unknown>>`select * from case_stats_regions_month where ${nonZero} order by category, level, scope, day, confidential`.execute(t.db);
  const unitMonths = await sql<Record<string, unknown>>`select * from case_stats_units_month where ${nonZero} order by unit_id, day, confidential`.execute(t.db);
  // The open roll-ups (1052) hold no key at 0: the fold deletes them.
  const openRegions = await sql<Record<string, unknown>>`select * from case_stats_open_regions order by category, level, scope, day, confidential, overdue_day`.execute(t.db);
  const openUnits = await sql<Record<string, unknown>>`select * from case_stats_open_units order by unit_id, day, confidential, overdue_day`.execute(t.db);
  return JSON.stringify({ regions: regions.rows, units: units.rows, regionMonths: regionMonths.rows, unitMonths: unitMonths.rows, openRegions: openRegions.rows, openUnits: openUnits.rows });
}

test('a period splits into whole months and the days around them', () => {
  assert.deepEqual(monthSplit('2025-11-24', '2026-11-23'), { firstMonth: '2025-12-01', lastMonth: '2026-10-01', headTo: '2025-11-30', tailFrom: '2026-11-01' });
  assert.deepEqual(monthSplit('2026-02-01', '2026-02-28'), { firstMonth: '2026-02-01', lastMonth: '2026-02-01', headTo: null, tailFrom: null });
  assert.deepEqual(monthSplit('2026-01-31', '2026-03-01'), { firstMonth: '2026-02-01', lastMonth: '2026-02-01', headTo: '2026-01-31', tailFrom: '2026-03-01' });
  assert.equal(monthSplit('2026-02-02', '2026-02-28'), null);
  assert.equal(monthSplit('2026-01-15', '2026-02-14'), null);
});

test('buckets are √2 apart and the median interpolates inside one', () => {
  assert.equal(bucketOf(0.5), 0);
  assert.equal(bucketOf(1), 1);
  assert.equal(bucketOf(60), 12); // [45.25, 64)
  assert.ok(bucketLower(12) <= 60 && 60 < bucketUpper(12));
  assert.equal(bucketOf(1e9), 34);
  const counts = new Array(35).fill(0);
  for (const m of [30, 40, 50, 60, 70, 80, 90]) counts[bucketOf(m)] += 1;
  const median = histogramMedian(counts)!;
  assert.ok(median / 60 < Math.SQRT2 && 60 / median < Math.SQRT2, `median ${median}`);
  assert.equal(histogramMedian(new Array(35).fill(0)), null);
});

test('roll-ups plus the folded deltas equal rebuildCaseStatistics after a random sequence of transitions', async () => {
  await foldCaseStatistics(t.db);
  const untouched = await snapshot();
  const random = rng(20261120);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const residents = ['residentA', 'residentA2', 'residentC'] as const;
  const regions = { residentA: PLACES.villageA, residentA2: PLACES.villageB, residentC: PLACES.villageC };
  const categories = ['environment.noise', 'environment.garbage', 'infrastructure.road', 'social.elderly', 'utilities.water'];
  const cases: { id: string; by: (typeof residents)[number] }[] = [];
  const start = t.clock.now().getTime();
  let admin = w.people.admin;
  let sessions = Object.fromEntries(residents.map((r) => [r, w.people[r]]));

  for (let step = 0; step < 70; step++) {
    // Time moves (across days, so several day rows are touched); sessions are renewed.
    t.clock.set(new Date(start + step * 5 * HOUR));
    {
      admin = await signIn(t, w.people.admin.userId);
      sessions = Object.fromEntries(await Promise.all(residents.map(async (r) => [r, await signIn(t, w.people[r].userId)])));
    }
    if (cases.length < 4 || random() < 0.35) {
      const by = pick([...residents]);
      const c = await fileCase(t, sessions[by]!, { categoryCode: pick(categories), regionCode: regions[by] });
      cases.push({ id: c.id, by });
      continue;
    }
    const c = pick(cases);
    const action = pick(['accept', 'accept', 'reply', 'transfer', 'return', 'assign', 'reject', 'merge', 'resolve', 'resolve', 'rate', 'reopen', 'withdraw', 'bulk']);
    const other = pick(cases);
    const body: Record<string, unknown> = {
      reply: { note: '已联系' },
      transfer: { unitId: pick([w.units.chengguan, w.units.minzheng, w.units.villageB]), reason: '职责调整' },
      return: { reason: '非本单位职责' },
      assign: { unitId: pick([w.units.villageA, w.units.township]) },
      reject: { reason: '不属于受理范围' },
      merge: { primaryId: other.id },
      resolve: { result: '已处理完毕' },
      rate: { rating: pick(['satisfied', 'basically_satisfied', 'dissatisfied']) },
      reopen: { reason: '问题没有解决' },
      withdraw: {},
    }[action] ?? {};
    const requesterSide = ['rate', 'reopen', 'withdraw'].includes(action);
    const who = requesterSide ? sessions[c.by]! : admin;
    // Illegal moves answer 409/400 and change nothing: that is part of the walk.
    if (action === 'bulk') await call(t, admin, 'POST', '/api/cases/bulk/accept', { ids: cases.slice(-3).map((x) => x.id) });
    else await call(t, who, 'POST', `/api/cases/${c.id}/${action}`, body);
  }

  const statuses = await t.db.selectFrom('cases').select('status').distinct().execute();
  assert.ok(statuses.length >= 5, `the walk reached ${statuses.map((s) => s.status).join(', ')}`);
  // The walk only appended deltas: the roll-up rows are as they were until the fold.
  assert.equal(await snapshot(), untouched);
  const pending = await pendingCount();
  assert.ok(pending >= cases.length, `${pending} deltas for ${cases.length} cases`);
  assert.equal(await foldCaseStatistics(t.db), pending);
  assert.equal(await pendingCount(), 0);
  const kept = await snapshot();
  assert.notEqual(kept, untouched);
  assert.notEqual(kept, JSON.stringify({ regions: [], units: [], regionMonths: [], unitMonths: [], openRegions: [], openUnits: [] }));
  assert.ok(JSON.parse(kept).openRegions.length > 0, 'open cases rolled up');
  await rebuildCaseStatistics(t.db);
  assert.equal(await snapshot(), kept);

  // A partial rebuild of a few days changes nothing either; a damaged roll-up is repaired by it.
  await sql`update case_stats_regions set received = received + 5 where level = 4`.execute(t.db);
  assert.notEqual(await snapshot(), kept);
  const first = new Date(start);
  await rebuildCaseStatistics(t.db, { from: first, to: new Date(start + 70 * 5 * HOUR) });
  assert.equal(await snapshot(), kept);

  // Deltas pending over a rebuild: those of the rebuilt days are counted by it and discarded, the others kept.
  const c = cases[0]!;
  await call(t, admin, 'POST', `/api/cases/${c.id}/reply`, { note: '再次联系' });
  await sql`update cases set reopen_count = reopen_count + 1 where id = ${c.id}`.execute(t.db);
  assert.equal(await pendingCount(), 2);
  const outside = new Date(start + 400 * 5 * HOUR);
  await rebuildCaseStatistics(t.db, { from: outside, to: outside });
  assert.equal(await pendingCount(), 2, 'a rebuild of other days keeps them');
  await rebuildCaseStatistics(t.db, { from: first, to: new Date(start + 70 * 5 * HOUR) });
  assert.equal(await pendingCount(), 0);
  const rebuilt = await snapshot();
  assert.notEqual(rebuilt, kept);
  await foldCaseStatistics(t.db);
  await rebuildCaseStatistics(t.db);
  assert.equal(await snapshot(), rebuilt);
});

test('concurrent folds lose nothing and count nothing twice', async () => {
  await foldCaseStatistics(t.db);
  // Deltas for every case, in two statements (so two batches of rows).
  await sql`update cases set reopen_count = reopen_count + 1 where status <> 'merged'`.execute(t.db);
  await sql`update cases set responded_at = coalesce(responded_at, created_at + interval '7 minutes') where status <> 'merged'`.execute(t.db);
  const pending = await pendingCount();
  assert.ok(pending >= 8, `${pending} deltas`);

  // Fold A holds its rows uncommitted; B and C start meanwhile and must wait for it, then find nothing of A's.
  let releaseA!: () => void;
  const aHolds = new Promise<void>((resolve) => (releaseA = resolve));
  let aFolded = 0;
  let aStarted!: () => void;
  const started = new Promise<void>((resolve) => (aStarted = resolve));
  const a = t.db.transaction().execute(async (trx) => {
    aFolded = await foldCaseStatistics(trx);
    aStarted();
    await aHolds;
  });
  await started;
  let othersDone = false;
  const others = Promise.all([foldCaseStatistics(t.db), foldCaseStatistics(t.db)]).then((ns) => {
    othersDone = true;
    return ns;
  });
  // A change committed while A holds its rows: its deltas go to whichever fold comes after.
  await sql`update cases set reopen_count = reopen_count + 1 where status <> 'merged'`.execute(t.db);
  const added = (await pendingCount()) - pending; // A's deletions are not committed: its rows still count here
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(othersDone, false, 'B and C wait for A');
  releaseA();
  await a;
  const [b, c] = await others;
  const rest = await foldCaseStatistics(t.db);
  assert.equal(aFolded, pending);
  assert.equal(aFolded + b! + c! + rest, pending + added);
  assert.equal(await pendingCount(), 0);
  const folded = await snapshot();
  await rebuildCaseStatistics(t.db);
  assert.equal(await snapshot(), folded);
});

test('bulk loads may switch the trigger off for their transaction and rebuild after', async () => {
  await foldCaseStatistics(t.db);
  const before = await snapshot();
  await t.db.transaction().execute(async (trx) => {
    await sql`set local lianxin.case_stats = 'off'`.execute(trx);
    await sql`update cases set reopen_count = case when reopen_count > 0 then 0 else 1 end`.execute(trx);
  });
  assert.equal(await pendingCount(), 0, 'no deltas while off');
  await foldCaseStatistics(t.db);
  assert.equal(await snapshot(), before, 'nothing maintained while off');
  await rebuildCaseStatistics(t.db);
  assert.notEqual(await snapshot(), before);
});
