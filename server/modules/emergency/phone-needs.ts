import type { ServiceContext } from '../../platform/context.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { regionPrefix } from '../../../common/regions.js';
import { canRecordNeed } from './policy.js';
import { assertActive, clean, cleanOptional, gridFacts, incidentFacts, pointOf, requireActor, requireGrid, requireIncident, requireRegionInIncident } from './access.js';
import { cleanItems, getNeed, writeNeed } from './needs.js';
import * as repo from './repo.js';
import type { NeedDetail, RecordNeedBody } from './schema-needs.js';

/**
 * A need recorded by staff for a resident who phoned — many people under
 * lockdown are elderly without a smartphone (seed 003: the volunteer's
 * number was passed round the compound). The grid worker or cadre types in
 * what the caller said; the need then goes the same way as one posted in
 * the app (the grid's volunteers, the route, the case). It carries no
 * account: the caller is known by the name and phone they gave, and follows
 * the need by the case's tracking number and the last 4 digits of that
 * phone (`GET /api/cases/track/:number?phoneLast4=`), which the recorder
 * reads back to them. Whoever recorded it, and the grid's coordinators,
 * confirm or cancel for the caller.
 */

/** The caller's grid: the one named (it must cover the region), else the only grid covering it. */
async function gridOf(ctx: ServiceContext, incidentId: string, regionCode: string, gridId: string | undefined) {
  if (gridId) {
    const grid = await requireGrid(ctx.db, gridId, incidentId, 'gridId');
    const related = regionCode.startsWith(regionPrefix(grid.region_code)) || grid.region_code.startsWith(regionPrefix(regionCode));
    if (!related) throw badRequest('emergency.grid_not_for_household', 'gridId');
    return grid;
  }
  const candidates = await repo.gridsForRegion(ctx.db, incidentId, regionCode);
  const exact = candidates.filter((g) => g.kind === 'region');
  if (exact.length === 1) return exact[0]!;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) throw badRequest('emergency.choose_grid', 'gridId');
  return null;
}

/** `POST /emergency/incidents/:id/phone-needs` */
export async function recordNeed(ctx: ServiceContext, incidentId: string, input: RecordNeedBody): Promise<NeedDetail> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const now = ctx.clock.now();
  assertActive(incident, now);
  await requireRegionInIncident(ctx.db, incident, input.regionCode);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const facts = incidentFacts(incident, now);
  // Nobody without a cadre role here or a grid to lead gets as far as validating the grid.
  if (!canRecordNeed(inv, facts, input.regionCode, null) && inv.ledGridIds.size === 0) throw forbidden('emergency.record_need_forbidden');
  const grid = await gridOf(ctx, incident.id, input.regionCode, input.gridId);
  if (!canRecordNeed(inv, facts, input.regionCode, grid ? gridFacts(grid) : null)) throw forbidden('emergency.record_need_forbidden');
  const items = cleanItems(input.items);
  const callerName = clean(input.callerName, 'callerName');
  const compound = clean(input.compound, 'compound');
  const building = clean(input.building, 'building');
  const note = cleanOptional(input.note, 'note');
  const point = pointOf(input);
  const shop = input.shop ? { name: clean(input.shop.name, 'shop'), lat: input.shop.lat, lng: input.shop.lng } : null;
  // The need sits at the more precise of the two: the grid's own region (15 digits) or the region named.
  const regionCode = grid && grid.region_code.length > input.regionCode.length && grid.region_code.startsWith(regionPrefix(input.regionCode)) ? grid.region_code : input.regionCode;

  const id = await writeNeed(
    ctx,
    {
      incident_id: incident.id,
      grid_id: grid?.id ?? null,
      household_id: null,
      region_code: regionCode,
      county_code: regionCode.slice(0, 6),
      requester_user_id: null,
      channel: 'phone',
      recorded_by: actor.userId,
      caller_name: callerName,
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
