import type { Executor } from '../../platform/db/database.js';
import { lookupUnit, regionUnitIds } from '../regions/service.js';

/** The units a duty roster belongs to, through the regions module's service. */
export interface UnitRef {
  id: string;
  kind: 'region' | 'department';
  regionCode: string;
  name: string;
}

export async function findUnit(db: Executor, id: string): Promise<UnitRef | null> {
  const unit = await lookupUnit(db, id);
  return unit ? { id: unit.id, kind: unit.kind, regionCode: unit.region_code, name: unit.name } : null;
}

/** The region's own unit (村委会, 镇人民政府 …), or null. */
export async function findRegionUnit(db: Executor, regionCode: string): Promise<UnitRef | null> {
  const id = (await regionUnitIds(db, [regionCode])).get(regionCode);
  return id ? findUnit(db, id) : null;
}

// ---- for the demo seed (read-only; the people module exports no such reads yet)

/** Holders of a role at a region's own unit, by name. */
export async function grantHoldersAt(db: Executor, role: string, regionCode: string): Promise<{ userId: string; name: string }[]> {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .innerJoin('users as p', 'p.id', 'g.user_id')
    .select(['p.id as userId', 'p.name'])
    .where('g.role', '=', role)
    .where('u.kind', '=', 'region')
    .where('u.region_code', '=', regionCode)
    .where('p.status', '=', 'active')
    .orderBy('p.name')
    .execute();
}

/** The representatives of the verified households of a village, by address. */
export async function householdHeadsIn(db: Executor, regionCode: string): Promise<{ userId: string; name: string }[]> {
  return db
    .selectFrom('households as h')
    .innerJoin('household_members as m', (j) => j.onRef('m.household_id', '=', 'h.id').onRef('m.user_id', '=', 'h.representative_user_id'))
    .innerJoin('users as p', 'p.id', 'm.user_id')
    .select(['p.id as userId', 'p.name'])
    .where('h.region_code', '=', regionCode)
    .where('m.status', '=', 'verified')
    .orderBy('h.address')
    .execute();
}
