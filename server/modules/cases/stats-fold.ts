import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { BUCKETS, COUNTERS, MEASURES, counterExprs, dayExpr, overdueDayExpr, resolutionBucketExpr, responseBucketExpr } from './stats-rollup.js';

/**
 * Append-only deltas for the roll-ups (issue 3, migration 1050).
 *
 * Upserting the roll-ups from the trigger made every intake of the day lock
 * the same rows (the city's day, the county's day …) until its commit was on
 * disk, so concurrent intakes queued behind each other, and each paid for
 * about eleven 83-column upserts. Now the triggers only append one narrow row
 * per case version to `case_stats_pending` (−1 for the old version, +1 for
 * the new): no shared row, no index, no lock to wait for. `case_stats_fold()`
 * moves the pending rows into the roll-ups set-based: it deletes them
 * (returning them), sums them per roll-up key and upserts each key once.
 *
 * When it runs: a pg-boss job every few seconds (jobs.ts), and at the start of
 * every statistics read, so figures are exact. Concurrent folds are safe: a
 * pending row is deleted by one fold only (a second one blocks on its row
 * lock, then skips the row once the first commits), and each fold upserts its
 * keys in key order, so two folds cannot deadlock on the roll-up rows.
 */

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const WATCHED = ['status', 'category_code', 'region_code', 'handling_unit_id', 'confidential', 'created_at', 'responded_at', 'response_due_at', 'resolved_at', 'resolution_due_at', 'rating', 'reopen_count'];

/**
 * The pending row of a case version `x` with sign `s` (a column list for `insert … select`);
 * with `open` (migration 1052 on) also the day it becomes overdue, while open.
 */
function deltaSelect(x: string, s: string, open: boolean): string {
  const c = counterExprs(x);
  return [
    `${dayExpr(x)}`,
    `${x}.region_code`,
    `${x}.category_code`,
    `${x}.handling_unit_id`,
    `${x}.confidential`,
    s,
    ...COUNTERS.map((k) => `(${s} * ${c[k]})::smallint`),
    `${responseBucketExpr(x)}::smallint`,
    `${resolutionBucketExpr(x)}::smallint`,
    ...(open ? [overdueDayExpr(x)] : []),
  ].join(', ');
}

const pendingColumns = (open: boolean) => ['day', 'region_code', 'category_code', 'unit_id', 'confidential', 's', ...COUNTERS, 'rb', 'sb', ...(open ? ['overdue_day'] : [])].join(', ');

/** Sums of pending rows `d` into the roll-up measures (bucket counts are sums of the signs). */
const pendingSums = (d: string) =>
  [
    ...COUNTERS.map((k) => `coalesce(sum(${d}.${k}), 0)::int as ${k}`),
    ...range(BUCKETS).map((k) => `coalesce(sum(${d}.s) filter (where ${d}.rb = ${k}), 0)::int as r${k}`),
    ...range(BUCKETS).map((k) => `coalesce(sum(${d}.s) filter (where ${d}.sb = ${k}), 0)::int as s${k}`),
  ].join(', ');
const sumCols = (a: string) => MEASURES.map((m) => `sum(${a}.${m})::int as ${m}`).join(', ');
const add = (t: string) => MEASURES.map((m) => `${m} = ${t}.${m} + excluded.${m}`).join(', ');

/** The three trigger functions appending the deltas (1050; 1052 adds the overdue day). */
export function triggerFunctions(verb: 'create' | 'create or replace', open: boolean): string[] {
  const changed = `(${WATCHED.map((w) => `o.${w}`).join(', ')}) is distinct from (${WATCHED.map((w) => `n.${w}`).join(', ')})`;
  const off = `if current_setting('lianxin.case_stats', true) = 'off' then return null; end if;`;
  const cols = pendingColumns(open);
  return [
    `${verb} function case_stats_inserted() returns trigger language plpgsql as $$
begin
  ${off}
  insert into case_stats_pending (${cols}) select ${deltaSelect('n', '1', open)} from case_stats_new n where n.status <> 'merged';
  return null;
end $$`,
    `${verb} function case_stats_deleted() returns trigger language plpgsql as $$
begin
  ${off}
  insert into case_stats_pending (${cols}) select ${deltaSelect('o', '-1', open)} from case_stats_old o where o.status <> 'merged';
  return null;
end $$`,
    `${verb} function case_stats_updated() returns trigger language plpgsql as $$
begin
  ${off}
  insert into case_stats_pending (${cols})
    select ${deltaSelect('o', '-1', open)} from case_stats_old o join case_stats_new n on n.id = o.id where o.status <> 'merged' and ${changed}
    union all
    select ${deltaSelect('n', '1', open)} from case_stats_old o join case_stats_new n on n.id = o.id where n.status <> 'merged' and ${changed};
  return null;
end $$`,
  ];
}

