import type { Actor } from '../../platform/context.js';
import type { Lang } from '../../../common/i18n/catalogue.js';
import { translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import { maskName } from '../../../common/masking.js';
import { DECISION_STEPS, KIND_LABELS, STEP_LABELS, type DecisionStep, type FlagRule, type PublicationKind } from '../../../common/disclosures/kinds.js';
import { dueDeadline } from '../../../common/disclosures/periods.js';
import type { AttachmentMeta, EntryRow, PublicationRow } from './repo.js';
import type { DecisionRow, FundRow, StepRow } from './repo-funds.js';
import type { FlagRow } from './repo-flags.js';
import { decisionStatus } from './decision-status.js';
import { canDismissFlag, seesNames } from './policy.js';
import type { Figures } from './figures.js';

/**
 * Shapes every answer of the module; no route returns a row. Personal names
 * in ledgers (a 低保 recipient, a person paid for labour) are masked (张*三)
 * unless the caller keeps or checks the village's accounts.
 */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function isLate(p: Pick<PublicationRow, 'published_at' | 'due_on'>): boolean | null {
  if (!p.published_at) return null;
  return p.published_at.getTime() > dueDeadline(p.due_on).getTime();
}

export function presentSummary(p: PublicationRow, latestId: string) {
  return {
    id: p.id,
    seriesId: p.series_id,
    regionCode: p.region_code,
    period: p.period,
    kind: p.kind,
    version: p.version,
    title: p.title,
    status: p.status,
    dueOn: p.due_on,
    publishedAt: iso(p.published_at),
    late: isLate(p),
    correctionReason: p.correction_reason,
    isLatest: p.id === latestId,
  };
}

export interface FundRef {
  id: string;
  code: string;
  name: string;
}

export function presentEntry(e: EntryRow, funds: Map<string, FundRef>, attachments: Map<string, AttachmentMeta>, actor: Actor | null) {
  const ref = (id: string): FundRef => {
    const f = funds.get(id);
    return f ? { id: f.id, code: f.code, name: f.name } : { id, code: '', name: '' };
  };
  const unmasked = e.counterparty_kind === 'organisation' || seesNames(actor, e.region_code);
  return {
    id: e.id,
    seq: e.seq,
    entryDate: e.entry_date,
    voucherNo: e.voucher_no,
    direction: e.direction,
    amountFen: e.amount_fen,
    counterparty: unmasked ? e.counterparty : maskName(e.counterparty),
    counterpartyKind: e.counterparty_kind,
    purpose: e.purpose,
    fund: ref(e.fund_id),
    toFund: e.to_fund_id ? ref(e.to_fund_id) : null,
    approvers: e.approvers,
    paymentMethod: e.payment_method,
    decisionId: e.decision_id,
    attachments: e.attachment_ids
      .map((id) => attachments.get(id))
      .filter((a): a is AttachmentMeta => !!a)
      .map((a) => ({ id: a.id, fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes, sha256: a.sha256 })),
  };
}

export function presentFigures(f: Figures, funds: Map<string, FundRef>) {
  const flow = (x: { fundId: string; amountFen: number; entryCount: number }) => ({
    fundId: x.fundId,
    code: funds.get(x.fundId)?.code ?? '',
    name: funds.get(x.fundId)?.name ?? '',
    amountFen: x.amountFen,
    entryCount: x.entryCount,
  });
  return { receivedFen: f.receivedFen, spentFen: f.spentFen, movedOut: f.movedOut.map(flow), movedIn: f.movedIn.map(flow), balanceFen: f.balanceFen };
}

export function presentDecision(d: DecisionRow, steps: StepRow[]) {
  const status = decisionStatus(steps);
  return {
    id: d.id,
    regionCode: d.region_code,
    title: d.title,
    subject: d.subject,
    steps: [...steps]
      .sort((a, b) => DECISION_STEPS.indexOf(a.step) - DECISION_STEPS.indexOf(b.step))
      .map((s) => ({ step: s.step, heldOn: s.held_on, document: s.document, present: s.present, eligible: s.eligible, inFavour: s.in_favour })),
    complete: status.complete,
    missing: status.missing,
  };
}

export function decisionRef(d: DecisionRow | undefined, steps: StepRow[]) {
  if (!d) return null;
  return { id: d.id, title: d.title, stepsRecorded: steps.map((s) => s.step), complete: decisionStatus(steps).complete };
}

export function presentFund(f: FundRow, decision: ReturnType<typeof decisionRef>) {
  return {
    id: f.id,
    regionCode: f.region_code,
    code: f.code,
    name: f.name,
    kind: f.kind,
    purpose: f.purpose,
    approvedFen: f.approved_fen,
    approvalDocument: f.approval_document,
    decision,
    status: f.status,
    gapExplanation: f.gap_explanation,
    balanceDisposition: f.balance_disposition,
  };
}

/** A red flag's explanation in the reader's language, written from the facts the rule found. */
export function explainFlag(rule: FlagRule, params: Record<string, string | number>, lang: Lang): string {
  const p: Record<string, string | number> = { ...params };
  if (typeof p.kind === 'string' && p.kind in KIND_LABELS) p.kind = KIND_LABELS[p.kind as PublicationKind][lang];
  if (typeof p.missing === 'string') {
    p.missing = p.missing
      .split(',')
      .filter((s): s is DecisionStep => s in STEP_LABELS)
      .map((s) => STEP_LABELS[s][lang])
      .join(lang === 'en' ? ', ' : '、');
  }
  return translate(lang, `disclosures.flag.${rule}` as MessageKey, p);
}

export function presentFlag(f: FlagRow & { village_name: string }, actor: Actor | null, lang: Lang) {
  return {
    id: f.id,
    regionCode: f.region_code,
    villageName: f.village_name,
    rule: f.rule as FlagRule,
    status: f.status,
    explanation: explainFlag(f.rule as FlagRule, f.params, lang),
    period: f.period,
    publicationId: f.publication_id,
    fundId: f.fund_id,
    entryCount: f.entry_ids.length,
    firstDetectedAt: f.first_detected_at.toISOString(),
    lastDetectedAt: f.last_detected_at.toISOString(),
    abilities: {
      dismiss: f.status === 'open' && canDismissFlag(actor, f.region_code),
      reopen: f.status === 'dismissed' && canDismissFlag(actor, f.region_code),
    },
  };
}
