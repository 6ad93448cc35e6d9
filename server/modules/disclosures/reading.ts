import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { regionPath } from '../regions/service.js';
import * as repo from './repo.js';
import * as funds from './repo-funds.js';
import * as flagsRepo from './repo-flags.js';
import { requireReadable, requireVillage } from './access.js';
import { canReadUnpublished, canSeeFlags, publicationAbilities } from './policy.js';
import { emptyFigures, fundFigures, ledgerTotals, type FlowEntry } from './figures.js';
import { decisionRef, presentEntry, presentFigures, presentSummary, type FundRef } from './presenter.js';
import type { EntryListInput, FundSummaryView, PublicationListInput } from './schema.js';

/**
 * Reading publications (residents and everyone else): the village's list,
 * one version with its totals and where every fund's money went (this month
 * and to date, money moved to other projects included), its entries with
 * receipts, its versions and what changed between them. Unpublished versions
 * are only for those who prepare, check or oversee them (404 to others).
 */

export type Facts = Awaited<ReturnType<typeof publicationFacts>>;

/** The facts of a version that are the same for every reader (cached for published ones). */
export async function publicationFacts(db: Executor, p: repo.PublicationRow, latestId: string) {
  const [path, entries, totals] = await Promise.all([regionPath(db, p.region_code), repo.entriesOf(db, p.id), repo.totalsOf(db, p.id)]);
  const fundList = await fundsOfVersion(db, p, entries);
  const refs = new Map<string, FundRef>(fundList.map((f) => [f.id, f]));
  const period = fundFigures(entries);
  const toDate = fundFigures(await toDateFlows(db, p, entries));
  const summaries: FundSummaryView[] = fundList.map((f) => ({
    ...f,
    period: presentFigures(period.get(f.id) ?? emptyFigures(), refs),
    toDate: presentFigures(toDate.get(f.id) ?? emptyFigures(), refs),
  }));
  return {
    ...presentSummary(p, latestId),
    village: { code: p.region_code, name: path[path.length - 1]?.name ?? p.region_code, path },
    body: p.body,
    previousId: p.previous_id,
    latestId,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    submittedAt: p.submitted_at?.toISOString() ?? null,
    approvedAt: p.approved_at?.toISOString() ?? null,
    chain: p.status === 'published' ? { seq: p.chain_seq!, prevHash: p.prev_hash, hash: p.hash! } : null,
    totals: { incomeFen: totals.income, expenseFen: totals.expense, transferFen: totals.transfer, entryCount: totals.count },
    funds: summaries,
  };
}

/** Funds a version refers to: the snapshot taken when it was published, or the live records for a draft. */
async function fundsOfVersion(db: Executor, p: repo.PublicationRow, entries: repo.EntryRow[]) {
  if (p.status === 'published') {
    const snaps = await funds.fundSnapshotsOf(db, [p.id]);
    return snaps.map((s) => ({
      id: s.fund_id,
      code: s.code,
      name: s.name,
      kind: s.kind,
      purpose: s.purpose,
      approvedFen: s.approved_fen,
      approvalDocument: s.approval_document,
      status: s.status,
      decision: s.decision_id ? { id: s.decision_id, title: s.decision_title ?? '', stepsRecorded: s.decision_steps, complete: isComplete(s.decision_steps) } : null,
      gapExplanation: s.gap_explanation,
      balanceDisposition: s.balance_disposition,
    }));
  }
  const ids = new Set(entries.flatMap((e) => [e.fund_id, ...(e.to_fund_id ? [e.to_fund_id] : [])]));
  const rows = (await funds.fundsOf(db, p.region_code)).filter((f) => ids.has(f.id));
  const decisions = new Map((await funds.decisionsOf(db, p.region_code)).map((d) => [d.id, d]));
  const steps = await funds.stepsOf(db, rows.map((f) => f.decision_id).filter((x): x is string => !!x));
  return rows.map((f) => ({
    id: f.id,
    code: f.code,
    name: f.name,
    kind: f.kind,
    purpose: f.purpose,
    approvedFen: f.approved_fen,
    approvalDocument: f.approval_document,
    status: f.status,
    decision: f.decision_id ? decisionRef(decisions.get(f.decision_id), steps.get(f.decision_id) ?? []) : null,
    gapExplanation: f.gap_explanation,
    balanceDisposition: f.balance_disposition,
  }));
}

