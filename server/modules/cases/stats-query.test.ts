import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { buildWorld, call, fileCase, PLACES, type World } from './test-helpers.js';
import { foldCaseStatistics } from './stats-fold.js';
import { MEASURES } from './stats-rollup.js';
import { addRow, addSums, emptySums, emptyVector, sumsOf } from './stats-figures.js';
import { periodOf, type Trend } from './stats-period.js';
import { fromCases, fromRollup, overdueCounts, overdueCountsLive, overdueTotals, rollupServes, type Grouping, type KeyedSums, type OverdueCount, type StatsFilter } from './stats-query.js';

/**
 * The dashboard's faster paths give the figures of the plain ones: the unit
 * ranking read from the units' roll-ups (month and day rows of the subtree's
 * units only) equals the same sums from the cases; "overdue now" grouped by
 * trend period in SQL equals the day rows added up per period, and its totals
 * per period and per key (grouping sets) equal those rows added up; the sums
 * added as vectors equal `addSums`.
 */

let t: TestApp;
let w: World;
const DAY = 24 * 3600_000;
// Mid-month to mid-month: a head of January's days, whole February and March from the month roll-ups, April's days.
const FROM = '2026-01-20';
const TO = '2026-04-12';

before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
  const admin = () => signIn(t, w.people.admin.userId);
  const filers = [
    ['residentA', PLACES.villageA],
    ['residentA2', PLACES.villageB],
    ['residentC', PLACES.villageC],
  ] as const;
  const categories = ['environment.noise', 'infrastructure.road', 'utilities.water', 'social.elderly', 'environment.garbage'];
  // Every 5 days from 2 January to mid-May: cases before, inside and after the period, in every month.
  for (let i = 0; i < 27; i++) {
    t.clock.set(new Date(Date.parse('2026-01-02T02:00:00Z') + i * 5 * DAY + (i % 4) * 3600_000));
    const [who, region] = filers[i % filers.length]!;
    const c = await fileCase(t, await signIn(t, w.people[who].userId), { categoryCode: categories[i % categories.length]!, regionCode: region });
    // Some accepted, some resolved (durations for the histograms), the rest left open to become overdue.
    if (i % 3 !== 2) {
      t.clock.set(new Date(t.clock.now().getTime() + (i + 1) * 1800_000));
      assert.equal((await call(t, await admin(), 'POST', `/api/cases/${c.id}/accept`, {})).status, 200);
    }
    if (i % 3 === 0) {
      t.clock.set(new Date(t.clock.now().getTime() + (i + 2) * 7200_000));
      assert.equal((await call(t, await admin(), 'POST', `/api/cases/${c.id}/resolve`, { result: '已处理完毕' })).status, 200);
    }
  }
  await foldCaseStatistics(t.db);
});
after(() => t.close());

const base = { unitId: null, category: null, from: FROM, to: TO, includeConfidential: true };
const nonZero = (rows: KeyedSums[]) =>
  rows
    .map((r) => ({ key: r.key, ...Object.fromEntries(MEASURES.map((m) => [m, Number(r[m] ?? 0)])) }))
    .filter((r) => MEASURES.some((m) => (r as Record<string, unknown>)[m] !== 0))
    .sort((a, b) => a.key.localeCompare(b.key));

// The last case is received on 12 May: a period ending later reads May from the month row (no unit has a day after it).
const LATE_TO = '2026-05-25';

test('the unit ranking from the roll-ups (subtree units, months and days) equals the sums from the cases', async () => {
  let units = 0;
  for (const to of [TO, LATE_TO]) {
    for (const f of [
      { ...base, to, prefix: '4302' },
      { ...base, to, prefix: '430212' },
      { ...base, to, prefix: '430212', includeConfidential: false },
      { ...base, to, prefix: PLACES.township.slice(0, 9) },
    ] as StatsFilter[]) {
      const g: Grouping = { by: 'unit' };
      assert.ok(rollupServes(f, g));
      const rolled = nonZero(await fromRollup(t.db, f, g));
      assert.deepEqual(rolled, nonZero(await fromCases(t.db, f, g)), `${f.prefix} … ${to}`);
      units = Math.max(units, rolled.length);
    }
    // Each unit by month (the units' month and day rows again); among them one with figures in 3+ months.
    // (Picking "the busiest" by count alone depended on the plan's order among units with equal counts.)
    const handlers = await t.db.selectFrom('cases').select('handling_unit_id').where('handling_unit_id', 'is not', null).distinct().execute();
    let mostMonths = 0;
    for (const { handling_unit_id } of handlers) {
      const f: StatsFilter = { ...base, to, prefix: null, unitId: handling_unit_id! };
      const g: Grouping = { by: 'day', trend: 'month' };
      assert.ok(rollupServes(f, g));
      const months = nonZero(await fromRollup(t.db, f, g));
      assert.deepEqual(months, nonZero(await fromCases(t.db, f, g)), `unit ${handling_unit_id} … ${to}`);
      mostMonths = Math.max(mostMonths, months.length);
    }
    assert.ok(mostMonths >= 3, `${mostMonths} months`);
  }
  assert.ok(units >= 2, `${units} units with figures`);
});

