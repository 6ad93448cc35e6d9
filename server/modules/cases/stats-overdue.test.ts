import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { buildWorld, call, fileCase, PLACES, rng, type World } from './test-helpers.js';
import { rebuildCaseStatistics } from './stats-rebuild.js';
import { foldCaseStatistics } from './stats-fold.js';
import { overdueCounts, overdueCountsLive, rollupServes, type Grouping, type StatsFilter } from './stats-query.js';
import { dayStart, shanghaiDay } from './stats-period.js';

/**
 * "Overdue now" from the open roll-ups (cases overdue since before today) plus
 * the live count of the cases becoming overdue today equals the full live
 * count of the open cases, for every cut the roll-ups serve, after a random
 * walk of transitions (accept, transfer, return, assign, reopen, resolve,
 * withdraw, deadline changes …) with the clock moving, across midnight
 * (Asia/Shanghai) too; and the fold's open roll-ups equal a rebuild's.
 */

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const HOUR = 3600_000;
const MIN = 60_000;


const cuts = (from: string, to: string): { f: StatsFilter; g: Grouping | null }[] => {
  const base = { unitId: null, category: null, from, to, includeConfidential: true };
  return [
    { f: { ...base, prefix: '4302' }, g: { by: 'region', level: 6 } },
    { f: { ...base, prefix: '4302', includeConfidential: false }, g: { by: 'category', depth: 1 } },
    { f: { ...base, prefix: '430212' }, g: { by: 'region', level: 9 } },
    { f: { ...base, prefix: '430212', category: 'environment' }, g: { by: 'region', level: 9 } },
    { f: { ...base, prefix: '430212', category: 'environment' }, g: { by: 'category', depth: 2 } },
    { f: { ...base, prefix: '430212' }, g: { by: 'unit' } },
    { f: { ...base, prefix: PLACES.township.slice(0, 9) }, g: { by: 'region', level: 12 } },
    { f: { ...base, prefix: PLACES.villageA }, g: { by: 'region', level: 15 } },
    { f: { ...base, prefix: PLACES.villageA }, g: null },
    { f: { ...base, prefix: '430212', unitId: null }, g: null },
    { f: { ...base, prefix: null, unitId: w.units.villageA }, g: null },
  ];
};

const sorted = (rows: { day: string; key: string | null; n: number }[]) =>
  rows.map((r) => ({ day: r.day, key: r.key, n: Number(r.n) })).sort((a, b) => (a.day + (a.key ?? '')).localeCompare(b.day + (b.key ?? '')));

/** Compares both answers for every cut at `now`; returns how many cases of the city are overdue and how many of them became so today. */
async function compare(now: Date, from: string, to: string, note: string) {
  for (const { f, g } of cuts(from, to)) {
    const rolled = sorted(await overdueCounts(t.db, f, g, now));
    const live = sorted(await overdueCountsLive(t.db, f, g, now));
    assert.deepEqual(rolled, live, `${note}: ${JSON.stringify({ prefix: f.prefix, unit: f.unitId, category: f.category, g, now })}`);
  }
  const start = dayStart(shanghaiDay(now));
  const at = sql`least(resolution_due_at, case when responded_at is null then response_due_at end)`;
  const { rows } = await sql<{ overdue: number; today: number; responded: number; reopened: number }>`
    select (count(*) filter (where ${at} < ${now}))::int as overdue, (count(*) filter (where ${at} >= ${start} and ${at} < ${now}))::int as today,
      (count(*) filter (where responded_at is not null and response_due_at < ${now} and resolution_due_at >= ${now}))::int as responded,
      (count(*) filter (where reopen_count > 0 and ${at} < ${now}))::int as reopened
    from cases where status in ('submitted','assigned','accepted','in_progress','transferred','returned','reopened')`.execute(t.db);
  return rows[0]!;
}

async function openSnapshot() {
  const regions = await sql`select * from case_stats_open_regions order by category, level, scope, day, confidential, overdue_day`.execute(t.db);
  const units = await sql`select * from case_stats_open_units order by unit_id, day, confidential, overdue_day`.execute(t.db);
  return JSON.stringify({ regions: regions.rows, units: units.rows });
}

test('the roll-ups serve the city and county dashboards, not the finest cuts', () => {
  const f = { prefix: '4302', unitId: null, category: null, from: '2026-01-01', to: '2026-12-31', includeConfidential: true };
  assert.ok(rollupServes(f, { by: 'region', level: 6 }));
  assert.ok(!rollupServes({ ...f, prefix: PLACES.villageA }, { by: 'region', level: 15 }));
});