const isComplete = (steps: string[]) => ['proposal', 'committees', 'party_members', 'villagers', 'decision_published'].every((s) => steps.includes(s));

/**
 * Flows of the same kind of ledger up to this version's period: the latest
 * published version of every other period, and this version itself.
 */
async function toDateFlows(db: Executor, p: repo.PublicationRow, own: repo.EntryRow[]): Promise<FlowEntry[]> {
  const res = await sql<FlowEntry>`
    with ranked as (
      select id, row_number() over (partition by series_id order by version desc) as rn
      from disclosure_publications
      where region_code = ${p.region_code} and kind = ${p.kind} and period <= ${p.period} and status = 'published' and series_id <> ${p.series_id}
    )
    select e.direction, sum(e.amount_fen)::bigint as amount_fen, e.fund_id, e.to_fund_id, count(*)::int as count
    from ranked r join disclosure_entries e on e.publication_id = r.id
    where r.rn = 1
    group by e.direction, e.fund_id, e.to_fund_id`.execute(db);
  return [...res.rows, ...own];
}

/** `GET /disclosures/publications/:id`: public for published versions. */
export async function getPublication(ctx: ServiceContext, id: string, cache?: { get(id: string): Facts | undefined; set(id: string, f: Facts): void }) {
  const p = await requireReadable(ctx.db, ctx.actor, id);
  let facts = p.status === 'published' ? cache?.get(id) : undefined;
  if (!facts) {
    const latestId = (await repo.latestIdsOfSeries(ctx.db, [p.series_id])).get(p.series_id) ?? p.id;
    facts = await publicationFacts(ctx.db, p, latestId);
    if (p.status === 'published') cache?.set(id, facts);
  }
  return withViewer(ctx, p, facts);
}

/** What depends on who reads: review comments, the count of open flags, and the abilities. */
export async function withViewer(ctx: ServiceContext, p: repo.PublicationRow, facts: Facts) {
  const staff = canReadUnpublished(ctx.actor, p.region_code);
  const [reviews, openFlags] = await Promise.all([
    staff ? repo.reviewsOf(ctx.db, p.id) : Promise.resolve([]),
    canSeeFlags(ctx.actor, p.region_code) ? flagsRepo.countOpenFlags(ctx.db, p.region_code) : Promise.resolve(null),
  ]);
  return {
    ...facts,
    reviews: reviews.map((r) => ({ decision: r.decision, comment: r.comment, reviewer: r.reviewer, at: r.created_at.toISOString() })),
    openFlags,
    abilities: publicationAbilities(ctx.actor, { regionCode: p.region_code, status: p.status, isLatest: facts.isLatest }),
  };
}

/** `GET /disclosures/villages/:code/publications`: published ones for everyone; drafts too for those who may see them. */
export async function listPublications(ctx: ServiceContext, code: string, input: PublicationListInput) {
  await requireVillage(ctx.db, code);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const publishedOnly = !canReadUnpublished(ctx.actor, code);
  const { rows, total } = await repo.listPublications(ctx.db, { regionCode: code, period: input.period, kind: input.kind, status: input.status, publishedOnly }, page, pageSize);
  const latest = await repo.latestIdsOfSeries(ctx.db, rows.map((r) => r.series_id));
  return { items: rows.map((r) => presentSummary(r, latest.get(r.series_id) ?? r.id)), total, page, pageSize };
}

/** `GET /disclosures/publications/:id/versions`: every version of the same village, period and kind. */
export async function listVersions(ctx: ServiceContext, id: string) {
  const p = await requireReadable(ctx.db, ctx.actor, id);
  const all = await repo.seriesVersions(ctx.db, p.series_id);
  const visible = canReadUnpublished(ctx.actor, p.region_code) ? all : all.filter((v) => v.status === 'published');
  const latestId = all[all.length - 1].id;
  return { items: visible.map((v) => presentSummary(v, latestId)) };
}

