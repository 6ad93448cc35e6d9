import type { Actor, Role } from '../../platform/context.js';
import { grantsOf, isAdmin } from '../../platform/policy.js';

/**
 * Who sees and closes items of the supervision board (督办台), pure. An item
 * belongs to the upper unit it was sent to: the staff of that unit, and staff
 * whose region scope covers that unit's region (the unit or any above it),
 * see it; those of them who lead (village cadres, township officials,
 * department handlers) close it. Admins do both.
 */

export const BOARD_VIEW_ROLES: readonly Role[] = ['village_cadre', 'grid_worker', 'township_official', 'department_handler', 'hotline_operator'];
export const BOARD_CLOSE_ROLES: readonly Role[] = ['village_cadre', 'township_official', 'department_handler'];

export interface EscalationSubject {
  toUnitId: string;
  toRegionCode: string;
}

function reaches(actor: Actor | null, e: EscalationSubject, roles: readonly Role[]): boolean {
  return grantsOf(actor, roles).some((g) => g.unitId === e.toUnitId || (g.departmentId === null && e.toRegionCode.startsWith(g.regionPrefix)));
}

export function canSeeEscalation(actor: Actor | null, e: EscalationSubject): boolean {
  return isAdmin(actor) || reaches(actor, e, BOARD_VIEW_ROLES);
}

export function canCloseEscalation(actor: Actor | null, e: EscalationSubject): boolean {
  return isAdmin(actor) || reaches(actor, e, BOARD_CLOSE_ROLES);
}

/** The board's reach as data for SQL (the twin of canSeeEscalation). */
export interface BoardScope {
  admin: boolean;
  units: string[];
  regionPrefixes: string[];
}

export function boardScope(actor: Actor | null): BoardScope {
  const grants = grantsOf(actor, BOARD_VIEW_ROLES);
  return {
    admin: isAdmin(actor),
    units: [...new Set(grants.map((g) => g.unitId))],
    regionPrefixes: [...new Set(grants.filter((g) => g.departmentId === null).map((g) => g.regionPrefix))],
  };
}

export function hasBoard(actor: Actor | null): boolean {
  const s = boardScope(actor);
  return s.admin || s.units.length > 0;
}
