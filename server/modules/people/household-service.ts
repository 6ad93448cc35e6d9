import type { Actor, ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize, isAdmin, scopePrefixes } from '../../platform/policy.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { regionLevel } from '../../../common/regions.js';
import { ensureRegionUnit, regionPaths, requireRegion } from '../regions/service.js';
import * as repo from './repo.js';
import * as households from './household-repo.js';
import {
  HOUSEHOLD_VIEW_ROLES,
  canJoinHousehold,
  canListHouseholds,
  canSetRepresentative,
  canVerifyMember,
  canVerifyMembers,
  canViewHousehold,
  seesHouseholdAsStaff,
} from './policy.js';
import { householdFacts, presentHousehold } from './presenter.js';
import type { HouseholdListInput, HouseholdViewType, JoinHouseholdInput } from './schema.js';

/**
 * Use cases of households (一村一群、一户一人): residents ask to join a
 * household of their village or register a new one; the village's cadres
 * verify them, which makes them residents of the village's group; each
 * household has one representative who acknowledges notices for it.
 */

function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/** Presents households (with members and breadcrumbs) in the given order. */
async function present(ctx: ServiceContext, rows: households.HouseholdRow[], view: 'mine' | 'staff' | 'auto'): Promise<HouseholdViewType[]> {
  const members = await households.membersOf(
    ctx.db,
    rows.map((h) => h.id),
  );
  const paths = await regionPaths(
    ctx.db,
    rows.map((h) => h.region_code),
  );
  return rows.map((h) => {
    const own = members.filter((m) => m.household_id === h.id);
    const path = paths.get(h.region_code) ?? [];
    const mode = view === 'auto' ? (seesHouseholdAsStaff(ctx.actor, { regionCode: h.region_code }) ? 'staff' : 'mine') : view;
    return presentHousehold(h, own, { name: path[path.length - 1]?.name ?? '', path }, ctx.actor, mode);
  });
}

async function presentOne(ctx: ServiceContext, id: string, view: 'mine' | 'staff' | 'auto'): Promise<HouseholdViewType> {
  const row = await households.findHousehold(ctx.db, id);
  if (!row) throw notFound('household.not_found', 'id');
  return (await present(ctx, [row], view))[0]!;
}

/** `GET /households/mine`: my households and requests, me in full and the others masked. */
export async function myHouseholds(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const ids = await households.householdIdsOf(ctx.db, actor.userId);
  const rows = await households.householdsByIds(ctx.db, ids);
  const ordered = ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is households.HouseholdRow => !!r);
  return { items: await present(ctx, ordered, 'mine') };
}

/**
 * `POST /households/join`: ask to join an existing household (householdId)
 * or register a new one at a village/community or grid. The membership stays
 * pending until a cadre of that village verifies it.
 */
export async function joinHousehold(ctx: ServiceContext, input: JoinHouseholdInput): Promise<HouseholdViewType> {
  const actor = requireActor(ctx);
  authorize(canJoinHousehold(actor));
  const region = await requireRegion(ctx.db, input.regionCode);
  const level = regionLevel(region.code);
  if (level !== 'village' && level !== 'grid') throw badRequest('household.region_level', 'regionCode');
  const relation = input.relation.trim();
  if (!relation) throw badRequest('household.relation_blank', 'relation');
  const address = input.address?.trim() ?? '';
  let existing: households.HouseholdRow | undefined;
  if (input.householdId) {
    existing = await households.findHousehold(ctx.db, input.householdId);
    if (!existing) throw badRequest('household.unknown', 'householdId');
    if (!existing.region_code.startsWith(region.code)) throw badRequest('household.region_mismatch', 'regionCode');
  } else if (!address) {
    throw badRequest('household.address_blank', 'address');
  }
  const villagePrefix = region.code.slice(0, 12);
  const now = ctx.clock.now();

  const householdId = await ctx.db.transaction().execute(async (trx) => {
    // One request at a time per person, so two taps cannot register two households.
    await repo.lockPerson(trx, actor.userId);
    let previous: Awaited<ReturnType<typeof households.findMember>>;
    if (existing) {
      previous = await households.findMember(trx, existing.id, actor.userId);
      if (previous && previous.status !== 'rejected') throw conflict('household.already_member', 'householdId');
    }
    if (await households.activeMembershipUnder(trx, actor.userId, villagePrefix)) throw conflict('household.already_in_village', 'regionCode');

    let id: string;
    if (existing) {
      id = existing.id;
    } else {
      id = await households.insertHousehold(trx, { region_code: region.code, address });
      await audit(trx, ctx, { action: 'household.registered', targetType: 'household', targetId: id, after: { regionCode: region.code, address } });
    }
    if (previous) await households.reopenMember(trx, id, actor.userId, relation, now);
    else await households.insertMember(trx, { household_id: id, user_id: actor.userId, relation, created_at: now });
    await audit(trx, ctx, {
      action: 'household.join_requested',
      targetType: 'household',
      targetId: id,
      after: { userId: actor.userId, relation, status: 'pending', again: !!previous },
    });
    return id;
  });
  return presentOne(ctx, householdId, 'mine');
}