export async function fundRefsOf(db: Executor, regionCode: string): Promise<Map<string, FundRef>> {
  return new Map((await funds.fundsOf(db, regionCode)).map((f) => [f.id, { id: f.id, code: f.code, name: f.name }]));
}

/** Entries shaped for a reader (names masked unless the reader keeps or checks the accounts). */
export async function presentEntries(ctx: ServiceContext, regionCode: string, rows: repo.EntryRow[]) {
  const [refs, attachments] = await Promise.all([fundRefsOf(ctx.db, regionCode), repo.attachmentsByIds(ctx.db, rows.flatMap((e) => e.attachment_ids))]);
  return rows.map((e) => presentEntry(e, refs, attachments, ctx.actor));
}

/** `GET /disclosures/publications/:id/entries`: a page of the ledger, optionally of one fund. */
export async function listEntries(ctx: ServiceContext, id: string, input: EntryListInput) {
  const p = await requireReadable(ctx.db, ctx.actor, id);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const { rows, total } = await repo.pageOfEntries(ctx.db, p.id, input.fundId, page, pageSize);
  return { items: await presentEntries(ctx, p.region_code, rows), total, page, pageSize };
}

const ENTRY_FIELDS = ['entry_date', 'direction', 'amount_fen', 'counterparty', 'purpose', 'fund_id', 'to_fund_id', 'payment_method', 'decision_id', 'approvers', 'attachment_ids'] as const;
const FIELD_NAMES: Record<(typeof ENTRY_FIELDS)[number], string> = {
  entry_date: 'entryDate',
  direction: 'direction',
  amount_fen: 'amountFen',
  counterparty: 'counterparty',
  purpose: 'purpose',
  fund_id: 'fundId',
  to_fund_id: 'toFundId',
  payment_method: 'paymentMethod',
  decision_id: 'decisionId',
  approvers: 'approvers',
  attachment_ids: 'attachments',
};

/**
 * `GET /disclosures/publications/:id/changes`: what changed from the
 * previous version (entries matched by voucher number and direction).
 */
export async function listChanges(ctx: ServiceContext, id: string) {
  const p = await requireReadable(ctx.db, ctx.actor, id);
  const all = await repo.seriesVersions(ctx.db, p.series_id);
  const latestId = all[all.length - 1].id;
  const prev = p.previous_id ? all.find((v) => v.id === p.previous_id) : undefined;
  if (p.previous_id && !prev) throw notFound('disclosures.publication_not_found', 'id');
  const [after, before] = await Promise.all([repo.entriesOf(ctx.db, p.id), prev ? repo.entriesOf(ctx.db, prev.id) : Promise.resolve([])]);
  const key = (e: repo.EntryRow) => `${e.voucher_no}|${e.direction}`;
  const beforeBy = new Map(before.map((e) => [key(e), e]));
  const afterBy = new Map(after.map((e) => [key(e), e]));
  const shown = await presentEntries(ctx, p.region_code, [...before, ...after]);
  const view = new Map(shown.map((v) => [v.id, v]));
  const changed = after
    .filter((e) => beforeBy.has(key(e)))
    .map((e) => {
      const old = beforeBy.get(key(e))!;
      const fields = ENTRY_FIELDS.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(e[f])).map((f) => FIELD_NAMES[f]);
      return { before: view.get(old.id)!, after: view.get(e.id)!, fields };
    })
    .filter((c) => c.fields.length > 0);
  const totals = (es: repo.EntryRow[]) => ledgerTotals(es);
  return {
    from: prev ? presentSummary(prev, latestId) : null,
    to: presentSummary(p, latestId),
    titleChanged: !!prev && prev.title !== p.title,
    bodyChanged: !!prev && prev.body !== p.body,
    totalsBefore: prev ? totals(before) : null,
    totalsAfter: totals(after),
    added: after.filter((e) => !beforeBy.has(key(e))).map((e) => view.get(e.id)!),
    removed: before.filter((e) => !afterBy.has(key(e))).map((e) => view.get(e.id)!),
    changed,
  };
}