test('overdue now from the open roll-ups + today live equals the full live count, through a random walk and across midnight', async () => {
  const random = rng(20261122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const residents = ['residentA', 'residentA2', 'residentC'] as const;
  const regions = { residentA: PLACES.villageA, residentA2: PLACES.villageB, residentC: PLACES.villageC };
  const categories = ['environment.noise', 'environment.garbage', 'infrastructure.road', 'utilities.water', 'infrastructure.streetlight', 'social.elderly'];
  const cases: { id: string; by: (typeof residents)[number] }[] = [];
  // 21:30 in Shanghai: the walk crosses several midnights.
  let clock = Date.parse('2026-11-20T13:30:00Z');
  const from = shanghaiDay(new Date(clock - 2 * 24 * HOUR));
  const to = shanghaiDay(new Date(clock + 40 * 24 * HOUR));
  const seen = { overdue: 0, today: 0, responded: 0, reopened: 0, midnight: 0 };

  for (let step = 0; step < 110; step++) {
    clock += Math.floor(random() * 7 * HOUR) + 10 * MIN;
    t.clock.set(new Date(clock));
    const admin = await signIn(t, w.people.admin.userId);
    if (cases.length < 5 || random() < 0.3) {
      const by = pick(residents);
      const c = await fileCase(t, await signIn(t, w.people[by].userId), { categoryCode: pick(categories), regionCode: regions[by] });
      cases.push({ id: c.id, by });
    } else {
      let c = pick(cases);
      const action = pick(['accept', 'accept', 'accept', 'reply', 'transfer', 'return', 'assign', 'resolve', 'resolve', 'rate', 'reopen', 'reopen', 'withdraw', 'bulk', 'deadline', 'reject'] as const);
      const body: Record<string, unknown> =
        {
          reply: { note: '已联系' },
          transfer: { unitId: pick([w.units.chengguan, w.units.minzheng, w.units.villageB]), reason: '职责调整' },
          return: { reason: '非本单位职责' },
          assign: { unitId: pick([w.units.villageA, w.units.township]) },
          reject: { reason: '不属于受理范围' },
          resolve: { result: '已处理完毕' },
          rate: { rating: pick(['satisfied', 'dissatisfied']) },
          reopen: { reason: '问题没有解决' },
        }[action as string] ?? {};
      if (action === 'reopen' || action === 'rate') {
        // The requester's moves need a resolved case: take one when there is.
        const resolved = await t.db.selectFrom('cases').select('id').where('status', '=', 'resolved').where('id', 'in', cases.map((x) => x.id)).execute();
        if (resolved.length) c = cases.find((x) => x.id === pick(resolved).id)!;
      }
      if (action === 'bulk') await call(t, admin, 'POST', '/api/cases/bulk/accept', { ids: cases.slice(-3).map((x) => x.id) });
      else if (action === 'deadline') {
        // A repair moving the deadlines (either way, a day apart): the deltas follow any writer of the row.
        const shift = `${Math.floor(random() * 48) - 24} hours`;
        await sql`update cases set resolution_due_at = resolution_due_at + ${shift}::interval, response_due_at = response_due_at + ${shift}::interval where id = ${c.id}`.execute(t.db);
      } else {
        const who = ['rate', 'reopen', 'withdraw'].includes(action) ? await signIn(t, w.people[c.by].userId) : admin;
        await call(t, who, 'POST', `/api/cases/${c.id}/${action}`, body);
      }
    }
    if (step % 3 !== 0) continue;
    await foldCaseStatistics(t.db);
    const now = new Date(clock);
    const s = await compare(now, from, to, `step ${step}`);
    seen.overdue = Math.max(seen.overdue, s.overdue);
    seen.today = Math.max(seen.today, s.today);
    seen.responded = Math.max(seen.responded, s.responded);
    seen.reopened = Math.max(seen.reopened, s.reopened);
    // The same state read at the edges of today and the next midnight (the roll-ups do not move, the clock does).
    const midnight = dayStart(shanghaiDay(new Date(clock + 24 * HOUR))).getTime();
    for (const at of [midnight - 1, midnight, midnight + 1, midnight + 17 * HOUR, dayStart(shanghaiDay(now)).getTime()]) {
      const m = await compare(new Date(at), from, to, `step ${step} at ${new Date(at).toISOString()}`);
      if (at === midnight - 1) seen.midnight = Math.max(seen.midnight, m.today);
    }
  }
  // Then reopened cases (a new resolution deadline, counted from the reopening) age past it, a day at a time.
  const open = await t.db.selectFrom('cases').select('id').where('status', 'in', ['assigned', 'accepted', 'in_progress']).where('id', 'in', cases.map((x) => x.id)).execute();
  for (const { id } of open.slice(0, 4)) {
    const admin = await signIn(t, w.people.admin.userId);
    await call(t, admin, 'POST', `/api/cases/${id}/accept`, {});
    assert.equal((await call(t, admin, 'POST', `/api/cases/${id}/resolve`, { result: '已处理完毕' })).status, 200);
    const by = cases.find((x) => x.id === id)!.by;
    assert.equal((await call(t, await signIn(t, w.people[by].userId), 'POST', `/api/cases/${id}/reopen`, { reason: '问题没有解决' })).status, 200);
  }
  for (let day = 0; day < 10; day++) {
    clock += 24 * HOUR - 50 * MIN;
    t.clock.set(new Date(clock));
    await foldCaseStatistics(t.db);
    const s = await compare(new Date(clock), from, to, `reopened, day ${day}`);
    seen.reopened = Math.max(seen.reopened, s.reopened);
  }

  // The walk reached what it is meant to test.
  assert.ok(seen.overdue > 3, `overdue ${seen.overdue}`);
  assert.ok(seen.today > 0, 'cases becoming overdue today');
  assert.ok(seen.midnight > 0, 'cases becoming overdue just before midnight');
  assert.ok(seen.responded > 0, 'accepted open cases past their response deadline, not overdue');
  assert.ok(seen.reopened > 0, 'reopened cases overdue');
  const rolledUp = Number((await sql<{ n: number }>`select count(*)::int as n from case_stats_open_regions where overdue_day < ${shanghaiDay(new Date(clock))}::date`.execute(t.db)).rows[0]!.n);
  assert.ok(rolledUp > 0, 'open roll-up rows overdue since before today');

  // The fold kept exactly what a rebuild counts, with no key left at 0.
  await foldCaseStatistics(t.db);
  assert.equal(Number((await sql<{ n: number }>`select (select count(*) from case_stats_open_regions where n <= 0) + (select count(*) from case_stats_open_units where n <= 0) as n`.execute(t.db)).rows[0]!.n), 0);
  const folded = await openSnapshot();
  await rebuildCaseStatistics(t.db);
  assert.equal(await openSnapshot(), folded);
  await compare(new Date(clock), from, to, 'after the rebuild');
});
