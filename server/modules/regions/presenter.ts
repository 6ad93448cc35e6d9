import type { Actor } from '../../platform/context.js';
import type { RegionRow, UnitRow } from './repo.js';
import { regionAbilities, unitAbilities } from './policy.js';
import type { RegionDetailView } from './schema.js';

/** Shapes every answer of the regions module; no route returns a row. */

export interface PathEntry {
  code: string;
  name: string;
}

export function presentRegionDetail(
  region: RegionRow,
  path: PathEntry[],
  children: { code: string; name: string; level: string; kind: string | null; child_count: number | string | null }[],
  unitId: string | null,
  actor: Actor | null,
): RegionDetailView {
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    kind: region.kind,
    parentCode: region.parent_code,
    path,
    children: children.map((c) => ({ code: c.code, name: c.name, level: c.level, kind: c.kind, childCount: Number(c.child_count ?? 0) })),
    unitId,
    abilities: regionAbilities(actor),
  };
}

export function presentRegionSearchItem(region: RegionRow, path: PathEntry[]) {
  return { code: region.code, name: region.name, level: region.level, kind: region.kind, path };
}

export function presentUnit(unit: UnitRow) {
  return {
    id: unit.id,
    kind: unit.kind,
    regionCode: unit.region_code,
    regionName: unit.region_name,
    regionLevel: unit.region_level,
    name: unit.name,
    departmentType: unit.department_type,
    // Office phones are public (the unit's duty line); nobody's personal number is stored here.
    phone: unit.phone,
  };
}

export function presentUnitDetail(unit: UnitRow, path: PathEntry[], actor: Actor | null) {
  return { ...presentUnit(unit), path, abilities: unitAbilities(actor) };
}