/** Table, triggers and the fold function (migration 1050). */
export function foldDdl(): string[] {
  return [
    // No primary key and no index: appends only; the fold reads the whole table anyway.
    `create table case_stats_pending (
  day date not null,
  region_code text collate "C" not null,
  category_code text collate "C" not null,
  unit_id uuid,
  confidential boolean not null,
  s smallint not null,
  ${COUNTERS.map((k) => `${k} smallint not null`).join(',\n  ')},
  rb smallint,
  sb smallint
)`,
    `drop trigger case_stats_maintain on cases`,
    `drop function case_stats_trigger()`,
    `drop function case_stats_apply(cases, integer)`,
    // Statement-level with transition tables: a statement touching many cases appends all its deltas in one insert.
    // Bulk loads switch them off for their transaction (set local lianxin.case_stats = 'off') and rebuild after.
    ...triggerFunctions('create', false),
    `create trigger case_stats_insert after insert on cases referencing new table as case_stats_new
      for each statement execute function case_stats_inserted()`,
    `create trigger case_stats_delete after delete on cases referencing old table as case_stats_old
      for each statement execute function case_stats_deleted()`,
    `create trigger case_stats_update after update on cases referencing old table as case_stats_old new table as case_stats_new
      for each statement execute function case_stats_updated()`,
    foldFunction(false),
  ];
}

/** The month roll-ups (migration 1051): the same rows by month, for year views; the fold keeps both. */
export function monthDdl(): string[] {
  const cols = MEASURES.join(', ');
  const sums = MEASURES.map((m) => `sum(${m})::int`).join(', ');
  return [
    `create table case_stats_regions_month (like case_stats_regions including defaults including constraints including indexes)`,
    `create table case_stats_units_month (like case_stats_units including defaults including constraints including indexes)`,
    `insert into case_stats_regions_month (level, scope, category, day, confidential, ${cols})
      select level, scope, category, date_trunc('month', day)::date, confidential, ${sums} from case_stats_regions
      group by category, level, scope, date_trunc('month', day)::date, confidential order by 3, 1, 2, 4, 5`,
    `insert into case_stats_units_month (unit_id, day, confidential, ${cols})
      select unit_id, date_trunc('month', day)::date, confidential, ${sums} from case_stats_units
      group by unit_id, date_trunc('month', day)::date, confidential order by 1, 2, 3`,
    `alter table case_stats_regions_month set (fillfactor = 80)`,
    `alter table case_stats_units_month set (fillfactor = 80)`,
    // Reads take a few hundred rows of these tables: a parallel plan only adds its start-up (tens of ms on a busy machine).
    ...['case_stats_regions', 'case_stats_units', 'case_stats_regions_month', 'case_stats_units_month'].map((t) => `alter table ${t} set (parallel_workers = 0)`),
    // Every row of the pending table is deleted within seconds: vacuum it by row count, not by table size,
    // so the folds' scans do not walk a growing tail of dead pages.
    `alter table case_stats_pending set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_insert_threshold = 10000)`,
    foldFunction(true),
  ];
}

/** The roll-up keys of a case key row `g` (with `plen`): every category ancestor at 4, 6, 9; all categories at 12. */
const regionKeys = (g: string) => `cross join lateral (
      select l as level, cat as category from unnest(array[4, 6, 9]) l, unnest(case_category_keys(${g}.category_code)) cat where ${g}.plen >= l
      union all
      select 12, '*' where ${g}.plen >= 12
    ) k`;

/**
 * The open roll-ups' part of the fold (1052): open case versions by key, day
 * received and overdue day; keys whose deltas cancel out are not touched.
 */
const openParts = `,
  go as (
    select d.region_code, d.category_code, d.unit_id, d.day, d.confidential, d.overdue_day, case_stats_prefix_length(d.region_code) as plen, sum(d.s)::int as n
    from d where d.overdue_day is not null
    group by d.region_code, d.category_code, d.unit_id, d.day, d.confidential, d.overdue_day
  ),
  oreg as (
    insert into case_stats_open_regions as t (level, scope, category, day, confidential, overdue_day, n)
    select k.level, left(go.region_code, k.level), k.category, go.day, go.confidential, go.overdue_day, sum(go.n)::int
    from go ${regionKeys('go')}
    group by k.category, k.level, left(go.region_code, k.level), go.day, go.confidential, go.overdue_day
    having sum(go.n) <> 0
    order by 3, 1, 2, 4, 5, 6
    on conflict (category, level, scope, day, confidential, overdue_day) do update set n = t.n + excluded.n
  ),
  ouni as (
    insert into case_stats_open_units as t (unit_id, day, confidential, overdue_day, n)
    select go.unit_id, go.day, go.confidential, go.overdue_day, sum(go.n)::int
    from go where go.unit_id is not null
    group by go.unit_id, go.day, go.confidential, go.overdue_day
    having sum(go.n) <> 0
    order by 1, 2, 3, 4
    on conflict (unit_id, day, confidential, overdue_day) do update set n = t.n + excluded.n
  )`;

