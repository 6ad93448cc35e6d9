import type { ServiceContext } from '../../platform/context.js';
import { AppError, unauthorized } from '../../platform/errors.js';
import * as directory from './directory.js';
import type { UnitInfo } from './directory.js';
import { caseReference, type CaseReference } from './reference.js';
import { canView } from './policy.js';
import { presentCase, presentPublic, presentSummary, presentTrack } from './presenter.js';
import * as queries from './queries.js';
import * as repo from './repo.js';
import type { CaseRow } from './repo.js';
import type { MineInput, PublicInput } from './schema.js';
import { caseNotFound } from './transition-kit.js';
import { queryTokens } from './segment.js';

/**
 * Reading cases: the detail (policy-checked; 404 for whoever may not see it,
 * so a private case's existence is not revealed), the public progress page,
 * the public list and my cases.
 */

/** `GET /cases/:id` */
export async function getCase(ctx: ServiceContext, caseId: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const c = await repo.findCase(ctx.db, caseId);
  if (!c) throw caseNotFound();
  const following = await repo.isFollowing(ctx.db, c.id, actor.userId);
  if (!canView(actor, c, following)) throw caseNotFound();
  const [events, attachments, names, category, primary] = await Promise.all([
    repo.listEvents(ctx.db, c.id),
    repo.listAttachments(ctx.db, c.id),
    directory.namesFor(ctx.db, [c.handling_unit_id], [c.region_code]),
    repo.findCategory(ctx.db, c.category_code),
    c.merged_into ? repo.findCase(ctx.db, c.merged_into) : Promise.resolve(undefined),
  ]);
  return presentCase(c, actor, {
    events,
    attachments,
    names,
    categoryName: category?.name ?? c.category_code,
    mergedInto: primary ? { id: primary.id, trackingNumber: primary.tracking_number } : null,
    following,
    now: ctx.clock.now(),
    lang: ctx.lang,
  });
}

/** Last four digits of the phone on file, compared in constant time for the same length. */
function phoneMatches(c: CaseRow, last4: string | undefined): boolean {
  const digits = c.requester_phone?.replace(/\D/g, '') ?? '';
  if (!last4 || digits.length < 4) return false;
  const tail = digits.slice(-4);
  let diff = 0;
  for (let i = 0; i < 4; i += 1) diff |= tail.charCodeAt(i) ^ last4.charCodeAt(i);
  return diff === 0;
}

/**
 * `GET /cases/track/:trackingNumber`: the progress page. Public cases show to
 * anyone; private ones need the last four digits of the requester's phone
 * (403 naming phoneLast4 when missing or wrong). Confidential reports are
 * never shown here: their reporters follow them signed in.
 */
export async function trackCase(ctx: ServiceContext, trackingNumber: string, phoneLast4: string | undefined) {
  const c = await repo.findByTrackingNumber(ctx.db, trackingNumber);
  if (!c || c.confidential) throw caseNotFound();
  if (!c.is_public && !phoneMatches(c, phoneLast4)) throw new AppError(403, 'phone_required', 'cases.track_phone_required', 'phoneLast4');
  const [events, names, category, primary] = await Promise.all([
    repo.listEvents(ctx.db, c.id, true),
    directory.namesFor(ctx.db, [c.handling_unit_id], [c.region_code]),
    repo.findCategory(ctx.db, c.category_code),
    c.merged_into ? repo.findCase(ctx.db, c.merged_into) : Promise.resolve(undefined),
  ]);
  return presentTrack(c, events, names, category?.name ?? c.category_code, primary?.tracking_number ?? null, ctx.lang);
}

/** Names, categories and search words for presenting a page of cases. */
export function listContext(ctx: ServiceContext, page: Pick<queries.Paged, 'rows' | 'regionNames'>, ref: CaseReference, q?: string) {
  // Units and category names from the reference cache, the regions' names came with the page.
  const units = new Map<string, UnitInfo>();
  const categories = new Map<string, string>();
  for (const r of page.rows) {
    const unit = r.handling_unit_id ? ref.units.get(r.handling_unit_id) : undefined;
    if (unit) units.set(unit.id, unit);
    const category = ref.categories.get(r.category_code);
    if (category) categories.set(category.code, category.name);
  }
  return { names: { units, regions: page.regionNames }, categories, now: ctx.clock.now(), words: q ? queryTokens(q) : undefined };
}

/** `GET /cases/public`: public cases, masked, newest first (or by relevance with q). */
export async function listPublic(ctx: ServiceContext, input: PublicInput) {
  const pageNo = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  // The reference check runs beside the page's query, not after it.
  const [page, ref] = await Promise.all([queries.publicCases(ctx.db, input, pageNo, pageSize, ctx.clock.now()), caseReference(ctx.db)]);
  const lc = listContext(ctx, page, ref, input.q);
  return { items: page.rows.map((r) => presentPublic(r, lc, ctx.lang)), total: page.total, totalCapped: page.totalCapped, page: pageNo, pageSize };
}

/** `GET /cases/mine`: the cases I filed and those I follow. */
export async function listMine(ctx: ServiceContext, input: MineInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const pageNo = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const [page, ref] = await Promise.all([queries.mine(ctx.db, actor.userId, input.status, pageNo, pageSize, ctx.clock.now()), caseReference(ctx.db)]);
  const lc = listContext(ctx, page, ref);
  return {
    items: page.rows.map((r) => presentSummary(r, lc, page.followed.has(r.id) ? 'follower' : 'requester')),
    total: page.total,
    page: pageNo,
    pageSize,
  };
}
