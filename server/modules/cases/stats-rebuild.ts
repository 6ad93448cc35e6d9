import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { COUNTERS, MEASURES, aggregateFromCases, counterExprs, dayExpr, resolutionBucketExpr, responseBucketExpr } from './stats-rollup.js';
import { shanghaiDay } from './stats-period.js';
import { rebuildOpenSql } from './stats-open.js';

/**
 * The set-based recompute of the roll-ups from the cases table: after bulk
 * loads (which switch the trigger off with `set local lianxin.case_stats =
 * 'off'`), after a repair, and in the test that proves the trigger and the
 * recompute agree. Whole days (Asia/Shanghai), `to` inclusive; both open ends
 * mean "every day that has cases".
 *
 * One pass over the cases into a narrow temp table (each case's counters and
 * buckets), then three over that: (1) a stage by township prefix × category ×
 * day, expanded to every category ancestor at the township level and summed
 * up to the county and city levels; (2) villages, all categories; (3) units.
 * The month roll-ups of the months touched are then summed from the day rows,
 * and the open roll-ups (stats-open.ts) counted from the open cases' index.
 */

/** Sums kept as integers: a sum of bigints would be numeric, several times slower to add up. */
const sumInt = (alias?: string) => MEASURES.map((m) => `sum(${alias ? `${alias}.` : ''}${m})::int as ${m}`).join(', ');

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const quoteDay = (d: string) => {
  if (!DAY.test(d)) throw new Error(`not a day: ${d}`);
  return `'${d}'::date`;
};

export function rebuildSql(from: string | null, to: string | null): string[] {
  const caseRange = [
    from ? `c.created_at >= (${quoteDay(from)}::timestamp at time zone 'Asia/Shanghai')` : 'true',
    to ? `c.created_at < ((${quoteDay(to)} + 1)::timestamp at time zone 'Asia/Shanghai')` : 'true',
  ].join(' and ');
  const dayRange = (col: string) => [from ? `${col} >= ${quoteDay(from)}` : 'true', to ? `${col} <= ${quoteDay(to)}` : 'true'].join(' and ');
  // One pass over the (wide) cases into a narrow temp table of contributions; the three passes read that.
  const counters = counterExprs('c');
  const source = (extra: string) => `select * from case_stats_cases where true ${extra}`;
  const cols = MEASURES.join(', ');
  return [
    `delete from case_stats_regions where ${dayRange('day')}`,
    `delete from case_stats_units where ${dayRange('day')}`,
    `drop table if exists pg_temp.case_stats_cases`,
    `drop table if exists pg_temp.case_stats_stage`,
    `drop table if exists pg_temp.case_stats_t9`,
    `drop table if exists pg_temp.case_stats_t6`,
    `create temp table case_stats_cases as
      select c.region_code, c.category_code, c.handling_unit_id, c.confidential, ${dayExpr('c')} as day,
        case_stats_prefix_length(c.region_code)::smallint as plen,
        ${COUNTERS.map((k) => `${counters[k]}::smallint as ${k}`).join(', ')},
        ${responseBucketExpr('c')}::smallint as rb, ${resolutionBucketExpr('c')}::smallint as sb
      from cases c where c.status <> 'merged' and ${caseRange}`,
    `create temp table case_stats_stage as
      select left(region_code, least(plen, 9)) as p9, category_code, day, confidential, ${aggregateFromCases()}
      from (${source('')}) src where plen >= 4
      group by 1, 2, 3, 4`,
    // Every category ancestor at the finest level first; the coarser levels are sums of the finer rows.
    `create temp table case_stats_t9 as
      select st.p9 as scope, ck.category, st.day, st.confidential, ${sumInt('st')}
      from case_stats_stage st
      join (select code, unnest(case_category_keys(code)) as category from case_categories) ck on ck.code = st.category_code
      group by 1, 2, 3, 4`,
    `create temp table case_stats_t6 as
      select left(scope, 6) as scope, category, day, confidential, ${sumInt()}
      from case_stats_t9 where length(scope) >= 6 group by 1, 2, 3, 4`,
    // Inserted in key order: a scope's year (one category, one level) is then a few contiguous pages.
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 9, scope, category, day, confidential, ${cols} from case_stats_t9 where length(scope) = 9 order by category, scope, day, confidential`,
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 6, scope, category, day, confidential, ${cols} from case_stats_t6 order by category, scope, day, confidential`,
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 4, left(scope, 4), category, day, confidential, ${sumInt()}
      from (select scope, category, day, confidential, ${cols} from case_stats_t6
            union all select scope, category, day, confidential, ${cols} from case_stats_t9 where length(scope) = 4) x
      group by 2, 3, 4, 5 order by 3, 2, 4, 5`,
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 12, left(region_code, 12), '*', day, confidential, ${aggregateFromCases()}
      from (${source('')}) src where plen >= 12
      group by 2, 4, 5 order by 2, 4, 5`,
    `insert into case_stats_units (unit_id, day, confidential, ${cols})
      select handling_unit_id, day, confidential, ${aggregateFromCases()}
      from (${source('and handling_unit_id is not null')}) src
      group by 1, 2, 3 order by 1, 2, 3`,
    `drop table pg_temp.case_stats_cases`,
    `drop table pg_temp.case_stats_stage`,
    `drop table pg_temp.case_stats_t9`,
    `drop table pg_temp.case_stats_t6`,
  ];
}

