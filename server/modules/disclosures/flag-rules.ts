import type { Direction, FlagRule, FundKind, FundStatus, PaymentMethod, PublicationKind } from '../../../common/disclosures/kinds.js';
import { formatFen } from '../../../common/disclosures/money.js';
import type { DecisionStatus } from './decision-status.js';

/**
 * The red-flag rules over one village's ledgers (pure functions, DOMAIN.md
 * "Red flags"). Each finding names the entries behind it and carries the
 * facts its plain-language explanation is written from. A fingerprint made
 * of natural keys (fund, voucher, counterparty …) identifies a finding
 * across scans and versions, so a dismissal survives a re-scan.
 */

export interface RuleEntry {
  id: string;
  publication_id: string;
  kind: PublicationKind;
  period: string;
  entry_date: string;
  voucher_no: string;
  direction: Direction;
  amount_fen: number;
  counterparty: string;
  counterparty_kind: 'person' | 'organisation';
  fund_id: string;
  to_fund_id: string | null;
  payment_method: PaymentMethod;
  decision_id: string | null;
}

export interface RuleFund {
  id: string;
  name: string;
  kind: FundKind;
  purpose: string;
  approved_fen: number;
  decision_id: string | null;
  status: FundStatus;
  gap_explanation: string | null;
}

export interface RuleSettings {
  cashLimitFen: number;
  approvalThresholdFen: number;
  splitWindowDays: number;
  majorSpendFen: number;
  gapTolerancePct: number;
}

/** A cadre of the village and the names of the members of their household(s). */
export interface CadreHousehold {
  cadreName: string;
  memberNames: string[];
}

export interface VillageLedger {
  entries: RuleEntry[];
  funds: RuleFund[];
  decisions: Map<string, DecisionStatus>;
  cadreHouseholds: CadreHousehold[];
  settings: RuleSettings;
}

export interface Finding {
  rule: FlagRule;
  fingerprint: string;
  params: Record<string, string | number>;
  entryIds: string[];
  publicationId: string | null;
  fundId: string | null;
  period: string | null;
}

