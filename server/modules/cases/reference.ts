import type { Executor } from '../../platform/db/database.js';
import { referenceCache } from '../../platform/reference-cache.js';
import * as directory from './directory.js';
import type { UnitInfo } from './directory.js';
import * as repo from './repo.js';
import type { CategoryRow, RoutingRuleRow } from './repo.js';

/**
 * What the intake reads on every case — the catalogue, the routing rules and
 * the units — from the per-process reference cache (one version check per
 * use; server/platform/reference-cache.ts).
 */
export interface CaseReference {
  categories: Map<string, CategoryRow>;
  rules: RoutingRuleRow[];
  units: Map<string, UnitInfo>;
  /** A region's own unit (村委会, 街道办 …) by region code. */
  regionUnits: Map<string, UnitInfo>;
  /** Departments by `${regionCode}|${departmentType}`. */
  departments: Map<string, UnitInfo>;
}

export const caseReference = referenceCache<CaseReference>(['case_categories', 'case_routing_rules', 'units'], async (db: Executor) => {
  const [categories, rules, units] = await Promise.all([repo.listCategories(db, false), repo.listRoutingRules(db), directory.allUnits(db)]);
  return {
    categories: new Map(categories.map((c) => [c.code, c])),
    rules,
    units: new Map(units.map((u) => [u.id, u])),
    regionUnits: new Map(units.filter((u) => u.kind === 'region').map((u) => [u.regionCode, u])),
    departments: new Map(units.filter((u) => u.kind === 'department').map((u) => [`${u.regionCode}|${u.departmentType}`, u])),
  };
});
