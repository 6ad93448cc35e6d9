import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { OPEN_STATUSES } from '../../../common/cases/states.js';
import { aggregateFromCases, caseContributionColumns, dayExpr, overdueAtExpr, sumMeasures } from './stats-rollup.js';
import { dayStart, addDays, shanghaiDay, type Trend } from './stats-period.js';

/**
 * The reads behind GET /cases/stats. Each answers sums of the roll-up
 * measures per key (a day, a child region, a unit, a sub-category). Roll-ups
 * hold: every category at the city (4), county (6) and township (9) levels;
 * all categories together at the village level (12) and per handling unit.
 * Anything finer (a village or a unit *and* a category) is summed from the
 * cases themselves with the same expressions (`fromCases`): a village's or a
 * unit's cases are few.
 */

export interface StatsFilter {
  /** Region scope (a prefix of 4, 6, 9, 12 or 15 digits), or null with unitId. */
  prefix: string | null;
  unitId: string | null;
  category: string | null;
  from: string;
  to: string;
  includeConfidential: boolean;
}

export type Grouping = { by: 'day'; trend?: Trend } | { by: 'region'; level: number } | { by: 'category'; depth: number } | { by: 'unit' };

export interface KeyedSums {
  key: string;
  [measure: string]: number | string;
}

const ROLLUP_CATEGORY_LEVELS = [4, 6, 9];
const OPEN_LIST = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));
const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Can the roll-up answer this filter grouped this way? */
export function rollupServes(f: StatsFilter, g: Grouping): boolean {
  if (f.unitId) return !f.category && g.by === 'day';
  const level = f.prefix!.length;
  const categoryOk = (l: number) => (ROLLUP_CATEGORY_LEVELS.includes(l) ? true : l === 12 && !f.category);
  switch (g.by) {
    case 'day':
      return categoryOk(level);
    case 'region':
      return categoryOk(g.level);
    case 'category':
      return ROLLUP_CATEGORY_LEVELS.includes(level);
    case 'unit':
      return !f.category;
  }
}

/**
 * The first day of the trend period a day falls in, as a date: the day, its
 * week's Monday (ISO weeks), its month's 1st. Truncated as a timestamp without
 * time zone: the date would otherwise go through timestamptz and the session's
 * zone on every row.
 */
function periodDate(day: string, trend: Trend | undefined): RawBuilder<string> {
  if (trend === 'month') return sql.raw(`date_trunc('month', (${day})::timestamp)::date`);
  if (trend === 'week') return sql.raw(`date_trunc('week', (${day})::timestamp)::date`);
  return sql.raw(day);
}

/** The same as text. */
function periodKey(day: string, trend: Trend | undefined): RawBuilder<string> {
  return sql`to_char(${periodDate(day, trend)}, 'YYYY-MM-DD')`;
}

/**
 * The units located in a region subtree, as an array: `unit_id = any(…)` is an
 * index condition (one descent per unit) where `in (select …)` became a hash
 * join over every unit's roll-up rows.
 */
const subtreeUnits = (prefix: string) => sql`array(select u.id from units u where u.region_code like ${likePrefix(prefix)})`;

const confidentialFilter = (f: StatsFilter, col: string) => (f.includeConfidential ? sql`true` : sql`${sql.ref(col)} = false`);

function categoryChildren(col: string, parent: string | null): RawBuilder<boolean> {
  return parent
    ? sql<boolean>`(${sql.ref(col)} like ${likePrefix(`${parent}.`)} and ${sql.ref(col)} not like ${likePrefix(`${parent}.`) + '.%'})`
    : sql<boolean>`(${sql.ref(col)} <> '*' and ${sql.ref(col)} not like '%.%')`;
}

/** Whole months within [from, to] and the days around them (null: no whole month). */
export function monthSplit(from: string, to: string): { firstMonth: string; lastMonth: string; headTo: string | null; tailFrom: string | null } | null {
  const firstMonth = from.endsWith('-01') ? from : `${addDays(`${from.slice(0, 7)}-28`, 4).slice(0, 7)}-01`; // the 28th + 4 is always next month
  const lastMonthEnd = addDays(to, 1).endsWith('-01') ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  const lastMonth = `${lastMonthEnd.slice(0, 7)}-01`;
  if (firstMonth > lastMonth) return null;
  return { firstMonth, lastMonth, headTo: firstMonth > from ? addDays(firstMonth, -1) : null, tailFrom: lastMonthEnd < to ? addDays(lastMonthEnd, 1) : null };
}

