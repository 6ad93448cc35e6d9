import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, unauthorized } from '../../platform/errors.js';
import { KIND_LABELS } from '../../../common/disclosures/kinds.js';
import { dueDateOf, periodOf } from '../../../common/disclosures/periods.js';
import * as repo from './repo.js';
import * as funds from './repo-funds.js';
import { requireEditable, requireReadable, requireStatus, requireVillage } from './access.js';
import { canPrepare, canReview } from './policy.js';
import { settingsOfRegion } from './settings.js';
import { canonicalDocument, sm3 } from './chain.js';
import { ledgerTotals } from './figures.js';
import { scanVillage } from './flag-scan.js';
import { deliverAfterPublish, queueNotice } from './feed-notice.js';
import { DISCLOSURES_TOPIC, PublicationCache } from './cache.js';
import { getPublication } from './reading.js';
import type { CreatePublicationInput, ReviewInput, UpdatePublicationInput } from './schema.js';

/**
 * The life of a publication (DESIGN §5): a village cadre drafts it (draft),
 * submits it to the village supervision committee (in_review), which
 * approves it (approved) or sends it back with comments (returned); the
 * cadre then publishes it (published): it is chained (SM3), frozen, its
 * village's red flags are recomputed and a notice goes to the village feed.
 * A published version never changes: a correction is a new version with a
 * reason, through the same checks, and both stay visible.
 */

/** Shared with the routes: facts of public pages, invalidated on publication. */
export const publicationCache = new PublicationCache<unknown>();

const blank = (s: string | undefined, field: string) => {
  if (s !== undefined && !s.trim()) throw badRequest('disclosures.text_blank', field);
  return s?.trim();
};

/** `POST /disclosures/villages/:code/publications`: a first edition, as a draft. */
export async function createPublication(ctx: ServiceContext, code: string, input: CreatePublicationInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await requireVillage(ctx.db, code);
  authorize(canPrepare(actor, code));
  const title = blank(input.title, 'title')!;
  const now = ctx.clock.now();
  if (input.period > periodOf(now)) throw badRequest('disclosures.period_future', 'period', { period: input.period });
  const kindLabel = KIND_LABELS[input.kind][ctx.lang];
  const settings = await settingsOfRegion(ctx.db, code);
  const id = crypto.randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const versions = await repo.versionsOf(trx, code, input.period, input.kind);
    if (versions.some((v) => v.status !== 'published')) throw conflict('disclosures.open_version_exists', 'period', { period: input.period, kind: kindLabel });
    if (versions.length > 0) throw conflict('disclosures.already_published', 'period', { period: input.period, kind: kindLabel });
    await repo.insertPublication(trx, {
      id,
      series_id: id,
      region_code: code,
      county_code: code.slice(0, 6),
      period: input.period,
      kind: input.kind,
      version: 1,
      title,
      body: input.body ?? '',
      status: 'draft',
      previous_id: null,
      correction_reason: null,
      due_on: dueDateOf(input.period, settings.dueDay),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, { action: 'disclosures.create', targetType: 'disclosure_publication', targetId: id, after: { regionCode: code, period: input.period, kind: input.kind, version: 1 } });
  });
  return getPublication(ctx, id);
}

/** `PATCH /disclosures/publications/:id`: title and text of a draft or returned version. */
export async function updatePublication(ctx: ServiceContext, id: string, input: UpdatePublicationInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const title = blank(input.title, 'title');
  if (title === undefined && input.body === undefined) throw badRequest('disclosures.nothing_to_change', 'body');
  await ctx.db.transaction().execute(async (trx) => {
    const p = await requireReadable(trx, actor, id);
    authorize(canPrepare(actor, p.region_code));
    await repo.lockPublication(trx, id);
    requireEditable(p, ctx.lang);
    await repo.updatePublication(trx, id, { ...(title !== undefined ? { title } : {}), ...(input.body !== undefined ? { body: input.body } : {}), updated_at: ctx.clock.now() });
    await audit(trx, ctx, {
      action: 'disclosures.update',
      targetType: 'disclosure_publication',
      targetId: id,
      before: { titleLength: p.title.length, bodyLength: p.body.length },
      after: { titleLength: (title ?? p.title).length, bodyLength: (input.body ?? p.body).length },
    });
  });
  return getPublication(ctx, id);
}