/**
 * Open keys whose count came back to 0 are deleted, so the open roll-ups hold
 * only what is open. Rows another fold holds are skipped (it deletes them
 * itself), so two folds never wait for each other here.
 */
const openCleanup = `
  delete from case_stats_open_regions t
    using (select r.category, r.level, r.scope, r.day, r.confidential, r.overdue_day from case_stats_open_regions r where r.n = 0 for update skip locked) z
    where t.n = 0 and (t.category, t.level, t.scope, t.day, t.confidential, t.overdue_day) = (z.category, z.level, z.scope, z.day, z.confidential, z.overdue_day);
  delete from case_stats_open_units t
    using (select u.unit_id, u.day, u.confidential, u.overdue_day from case_stats_open_units u where u.n = 0 for update skip locked) z
    where t.n = 0 and (t.unit_id, t.day, t.confidential, t.overdue_day) = (z.unit_id, z.day, z.confidential, z.overdue_day);`;

/** The fold with the open roll-ups (migration 1052). */
export const openFoldFunction = () => foldFunction(true, true);

/** The same fold, returning at once when nothing is pending (migration 1053). */
export const quickFoldFunction = () => foldFunction(true, true, true);

/** The fold: the deltas summed per case key first (g), then spread over the roll-up keys, each upserted once, in key order. */
function foldFunction(months: boolean, open = false, quickWhenEmpty = false): string {
  const cols = MEASURES.join(', ');
  const month = (d: string) => `date_trunc('month', ${d})::date`;
  const monthParts = months
    ? `,
  regm as (
    insert into case_stats_regions_month as t (level, scope, category, day, confidential, ${cols})
    select e.level, e.scope, e.category, ${month('e.day')}, e.confidential, ${sumCols('e')}
    from e group by e.category, e.level, e.scope, ${month('e.day')}, e.confidential
    order by e.category, e.level, e.scope, ${month('e.day')}, e.confidential
    on conflict (category, level, scope, day, confidential) do update set ${add('t')}
  ),
  unim as (
    insert into case_stats_units_month as t (unit_id, day, confidential, ${cols})
    select u.unit_id, ${month('u.day')}, u.confidential, ${sumCols('u')}
    from u group by u.unit_id, ${month('u.day')}, u.confidential
    order by u.unit_id, ${month('u.day')}, u.confidential
    on conflict (unit_id, day, confidential) do update set ${add('t')}
  )`
    : '';
  return `create or replace function case_stats_fold() returns integer language plpgsql as $$
declare
  n integer;
begin${
    quickWhenEmpty
      ? `
  -- Reads fold first, mostly with nothing pending: then the big statement below is not even planned
  -- (its first plan in a connection costs ~28 ms). Rows another fold is deleting are still visible
  -- here, so this never skips a change committed before the read.
  if not exists (select 1 from case_stats_pending) then return 0; end if;`
      : ''
  }
  with d as (delete from case_stats_pending returning *),
  g as (
    select region_code, category_code, unit_id, day, confidential, case_stats_prefix_length(region_code) as plen, count(*) as n, ${pendingSums('d')}
    from d group by region_code, category_code, unit_id, day, confidential
  ),
  e as materialized (
    select k.level, left(g.region_code, k.level) as scope, k.category, g.day, g.confidential, ${sumCols('g')}
    from g cross join lateral (
      select l as level, cat as category from unnest(array[4, 6, 9]) l, unnest(case_category_keys(g.category_code)) cat where g.plen >= l
      union all
      select 12, '*' where g.plen >= 12
    ) k
    group by k.category, k.level, left(g.region_code, k.level), g.day, g.confidential
  ),
  u as materialized (
    select g.unit_id, g.day, g.confidential, ${sumCols('g')}
    from g where g.unit_id is not null
    group by g.unit_id, g.day, g.confidential
  ),
  reg as (
    insert into case_stats_regions as t (level, scope, category, day, confidential, ${cols})
    select level, scope, category, day, confidential, ${cols} from e order by category, level, scope, day, confidential
    on conflict (category, level, scope, day, confidential) do update set ${add('t')}
  ),
  uni as (
    insert into case_stats_units as t (unit_id, day, confidential, ${cols})
    select unit_id, day, confidential, ${cols} from u order by unit_id, day, confidential
    on conflict (unit_id, day, confidential) do update set ${add('t')}
  )${monthParts}${open ? openParts : ''}
  -- Data-modifying WITH parts run to completion whether read or not.
  select coalesce(sum(g.n), 0)::int into n from g;${open ? openCleanup : ''}
  return n;
end $$`;
}

/**
 * Folds the pending deltas into the roll-ups; returns how many it folded.
 * Waits for a fold running meanwhile to commit (their rows are its rows), so
 * a read that folds first then sees every change committed before it.
 */
export async function foldCaseStatistics(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`select case_stats_fold() as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