const yuan = formatFen;
const sum = (es: RuleEntry[]) => es.reduce((s, e) => s + e.amount_fen, 0);
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * The same payment often appears in two publications (the month's finance
 * ledger and a project's own disclosure): count it once for the rules that
 * add money up. Same voucher, date, direction and amount = the same payment.
 */
export function distinctPayments(entries: RuleEntry[]): RuleEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${norm(e.voucher_no)}|${e.entry_date}|${e.direction}|${e.amount_fen}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function decided(l: VillageLedger, decisionId: string | null): boolean {
  return !!decisionId && !!l.decisions.get(decisionId)?.complete;
}

function lastPublication(es: RuleEntry[]) {
  const last = es.reduce((a, b) => (b.period > a.period ? b : a));
  return { publicationId: last.publication_id, period: last.period };
}

/** A special fund's money used for or moved to another project without a decision that allowed it. */
export function fundDiverted(l: VillageLedger, payments: RuleEntry[]): Finding[] {
  const out: Finding[] = [];
  const funds = new Map(l.funds.map((f) => [f.id, f]));
  for (const fund of l.funds.filter((f) => f.kind === 'special')) {
    const moved = payments.filter((e) => e.fund_id === fund.id && e.direction !== 'income' && e.to_fund_id && e.to_fund_id !== fund.id && !decided(l, e.decision_id));
    const byTarget = new Map<string, RuleEntry[]>();
    for (const e of moved) pushTo(byTarget, e.to_fund_id!, e);
    for (const [target, es] of byTarget) {
      out.push({
        rule: 'fund_diverted',
        fingerprint: `fund_diverted:${fund.id}:${target}`,
        params: { fund: fund.name, approved: yuan(fund.approved_fen), purpose: fund.purpose || fund.name, moved: yuan(sum(es)), count: es.length, target: funds.get(target)?.name ?? '?' },
        entryIds: es.map((e) => e.id),
        fundId: fund.id,
        ...lastPublication(es),
      });
    }
  }
  return out;
}

/** A completed fund or project whose spending differs from the approved amount beyond the tolerance, unexplained. */
export function approvedGap(l: VillageLedger, payments: RuleEntry[]): Finding[] {
  const out: Finding[] = [];
  for (const fund of l.funds) {
    if (fund.status !== 'completed' || fund.approved_fen <= 0 || fund.gap_explanation?.trim()) continue;
    const own = payments.filter(
      (e) => e.direction === 'expense' && ((e.fund_id === fund.id && (!e.to_fund_id || e.to_fund_id === fund.id)) || (e.to_fund_id === fund.id && e.fund_id !== fund.id)),
    );
    const actual = sum(own);
    const gap = Math.abs(fund.approved_fen - actual);
    if (gap * 100 <= fund.approved_fen * l.settings.gapTolerancePct) continue;
    const related = payments.filter((e) => e.fund_id === fund.id || e.to_fund_id === fund.id);
    out.push({
      rule: 'approved_gap',
      fingerprint: `approved_gap:${fund.id}`,
      params: { fund: fund.name, approved: yuan(fund.approved_fen), actual: yuan(actual), gap: yuan(gap), percent: Math.round((gap * 100) / fund.approved_fen) },
      entryIds: related.map((e) => e.id),
      fundId: fund.id,
      ...(related.length ? lastPublication(related) : { publicationId: null, period: null }),
    });
  }
  return out;
}

/** Payments to one counterparty, each under the approval threshold, that add up to it within the window. */
export function splitPayments(l: VillageLedger, payments: RuleEntry[]): Finding[] {
  const { approvalThresholdFen: limit, splitWindowDays: window } = l.settings;
  const byParty = new Map<string, RuleEntry[]>();
  for (const e of payments) {
    if (e.direction !== 'expense' || e.amount_fen >= limit || !e.counterparty.trim()) continue;
    const key = norm(e.counterparty);
    pushTo(byParty, key, e);
  }
  const out: Finding[] = [];
  for (const [key, list] of byParty) {
    const es = list.sort((a, b) => a.entry_date.localeCompare(b.entry_date) || a.voucher_no.localeCompare(b.voucher_no));
    let i = 0;
    while (i < es.length) {
      let j = i;
      while (j + 1 < es.length && days(es[i].entry_date, es[j + 1].entry_date) <= window) j++;
      const cluster = es.slice(i, j + 1);
      if (cluster.length >= 2 && sum(cluster) >= limit) {
        out.push({
          rule: 'split_payments',
          fingerprint: `split_payments:${key}:${cluster[0].entry_date}`,
          params: { counterparty: cluster[0].counterparty, count: cluster.length, days: Math.max(1, days(cluster[0].entry_date, cluster[cluster.length - 1].entry_date) + 1), threshold: yuan(limit), total: yuan(sum(cluster)) },
          entryIds: cluster.map((e) => e.id),
          fundId: null,
          ...lastPublication(cluster),
        });
        i = j + 1;
      } else i++;
    }
  }
  return out;
}

export function cashOverLimit(l: VillageLedger, payments: RuleEntry[]): Finding[] {
  return payments
    .filter((e) => e.direction === 'expense' && e.payment_method === 'cash' && e.amount_fen > l.settings.cashLimitFen)
    .map((e) => ({
      rule: 'cash_over_limit' as const,
      fingerprint: `cash_over_limit:${e.period}:${norm(e.voucher_no)}`,
      params: { date: e.entry_date, amount: yuan(e.amount_fen), voucher: e.voucher_no, limit: yuan(l.settings.cashLimitFen) },
      entryIds: [e.id],
      publicationId: e.publication_id,
      fundId: e.fund_id,
      period: e.period,
    }));
}

/** One voucher number used for different payments within a year, in the same kind of ledger. */
export function duplicateVouchers(l: VillageLedger): Finding[] {
  const groups = new Map<string, RuleEntry[]>();
  for (const e of distinctPayments(l.entries)) {
    const key = `${e.kind}:${e.entry_date.slice(0, 4)}:${norm(e.voucher_no)}`;
    pushTo(groups, key, e);
  }
  const out: Finding[] = [];
  for (const [key, es] of groups) {
    if (es.length < 2) continue;
    out.push({
      rule: 'duplicate_voucher',
      fingerprint: `duplicate_voucher:${key}`,
      params: { voucher: es[0].voucher_no, year: es[0].entry_date.slice(0, 4), count: es.length, periods: [...new Set(es.map((e) => e.period))].sort().join('、') },
      entryIds: es.map((e) => e.id),
      fundId: null,
      ...lastPublication(es),
    });
  }
  return out;
}

/** Spending on a project (or one large payment) at the major-matter threshold without a complete 四议两公开 decision. */
export function majorWithoutDecision(l: VillageLedger, payments: RuleEntry[]): Finding[] {
  const threshold = l.settings.majorSpendFen;
  const funds = new Map(l.funds.map((f) => [f.id, f]));
  const byProject = new Map<string, RuleEntry[]>();
  for (const e of payments) {
    if (e.direction !== 'expense') continue;
    const project = e.to_fund_id ?? e.fund_id;
    pushTo(byProject, project, e);
  }
  const out: Finding[] = [];
  for (const [projectId, es] of byProject) {
    const fund = funds.get(projectId);
    if (!fund) continue;
    const undecided = es.filter((e) => !decided(l, e.decision_id) && !decided(l, fund.decision_id));
    if (undecided.length === 0) continue;
    const projectLike = fund.kind === 'project' || fund.kind === 'special';
    const hits = projectLike && sum(es) >= threshold ? undecided : undecided.filter((e) => e.amount_fen >= threshold);
    if (hits.length === 0) continue;
    const status = fund.decision_id ? l.decisions.get(fund.decision_id) : undefined;
    out.push({
      rule: 'major_without_decision',
      fingerprint: `major_without_decision:${projectId}`,
      params: { fund: fund.name, amount: yuan(sum(hits)), count: hits.length, threshold: yuan(threshold), missing: (status?.missing ?? ['proposal', 'committees', 'party_members', 'villagers', 'decision_published']).join(',') },
      entryIds: hits.map((e) => e.id),
      fundId: projectId,
      ...lastPublication(hits),
    });
  }
  return out;
}

/** 低保/subsidy payments to a person who lives in a village cadre's household (优亲厚友). */
export function relativeBeneficiaries(l: VillageLedger, payments: RuleEntry[]): Finding[] {
  const funds = new Map(l.funds.map((f) => [f.id, f]));
  const cadreOf = new Map<string, string>();
  for (const h of l.cadreHouseholds) for (const name of h.memberNames) if (!cadreOf.has(norm(name))) cadreOf.set(norm(name), h.cadreName);
  const hits = new Map<string, RuleEntry[]>();
  for (const e of payments) {
    const fund = funds.get(e.fund_id);
    const livelihood = fund?.kind === 'livelihood' || e.kind === 'livelihood';
    if (!livelihood || e.direction !== 'expense' || e.counterparty_kind !== 'person' || !cadreOf.has(norm(e.counterparty))) continue;
    const key = `${e.fund_id}:${norm(e.counterparty)}`;
    pushTo(hits, key, e);
  }
  return [...hits].map(([key, es]) => ({
    rule: 'relative_beneficiary' as const,
    fingerprint: `relative_beneficiary:${key}`,
    params: { fund: funds.get(es[0].fund_id)?.name ?? '', recipient: es[0].counterparty, cadre: cadreOf.get(norm(es[0].counterparty))!, amount: yuan(sum(es)), count: es.length },
    entryIds: es.map((e) => e.id),
    fundId: es[0].fund_id,
    ...lastPublication(es),
  }));
}

/** Every ledger rule over one village (late and missing publications are found from the compliance board). */
export function scanLedger(l: VillageLedger): Finding[] {
  const payments = distinctPayments(l.entries);
  return [
    ...fundDiverted(l, payments),
    ...approvedGap(l, payments),
    ...splitPayments(l, payments),
    ...cashOverLimit(l, payments),
    ...duplicateVouchers(l),
    ...majorWithoutDecision(l, payments),
    ...relativeBeneficiaries(l, payments),
  ];
}
