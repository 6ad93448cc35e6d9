import type { Actor, Role, RoleGrant } from './context.js';
import { forbidden, notFound } from './errors.js';
import { regionPrefix } from '../../common/regions.js';

/**
 * Building blocks of the pure policy functions in each module's `policy.ts`.
 * A policy answers true/false; routes turn false into 403 (or 404 where the
 * existence of the thing is itself secret) with `authorize`.
 */
export function grantsOf(actor: Actor | null, roles?: readonly Role[]): RoleGrant[] {
  if (!actor) return [];
  return roles ? actor.grants.filter((g) => roles.includes(g.role)) : actor.grants;
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return grantsOf(actor, roles).length > 0;
}

export function isAdmin(actor: Actor | null): boolean {
  return hasRole(actor, 'admin');
}

/** True when one of the actor's grants (of the given roles) covers the region. */
export function inRegionScope(actor: Actor | null, regionCode: string, roles?: readonly Role[]): boolean {
  return grantsOf(actor, roles).some((g) => g.departmentId === null && regionCode.startsWith(g.regionPrefix));
}

/** True when the actor acts for this department (with one of the roles). */
export function inDepartment(actor: Actor | null, departmentId: string, roles?: readonly Role[]): boolean {
  return grantsOf(actor, roles).some((g) => g.departmentId === departmentId);
}

/** The region prefixes the actor covers with the given roles (for SQL filters). */
export function scopePrefixes(actor: Actor | null, roles?: readonly Role[]): string[] {
  const prefixes = grantsOf(actor, roles)
    .filter((g) => g.departmentId === null)
    .map((g) => g.regionPrefix);
  // Drop prefixes already covered by a shorter one.
  return prefixes.filter((p, i) => !prefixes.some((q, j) => j !== i && p.startsWith(q) && (q !== p || j < i)));
}

/** True when one of the actor's verified households lies in the region's subtree (their home or a unit above it). */
export function livesUnder(actor: Actor | null, regionCode: string): boolean {
  const prefix = regionPrefix(regionCode);
  return !!actor && actor.householdRegions.some((home) => home.startsWith(prefix));
}

export function authorize(allowed: boolean, options: { hideExistence?: boolean } = {}): void {
  if (!allowed) throw options.hideExistence ? notFound() : forbidden();
}

/** Staff roles: everyone but plain residents. */
export const STAFF_ROLES: readonly Role[] = [
  'grid_worker',
  'village_cadre',
  'supervision_member',
  'township_official',
  'department_handler',
  'discipline_inspector',
  'hotline_operator',
  'volunteer',
  'medic',
  'admin',
];