/** `POST /disclosures/publications/:id/submit`: to the village supervision committee. */
export async function submitPublication(ctx: ServiceContext, id: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await requireReadable(trx, actor, id);
    authorize(canPrepare(actor, p.region_code));
    const locked = (await repo.lockPublication(trx, id))!;
    requireEditable(locked, ctx.lang);
    const now = ctx.clock.now();
    await repo.updatePublication(trx, id, { status: 'in_review', submitted_at: now, updated_at: now });
    await audit(trx, ctx, { action: 'disclosures.submit', targetType: 'disclosure_publication', targetId: id, before: { status: locked.status }, after: { status: 'in_review' } });
    await publishLive(trx, { topic: `disclosures:${p.region_code}`, type: 'submitted', data: { publicationId: id } });
  });
  return getPublication(ctx, id);
}

/** `POST /disclosures/publications/:id/review`: approve, or send back with what has to change. */
export async function reviewPublication(ctx: ServiceContext, id: string, input: ReviewInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const comment = input.comment?.trim() ?? '';
  if (input.decision === 'return' && !comment) throw badRequest('disclosures.review_comment_required', 'comment');
  await ctx.db.transaction().execute(async (trx) => {
    const p = await requireReadable(trx, actor, id);
    authorize(canReview(actor, p.region_code));
    const locked = (await repo.lockPublication(trx, id))!;
    requireStatus(locked, 'in_review', ctx.lang);
    const now = ctx.clock.now();
    const status = input.decision === 'approve' ? 'approved' : 'returned';
    await repo.updatePublication(trx, id, {
      status,
      updated_at: now,
      ...(status === 'approved' ? { approved_by: actor.userId, approved_at: now } : {}),
    });
    await repo.insertReview(trx, { publication_id: id, reviewer_id: actor.userId, decision: input.decision, comment, created_at: now });
    await audit(trx, ctx, { action: `disclosures.${input.decision}`, targetType: 'disclosure_publication', targetId: id, before: { status: 'in_review' }, after: { status, commentLength: comment.length } });
    await publishLive(trx, { topic: `disclosures:${p.region_code}`, type: status, data: { publicationId: id } });
  });
  return getPublication(ctx, id);
}

/** `POST /disclosures/publications/:id/publish`: chain, freeze, scan, notify. */
export async function publishPublication(ctx: ServiceContext, id: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const village = await requireVillage(ctx.db, (await requireReadable(ctx.db, actor, id)).region_code);
  const noticeId = await ctx.db.transaction().execute(async (trx) => {
    const p = await requireReadable(trx, actor, id);
    authorize(canPrepare(actor, p.region_code));
    const locked = (await repo.lockPublication(trx, id))!;
    requireStatus(locked, 'approved', ctx.lang);
    const head = await repo.lockChainHead(trx, p.region_code);
    const now = ctx.clock.now();
    const entries = await repo.entriesOf(trx, id);
    const snapshots = await snapshotFunds(trx, id, entries);
    const attachments = await repo.attachmentsByIds(trx, entries.flatMap((e) => e.attachment_ids));
    const position = { seq: head.seq + 1, prevHash: head.hash };
    const canonical = canonicalDocument({ ...locked, published_at: now }, position, snapshots, entries, new Map([...attachments].map(([k, a]) => [k, a.sha256])));
    const hash = sm3(canonical);
    await repo.updatePublication(trx, id, { status: 'published', published_by: actor.userId, published_at: now, updated_at: now, chain_seq: position.seq, prev_hash: position.prevHash, hash });
    await repo.setChainHead(trx, p.region_code, position.seq, hash);
    const totals = ledgerTotals(entries);
    const scan = await scanVillage(trx, p.region_code, now);
    const notice = await queueNotice(trx, ctx, { ...locked, status: 'published' }, village.name, totals);
    await audit(trx, ctx, {
      action: 'disclosures.publish',
      targetType: 'disclosure_publication',
      targetId: id,
      before: { status: 'approved' },
      after: { status: 'published', version: locked.version, chainSeq: position.seq, hash, entries: totals.entryCount, openFlags: scan.open },
    });
    await publishLive(trx, { topic: DISCLOSURES_TOPIC, type: 'published', data: { publicationId: id, regionCode: p.region_code } });
    await publishLive(trx, { topic: `disclosures:${p.region_code}`, type: 'published', data: { publicationId: id } });
    return notice;
  });
  publicationCache.invalidateRegion(village.code);
  await deliverAfterPublish(ctx, noticeId);
  return getPublication(ctx, id);
}