/**
 * The roll-up rows of the period: by day, or (when days are not needed) whole
 * months from the month table and only the partial months' days from the day
 * table — a year is then ~12 + 30 rows per key instead of 365. Both tables have
 * the same columns (`day` is the month's first day in the month table), and the
 * key conditions written around this are pushed into both branches.
 */
function rollupRows(table: 'case_stats_regions' | 'case_stats_units', f: StatsFilter, byDay: boolean, where: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  const split = byDay ? null : monthSplit(f.from, f.to);
  // `where` is written into every branch: a condition with a sub-select is not pushed into a union.
  const days = (from: string, to: string) => sql`select * from ${sql.raw(table)} where day between ${from}::date and ${to}::date and ${where}`;
  if (!split) return sql`(${days(f.from, f.to)})`;
  const parts = [sql`select * from ${sql.raw(`${table}_month`)} where day between ${split.firstMonth}::date and ${split.lastMonth}::date and ${where}`];
  if (split.headTo) parts.push(days(f.from, split.headTo));
  if (split.tailFrom && table === 'case_stats_units') {
    // A year up to today: no unit has a row after `to`, so the last month's row is exactly its days up to
    // `to` (a month row exists iff a day row of its month does: the fold and the rebuild write both from
    // the same rows) — the units' ~20 days × every unit become one row each. Otherwise, the days. Decided
    // in the query (one probe of the day index), so in the same snapshot as the sums.
    const later = sql`exists (select 1 from case_stats_units where day > ${f.to}::date)`;
    parts.push(sql`select * from case_stats_units_month where day = ${split.tailFrom}::date and ${where} and not ${later}`);
    parts.push(sql`${days(split.tailFrom, f.to)} and ${later}`);
  } else if (split.tailFrom) parts.push(days(split.tailFrom, f.to));
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/**
 * Runs a roll-up read without parallel workers. These reads take a few hundred
 * to a few thousand narrow rows, but the planner puts a Gather over their
 * unions (month and day rows; open roll-ups and today's cases): a Parallel
 * Append of plain scans needs no table's `parallel_workers`, so the tables'
 * setting (1051) does not stop it. Starting the workers cost more than the
 * read itself (EXPLAIN ANALYZE on 10 M cases: 15–25 ms of start-up around
 * under 1 ms of work). In a caller's transaction the setting is left alone.
 */
async function serialRows<T>(db: Executor, query: RawBuilder<T>): Promise<T[]> {
  if (db.isTransaction) return (await query.execute(db)).rows;
  return db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}

/** Sums from the roll-up tables. */
export async function fromRollup(db: Executor, f: StatsFilter, g: Grouping): Promise<KeyedSums[]> {
  const sums = sql.raw(sumMeasures());
  const byDay = g.by === 'day' && g.trend !== 'month';
  if (f.unitId) {
    const trend = g.by === 'day' ? g.trend : undefined;
    return serialRows(db, sql<KeyedSums>`select ${periodKey('day', trend)} as key, ${sums} from ${rollupRows('case_stats_units', f, byDay)} r
      where unit_id = ${f.unitId} and ${confidentialFilter(f, 'confidential')} group by 1`);
  }
  const prefix = f.prefix!;
  const category = f.category ?? '*';
  const regions = rollupRows('case_stats_regions', f, byDay);
  let query: RawBuilder<KeyedSums>;
  switch (g.by) {
    case 'day':
      query = sql`select ${periodKey('day', g.trend)} as key, ${sums} from ${regions} r
        where category = ${category} and level = ${prefix.length} and scope = ${prefix} and ${confidentialFilter(f, 'confidential')} group by 1`;
      break;
    case 'region':
      query = sql`select scope as key, ${sums} from ${regions} r
        where category = ${category} and level = ${g.level} and scope like ${likePrefix(prefix)} and ${confidentialFilter(f, 'confidential')} group by scope`;
      break;
    case 'category':
      query = sql`select category as key, ${sums} from ${regions} r
        where ${categoryChildren('category', f.category)} and level = ${prefix.length} and scope = ${prefix} and ${confidentialFilter(f, 'confidential')} group by category`;
      break;
    case 'unit':
      // A unit's figures are all its cases; the units listed are those located in the subtree.
      query = sql`select s.unit_id::text as key, ${sql.raw(sumMeasures('s'))}
        from ${rollupRows('case_stats_units', f, byDay, sql`unit_id = any(${subtreeUnits(prefix)})`)} s
        where ${confidentialFilter(f, 's.confidential')} group by s.unit_id`;
      break;
  }
  return serialRows(db, query);
}

function caseKey(g: Grouping): { key: RawBuilder<string>; where: RawBuilder<boolean> } {
  switch (g.by) {
    case 'day':
      return { key: periodKey(dayExpr('c'), g.trend), where: sql`true` };
    case 'region':
      return { key: sql`left(c.region_code, ${g.level})`, where: sql`case_stats_prefix_length(c.region_code) >= ${g.level}` };
    case 'category':
      return {
        key: sql`array_to_string((string_to_array(c.category_code, '.'))[1:${g.depth}], '.')`,
        where: sql`array_length(string_to_array(c.category_code, '.'), 1) >= ${g.depth}`,
      };
    case 'unit':
      return { key: sql`c.handling_unit_id::text`, where: sql`c.handling_unit_id is not null` };
  }
}

/** The filter on the cases table, the same as the roll-ups' keys. */
function caseFilter(f: StatsFilter, g: Grouping): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [
    sql`c.status <> 'merged'`,
    sql`c.created_at >= ${dayStart(f.from)}`,
    sql`c.created_at < ${dayStart(addDays(f.to, 1))}`,
  ];
  if (f.unitId) parts.push(sql`c.handling_unit_id = ${f.unitId}`);
  else if (g.by === 'unit') parts.push(sql`c.handling_unit_id in (select u.id from units u where u.region_code like ${likePrefix(f.prefix!)})`);
  else parts.push(sql`c.region_code like ${likePrefix(f.prefix!)}`);
  if (f.category) parts.push(sql`(c.category_code = ${f.category} or c.category_code like ${likePrefix(`${f.category}.`)})`);
  if (!f.includeConfidential) parts.push(sql`c.confidential = false`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** Sums straight from the cases (the same expressions as the roll-ups). */
export async function fromCases(db: Executor, f: StatsFilter, g: Grouping): Promise<KeyedSums[]> {
  const k = caseKey(g);
  const { rows } = await sql<KeyedSums>`select key, ${sql.raw(aggregateFromCases())}
    from (select ${k.key} as key, ${sql.raw(caseContributionColumns('c'))} from cases c where ${caseFilter(f, g)} and ${k.where} offset 0) src
    group by key`.execute(db);
  return rows;
}

export function sumsBy(db: Executor, f: StatsFilter, g: Grouping): Promise<KeyedSums[]> {
  return rollupServes(f, g) ? fromRollup(db, f, g) : fromCases(db, f, g);
}

export interface OverdueCount {
  /** The first day of the trend period the cases were received in (the day itself by default). */
  day: string;
  key: string | null;
  n: number;
}

/**
 * Open cases past a deadline now (the queue's `overdue=true`: open and
 * overdueAt < now), by trend period received and by the grouping's key (a
 * year by month is then ~13 rows per key, not 365). Where the
 * roll-ups serve the cut, the open roll-ups answer for the cases overdue since
 * before today (their overdue day < today, Asia/Shanghai) and only the cases
 * becoming overdue today are counted live (today's range of the two deadline
 * indexes); otherwise (finest cuts, few cases) everything is counted live.
 */
export async function overdueCounts(db: Executor, f: StatsFilter, g: Grouping | null, now: Date, trend: Trend = 'day'): Promise<OverdueCount[]> {
  if (!rollupServes(f, g ?? { by: 'day' })) return overdueCountsLive(db, f, g, now, trend);
  return serialRows(db, sql<OverdueCount>`
    select to_char(d, 'YYYY-MM-DD') as day, key, n from (
      select d, key, sum(n)::int as n from (${overdueRollupParts(f, g, now, trend)}) x
      group by d, key having sum(n) <> 0) o`);
}

export interface OverdueTotals {
  total: number;
  /** By the first day of the trend period received. */
  byPeriod: Map<string, number>;
  byKey: Map<string, number>;
}

/**
 * The same counts as `overdueCounts`, added up per period and per key in SQL
 * (grouping sets): what the dashboard shows. A year by day and county is then
 * 365 + 9 rows, not 365 × 9.
 */
export async function overdueTotals(db: Executor, f: StatsFilter, g: Grouping | null, now: Date, trend: Trend): Promise<OverdueTotals> {
  const parts = rollupServes(f, g ?? { by: 'day' }) ? overdueRollupParts(f, g, now, trend) : overdueLivePart(f, g, now, trend);
  // The (d) set's rows have a null key, the (key) set's a null day (no row of either part has a null day).
  const rows = await serialRows(db, sql<{ day: string | null; key: string | null; n: number }>`
    select to_char(d, 'YYYY-MM-DD') as day, key, n from (
      select d, key, sum(n)::int as n from (${parts}) x
      group by grouping sets ((d), (key)) having sum(n) <> 0) o`);
  const out: OverdueTotals = { total: 0, byPeriod: new Map(), byKey: new Map() };
  for (const r of rows) {
    if (r.day !== null) {
      out.total += r.n;
      out.byPeriod.set(r.day, r.n);
    } else if (r.key !== null) out.byKey.set(r.key, r.n);
  }
  return out;
}

/** The open roll-ups' rows and today's live counts (d, key, n; a key may occur in both). */
function overdueRollupParts(f: StatsFilter, g: Grouping | null, now: Date, trend: Trend): RawBuilder<unknown> {
  const today = shanghaiDay(now);
  const start = dayStart(today);
  const k = g ? caseKey(g) : { key: sql<string>`null`, where: sql<boolean>`true` };
  const at = sql.raw(overdueAtExpr('c'));
  return sql`${openRollupPart(f, g, today, trend)}
        union all
        select ${periodDate(dayExpr('c'), trend)} as d, (${k.key})::text collate "C" as key, count(*)::int as n
        from cases c
        where c.status in (${OPEN_LIST})
          and ((c.resolution_due_at >= ${start} and c.resolution_due_at < ${now}) or (c.responded_at is null and c.response_due_at >= ${start} and c.response_due_at < ${now}))
          and ${at} >= ${start}
          and ${caseFilter(f, g ?? { by: 'day' })} and ${k.where}
        group by 1, 2`;
}

/** Open cases of the cut overdue since a day before `today`, from the open roll-ups (the same keys as `fromRollup`). */
function openRollupPart(f: StatsFilter, g: Grouping | null, today: string, trend: Trend): RawBuilder<unknown> {
  const common = (a: string) => sql`${sql.ref(`${a}.day`)} between ${f.from}::date and ${f.to}::date and ${sql.ref(`${a}.overdue_day`)} < ${today}::date and ${confidentialFilter(f, `${a}.confidential`)}`;
  // `groupKey`: the units are grouped by their uuid and cast to text once per group, not per row.
  const rows = (key: RawBuilder<unknown>, table: string, where: RawBuilder<boolean>, groupKey: RawBuilder<unknown> = sql`2`) =>
    sql`select ${periodDate('r.day', trend)} as d, (${key})::text collate "C" as key, sum(r.n)::int as n from ${sql.raw(table)} r where ${where} and ${common('r')} group by 1, ${groupKey}`;
  if (f.unitId) return rows(g?.by === 'day' ? periodKey('r.day', g.trend) : sql`null`, 'case_stats_open_units', sql`r.unit_id = ${f.unitId}`);
  const prefix = f.prefix!;
  const category = f.category ?? '*';
  const by = g ?? { by: 'day' as const };
  switch (by.by) {
    case 'day':
      return rows(g ? periodKey('r.day', by.trend) : sql`null`, 'case_stats_open_regions', sql`r.category = ${category} and r.level = ${prefix.length} and r.scope = ${prefix}`);
    case 'region':
      return rows(sql`r.scope`, 'case_stats_open_regions', sql`r.category = ${category} and r.level = ${by.level} and r.scope like ${likePrefix(prefix)}`);
    case 'category':
      return rows(sql`r.category`, 'case_stats_open_regions', sql`${categoryChildren('r.category', f.category)} and r.level = ${prefix.length} and r.scope = ${prefix}`);
    case 'unit':
      return rows(sql`r.unit_id`, 'case_stats_open_units', sql`r.unit_id = any(${subtreeUnits(prefix)})`, sql`r.unit_id`);
  }
}

/**
 * The same count from the open cases alone (a partial index): every open case
 * of the cut is read. The fallback for the finest cuts, and the reference the
 * tests hold the roll-up answer to.
 */
export async function overdueCountsLive(db: Executor, f: StatsFilter, g: Grouping | null, now: Date, trend: Trend = 'day'): Promise<OverdueCount[]> {
  // Grouped by the date first and formatted after: to_char per row costs more than the count itself.
  const { rows } = await sql<OverdueCount>`select to_char(d, 'YYYY-MM-DD') as day, key, n from (${overdueLivePart(f, g, now, trend)}) o`.execute(db);
  return rows;
}

/** Every open case of the cut past a deadline now, counted by (d, key). */
function overdueLivePart(f: StatsFilter, g: Grouping | null, now: Date, trend: Trend): RawBuilder<unknown> {
  const k = g ? caseKey(g) : { key: sql<string>`null`, where: sql<boolean>`true` };
  return sql`select ${periodDate(dayExpr('c'), trend)} as d, ${k.key} as key, count(*)::int as n
      from cases c
      where c.status in (${OPEN_LIST}) and (c.resolution_due_at < ${now} or (c.responded_at is null and c.response_due_at < ${now}))
        and ${caseFilter(f, g ?? { by: 'day' })} and ${k.where}
      group by 1, 2`;
}
