import { OPEN_STATUSES } from '../../../common/cases/states.js';
import { openFoldFunction, triggerFunctions } from './stats-fold.js';
import { dayExpr, overdueDayExpr } from './stats-rollup.js';

/**
 * The open roll-ups (migration 1052): open cases counted by the roll-ups' keys,
 * the day they were received and the day (Asia/Shanghai) they become overdue
 * (`overdueDayExpr`). "Overdue now" is then the rows whose overdue day is
 * before today plus a live count of the open cases becoming overdue today
 * (stats-query.ts), instead of a scan of every open case.
 *
 * Kept by the same deltas and fold as the other roll-ups: each pending row
 * carries its case version's overdue day (null when not open), so the −1 of
 * the old version and the +1 of the new one move a case between overdue days
 * when it is accepted, transferred, reopened (new deadline), closed or
 * reopened into the open states. Keys that fall back to 0 are deleted by the
 * fold, so these tables hold only the open cases' keys.
 */

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

export const OPEN_ROLLUPS = ['case_stats_open_regions', 'case_stats_open_units'] as const;

/** Tables, the filled roll-ups, the triggers' new delta column and the fold (migration 1052). */
export function openRollupDdl(): string[] {
  return [
    `alter table case_stats_pending add column overdue_day date`,
    `create table case_stats_open_regions (
  level smallint not null,
  scope text collate "C" not null,
  category text collate "C" not null,
  day date not null,
  confidential boolean not null,
  overdue_day date not null,
  n integer not null,
  primary key (category, level, scope, day, confidential, overdue_day)
)`,
    `create table case_stats_open_units (
  unit_id uuid not null,
  day date not null,
  confidential boolean not null,
  overdue_day date not null,
  n integer not null,
  primary key (unit_id, day, confidential, overdue_day)
)`,
    // The fold deletes the keys that came back to 0: found here, not by a scan.
    `create index case_stats_open_regions_zero_idx on case_stats_open_regions (day) where n = 0`,
    `create index case_stats_open_units_zero_idx on case_stats_open_units (day) where n = 0`,
    ...OPEN_ROLLUPS.map((t) => `alter table ${t} set (parallel_workers = 0)`),
    ...rebuildOpenSql(null, null),
    ...triggerFunctions('create or replace', true),
    openFoldFunction(),
  ];
}

/**
 * Recomputes the open roll-ups of the cases received in [from, to] (bounds as
 * SQL date literals, or null): the open cases only, read from their partial
 * index (`cases_open_region_idx` includes every column needed).
 */
export function rebuildOpenSql(from: string | null, to: string | null): string[] {
  const dayRange = (col: string) => [from ? `${col} >= ${from}` : 'true', to ? `${col} <= ${to}` : 'true'].join(' and ');
  const caseRange = [
    from ? `c.created_at >= (${from}::timestamp at time zone 'Asia/Shanghai')` : 'true',
    to ? `c.created_at < ((${to} + 1)::timestamp at time zone 'Asia/Shanghai')` : 'true',
  ].join(' and ');
  return [
    `delete from case_stats_open_regions where ${dayRange('day')}`,
    `delete from case_stats_open_units where ${dayRange('day')}`,
    `drop table if exists pg_temp.case_stats_open_cases`,
    `create temp table case_stats_open_cases as
      select c.region_code, c.category_code, c.handling_unit_id, c.confidential, ${dayExpr('c')} as day,
        ${overdueDayExpr('c')} as overdue_day, case_stats_prefix_length(c.region_code) as plen, count(*)::int as n
      from cases c where c.status in (${OPEN_LIST}) and ${caseRange}
      group by 1, 2, 3, 4, 5, 6`,
    `delete from case_stats_open_cases where overdue_day is null`,
    `insert into case_stats_open_regions (level, scope, category, day, confidential, overdue_day, n)
      select k.level, left(o.region_code, k.level), k.category, o.day, o.confidential, o.overdue_day, sum(o.n)::int
      from case_stats_open_cases o cross join lateral (
        select l as level, cat as category from unnest(array[4, 6, 9]) l, unnest(case_category_keys(o.category_code)) cat where o.plen >= l
        union all
        select 12, '*' where o.plen >= 12
      ) k
      group by 1, 2, 3, 4, 5, 6 order by 3, 1, 2, 4, 5, 6`,
    `insert into case_stats_open_units (unit_id, day, confidential, overdue_day, n)
      select handling_unit_id, day, confidential, overdue_day, sum(n)::int from case_stats_open_cases
      where handling_unit_id is not null group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    `drop table pg_temp.case_stats_open_cases`,
  ];
}
