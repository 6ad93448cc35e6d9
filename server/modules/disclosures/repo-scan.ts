import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { RuleEntry, RuleSettings } from './flag-rules.js';
import './tables.js';

/**
 * The ledger entries a red-flag scan needs, for many villages at once.
 *
 * The rules themselves stay pure functions (flag-rules.ts, the one place
 * their meaning is written down). A county holds about a million entries,
 * nearly all ordinary bills no rule can fire on, and parsing them in Node
 * cost far more than running the rules. So PostgreSQL narrows the ledgers
 * first, set-based over every village of the batch: an entry comes back
 * when some rule could use it —
 *
 * - cash_over_limit: a cash expense above the village's cash limit;
 * - fund_diverted: any entry that moves money to another fund;
 * - approved_gap: any entry of (or into) a completed fund with an approved amount;
 * - duplicate_voucher: a voucher number used more than once in a year and kind;
 * - major_without_decision: an expense at the major-matter threshold, or any
 *   expense of a project or special fund (their totals count);
 * - relative_beneficiary: a livelihood payment to a person;
 * - split_payments: an expense under the approval threshold whose
 *   counterparty's sub-threshold expenses in its bucket of days (window-wide,
 *   counted from 2000-01-01) and the two beside it add up to the threshold.
 *   The ± window around an entry lies within those three buckets, so this
 *   keeps every entry whose ± window sum reaches the threshold; an entry
 *   below that can never be part of a flagged cluster, and dropping it
 *   changes no other cluster (nor does keeping it);
 *
 * — and with it every entry that is the same payment (same voucher, date,
 * direction and amount; entries matching on date, direction and amount come
 * back too, always as whole groups of copies), so that distinctPayments keeps
 * the same one. Every filter is a superset of what its rule looks at (the
 * keys are the rules' own normalisation, computed on write in
 * migrations-scan.ts; sums count duplicates), so the rules find exactly
 * what they would on the whole ledger; scan-narrowing.test.ts and
 * scan-buckets.test.ts check it. The order
 * is fixed (period, kind, publication, line) so that which copy of a
 * duplicated payment is kept does not depend on the plan.
 *
 * Of each (period, kind) series the entries of the latest published
 * version count, or of the latest draft when nothing is published yet — a
 * correction in preparation does not hide what was published until it is
 * itself checked and published.
 */
export type ScanEntry = RuleEntry & { region_code: string };


/** The batch's funds the rules treat specially (as flag-rules.ts reads them). */
export interface ScanFunds {
  /** Completed with an approved amount (approved_gap). */
  completed: string[];
  /** Projects and special funds (major_without_decision adds their spending up). */
  projects: string[];
  /** Livelihood funds (relative_beneficiary). */
  livelihood: string[];
}

export function scanFundsOf(funds: { id: string; kind: string; status: string; approved_fen: number }[]): ScanFunds {
  return {
    completed: funds.filter((f) => f.status === 'completed' && f.approved_fen > 0).map((f) => f.id),
    projects: funds.filter((f) => f.kind === 'project' || f.kind === 'special').map((f) => f.id),
    livelihood: funds.filter((f) => f.kind === 'livelihood').map((f) => f.id),
  };
}

/** The entries some rule can use, and how many entries the scan covered. */
export interface ScanCandidates {
  entries: ScanEntry[];
  /** Every entry of the villages' counted versions (the scan's coverage). */
  total: number;
}

