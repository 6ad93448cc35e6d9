import type { Executor } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/context.js';
import type { ReferenceVersions } from '../../platform/reference-cache.js';
import * as regions from '../regions/service.js';
import * as duty from '../duty/service.js';
import * as feed from '../feed/service.js';

/**
 * The case engine's one seam to other modules: regions and units come from
 * the regions service, people from the people tables (read only, until the
 * people module exports a service for it), the on-duty cadre from the duty
 * service, group posts from the feed service.
 */

export interface UnitInfo {
  id: string;
  name: string;
  kind: 'region' | 'department';
  regionCode: string;
  departmentType: string | null;
}

const toUnit = (u: { id: string; name: string; kind: 'region' | 'department'; region_code: string; department_type: string | null }): UnitInfo => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  regionCode: u.region_code,
  departmentType: u.department_type,
});

export async function findRegion(db: Executor, code: string): Promise<{ code: string; name: string; level: string } | null> {
  return (await regions.lookupRegion(db, code)) ?? null;
}

export async function findUnit(db: Executor, id: string): Promise<UnitInfo | null> {
  const unit = await regions.lookupUnit(db, id);
  return unit ? toUnit(unit) : null;
}

export async function findDepartment(db: Executor, regionCode: string, departmentType: string): Promise<UnitInfo | null> {
  const unit = await regions.lookupDepartment(db, regionCode, departmentType);
  return unit ? toUnit(unit) : null;
}

/** Every unit (for the reference cache, reference.ts). */
export async function allUnits(db: Executor): Promise<UnitInfo[]> {
  return (await regions.allUnits(db)).map(toUnit);
}

/** Region units by region code. */
export async function regionUnits(db: Executor, codes: string[]): Promise<Map<string, string>> {
  return regions.regionUnitIds(db, codes);
}

/** Names of units and regions for a page of cases, looked up once each. */
export async function namesFor(db: Executor, unitIds: (string | null)[], regionCodes: string[]) {
  const ids = [...new Set(unitIds.filter((x): x is string => !!x))];
  const codes = [...new Set(regionCodes)];
  // Two queries for a page, not one per unit and region.
  const [units, regionRows] = await Promise.all([regions.lookupUnits(db, ids), regions.lookupRegions(db, codes)]);
  return {
    units: new Map([...units.values()].map((u) => [u.id, toUnit(u)])),
    regions: new Map([...regionRows.values()].map((r) => [r.code, r.name])),
  };
}
export type Names = Awaited<ReturnType<typeof namesFor>>;

/**
 * The people on duty today at a unit (DESIGN §4: they are told first). An
 * empty list when nobody is rostered: then the whole unit is told at once.
 */
export async function onDutyUserIds(ctx: Pick<ServiceContext, 'db' | 'clock'>, unitId: string): Promise<string[]> {
  const shift = await duty.onDutyToday(ctx, unitId);
  return shift ? [shift.user.id] : [];
}

export type { DutyRoster } from '../duty/service.js';

/** The duty roster as reference data: checked together with the case reference, read without a query per batch. */
export function dutyRoster(db: Executor, known?: Promise<ReferenceVersions>): Promise<duty.DutyRoster> {
  return duty.rosterSnapshot(db, known);
}

/** A group post as the caller may see it (403/404 from the feed's own policy). */
export function readPost(ctx: ServiceContext, postId: string) {
  return feed.getPost(ctx, { postId });
}