/** The month roll-ups of every month touching [from, to], summed from the (just rebuilt) day rows. */
export function rebuildMonthsSql(from: string | null, to: string | null): string[] {
  const first = from ? `date_trunc('month', ${quoteDay(from)})::date` : null;
  const last = to ? `date_trunc('month', ${quoteDay(to)})::date` : null;
  const months = [first ? `day >= ${first}` : 'true', last ? `day <= ${last}` : 'true'].join(' and ');
  const days = [first ? `day >= ${first}` : 'true', last ? `day < (${last} + interval '1 month')::date` : 'true'].join(' and ');
  const cols = MEASURES.join(', ');
  const m = `date_trunc('month', day)::date`;
  return [
    `delete from case_stats_regions_month where ${months}`,
    `delete from case_stats_units_month where ${months}`,
    `insert into case_stats_regions_month (level, scope, category, day, confidential, ${cols})
      select level, scope, category, ${m}, confidential, ${sumInt()} from case_stats_regions where ${days}
      group by category, level, scope, ${m}, confidential order by 3, 1, 2, 4, 5`,
    `insert into case_stats_units_month (unit_id, day, confidential, ${cols})
      select unit_id, ${m}, confidential, ${sumInt()} from case_stats_units where ${days}
      group by unit_id, ${m}, confidential order by 1, 2, 3`,
  ];
}

export interface RebuildRange {
  /** First day (YYYY-MM-DD, Asia/Shanghai) or an instant in it. */
  from?: string | Date;
  /** Last day, inclusive. */
  to?: string | Date;
}

/**
 * Recomputes the roll-ups of [from, to] from the cases, in one REPEATABLE READ
 * transaction that locks the roll-up tables first (before its snapshot is
 * taken), so no fold runs meanwhile and every fold before it has committed.
 *
 * The pending deltas of the rebuilt days are discarded, in the same snapshot
 * as the cases are read: a delta visible in it belongs to a case change the
 * recompute already counts; a change committing later is not in the snapshot
 * and its delta (not visible either, so kept) is folded afterwards. Folding
 * first instead would not do: in READ COMMITTED a change committing between
 * the fold and the recompute would be counted twice, and intake goes on
 * while a rebuild runs (the triggers no longer touch the roll-up tables).
 */
export async function rebuildCaseStatistics(db: Executor, range: RebuildRange = {}, log?: (message: string) => void): Promise<void> {
  const day = (d: string | Date | undefined) => (d === undefined ? null : typeof d === 'string' ? d : shanghaiDay(d));
  const from = day(range.from);
  const to = day(range.to);
  const statements = [...rebuildSql(from, to), ...rebuildMonthsSql(from, to), ...rebuildOpenSql(from && quoteDay(from), to && quoteDay(to))];
  const pendingRange = [from ? `day >= ${quoteDay(from)}` : 'true', to ? `day <= ${quoteDay(to)}` : 'true'].join(' and ');
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`lock table case_stats_regions, case_stats_units, case_stats_regions_month, case_stats_units_month, case_stats_open_regions, case_stats_open_units in exclusive mode`.execute(trx);
      // Large group-bys: keep them in memory rather than spilling (this transaction only).
      await sql`set local work_mem = '256MB'`.execute(trx);
      for (const statement of [`delete from case_stats_pending where ${pendingRange}`, ...statements, 'analyze case_stats_regions', 'analyze case_stats_units', 'analyze case_stats_regions_month', 'analyze case_stats_units_month', 'analyze case_stats_open_regions', 'analyze case_stats_open_units']) {
        const t0 = performance.now();
        await sql.raw(statement).execute(trx);
        log?.(`${Math.round(performance.now() - t0)} ms  ${statement.replace(/\s+/g, ' ').slice(0, 60)}`);
      }
    });
}
