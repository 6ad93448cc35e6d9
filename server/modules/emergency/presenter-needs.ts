import { maskName, maskPhone } from '../../../common/masking.js';
import type { CaseStatus } from '../../../common/cases/states.js';
import { availableErrandActions, type ErrandAction, type ErrandState } from '../../../common/emergency/errand-states.js';
import type { ItemKind, Urgency } from '../../../common/emergency/types.js';
import { errandParts, seesNeedContact, type GridFacts, type Involvement, type NeedFacts } from './policy.js';
import { iso } from './access.js';
import type { GridRow, PersonRow } from './repo.js';
import type { ErrandEventRow, NeedItemRow, NeedRow } from './repo-needs.js';
import type { NeedDetail, NeedView } from './schema-needs.js';

/**
 * Shapes needs for the caller. The requester's phone, name and flat are in
 * full only for the requester, the runner holding the errand and the grid's
 * coordinators; other volunteers of the grid see the compound, the items and
 * a masked phone — enough to decide to claim it. The runner's phone is for
 * the requester and the coordinators (and the runner).
 */

export function needFacts(need: NeedRow): NeedFacts {
  return {
    gridId: need.grid_id,
    regionCode: need.region_code,
    requesterUserId: need.requester_user_id,
    claimedBy: need.claimed_by,
    status: need.status as ErrandState,
    channel: need.channel === 'phone' ? 'phone' : 'app',
    recordedBy: need.recorded_by,
  };
}

export function somethingToBuy(items: readonly Pick<NeedItemRow, 'to_buy'>[]): boolean {
  return items.some((i) => i.to_buy);
}

export function presentNeed(
  need: NeedRow,
  items: NeedItemRow[],
  grid: GridRow | null,
  people: Map<string, PersonRow>,
  inv: Involvement,
  active: boolean,
  caseRef: { trackingNumber: string; status: string } | null = null,
): NeedView {
  const facts = needFacts(need);
  const gFacts: GridFacts | null = grid ? { id: grid.id, regionCode: grid.region_code, leaderUserId: grid.leader_user_id } : null;
  const parts = errandParts(inv, facts, gFacts);
  const contact = seesNeedContact(inv, facts, gFacts);
  // A caller without the app is known by the name they gave on the phone.
  const requesterName = need.requester_user_id ? (people.get(need.requester_user_id)?.name ?? '') : (need.caller_name ?? '');
  const runner = need.claimed_by ? people.get(need.claimed_by) : undefined;
  const seesRunner = parts.includes('requester') || parts.includes('coordinator') || parts.includes('runner');
  let actions: ErrandAction[] = availableErrandActions(facts.status, parts, somethingToBuy(items));
  // Nothing new is claimed once the incident has ended; errands under way may finish.
  if (!active) actions = actions.filter((a) => a !== 'claim');
  return {
    id: need.id,
    incidentId: need.incident_id,
    grid: grid ? { id: grid.id, name: grid.name } : null,
    regionCode: need.region_code,
    compound: need.compound,
    building: contact ? need.building : null,
    phone: contact ? need.phone : maskPhone(need.phone),
    requesterName: requesterName ? (contact ? requesterName : maskName(requesterName)) : '',
    channel: facts.channel ?? 'app',
    recordedBy: need.recorded_by ? (people.get(need.recorded_by)?.name ?? null) : null,
    urgency: need.urgency as Urgency,
    status: facts.status,
    items: items.map((i) => ({ kind: i.kind as ItemKind, name: i.name, strength: i.strength, quantity: i.quantity, unit: i.unit, toBuy: i.to_buy })),
    note: need.note,
    location: need.lat !== null && need.lng !== null ? { lat: need.lat, lng: need.lng } : grid?.lat != null && grid.lng != null ? { lat: grid.lat, lng: grid.lng } : null,
    shop: need.shop_name && need.shop_lat !== null && need.shop_lng !== null ? { name: need.shop_name, lat: need.shop_lat, lng: need.shop_lng } : null,
    runner: runner
      ? { id: runner.id, name: runner.name, phone: runner.phone ? (seesRunner ? runner.phone : maskPhone(runner.phone)) : null }
      : null,
    claimedAt: iso(need.claimed_at),
    caseId: need.case_id,
    // With the number, the phone's last 4 digits open the progress page: only for those who see the phone in full.
    caseTrackingNumber: contact ? (caseRef?.trackingNumber ?? null) : null,
    caseStatus: caseRef ? (caseRef.status as CaseStatus) : null,
    createdAt: need.created_at.toISOString(),
    updatedAt: need.updated_at.toISOString(),
    abilities: {
      actions,
      seeContact: contact,
      setShop: parts.includes('runner') && (facts.status === 'claimed' || facts.status === 'open'),
    },
  };
}

export function presentNeedDetail(
  view: NeedView,
  timeline: (Pick<ErrandEventRow, 'action' | 'from_status' | 'to_status' | 'at' | 'note' | 'photo_id'> & { actor_name: string })[],
): NeedDetail {
  return {
    ...view,
    timeline: timeline.map((e) => ({
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      actorName: e.actor_name,
      at: e.at.toISOString(),
      note: e.note,
      photoId: e.photo_id,
    })),
  };
}