/** `GET /households`: the households of the cadre's area, those waiting for verification first. */
export async function listHouseholds(ctx: ServiceContext, input: HouseholdListInput) {
  const actor = requireActor(ctx);
  authorize(canListHouseholds(actor));
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  let prefixes: string[] | null;
  if (isAdmin(actor)) {
    prefixes = input.regionPrefix ? [input.regionPrefix] : null;
  } else {
    const scope = scopePrefixes(actor, HOUSEHOLD_VIEW_ROLES);
    prefixes = input.regionPrefix ? narrow(scope, input.regionPrefix) : scope;
  }
  const { rows, total } = await households.listHouseholds(ctx.db, { prefixes, status: input.status }, page, pageSize);
  return { items: await present(ctx, rows, 'staff'), total, page, pageSize };
}

/** The part of the scope inside the asked-for subtree. */
function narrow(scope: string[], asked: string): string[] {
  const out = new Set<string>();
  for (const p of scope) {
    if (asked.startsWith(p)) out.add(asked);
    else if (p.startsWith(asked)) out.add(p);
  }
  return [...out];
}

/** The household with its members, or a 404 when absent or not the caller's to see. */
async function visibleHousehold(ctx: ServiceContext, actor: Actor, id: string) {
  const household = await households.findHousehold(ctx.db, id);
  if (!household) throw notFound('household.not_found', 'id');
  const members = await households.membersOf(ctx.db, [id]);
  const facts = householdFacts(household, members);
  if (!canViewHousehold(actor, facts)) throw notFound('household.not_found', 'id');
  return { household, members, facts };
}

/**
 * `POST /households/:id/members/:userId/verify {approve}`: a cadre of the
 * village decides a pending membership. Approval makes the person a
 * 'resident' of the village/community unit (if not already) and, when the
 * household has no representative yet, its representative.
 */
export async function verifyMember(ctx: ServiceContext, householdId: string, userId: string, approve: boolean): Promise<HouseholdViewType> {
  const actor = requireActor(ctx);
  const { household, members, facts } = await visibleHousehold(ctx, actor, householdId);
  authorize(canVerifyMembers(actor, facts));
  const member = members.find((m) => m.user_id === userId);
  if (!member) throw notFound('household.member_not_found', 'userId');
  if (!canVerifyMember(actor, facts, userId)) throw forbidden('household.own_membership');
  const now = ctx.clock.now();

  await ctx.db.transaction().execute(async (trx) => {
    const locked = await households.lockHousehold(trx, householdId);
    if (!locked) throw notFound('household.not_found', 'id');
    if (!(await households.decideMember(trx, householdId, userId, approve ? 'verified' : 'rejected', actor.userId, now))) {
      throw conflict('household.not_pending', 'userId');
    }
    await audit(trx, ctx, {
      action: approve ? 'household.member_verified' : 'household.member_rejected',
      targetType: 'household',
      targetId: householdId,
      before: { userId, status: 'pending' },
      after: { userId, status: approve ? 'verified' : 'rejected' },
    });
    if (!approve) return;
    const villageCode = locked.region_code.slice(0, 12);
    const unitId = await ensureRegionUnit(trx, ctx, villageCode);
    const grant = await repo.insertGrant(trx, { user_id: userId, role: 'resident', unit_id: unitId, granted_by: actor.userId });
    if (grant.created) {
      await audit(trx, ctx, {
        action: 'role.granted',
        targetType: 'role_grant',
        targetId: grant.id,
        after: { userId, role: 'resident', unitId, reason: 'household_verified' },
      });
    }
    if (!locked.representative_user_id) {
      await households.setRepresentative(trx, householdId, userId);
      await audit(trx, ctx, {
        action: 'household.representative_set',
        targetType: 'household',
        targetId: householdId,
        before: { userId: null },
        after: { userId, reason: 'first_verified_member' },
      });
    }
  });
  return presentOne(ctx, household.id, 'auto');
}

/** `PUT /households/:id/representative {userId}` (一户一人): a verified member represents the household. */
export async function setRepresentative(ctx: ServiceContext, householdId: string, userId: string): Promise<HouseholdViewType> {
  const actor = requireActor(ctx);
  const { facts } = await visibleHousehold(ctx, actor, householdId);
  authorize(canSetRepresentative(actor, facts));

  await ctx.db.transaction().execute(async (trx) => {
    const locked = await households.lockHousehold(trx, householdId);
    if (!locked) throw notFound('household.not_found', 'id');
    const member = await households.findMember(trx, householdId, userId);
    if (!member || member.status !== 'verified') throw badRequest('household.representative_not_verified', 'userId');
    if (locked.representative_user_id === userId) return;
    await households.setRepresentative(trx, householdId, userId);
    await audit(trx, ctx, {
      action: 'household.representative_set',
      targetType: 'household',
      targetId: householdId,
      before: { userId: locked.representative_user_id },
      after: { userId },
    });
  });
  return presentOne(ctx, householdId, 'auto');
}
