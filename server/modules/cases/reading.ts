import type { ServiceContext } from '../../platform/context.js';
import { AppError, unauthorized } from '../../platform/errors.js';
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

/** The names a case's page shows: its unit and category from the reference cache, its region's name read with the case. */
function namesOf(c: CaseRow, regionName: string | null, ref: CaseReference) {
  const unit = c.handling_unit_id ? ref.units.get(c.handling_unit_id) : undefined;
  return {
    names: { units: new Map<string, UnitInfo>(unit ? [[unit.id, unit]] : []), regions: new Map<string, string>(regionName ? [[c.region_code, regionName]] : []) },
    categoryName: ref.categories.get(c.category_code)?.name ?? c.category_code,
  };
}

/** `GET /cases/:id` (also the answer of every action): the case and its following in one round trip, then the rest together. */
export async function getCase(ctx: ServiceContext, caseId: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const found = await repo.findCaseForReader(ctx.db, { id: caseId }, actor.userId);
  if (!found || !canView(actor, found.c, found.following)) throw caseNotFound();
  const { c, following } = found;
  const [events, attachments, ref, primary] = await Promise.all([
    repo.listEvents(ctx.db, c.id),
    repo.listAttachments(ctx.db, c.id),
    caseReference(ctx.db),
    c.merged_into ? repo.findCase(ctx.db, c.merged_into) : Promise.resolve(undefined),
  ]);
  return presentCase(c, actor, {
    events,
    attachments,
    ...namesOf(c, found.regionName, ref),
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
  const found = await repo.findCaseForReader(ctx.db, { trackingNumber }, null);
  if (!found || found.c.confidential) throw caseNotFound();
  const { c } = found;
  if (!c.is_public && !phoneMatches(c, phoneLast4)) throw new AppError(403, 'phone_required', 'cases.track_phone_required', 'phoneLast4');
  const [events, ref, primary] = await Promise.all([
    repo.listEvents(ctx.db, c.id, true),
    caseReference(ctx.db),
    c.merged_into ? repo.findCase(ctx.db, c.merged_into) : Promise.resolve(undefined),
  ]);
  const { names, categoryName } = namesOf(c, found.regionName, ref);
  return presentTrack(c, events, names, categoryName, primary?.tracking_number ?? null, ctx.lang);
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
