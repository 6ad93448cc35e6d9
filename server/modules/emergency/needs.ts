import type { Insertable } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize, isAdmin, scopePrefixes } from '../../platform/policy.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { myHouseholds } from '../people/household-service.js';
import { KINDS_NEEDING_STRENGTH, type ItemKind } from '../../../common/emergency/types.js';
import { regionPrefix } from '../../../common/regions.js';
import { AREA_CADRE_ROLES, canPostNeed, canSeeGrid, canSeeNeed, type Involvement } from './policy.js';
import { assertActive, clean, cleanOptional, gridFacts, incidentFacts, pageOf, pointOf, requireActor, requireIncident } from './access.js';
import { caseLink } from './case-link.js';
import { caseRefs, reserveCaseNumber } from '../cases/service.js';
import { incidentTopic } from './incidents.js';
import { needFacts, presentNeed, presentNeedDetail } from './presenter-needs.js';
import * as repo from './repo.js';
import * as needs from './repo-needs.js';
import type { CreateNeedBody, NeedDetail, NeedListQuery, NeedView } from './schema-needs.js';
import type { NeedsTable } from './tables.js';

/**
 * A resident under lockdown asks for what they cannot fetch (seed 003:
 * 「请留下电话跟药品全称」; a dialysis patient's drugs, a baby's special
 * formula). The need belongs to the incident and to the grid of the
 * household, so that grid's volunteers see it; life-critical needs come
 * first everywhere. The errand that follows is in errands.ts.
 */

export const userTopic = (userId: string) => `user:${userId}`;

/** The verified household the need is for (the only one, or the one named). */
async function householdFor(ctx: ServiceContext, incidentRegion: string, householdId: string | undefined) {
  const prefix = regionPrefix(incidentRegion);
  const mine = (await myHouseholds(ctx)).items.filter((h) => h.myStatus === 'verified' && h.regionCode.startsWith(prefix));
  if (householdId) {
    const chosen = mine.find((h) => h.id === householdId);
    if (!chosen) throw badRequest('emergency.no_household', 'householdId');
    return chosen;
  }
  if (mine.length === 0) throw forbidden('emergency.no_household');
  if (mine.length > 1) throw badRequest('emergency.choose_household', 'householdId');
  return mine[0]!;
}

/** The grid of the household: named by the resident, or the only one that contains it. */
async function gridFor(db: Executor, incidentId: string, householdRegion: string, gridId: string | undefined) {
  const candidates = await repo.gridsForRegion(db, incidentId, householdRegion);
  if (gridId) {
    const chosen = candidates.find((g) => g.id === gridId);
    if (!chosen) throw badRequest('emergency.grid_not_for_household', 'gridId');
    return chosen;
  }
  const exact = candidates.filter((g) => g.kind === 'region');
  if (exact.length === 1) return exact[0]!;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) throw badRequest('emergency.choose_grid', 'gridId');
  return null;
}

export function cleanItems(items: CreateNeedBody['items']) {
  return items.map((item, i) => {
    const name = clean(item.name, 'name');
    const strength = cleanOptional(item.strength, 'strength');
    if (KINDS_NEEDING_STRENGTH.includes(item.kind as ItemKind) && !strength) throw badRequest('emergency.strength_required', 'strength');
    return { position: i + 1, kind: item.kind, name, strength, quantity: item.quantity, unit: cleanOptional(item.unit, 'unit'), to_buy: item.toBuy ?? true };
  });
}

export type NewNeed = Omit<Insertable<NeedsTable>, 'id' | 'status' | 'claimed_by' | 'claimed_at' | 'case_id' | 'created_at' | 'updated_at'>;

/**
 * Writes a need, its items, its case (case-link.ts) and the first timeline
 * row in one transaction: the need and its case commit together or not at
 * all. Audited without personal data (kinds and counts only).
 */
