import { OPEN_STATUSES } from '../../../common/cases/states.js';

/**
 * The 三率 roll-ups as SQL text, generated once from the lists below so the
 * trigger (one case at a time), the set-based rebuild and the raw fallback
 * queries count a case in exactly the same way.
 *
 * A case counts in the day (Asia/Shanghai) it was received; a case merged into
 * another counts nowhere (its primary does). Durations go into log-spaced
 * buckets (√2 apart): bucket 0 is under a minute, bucket k (1–33) is
 * [2^((k−1)/2), 2^(k/2)) minutes, bucket 34 is 2^16.5 minutes (≈ 64 days) and
 * more. Medians are interpolated within their bucket (see stats-figures.ts).
 */

export const BUCKETS = 35;

export const COUNTERS = [
  'received',
  'withdrawn',
  'rejected',
  'open_n',
  'responded',
  'responded_on_time',
  'resolved',
  'resolved_on_time',
  'rated',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'reopened',
] as const;
export type Counter = (typeof COUNTERS)[number];

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
export const RESPONSE_BUCKETS = range(BUCKETS).map((k) => `r${k}`);
export const RESOLUTION_BUCKETS = range(BUCKETS).map((k) => `s${k}`);
/** Every summed column of a roll-up row. */
export const MEASURES: string[] = [...COUNTERS, ...RESPONSE_BUCKETS, ...RESOLUTION_BUCKETS];

/** Bucket of a duration in minutes (the twin of SQL `case_stats_bucket`). */
export function bucketOf(minutes: number): number {
  if (minutes < 1) return 0;
  return Math.min(BUCKETS - 1, Math.floor(2 * Math.log2(minutes)) + 1);
}
export function bucketLower(k: number): number {
  return k === 0 ? 0 : 2 ** ((k - 1) / 2);
}
export function bucketUpper(k: number): number {
  return k >= BUCKETS - 1 ? Number.POSITIVE_INFINITY : 2 ** (k / 2);
}

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/** The counters of one (non-merged) case, over a row alias `x`: a table alias in queries, a record in PL/pgSQL. */
export function counterExprs(x: string): Record<Counter, string> {
  return {
    received: '1',
    withdrawn: `(${x}.status = 'withdrawn')::int`,
    rejected: `(${x}.status = 'rejected')::int`,
    open_n: `(${x}.status in (${OPEN_LIST}))::int`,
    responded: `(${x}.responded_at is not null)::int`,
    responded_on_time: `coalesce(${x}.responded_at <= ${x}.response_due_at, false)::int`,
    resolved: `(${x}.resolved_at is not null)::int`,
    resolved_on_time: `coalesce(${x}.resolved_at <= ${x}.resolution_due_at, false)::int`,
    rated: `(${x}.rating is not null)::int`,
    satisfied: `(${x}.rating is not distinct from 'satisfied')::int`,
    basically_satisfied: `(${x}.rating is not distinct from 'basically_satisfied')::int`,
    dissatisfied: `(${x}.rating is not distinct from 'dissatisfied')::int`,
    reopened: `(${x}.reopen_count > 0)::int`,
  };
}

export const dayExpr = (x: string) => `((${x}.created_at at time zone 'Asia/Shanghai')::date)`;
/**
 * The bucket of a duration, written out rather than calling case_stats_bucket():
 * PostgreSQL does not inline a SQL function whose parameter is used several
 * times with a costly argument, and a call per case makes a rebuild crawl.
 */
const bucketSql = (minutes: string) =>
  `(case when ${minutes} is null then null when ${minutes} < 1 then 0 else least(${BUCKETS - 1}, floor(2 * ln(${minutes}) / ln(2.0))::int + 1) end)`;
const minutesBetween = (from: string, to: string) => `(extract(epoch from (${to} - ${from})) / 60)`;
export const responseBucketExpr = (x: string) => bucketSql(minutesBetween(`${x}.created_at`, `${x}.responded_at`));
export const resolutionBucketExpr = (x: string) => bucketSql(minutesBetween(`${x}.created_at`, `${x}.resolved_at`));

/**
 * The moment an open case becomes overdue: its resolution deadline, or its
 * response deadline if earlier and not yet accepted (the queue's `overdue`
 * rule is `status open and overdueAt < now`; `least` ignores the null).
 */
export const overdueAtExpr = (x: string) => `least(${x}.resolution_due_at, case when ${x}.responded_at is null then ${x}.response_due_at end)`;
/** The day (Asia/Shanghai) an open case becomes overdue; null for a case not open. */
export const overdueDayExpr = (x: string) => `(case when ${x}.status in (${OPEN_LIST}) then (${overdueAtExpr(x)} at time zone 'Asia/Shanghai')::date end)`;

/** Per-case select list: counters plus the two bucket numbers `rb`, `sb`. */
export function caseContributionColumns(x: string): string {
  const c = counterExprs(x);
  return [...COUNTERS.map((k) => `${c[k]} as ${k}`), `${responseBucketExpr(x)} as rb`, `${resolutionBucketExpr(x)} as sb`].join(', ');
}

