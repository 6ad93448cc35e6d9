import type { Actor, Role } from '../../platform/context.js';
import { ROLES } from '../../platform/context.js';
import { STAFF_ROLES, grantsOf, inDepartment, inRegionScope, isAdmin } from '../../platform/policy.js';
import { regionLevel } from '../../../common/regions.js';

/**
 * Who may see and manage people, role grants and households: pure predicates
 * over (actor, facts), tested as a matrix in policy.test.ts.
 */

// ---------------------------------------------------------------------------
// Role grants
// ---------------------------------------------------------------------------

/** What the policies need to know about a unit. */
export interface UnitFacts {
  id: string;
  kind: 'region' | 'department';
  regionCode: string;
  departmentType: string | null;
}

const ABOVE_VILLAGE = ['township', 'county', 'city'];

/**
 * Which roles can be held at which units: a village cadre sits at a
 * village/community, a department handler at a department, a township
 * official at a township, county or city body, and so on.
 */
export function roleFitsUnit(role: Role, unit: UnitFacts): boolean {
  const level = regionLevel(unit.regionCode);
  const isRegion = unit.kind === 'region';
  switch (role) {
    case 'resident':
    case 'grid_worker':
      return isRegion && (level === 'village' || level === 'grid');
    case 'village_cadre':
    case 'supervision_member':
      return isRegion && level === 'village';
    case 'township_official':
      return isRegion && ABOVE_VILLAGE.includes(level);
    case 'department_handler':
      return !isRegion;
    case 'discipline_inspector':
      // A township's 纪委 is a 纪委 department at the township (镇纪委 / 街道纪工委); a grant at a region body still works where there is none.
      return isRegion ? ABOVE_VILLAGE.includes(level) : unit.departmentType === '纪委';
    case 'hotline_operator':
      return !isRegion || level === 'city' || level === 'county';
    case 'volunteer':
      return isRegion && level !== 'province';
    case 'medic':
      return isRegion ? level !== 'province' : unit.departmentType === '卫健';
    case 'admin':
      return true;
  }
}

/**
 * The roles each kind of local official may hand out, within their own
 * region subtree: their own level and below. Supervision members are
 * appointed by the township, never by the village cadres they supervise
 * (村务监督委员会 must be independent of the village committee); discipline
 * inspectors, department staff, hotline operators and administrators only by
 * administrators.
 */
export const GRANTABLE_BY: Partial<Record<Role, readonly Role[]>> = {
  township_official: ['township_official', 'village_cadre', 'supervision_member', 'grid_worker', 'volunteer', 'medic', 'resident'],
  village_cadre: ['village_cadre', 'grid_worker', 'volunteer', 'resident'],
};

/** May the actor give (or take away) this role at this unit? Administrators: any role, anywhere. */
export function canGrantRole(actor: Actor | null, role: Role, unit: UnitFacts): boolean {
  if (!actor) return false;
  if (isAdmin(actor)) return true;
  if (role === 'admin' || unit.kind !== 'region') return false;
  return actor.grants.some(
    (g) => g.departmentId === null && (GRANTABLE_BY[g.role] ?? []).includes(role) && unit.regionCode.startsWith(g.regionPrefix),
  );
}

/** Revoking follows the granting rule (the last-admin rule is checked by the service, which can count). */
export function canRevokeGrant(actor: Actor | null, grant: { role: Role; unit: UnitFacts }): boolean {
  return canGrantRole(actor, grant.role, grant.unit);
}

/** The roles the actor can grant somewhere (for the web's role picker). */
export function grantableRoles(actor: Actor | null): Role[] {
  if (!actor) return [];
  if (isAdmin(actor)) return [...ROLES];
  const roles = new Set<Role>();
  for (const g of actor.grants) if (g.departmentId === null) for (const r of GRANTABLE_BY[g.role] ?? []) roles.add(r);
  return ROLES.filter((r) => roles.has(r));
}

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

/** Where a person is: the region codes of the units they hold roles at, their departments and households. */
export interface PersonFacts {
  id: string;
  grantRegionCodes: string[];
  grantDepartmentIds: string[];
  householdRegionCodes: string[];
}

/** Roles that may see people's full contact details in their area (they call and visit them). */
export const CONTACT_ROLES: readonly Role[] = ['village_cadre', 'township_official', 'grid_worker'];

function personInScope(actor: Actor, person: PersonFacts, roles: readonly Role[]): boolean {
  return (
    person.grantRegionCodes.some((c) => inRegionScope(actor, c, roles)) ||
    person.grantDepartmentIds.some((d) => inDepartment(actor, d, roles)) ||
    person.householdRegionCodes.some((c) => inRegionScope(actor, c, roles))
  );
}

