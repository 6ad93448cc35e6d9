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
 *   counterparty's sub-threshold expenses within ± the window add up to the
 *   threshold (an entry below that can never be part of a flagged cluster,
 *   and dropping it changes no other cluster);
 *
 * — and with it every entry that is the same payment (same voucher, date,
 * direction and amount), so that distinctPayments keeps the same one. Every
 * filter is a superset of what its rule looks at (whitespace is stripped at
 * least as widely as the rules' own normalisation; sums count duplicates),
 * so the rules find exactly what they would on the whole ledger. The order
 * is fixed (period, kind, publication, line) so that which copy of a
 * duplicated payment is kept does not depend on the plan.
 *
 * Of each (period, kind) series the entries of the latest published
 * version count, or of the latest draft when nothing is published yet — a
 * correction in preparation does not hide what was published until it is
 * itself checked and published.
 */
export type ScanEntry = RuleEntry & { region_code: string };

/** Whitespace as JavaScript's \s sees it (the rules' norm()), Unicode spaces included. */
const SPACE = `[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+`;

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

export async function scanCandidates(db: Executor, settings: Map<string, RuleSettings>, funds: ScanFunds): Promise<ScanEntry[]> {
  const codes = [...settings.keys()];
  if (codes.length === 0) return [];
  const s = codes.map((c) => settings.get(c)!);
  // A RANGE frame needs a constant offset: the widest window of the batch (a wider window only keeps more).
  const window = sql.lit(Math.max(0, ...s.map((x) => Math.trunc(x.splitWindowDays))));
  // Narrow rows through the windows (tuples are copied at every stage); the wanted ones are fetched by id after.
  const wanted = await sql<{ id: string }>`
    with s as (
      select * from unnest(${codes}::text[], ${s.map((x) => x.cashLimitFen)}::bigint[], ${s.map((x) => x.approvalThresholdFen)}::bigint[],
                           ${s.map((x) => x.majorSpendFen)}::bigint[]) as s(region_code, cash_limit, approval, major)
    ),
    e as (
      select e.id, e.region_code, l.kind, e.entry_date - date '2000-01-01' as day, extract(year from e.entry_date) as year, e.direction, e.amount_fen,
             lower(regexp_replace(e.voucher_no, ${SPACE}, '', 'g')) as nv,
             (e.direction = 'expense' and e.payment_method = 'cash' and e.amount_fen > s.cash_limit)
               or e.to_fund_id is not null
               or e.fund_id = any(${funds.completed}::uuid[])
               or (e.direction = 'expense' and (e.amount_fen >= s.major or e.fund_id = any(${funds.projects}::uuid[])))
               or (e.direction = 'expense' and e.counterparty_kind = 'person' and (l.kind = 'livelihood' or e.fund_id = any(${funds.livelihood}::uuid[]))) as plain,
             case when e.direction = 'expense' and e.amount_fen < s.approval then nullif(lower(regexp_replace(e.counterparty, ${SPACE}, '', 'g')), '') end as party,
             s.approval
      from (${latestVersions(codes)}) l
      join s on s.region_code = l.region_code
      join disclosure_entries e on e.publication_id = l.id
    ),
    w as (
      select id, region_code, day, direction, amount_fen, nv,
             plain or count(*) over (partition by region_code, nv, kind, year) > 1 as plain,
             case when party is not null then
               sum(amount_fen) over (partition by region_code, party order by day range between ${window} preceding and ${window} following)
             end >= approval as near
      from e
    ),
    c as (
      select id, bool_or(plain or coalesce(near, false)) over (partition by region_code, nv, day, direction, amount_fen) as wanted
      from w
    )
    select id from c where wanted`.execute(db);
  if (wanted.rows.length === 0) return [];
  const res = await sql<ScanEntry>`
    select e.id, e.publication_id, e.region_code, p.kind, p.period, e.entry_date::text as entry_date, e.voucher_no, e.direction, e.amount_fen,
           e.counterparty, e.counterparty_kind, e.fund_id, e.to_fund_id, e.payment_method, e.decision_id
    from disclosure_entries e
    join disclosure_publications p on p.id = e.publication_id
    where e.id = any(${wanted.rows.map((r) => r.id)}::uuid[])
    order by e.region_code, p.period, p.kind, e.publication_id, e.seq`.execute(db);
  return res.rows;
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

/** How many entries a scan covered (the same series versions as scanCandidates). */
export async function countScanEntries(db: Executor, codes: string[]): Promise<number> {
  if (codes.length === 0) return 0;
  const res = await sql<{ n: number }>`select count(*)::int as n from (${latestVersions(codes)}) l join disclosure_entries e on e.publication_id = l.id`.execute(db);
  return res.rows[0].n;
}