/** Aggregates over rows of `caseContributionColumns` (a raw query or the rebuild's first stage). */
export function aggregateFromCases(): string {
  return [
    ...COUNTERS.map((k) => `sum(${k})::int as ${k}`),
    ...range(BUCKETS).map((k) => `(count(*) filter (where rb = ${k}))::int as r${k}`),
    ...range(BUCKETS).map((k) => `(count(*) filter (where sb = ${k}))::int as s${k}`),
  ].join(', ');
}

/** Sums of the measures over roll-up rows (or stage rows). */
export function sumMeasures(alias?: string): string {
  const p = alias ? `${alias}.` : '';
  return MEASURES.map((m) => `sum(${p}${m})::bigint as ${m}`).join(', ');
}

const measureColumns = () => MEASURES.map((m) => `${m} integer not null default 0`).join(',\n  ');

/** Functions, tables and the first trigger (migration 1011; 1050 replaced the trigger by the append-only deltas of stats-fold.ts). */
export function rollupDdl(): string[] {
  const c = counterExprs('r');
  const values = [
    ...COUNTERS.map((k) => `s * ${c[k]}`),
    ...range(BUCKETS).map((k) => `case when rb = ${k} then s else 0 end`),
    ...range(BUCKETS).map((k) => `case when sb = ${k} then s else 0 end`),
  ].join(', ');
  const add = (t: string) => MEASURES.map((m) => `${m} = ${t}.${m} + excluded.${m}`).join(', ');
  const watched = ['status', 'category_code', 'region_code', 'handling_unit_id', 'confidential', 'created_at', 'responded_at', 'response_due_at', 'resolved_at', 'resolution_due_at', 'rating', 'reopen_count'];
  return [
    `create function case_stats_bucket(minutes double precision) returns integer language sql immutable parallel safe as $$
      select case when minutes is null then null when minutes < 1 then 0 else least(${BUCKETS - 1}, floor(2 * ln(minutes) / ln(2.0))::int + 1) end $$`,
    // 4 city, 6 county, 9 township, 12 village, 15 grid (common/regions.ts).
    `create function case_stats_prefix_length(code text) returns integer language sql immutable parallel safe as $$
      select case when length(code) = 15 then 15 when right(code, 3) <> '000' then 12 when substr(code, 7, 3) <> '000' then 9
        when substr(code, 5, 2) <> '00' then 6 when substr(code, 3, 2) <> '00' then 4 else 2 end $$`,
    // '*' and every ancestor of the category, itself included: 'environment', 'environment.noise'.
    `create function case_category_keys(code text) returns text[] language sql immutable parallel safe as $$
      select array['*'] || array(select array_to_string((string_to_array(code, '.'))[1:i], '.')
        from generate_series(1, array_length(string_to_array(code, '.'), 1)) i) $$`,
    `create table case_stats_regions (
  level smallint not null,
  scope text collate "C" not null,
  category text collate "C" not null,
  day date not null,
  confidential boolean not null,
  ${measureColumns()},
  primary key (category, level, scope, day, confidential)
)`,
    `create table case_stats_units (
  unit_id uuid not null,
  day date not null,
  confidential boolean not null,
  ${measureColumns()},
  primary key (unit_id, day, confidential)
)`,
    `create function case_stats_apply(r cases, s integer) returns void language plpgsql as $$
declare
  d date := ${dayExpr('r')};
  plen integer := case_stats_prefix_length(r.region_code);
  rb integer := ${responseBucketExpr('r')};
  sb integer := ${resolutionBucketExpr('r')};
begin
  insert into case_stats_regions as t (level, scope, category, day, confidential, ${MEASURES.join(', ')})
  select k.level, left(r.region_code, k.level), k.category, d, r.confidential, ${values}
  from (
    select l as level, cat as category from unnest(array[4, 6, 9]) l, unnest(case_category_keys(r.category_code)) cat where plen >= l
    union all
    select 12, '*' where plen >= 12
  ) k
  order by k.category, k.level
  on conflict (category, level, scope, day, confidential) do update set ${add('t')};
  if r.handling_unit_id is not null then
    insert into case_stats_units as t (unit_id, day, confidential, ${MEASURES.join(', ')})
    values (r.handling_unit_id, d, r.confidential, ${values})
    on conflict (unit_id, day, confidential) do update set ${add('t')};
  end if;
end $$`,
    `create function case_stats_trigger() returns trigger language plpgsql as $$
begin
  -- Bulk loads switch this off for their transaction and call rebuildCaseStatistics after.
  if current_setting('lianxin.case_stats', true) = 'off' then return null; end if;
  if tg_op = 'UPDATE' and (${watched.map((w) => `old.${w}`).join(', ')}) is not distinct from (${watched.map((w) => `new.${w}`).join(', ')}) then
    return null;
  end if;
  if tg_op <> 'INSERT' and old.status <> 'merged' then perform case_stats_apply(old, -1); end if;
  if tg_op <> 'DELETE' and new.status <> 'merged' then perform case_stats_apply(new, 1); end if;
  return null;
end $$`,
    // Deferred to commit: the hot roll-up rows (the city's day) are locked for the commit only, not the whole intake.
    `create constraint trigger case_stats_maintain after insert or update or delete on cases
      deferrable initially deferred for each row execute function case_stats_trigger()`,
  ];
}
