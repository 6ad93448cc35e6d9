import type { Actor, Role } from '../../platform/context.js';
import { isAdmin } from '../../platform/policy.js';
import { maskName, maskPhone } from '../../../common/masking.js';
import type { UnitRow } from '../regions/service.js';
import type { GrantRow, PersonRow } from './repo.js';
import type { HouseholdRow, MemberRow } from './household-repo.js';
import {
  canRevokeGrant,
  canSeeContact,
  canSeePhoneInList,
  canSeeUsername,
  grantableRoles,
  householdAbilities,
  type HouseholdFacts,
  type PersonFacts,
  type UnitFacts,
} from './policy.js';
import type { HouseholdViewType } from './schema.js';

/** Shapes every answer of the people module and masks personal data, once. */

export function unitFacts(unit: UnitRow): UnitFacts {
  return { id: unit.id, kind: unit.kind, regionCode: unit.region_code, departmentType: unit.department_type };
}

function presentGrant(grant: GrantRow, unit: UnitRow, actor: Actor | null) {
  return {
    id: grant.id,
    role: grant.role as Role,
    unitId: unit.id,
    unitName: unit.name,
    unitKind: unit.kind,
    regionCode: unit.region_code,
    regionName: unit.region_name,
    departmentType: unit.department_type,
    grantedAt: grant.created_at.toISOString(),
    abilities: { revoke: canRevokeGrant(actor, { role: grant.role as Role, unit: unitFacts(unit) }) },
  };
}

function presentGrants(grants: GrantRow[], units: Map<string, UnitRow>, actor: Actor | null) {
  return grants.filter((g) => units.has(g.unit_id)).map((g) => presentGrant(g, units.get(g.unit_id)!, actor));
}

/** A row of the people directory: phone masked unless the caller is an administrator (or the person). */
export function presentPersonListItem(person: PersonRow, grants: GrantRow[], units: Map<string, UnitRow>, actor: Actor | null) {
  return {
    id: person.id,
    name: person.name,
    phone: person.phone === null ? null : canSeePhoneInList(actor, person.id) ? person.phone : maskPhone(person.phone),
    username: canSeeUsername(actor, person.id) ? person.username : null,
    status: person.status,
    grants: presentGrants(grants, units, actor),
  };
}

export interface MembershipInfo {
  household: HouseholdRow;
  regionName: string;
  relation: string;
  status: 'pending' | 'verified' | 'rejected';
}

/** One person: the full phone and households only for those who may contact them. */
export function presentPersonDetail(
  person: PersonRow,
  grants: GrantRow[],
  units: Map<string, UnitRow>,
  memberships: MembershipInfo[],
  facts: PersonFacts,
  actor: Actor | null,
) {
  const contact = canSeeContact(actor, facts);
  const roles = grantableRoles(actor);
  return {
    ...presentPersonListItem(person, grants, units, actor),
    phone: person.phone === null ? null : contact ? person.phone : maskPhone(person.phone),
    households: contact
      ? memberships.map((m) => ({
          householdId: m.household.id,
          regionCode: m.household.region_code,
          regionName: m.regionName,
          address: m.household.address,
          relation: m.relation,
          status: m.status,
          isRepresentative: m.household.representative_user_id === person.id,
        }))
      : [],
    createdAt: person.created_at.toISOString(),
    abilities: { addGrant: roles.length > 0, grantableRoles: roles },
  };
}

// ---------------------------------------------------------------------------
// Households
// ---------------------------------------------------------------------------

export function householdFacts(household: HouseholdRow, members: { user_id: string; status: MemberRow['status'] }[]): HouseholdFacts {
  return { regionCode: household.region_code, members: members.map((m) => ({ userId: m.user_id, status: m.status })) };
}

/**
 * A household as a member sees it (`mine`: themself in full, the others
 * masked 张*三 / 138****5678, and only once their own membership is verified)
 * or as staff of the area see it (`staff`: names in full, phones masked for
 * all but administrators — the person's page shows cadres the full number).
 */
export function presentHousehold(
  household: HouseholdRow,
  members: MemberRow[],
  region: { name: string; path: { code: string; name: string }[] },
  actor: Actor | null,
  view: 'mine' | 'staff',
): HouseholdViewType {
  const me = actor ? members.find((m) => m.user_id === actor.userId) : undefined;
  const admin = isAdmin(actor);
  const visible = view === 'staff' || me?.status === 'verified' ? members : members.filter((m) => m === me);
  const shown = (m: { user_id: string; name: string; phone: string | null }) => {
    const isMe = m.user_id === actor?.userId;
    if (view === 'mine' && !isMe) return { name: maskName(m.name), phone: m.phone === null ? null : maskPhone(m.phone) };
    return { name: m.name, phone: m.phone === null ? null : isMe || admin ? m.phone : maskPhone(m.phone) };
  };
  const representative = members.find((m) => m.user_id === household.representative_user_id && m.status === 'verified');
  return {
    id: household.id,
    regionCode: household.region_code,
    regionName: region.name,
    path: region.path,
    address: household.address,
    representative: representative && visible.includes(representative) ? { userId: representative.user_id, name: shown(representative).name } : null,
    members: visible.map((m) => ({
      userId: m.user_id,
      ...shown(m),
      relation: m.relation,
      status: m.status,
      isRepresentative: m.user_id === household.representative_user_id,
      isMe: m.user_id === actor?.userId,
      requestedAt: m.created_at.toISOString(),
      verifiedAt: m.verified_at ? m.verified_at.toISOString() : null,
    })),
    pendingCount: members.filter((m) => m.status === 'pending').length,
    myStatus: me?.status ?? null,
    createdAt: household.created_at.toISOString(),
    abilities: householdAbilities(actor, householdFacts(household, members)),
  };
}
