import type { Executor } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { ancestorCodes, regionPrefix } from '../../../common/regions.js';
import * as repo from './repo.js';
import { canCreateDepartment, canUpdateUnit } from './policy.js';
import { presentRegionDetail, presentRegionSearchItem, presentUnit, presentUnitDetail, type PathEntry } from './presenter.js';
import { DEPARTMENT_LEVELS } from './departments.js';
import type { CreateDepartmentInput, RegionSearchInput, UnitListInput, UpdateUnitInput } from './schema.js';

/**
 * Use cases of the regions module, and the functions other modules use to
 * reach regions and units (never their tables).
 */

export type { RegionRow, UnitRow } from './repo.js';

const SEARCH_LIMIT = 50;

// ---------------------------------------------------------------------------
// For other modules
// ---------------------------------------------------------------------------

/** The region, or undefined. */
export function lookupRegion(db: Executor, code: string) {
  return repo.findRegion(db, code);
}

/** The unit (with its region's name and level), or undefined. */
export function lookupUnit(db: Executor, id: string) {
  return repo.findUnit(db, id);
}

/** Units by id (with their region's name and level). */
export async function lookupUnits(db: Executor, ids: string[]): Promise<Map<string, repo.UnitRow>> {
  return new Map((await repo.findUnits(db, ids)).map((u) => [u.id, u]));
}

/** Regions by code. */
export async function lookupRegions(db: Executor, codes: string[]): Promise<Map<string, repo.RegionRow>> {
  return new Map((await repo.regionsByCodes(db, codes)).map((r) => [r.code, r]));
}

/** Breadcrumbs of many regions at once (one query), from the province down to each region. */
export async function regionPaths(db: Executor, codes: string[]): Promise<Map<string, PathEntry[]>> {
  const all = [...new Set(codes.flatMap((c) => ancestorCodes(c)))];
  const named = await lookupRegions(db, all);
  return new Map(
    codes.map((code) => [
      code,
      ancestorCodes(code)
        .reverse()
        .filter((c) => named.has(c))
        .map((c) => ({ code: c, name: named.get(c)!.name })),
    ]),
  );
}

/** Every unit, its own columns only (for readers that keep them in a reference cache: server/platform/reference-cache.ts). */
export function allUnits(db: Executor) {
  return repo.allUnits(db);
}

/** The functional department of a type at a region (e.g. 芦淞区's 城管), or undefined. */
export function lookupDepartment(db: Executor, regionCode: string, departmentType: string) {
  return repo.findDepartment(db, regionCode, departmentType);
}

/** The ids of the regions' own units (村委会, 街道办 …), by region code. */
export function regionUnitIds(db: Executor, codes: string[]) {
  return repo.regionUnitIdsByCodes(db, codes);
}

/** A region that a request names in `field`, or a 400 'region.unknown' naming that field. */
export async function requireRegion(db: Executor, code: string, field = 'regionCode') {
  const region = await repo.findRegion(db, code);
  if (!region) throw badRequest('region.unknown', field, { code });
  return region;
}

/** A unit that a request names in `field`, or a 400 naming that field. */
export async function requireUnit(db: Executor, id: string, field = 'unitId') {
  const unit = await repo.findUnit(db, id);
  if (!unit) throw badRequest('unit.unknown', field);
  return unit;
}

/** Breadcrumb from the province down to the region itself (only the regions that exist). */
export async function regionPath(db: Executor, code: string): Promise<PathEntry[]> {
  return (await regionPaths(db, [code])).get(code) ?? [];
}

/**
 * The official name of a region's own body: 双江村村民委员会, 钟鼓岭社区居民委员会,
 * 月塘街道办事处, 朱亭镇人民政府, 渌口区人民政府, 株洲市人民政府.
 */
export function regionUnitName(region: { name: string; level: string; kind: string | null }): string {
  const kind = region.kind ?? '';
  switch (region.level) {
    case 'grid':
      return `${region.name}工作站`;
    case 'village':
      return kind === '社区' || region.name.endsWith('社区') ? `${region.name}居民委员会` : `${region.name}村民委员会`;
    case 'township':
      return kind === '街道' || region.name.endsWith('街道') ? `${region.name}办事处` : `${region.name}人民政府`;
    default:
      return `${region.name}人民政府`;
  }
}

/**
 * The region's own unit, created (and audited) in the caller's transaction if
 * the region has none yet. Used when a resident is verified into a village.
 */
export async function ensureRegionUnit(trx: Executor, ctx: Pick<ServiceContext, 'actor' | 'ip' | 'clock'>, code: string): Promise<string> {
  const existing = await repo.regionUnitIdsByCodes(trx, [code]);
  const id = existing.get(code);
  if (id) return id;
  const region = await repo.findRegion(trx, code);
  if (!region) throw badRequest('region.unknown', 'regionCode', { code });
  const name = regionUnitName(region);
  const unitId = await repo.insertUnit(trx, { kind: 'region', region_code: code, name, department_type: null, phone: null });
  await audit(trx, ctx, { action: 'unit.created', targetType: 'unit', targetId: unitId, after: { kind: 'region', regionCode: code, name } });
  return unitId;
}