export async function writeNeed(ctx: ServiceContext, values: NewNeed, items: ReturnType<typeof cleanItems>): Promise<string> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  // Before the transaction (see cases' openCaseIn).
  const number = await reserveCaseNumber(ctx.db, now);
  return ctx.db.transaction().execute(async (trx) => {
    const need = await trx
      .insertInto('emergency_needs')
      .values({ ...values, status: 'open', claimed_by: null, claimed_at: null, case_id: null, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('emergency_need_items').values(items.map((i) => ({ ...i, need_id: need.id }))).execute();
    const caseId = await caseLink.linkNeedToCase(trx, ctx, need, number);
    if (caseId) await trx.updateTable('emergency_needs').set({ case_id: caseId }).where('id', '=', need.id).execute();
    await needs.insertEvent(trx, { need_id: need.id, action: 'post', from_status: 'open', to_status: 'open', actor_id: actor.userId, note: null, photo_id: null, at: now });
    await audit(trx, ctx, {
      action: values.channel === 'phone' ? 'emergency.need.record' : 'emergency.need.post',
      targetType: 'emergency_need',
      targetId: need.id,
      // No phone, name, flat or item names in the log: kinds and counts only.
      after: { incidentId: need.incident_id, gridId: need.grid_id, urgency: need.urgency, channel: values.channel, caseId, items: items.map((i) => `${i.kind}×${i.quantity}`) },
    });
    await publishLive(trx, { topic: incidentTopic(need.incident_id), type: 'need', data: { needId: need.id, gridId: need.grid_id, status: 'open' } });
    return need.id;
  });
}

/** `POST /emergency/incidents/:id/needs` */
export async function postNeed(ctx: ServiceContext, incidentId: string, input: CreateNeedBody): Promise<NeedDetail> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const now = ctx.clock.now();
  assertActive(incident, now);
  authorize(canPostNeed(actor, incidentFacts(incident, now)));
  const household = await householdFor(ctx, incident.region_code, input.householdId);
  const grid = await gridFor(ctx.db, incident.id, household.regionCode, input.gridId);
  const items = cleanItems(input.items);
  const compound = clean(input.compound, 'compound');
  const building = clean(input.building, 'building');
  const note = cleanOptional(input.note, 'note');
  const point = pointOf(input);
  const shop = input.shop ? { name: clean(input.shop.name, 'shop'), lat: input.shop.lat, lng: input.shop.lng } : null;

  const id = await writeNeed(
    ctx,
    {
      incident_id: incident.id,
      grid_id: grid?.id ?? null,
      household_id: household.id,
      region_code: household.regionCode,
      county_code: household.regionCode.slice(0, 6),
      requester_user_id: actor.userId,
      channel: 'app',
      recorded_by: null,
      caller_name: null,
      compound,
      building,
      phone: input.phone,
      urgency: input.urgency,
      note,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      shop_name: shop?.name ?? null,
      shop_lat: shop?.lat ?? null,
      shop_lng: shop?.lng ?? null,
    },
    items,
  );
  return getNeed(ctx, id);
}

/** Presents needs for the caller (one query per kind of related row). */
export async function presentNeeds(ctx: ServiceContext, rows: needs.NeedRow[], inv: Involvement, active: boolean): Promise<NeedView[]> {
  const [items, grids, people, cases] = await Promise.all([
    needs.itemsOf(ctx.db, rows.map((r) => r.id)),
    repo.gridsByIds(ctx.db, rows.map((r) => r.grid_id).filter((g): g is string => !!g)),
    repo.peopleByIds(ctx.db, rows.flatMap((r) => [r.requester_user_id, r.claimed_by, r.recorded_by])),
    caseRefs(ctx.db, rows.map((r) => r.case_id).filter((c): c is string => !!c)),
  ]);
  return rows.map((r) =>
    presentNeed(r, items.get(r.id) ?? [], r.grid_id ? (grids.get(r.grid_id) ?? null) : null, people, inv, active, r.case_id ? (cases.get(r.case_id) ?? null) : null),
  );
}

/** The need, if the caller may see it (404 otherwise: a need's existence is private). */
export async function visibleNeed(ctx: ServiceContext, needId: string) {
  const actor = requireActor(ctx);
  const need = await needs.findNeed(ctx.db, needId);
  if (!need) throw notFound('emergency.need_not_found');
  const inv = await repo.involvementOf(ctx.db, actor, need.incident_id);
  const grid = need.grid_id ? ((await repo.findGrid(ctx.db, need.grid_id)) ?? null) : null;
  if (!canSeeNeed(inv, needFacts(need), grid ? gridFacts(grid) : null)) throw notFound('emergency.need_not_found');
  return { need, inv, grid };
}

/** `GET /emergency/needs/:id` — with its timeline. */
export async function getNeed(ctx: ServiceContext, needId: string): Promise<NeedDetail> {
  const { need, inv } = await visibleNeed(ctx, needId);
  const incident = await requireIncident(ctx.db, need.incident_id);
  const [view] = await presentNeeds(ctx, [need], inv, incidentFacts(incident, ctx.clock.now()).active);
  return presentNeedDetail(view!, await needs.timelineOf(ctx.db, need.id));
}

/**
 * `GET /emergency/incidents/:id/needs` — a resident's own needs; a
 * volunteer's grids' needs (and the errands they claimed); a coordinator's
 * grids' needs and those outside every grid in their area.
 */
export async function listNeeds(ctx: ServiceContext, incidentId: string, input: NeedListQuery) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const grids = (await repo.listGrids(ctx.db, incident.id)).filter((g) => canSeeGrid(inv, gridFacts(g)));
  const { page, pageSize } = pageOf(input);
  const { rows, total } = await needs.listNeeds(
    ctx.db,
    {
      incidentId: incident.id,
      userId: actor.userId,
      gridIds: grids.map((g) => g.id),
      gridlessPrefixes: isAdmin(actor) ? 'all' : scopePrefixes(actor, AREA_CADRE_ROLES),
      mine: input.mine,
      status: input.status,
      gridId: input.gridId,
      urgency: input.urgency,
    },
    page,
    pageSize,
  );
  const items = await presentNeeds(ctx, rows, inv, incidentFacts(incident, ctx.clock.now()).active);
  return { items, total, page, pageSize };
}
