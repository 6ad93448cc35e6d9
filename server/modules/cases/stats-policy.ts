import type { Actor, Role } from '../../platform/context.js';
import { grantsOf, isAdmin } from '../../platform/policy.js';

/**
 * Who may read which statistics (pure). Staff with a region grant read their
 * subtree; department handlers read their department's unit; discipline
 * inspectors read their subtree including supervision reports (confidential
 * cases), which everyone else's figures leave out; admins read everything.
 * Residents, volunteers, medics and supervision-committee members read none.
 */

export const STATS_REGION_ROLES: readonly Role[] = ['village_cadre', 'grid_worker', 'township_official', 'hotline_operator'];
export const STATS_DEPARTMENT_ROLES: readonly Role[] = ['department_handler'];
export const STATS_INSPECTOR_ROLES: readonly Role[] = ['discipline_inspector'];

export interface StatsReach {
  admin: boolean;
  /** Region subtrees, ordinary cases. */
  regionPrefixes: string[];
  /** Region subtrees of inspectors: ordinary and confidential cases. */
  inspectorPrefixes: string[];
  /** Department units whose own figures the actor reads. */
  departmentUnits: string[];
}

const uniq = (xs: string[]) => [...new Set(xs)];

export function statsReach(actor: Actor | null): StatsReach {
  return {
    admin: isAdmin(actor),
    regionPrefixes: uniq(grantsOf(actor, STATS_REGION_ROLES).filter((g) => g.departmentId === null).map((g) => g.regionPrefix)),
    inspectorPrefixes: uniq(grantsOf(actor, STATS_INSPECTOR_ROLES).map((g) => g.regionPrefix)),
    departmentUnits: uniq(grantsOf(actor, STATS_DEPARTMENT_ROLES).filter((g) => g.departmentId !== null).map((g) => g.unitId)),
  };
}

export function canReadStats(reach: StatsReach): boolean {
  return reach.admin || reach.regionPrefixes.length > 0 || reach.inspectorPrefixes.length > 0 || reach.departmentUnits.length > 0;
}

const covers = (prefixes: string[], code: string) => prefixes.some((p) => code.startsWith(p));

export function mayReadRegion(reach: StatsReach, prefix: string): boolean {
  return reach.admin || covers(reach.regionPrefixes, prefix) || covers(reach.inspectorPrefixes, prefix);
}

export function mayReadUnit(reach: StatsReach, unit: { id: string; regionCode: string }): boolean {
  return reach.admin || reach.departmentUnits.includes(unit.id) || covers(reach.regionPrefixes, unit.regionCode) || covers(reach.inspectorPrefixes, unit.regionCode);
}

/** Supervision reports are counted for admins and for inspectors whose subtree covers the scope. */
export function seesConfidential(reach: StatsReach, regionCodeOrPrefix: string): boolean {
  return reach.admin || covers(reach.inspectorPrefixes, regionCodeOrPrefix);
}

/** The scope shown when none is asked for: the widest subtree, else the first department. */
export function defaultStatsScope(reach: StatsReach, adminPrefix: string): { prefix: string } | { unitId: string } | null {
  if (reach.admin) return { prefix: adminPrefix };
  const prefixes = [...reach.regionPrefixes, ...reach.inspectorPrefixes].sort((a, b) => a.length - b.length);
  if (prefixes.length) return { prefix: prefixes[0]! };
  if (reach.departmentUnits.length) return { unitId: reach.departmentUnits[0]! };
  return null;
}