/** Staff see the people directory of their area; administrators all of it. */
export function canListPeople(actor: Actor | null): boolean {
  return isAdmin(actor) || grantsOf(actor, STAFF_ROLES).length > 0;
}

/** Oneself, administrators, and staff whose area (or department) the person is in. Others get a 404. */
export function canViewPerson(actor: Actor | null, person: PersonFacts): boolean {
  if (!actor) return false;
  return actor.userId === person.id || isAdmin(actor) || personInScope(actor, person, STAFF_ROLES);
}

/** Full phone number and households: oneself, administrators, and cadres/grid workers of the person's area. */
export function canSeeContact(actor: Actor | null, person: PersonFacts): boolean {
  if (!actor) return false;
  return actor.userId === person.id || isAdmin(actor) || personInScope(actor, person, CONTACT_ROLES);
}

/** In lists phones are masked (138****5678) for everyone but administrators (and oneself). */
export function canSeePhoneInList(actor: Actor | null, personId: string): boolean {
  return !!actor && (isAdmin(actor) || actor.userId === personId);
}

/** The sign-in name is shown to administrators and to oneself. */
export function canSeeUsername(actor: Actor | null, personId: string): boolean {
  return canSeePhoneInList(actor, personId);
}

/** Administrators, township officials and village cadres create people (the latter with a role in their area). */
export function canCreatePerson(actor: Actor | null): boolean {
  return isAdmin(actor) || grantableRoles(actor).length > 0;
}

// ---------------------------------------------------------------------------
// Households (一村一群、一户一人)
// ---------------------------------------------------------------------------

/** Roles that see the households of their area. */
export const HOUSEHOLD_VIEW_ROLES: readonly Role[] = ['village_cadre', 'township_official', 'grid_worker'];
/** Roles that verify memberships: the cadres of the village, and the township above. */
export const HOUSEHOLD_VERIFY_ROLES: readonly Role[] = ['village_cadre', 'township_official'];

export interface HouseholdFacts {
  regionCode: string;
  members: { userId: string; status: 'pending' | 'verified' | 'rejected' }[];
}

function isVerifiedMember(actor: Actor, household: HouseholdFacts): boolean {
  return household.members.some((m) => m.userId === actor.userId && m.status === 'verified');
}

/** Anyone signed in may ask to join a household or register a new one. */
export function canJoinHousehold(actor: Actor | null): boolean {
  return actor !== null;
}

export function canListHouseholds(actor: Actor | null): boolean {
  return isAdmin(actor) || grantsOf(actor, HOUSEHOLD_VIEW_ROLES).some((g) => g.departmentId === null);
}

/** Administrators, verified members, and cadres/grid workers of the household's area. Others get a 404. */
export function canViewHousehold(actor: Actor | null, household: HouseholdFacts): boolean {
  if (!actor) return false;
  return isAdmin(actor) || isVerifiedMember(actor, household) || inRegionScope(actor, household.regionCode, HOUSEHOLD_VIEW_ROLES);
}

/** Staff of the area (and administrators) see a household's members by full name; members see each other masked. */
export function seesHouseholdAsStaff(actor: Actor | null, household: Pick<HouseholdFacts, 'regionCode'>): boolean {
  return isAdmin(actor) || inRegionScope(actor, household.regionCode, HOUSEHOLD_VIEW_ROLES);
}

/** Verifying or rejecting members: the village's cadres, the township above, administrators. */
export function canVerifyMembers(actor: Actor | null, household: HouseholdFacts): boolean {
  if (!actor) return false;
  return isAdmin(actor) || inRegionScope(actor, household.regionCode, HOUSEHOLD_VERIFY_ROLES);
}

/** Nobody verifies their own membership (it would grant them the resident role by themselves). */
export function canVerifyMember(actor: Actor | null, household: HouseholdFacts, memberUserId: string): boolean {
  return canVerifyMembers(actor, household) && actor!.userId !== memberUserId;
}

/** The household chooses its representative (any verified member), or the cadres set it. */
export function canSetRepresentative(actor: Actor | null, household: HouseholdFacts): boolean {
  if (!actor) return false;
  return isVerifiedMember(actor, household) || canVerifyMembers(actor, household);
}

export function householdAbilities(actor: Actor | null, household: HouseholdFacts) {
  return { verify: canVerifyMembers(actor, household), setRepresentative: canSetRepresentative(actor, household) };
}
