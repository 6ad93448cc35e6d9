import type { Executor } from '../../platform/db/database.js';
import { ancestorCodes, regionLevel, type RegionLevel } from '../../../common/regions.js';
import { ROUTING_LEVELS, type RoutingLevel } from '../../../common/cases/types.js';
import type { UnitInfo } from './directory.js';
import { caseReference, type CaseReference } from './reference.js';
import { categoryLineage } from './repo.js';

/**
 * Routing (DESIGN §4): category × region → the handling unit.
 *
 * 1. The rule for the category (or its parent) whose region prefix is the
 *    longest match says the level — the village/community itself, the
 *    township, the county or the city — and optionally a department type.
 * 2. The case region's ancestor at that level gives the unit: the region's own
 *    body, or that department there; a department missing at that level is
 *    looked for at the levels above (a county without 城管 → the city's).
 * 3. Otherwise the case goes to the nearest region unit at or above its
 *    village — except a confidential report, which never falls back to the
 *    village it may be about: it waits for the discipline inspectors instead.
 */
export interface RouteResult {
  unit: UnitInfo | null;
  ruleId: string | null;
  fallback: boolean;
}

const LEVEL_OF: Record<RoutingLevel, RegionLevel> = { village: 'village', township: 'township', county: 'county', city: 'city' };
const DEPTH: Record<RegionLevel, number> = { province: 1, city: 2, county: 3, township: 4, village: 5, grid: 6 };

/** The code of `code`'s ancestor at `level` (or `code` itself when it is already at or above it). */
export function codeAtLevel(code: string, level: RoutingLevel): string {
  const target = LEVEL_OF[level];
  if (DEPTH[regionLevel(code)] <= DEPTH[target]) return code;
  return ancestorCodes(code).find((c) => regionLevel(c) === target) ?? code;
}

/** The answer from the reference snapshot: no query of its own. */
export function routeWith(ref: CaseReference, input: { categoryCode: string; regionCode: string; confidential: boolean }): RouteResult {
  const lineage = categoryLineage(input.categoryCode);
  // Longest region prefix first, then the most specific category.
  const rule = ref.rules
    .filter((r) => lineage.includes(r.category_code) && input.regionCode.startsWith(r.region_prefix))
    .sort((a, b) => b.region_prefix.length - a.region_prefix.length || b.category_code.length - a.category_code.length)[0];
  if (rule) {
    const startAt = ROUTING_LEVELS.indexOf(rule.target_level);
    if (rule.department_type) {
      for (const level of ROUTING_LEVELS.slice(Math.max(startAt, 1))) {
        const unit = ref.departments.get(`${codeAtLevel(input.regionCode, level)}|${rule.department_type}`);
        if (unit) return { unit, ruleId: rule.id, fallback: level !== rule.target_level };
      }
    } else {
      const unit = ref.regionUnits.get(codeAtLevel(input.regionCode, rule.target_level));
      if (unit) return { unit, ruleId: rule.id, fallback: false };
    }
  }
  if (input.confidential) return { unit: null, ruleId: rule?.id ?? null, fallback: true };
  // The village (or the case's own region when it is above a village), then upwards.
  const nearest = ancestorCodes(codeAtLevel(input.regionCode, 'village')).find((c) => ref.regionUnits.has(c));
  return { unit: nearest ? ref.regionUnits.get(nearest)! : null, ruleId: rule?.id ?? null, fallback: !!rule };
}

export async function routeCase(db: Executor, input: { categoryCode: string; regionCode: string; confidential: boolean }): Promise<RouteResult> {
  return routeWith(await caseReference(db), input);
}