// ---------------------------------------------------------------------------
// Use cases behind the routes
// ---------------------------------------------------------------------------

/** `GET /regions/:code`: the region, its breadcrumb and its children with their child counts. */
export async function getRegionDetail(ctx: ServiceContext, code: string) {
  const region = await repo.findRegion(ctx.db, code);
  if (!region) throw notFound('region.not_found', 'regionCode');
  const [path, children, units] = await Promise.all([
    regionPath(ctx.db, code),
    repo.childrenWithCounts(ctx.db, code),
    repo.regionUnitIdsByCodes(ctx.db, [code]),
  ]);
  return presentRegionDetail(region, path, children, units.get(code) ?? null, ctx.actor);
}

/**
 * `GET /regions?q=&parent=`: regions whose name contains q (within parent's
 * subtree when given), at most 50, each with its breadcrumb. Without q: the
 * children of parent, or the top-level regions.
 */
export async function searchRegions(ctx: ServiceContext, input: RegionSearchInput) {
  const q = input.q?.trim() ?? '';
  let prefix: string | null = null;
  if (input.parent) {
    const parent = await requireRegion(ctx.db, input.parent, 'parent');
    prefix = regionPrefix(parent.code);
  }
  let rows: repo.RegionRow[];
  if (q) {
    rows = await repo.searchRegions(ctx.db, { q, prefix, limit: SEARCH_LIMIT });
  } else {
    const listed = input.parent ? await repo.childrenWithCounts(ctx.db, input.parent) : await repo.rootsWithCounts(ctx.db);
    rows = listed.slice(0, SEARCH_LIMIT).map((r) => ({ ...r, parent_code: input.parent ?? null }));
  }
  const paths = await regionPaths(
    ctx.db,
    rows.map((r) => r.code),
  );
  return { items: rows.map((r) => presentRegionSearchItem(r, paths.get(r.code) ?? [])) };
}

/** `GET /units`: the public directory of units. */
export async function listUnits(ctx: ServiceContext, input: UnitListInput) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const { rows, total } = await repo.listUnits(
    ctx.db,
    { regionPrefix: input.regionPrefix, kind: input.kind, departmentType: input.departmentType, q: input.q?.trim() || undefined },
    page,
    pageSize,
  );
  return { items: rows.map(presentUnit), total, page, pageSize };
}

/** `GET /units/:id`. */
export async function getUnit(ctx: ServiceContext, id: string) {
  const unit = await repo.findUnit(ctx.db, id);
  if (!unit) throw notFound('unit.not_found', 'id');
  return presentUnitDetail(unit, await regionPath(ctx.db, unit.region_code), ctx.actor);
}

/** `POST /units` (admins): a functional department at a city, county or township. */
export async function createDepartment(ctx: ServiceContext, input: CreateDepartmentInput) {
  if (!ctx.actor) throw unauthorized();
  authorize(canCreateDepartment(ctx.actor));
  const name = input.name.trim();
  if (!name) throw badRequest('unit.name_blank', 'name');
  const region = await requireRegion(ctx.db, input.regionCode);
  if (!(DEPARTMENT_LEVELS as readonly string[]).includes(region.level)) throw badRequest('unit.department_level', 'regionCode');

  const id = await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findDepartment(trx, region.code, input.departmentType);
    if (existing) throw duplicateDepartment(region.name, input.departmentType, existing.name);
    let unitId: string;
    try {
      unitId = await repo.insertUnit(trx, {
        kind: 'department',
        region_code: region.code,
        name,
        department_type: input.departmentType,
        phone: input.phone ?? null,
      });
    } catch (err) {
      // Two administrators creating the same department at once: the unique index decides.
      if ((err as { code?: string }).code === '23505') throw duplicateDepartment(region.name, input.departmentType, name);
      throw err;
    }
    await audit(trx, ctx, {
      action: 'unit.created',
      targetType: 'unit',
      targetId: unitId,
      after: { kind: 'department', regionCode: region.code, name, departmentType: input.departmentType, phone: input.phone ?? null },
    });
    return unitId;
  });
  return getUnit(ctx, id);
}

function duplicateDepartment(region: string, type: string, name: string) {
  return conflict('unit.department_exists', 'departmentType', { region, type, name });
}

/** `PATCH /units/:id` (admins): rename a unit or change its office phone. */
export async function updateUnit(ctx: ServiceContext, id: string, input: UpdateUnitInput) {
  if (!ctx.actor) throw unauthorized();
  authorize(canUpdateUnit(ctx.actor));
  const changes: { name?: string; phone?: string | null } = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (!name) throw badRequest('unit.name_blank', 'name');
    changes.name = name;
  }
  if (input.phone !== undefined) changes.phone = input.phone;
  if (Object.keys(changes).length === 0) throw badRequest('unit.nothing_to_change', 'name');

  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.lockUnit(trx, id))) throw notFound('unit.not_found', 'id');
    const before = (await repo.findUnit(trx, id))!;
    await repo.updateUnit(trx, id, changes);
    await audit(trx, ctx, {
      action: 'unit.updated',
      targetType: 'unit',
      targetId: id,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as 'name' | 'phone']])),
      after: changes,
    });
  });
  return getUnit(ctx, id);
}