export async function scanCandidates(db: Executor, settings: Map<string, RuleSettings>, funds: ScanFunds): Promise<ScanCandidates> {
  const codes = [...settings.keys()];
  if (codes.length === 0) return { entries: [], total: 0 };
  const s = codes.map((c) => settings.get(c)!);
  const [completed, projects, livelihood] = [new Set(funds.completed), new Set(funds.projects), new Set(funds.livelihood)];
  const special = [...new Set([...completed, ...projects, ...livelihood])];
  // Aggregates and hashed semi-joins instead of window sorts over the whole batch: the ledger is read once into `e`
  // (narrow keys only, the normalised text precomputed on write, migrations-scan.ts); the few wanted entries are
  // fetched by id through the primary key at the end (an id = any(array) filter read the whole table).
  const res = await sql<ScanEntry & { total: number; seq: number }>`
    with s as (
      select * from unnest(${codes}::text[], ${s.map((x) => x.cashLimitFen)}::bigint[], ${s.map((x) => x.approvalThresholdFen)}::bigint[],
                           ${s.map((x) => x.majorSpendFen)}::bigint[], ${s.map((x) => Math.max(1, Math.trunc(x.splitWindowDays)))}::int[])
        as s(region_code, cash_limit, approval, major, win)
    ),
    -- The funds the rules treat specially, joined by hash (an any(array) test per entry costs a scan of the array).
    f as (
      select * from unnest(${special}::uuid[], ${special.map((id) => completed.has(id))}::bool[], ${special.map((id) => projects.has(id))}::bool[],
                           ${special.map((id) => livelihood.has(id))}::bool[]) as f(id, completed, project, livelihood)
    ),
    e as materialized (
      select e.id, e.region_code, l.kind, e.entry_date - date '2000-01-01' as day, date_part('year', e.entry_date)::int as year, e.direction, e.amount_fen,
             e.voucher_key as nv,
             coalesce((e.direction = 'expense' and e.payment_method = 'cash' and e.amount_fen > s.cash_limit)
               or e.to_fund_id is not null
               or f.completed
               or (e.direction = 'expense' and (e.amount_fen >= s.major or f.project))
               or (e.direction = 'expense' and e.counterparty_kind = 'person' and (l.kind = 'livelihood' or f.livelihood)), false) as plain,
             -- split_payments: a sub-threshold expense, and its window-wide bucket of days (the ±window around it lies within
             -- that bucket and the two beside it)
             case when e.direction = 'expense' and e.amount_fen < s.approval then nullif(e.counterparty_key, '') end as party,
             floor((e.entry_date - date '2000-01-01')::float8 / s.win)::int as bucket
      from (${latestVersions(codes)}) l
      join s on s.region_code = l.region_code
      join disclosure_entries e on e.publication_id = l.id
      left join f on f.id = e.fund_id
    ),
    -- duplicate_voucher: voucher numbers used more than once in a year and kind.
    reused as (
      select region_code, nv, kind, year from e group by region_code, nv, kind, year having count(*) > 1
    ),
    -- split_payments: a counterparty's sub-threshold expenses per bucket; a bucket is hot when it and its two
    -- neighbours reach the threshold (a superset of the entries whose ±window sum does; sums count every copy of a
    -- payment, which only adds).
    per_bucket as (
      select region_code, party, bucket, sum(amount_fen) as total from e where party is not null group by region_code, party, bucket
    ),
    hot as (
      select region_code, party, bucket from (
        select region_code, party, bucket, sum(total) over (partition by region_code, party order by bucket range between 1 preceding and 1 following) as near
        from per_bucket
      ) n join s using (region_code) where near >= s.approval
    ),
    -- The payments some rule can use. Every copy of them comes back (same date, direction, amount and voucher;
    -- matching on the first three only brings back whole groups of copies too), so distinctPayments keeps the same one.
    wanted as (
      select region_code, day, direction, amount_fen, nv from e
      where plain
         or (region_code, nv, kind, year) in (select region_code, nv, kind, year from reused)
         or (region_code, party, bucket) in (select region_code, party, bucket from hot)
    ),
    ids as (
      select id from e where (region_code, day, direction, amount_fen) in (select region_code, day, direction, amount_fen from wanted)
    )
    select n.total, x.* from (select count(*)::int as total from e) n
    left join (
      select e.id, e.publication_id, e.region_code, p.kind, p.period, e.entry_date::text as entry_date, e.voucher_no, e.direction, e.amount_fen,
             e.counterparty, e.counterparty_kind, e.fund_id, e.to_fund_id, e.payment_method, e.decision_id, e.seq
      from ids join disclosure_entries e on e.id = ids.id
      join disclosure_publications p on p.id = e.publication_id
    ) x on true
    order by x.region_code, x.period, x.kind, x.publication_id, x.seq`.execute(db);
  const total = res.rows[0]?.total ?? 0;
  const entries: ScanEntry[] = [];
  for (const { total: _, seq: __, ...r } of res.rows as (ScanEntry & { total: number; seq: number })[]) if (r.id) entries.push(r);
  return { entries, total };
}

/**
 * Of each (period, kind) series of these villages, the version whose entries
 * count. Written with row_number() rather than DISTINCT ON: the planner then
 * reaches the entries through their publication index (a batch is a tenth
 * of the county) instead of reading the whole table.
 */
function latestVersions(codes: string[]) {
  return sql<{ id: string; region_code: string; kind: string; period: string }>`
    select id, region_code, kind, period from (
      select p.id, p.region_code, p.kind, p.period,
             row_number() over (partition by p.series_id order by (p.status = 'published') desc, p.version desc) as rn
      from disclosure_publications p
      where p.region_code = any(${codes}::text[])
    ) v where rn = 1`;
}