/** The funds a version refers to, as they stand when it is published (kept with it, chained with it). */
async function snapshotFunds(trx: Parameters<typeof repo.entriesOf>[0], publicationId: string, entries: repo.EntryRow[]) {
  const ids = [...new Set(entries.flatMap((e) => [e.fund_id, ...(e.to_fund_id ? [e.to_fund_id] : [])]))];
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('disclosure_funds').selectAll().where('id', 'in', ids).execute();
  const decisions = new Map((await Promise.all(rows.filter((f) => f.decision_id).map((f) => funds.findDecision(trx, f.decision_id!)))).filter(Boolean).map((d) => [d!.id, d!]));
  const steps = await funds.stepsOf(trx, [...decisions.keys()]);
  const snapshots: funds.FundSnapshotRow[] = rows.map((f) => {
    const decision = f.decision_id ? decisions.get(f.decision_id) : undefined;
    const recorded = decision ? (steps.get(decision.id) ?? []) : [];
    return {
      publication_id: publicationId,
      fund_id: f.id,
      code: f.code,
      name: f.name,
      kind: f.kind,
      purpose: f.purpose,
      approved_fen: f.approved_fen,
      approval_document: f.approval_document,
      status: f.status,
      gap_explanation: f.gap_explanation,
      balance_disposition: f.balance_disposition,
      decision_id: decision?.id ?? null,
      decision_title: decision?.title ?? null,
      decision_steps: recorded.map((s) => s.step),
    };
  });
  await funds.insertFundSnapshots(trx, snapshots);
  return snapshots;
}

/** `POST /disclosures/publications/:id/corrections`: a new version of the latest published one, with a reason. */
export async function correctPublication(ctx: ServiceContext, id: string, reason: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const why = reason.trim();
  if (!why) throw badRequest('disclosures.reason_blank', 'reason');
  const newId = crypto.randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await requireReadable(trx, actor, id);
    authorize(canPrepare(actor, p.region_code));
    requireStatus(p, 'published', ctx.lang);
    const versions = await repo.seriesVersions(trx, p.series_id);
    const latest = versions[versions.length - 1];
    if (latest.status !== 'published') throw conflict('disclosures.open_version_exists', 'id', { period: p.period, kind: KIND_LABELS[p.kind][ctx.lang] });
    if (latest.id !== p.id) throw conflict('disclosures.not_latest', 'id', { version: latest.version });
    const now = ctx.clock.now();
    await repo.insertPublication(trx, {
      id: newId,
      series_id: p.series_id,
      region_code: p.region_code,
      county_code: p.county_code,
      period: p.period,
      kind: p.kind,
      version: p.version + 1,
      title: p.title,
      body: p.body,
      status: 'draft',
      previous_id: p.id,
      correction_reason: why,
      due_on: p.due_on,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.copyEntries(trx, p.id, newId);
    await audit(trx, ctx, { action: 'disclosures.correct', targetType: 'disclosure_publication', targetId: newId, after: { previousId: p.id, version: p.version + 1, reasonLength: why.length } });
  });
  return getPublication(ctx, newId);
}
