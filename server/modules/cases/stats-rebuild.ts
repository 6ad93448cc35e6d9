import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { MEASURES, aggregateFromCases, caseContributionColumns, dayExpr } from './stats-rollup.js';
import { shanghaiDay } from './stats-period.js';

/**
 * The set-based recompute of the roll-ups from the cases table: after bulk
 * loads (which switch the trigger off with `set local lianxin.case_stats =
 * 'off'`), after a repair, and in the test that proves the trigger and the
 * recompute agree. Whole days (Asia/Shanghai), `to` inclusive; both open ends
 * mean "every day that has cases".
 *
 * Three passes over the cases: (1) a stage by township prefix × category ×
 * day, expanded to every category ancestor at the township level and summed
 * up to the county and city levels; (2) villages, all categories; (3) units.
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
  const source = (extra: string) => `select c.region_code, c.category_code, c.handling_unit_id, c.confidential, ${dayExpr('c')} as day,
      case_stats_prefix_length(c.region_code) as plen, ${caseContributionColumns('c')}
    from cases c where c.status <> 'merged' and ${caseRange} ${extra}
    offset 0`; // a fence: without it the bucket expressions are copied into each of the 70 filters and computed 70 times
  const cols = MEASURES.join(', ');
  return [
    `delete from case_stats_regions where ${dayRange('day')}`,
    `delete from case_stats_units where ${dayRange('day')}`,
    `drop table if exists pg_temp.case_stats_stage`,
    `drop table if exists pg_temp.case_stats_t9`,
    `drop table if exists pg_temp.case_stats_t6`,
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
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 9, scope, category, day, confidential, ${cols} from case_stats_t9 where length(scope) = 9`,
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 6, scope, category, day, confidential, ${cols} from case_stats_t6`,
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 4, left(scope, 4), category, day, confidential, ${sumInt()}
      from (select scope, category, day, confidential, ${cols} from case_stats_t6
            union all select scope, category, day, confidential, ${cols} from case_stats_t9 where length(scope) = 4) x
      group by 2, 3, 4, 5`,
    `insert into case_stats_regions (level, scope, category, day, confidential, ${cols})
      select 12, left(region_code, 12), '*', day, confidential, ${aggregateFromCases()}
      from (${source('')}) src where plen >= 12
      group by 2, 4, 5`,
    `insert into case_stats_units (unit_id, day, confidential, ${cols})
      select handling_unit_id, day, confidential, ${aggregateFromCases()}
      from (${source('and c.handling_unit_id is not null')}) src
      group by 1, 2, 3`,
    `drop table pg_temp.case_stats_stage`,
    `drop table pg_temp.case_stats_t9`,
    `drop table pg_temp.case_stats_t6`,
  ];
}

export interface RebuildRange {
  /** First day (YYYY-MM-DD, Asia/Shanghai) or an instant in it. */
  from?: string | Date;
  /** Last day, inclusive. */
  to?: string | Date;
}

/**
 * Recomputes the roll-ups of [from, to] from the cases, in one transaction
 * that locks the roll-up tables first: a case change committing meanwhile
 * waits and then applies its delta on top of the recomputed rows.
 */
export async function rebuildCaseStatistics(db: Executor, range: RebuildRange = {}, log?: (message: string) => void): Promise<void> {
  const day = (d: string | Date | undefined) => (d === undefined ? null : typeof d === 'string' ? d : shanghaiDay(d));
  const statements = rebuildSql(day(range.from), day(range.to));
  await db.transaction().execute(async (trx) => {
    await sql`lock table case_stats_regions, case_stats_units in exclusive mode`.execute(trx);
    // Large group-bys: keep them in memory rather than spilling (this transaction only).
    await sql`set local work_mem = '256MB'`.execute(trx);
    // A full rebuild also lays the rows out in key order: a year of one scope is then a few
    // contiguous pages, not rows scattered over the table (the trigger's updates stay in place: fillfactor).
    const layout = range.from === undefined && range.to === undefined ? ['cluster case_stats_regions using case_stats_regions_pkey', 'cluster case_stats_units using case_stats_units_pkey'] : [];
    for (const statement of [...statements, ...layout, 'analyze case_stats_regions', 'analyze case_stats_units']) {
      const t0 = performance.now();
      await sql.raw(statement).execute(trx);
      log?.(`${Math.round(performance.now() - t0)} ms  ${statement.replace(/\s+/g, ' ').slice(0, 60)}`);
    }
  });
}