const byPeriod = (rows: OverdueCount[], trend: Trend) => {
  const out = new Map<string, number>();
  for (const r of rows) {
    const k = `${periodOf(r.day, trend)}|${r.key ?? ''}`;
    out.set(k, (out.get(k) ?? 0) + Number(r.n));
  }
  return [...out].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b));
};

test('overdue now grouped by period in SQL, and its totals per period and per key, equal the day rows added up', async () => {
  const now = new Date('2026-05-20T04:00:00Z');
  const cuts: { f: StatsFilter; g: Grouping | null }[] = [
    { f: { ...base, prefix: '430212' }, g: { by: 'unit' } },
    { f: { ...base, prefix: '4302' }, g: { by: 'category', depth: 1 } },
    { f: { ...base, prefix: '430212' }, g: { by: 'region', level: 9 } },
    { f: { ...base, prefix: '4302' }, g: null },
    { f: { ...base, prefix: PLACES.villageA }, g: { by: 'region', level: 15 } },
    { f: { ...base, prefix: null, unitId: w.units.villageA }, g: null },
  ];
  let overdue = 0;
  for (const { f, g } of cuts) {
    const days = await overdueCounts(t.db, f, g, now);
    assert.deepEqual(byPeriod(days, 'day'), byPeriod(await overdueCountsLive(t.db, f, g, now), 'day'));
    overdue = Math.max(overdue, days.reduce((a, r) => a + Number(r.n), 0));
    for (const trend of ['day', 'week', 'month'] as const) {
      const note = `${f.prefix} ${f.unitId} ${JSON.stringify(g)} ${trend}`;
      const totals = await overdueTotals(t.db, f, g, now, trend);
      const perKey = new Map<string, number>();
      for (const r of days) if (r.key !== null) perKey.set(r.key, (perKey.get(r.key) ?? 0) + Number(r.n));
      assert.deepEqual(
        [...totals.byPeriod].sort(),
        byPeriod(days.map((r) => ({ ...r, key: null })), trend).map(([k, n]) => [k.slice(0, 10), n]),
        `${note}: totals per period`,
      );
      assert.deepEqual([...totals.byKey].sort(), [...perKey].filter(([, n]) => n !== 0).sort(), `${note}: totals per key`);
      assert.equal(totals.total, days.reduce((a, r) => a + Number(r.n), 0), `${note}: total`);
      const grouped = await overdueCounts(t.db, f, g, now, trend);
      for (const r of grouped) assert.equal(periodOf(r.day, trend), r.day, `${note}: a period's first day`);
      assert.deepEqual(byPeriod(grouped, trend), byPeriod(days, trend), note);
      assert.deepEqual(byPeriod(await overdueCountsLive(t.db, f, g, now, trend), trend), byPeriod(days, trend), `${note} (live)`);
    }
  }
  assert.ok(overdue >= 3, `${overdue} cases overdue`);
});

test('sums added as vectors equal addSums', async () => {
  const rows = await fromRollup(t.db, { ...base, prefix: '4302' }, { by: 'day', trend: 'day' });
  assert.ok(rows.length >= 10);
  const total = emptySums();
  const vector = emptyVector();
  const twice = emptyVector();
  for (const r of rows) {
    addSums(total, r);
    addRow(r, vector, twice);
    addRow(r, twice);
  }
  assert.deepEqual(sumsOf(vector), total);
  assert.equal(sumsOf(twice).received, 2 * total.received!);
  assert.ok(total.received! > 0 && total.r0 !== undefined);
});
