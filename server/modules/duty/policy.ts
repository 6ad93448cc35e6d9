import type { Actor, Role, RoleGrant } from '../../platform/context.js';
import { grantsOf, inRegionScope, isAdmin } from '../../platform/policy.js';
import { canReadFeedOf } from '../feed/service.js';

/**
 * Who may do what with a unit's duty roster. Pure predicates over (actor,
 * unit, shift); the unit is a region unit, known by its region code.
 */

/** Cadres of the unit or of a unit above it set and remove duty (admins anywhere). */
export const DUTY_MANAGER_ROLES: readonly Role[] = ['grid_worker', 'village_cadre', 'township_official', 'admin'];
/** Who may be put on duty for a unit: its cadres and those of the units above (seed 004: the township's party secretary on duty in 汆溪村's group). */
export const ON_DUTY_ROLES: readonly Role[] = ['grid_worker', 'village_cadre', 'township_official'];

export interface ShiftFacts {
  regionCode: string;
  userId: string;
  date: string;
  checkedIn: boolean;
}

/** The roster is as public as the unit's feed. */
export function canViewRoster(actor: Actor | null, regionCode: string): boolean {
  return canReadFeedOf(actor, regionCode);
}

export function canManageDuty(actor: Actor | null, regionCode: string): boolean {
  return isAdmin(actor) || inRegionScope(actor, regionCode, DUTY_MANAGER_ROLES);
}

export function canBeOnDuty(person: Actor | null, regionCode: string): boolean {
  return inRegionScope(person, regionCode, ON_DUTY_ROLES);
}

/** A shift may be changed or removed while it lies ahead (or is today) and nobody has checked in. */
export function canRemoveShift(actor: Actor | null, shift: ShiftFacts, today: string): boolean {
  return canManageDuty(actor, shift.regionCode) && !shift.checkedIn && shift.date >= today;
}

/** Only the person on duty, on the day itself, once. */
export function canCheckIn(actor: Actor | null, shift: ShiftFacts, today: string): boolean {
  return !!actor && actor.userId === shift.userId && shift.date === today && !shift.checkedIn && canBeOnDuty(actor, shift.regionCode);
}

/** The grant the person is on duty with: the nearest unit covering the duty unit. */
export function dutyCapacity(person: Actor, regionCode: string): RoleGrant | null {
  return (
    grantsOf(person, ON_DUTY_ROLES)
      .filter((g) => g.departmentId === null && regionCode.startsWith(g.regionPrefix))
      .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length)[0] ?? null
  );
}
