import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';

/** Queries of the regions module: plain functions taking the pool or a transaction. */

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  kind: string | null;
  parent_code: string | null;
}

export interface UnitRow {
  id: string;
  kind: 'region' | 'department';
  region_code: string;
  region_name: string;
  region_level: string;
  name: string;
  department_type: string | null;
  phone: string | null;
}

/** `%`, `_` and `\` typed by a person are literal characters, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findRegion(db: Executor, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').select(['code', 'name', 'level', 'kind', 'parent_code']).where('code', '=', code).executeTakeFirst();
}

export async function regionsByCodes(db: Executor, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'kind', 'parent_code'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
}

/** The children of a region, each with how many children it has in turn. */
export async function childrenWithCounts(db: Executor, code: string) {
  return db
    .selectFrom('regions as r')
    .select(['r.code', 'r.name', 'r.level', 'r.kind'])
    .select((eb) =>
      eb
        .selectFrom('regions as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_code', '=', 'r.code')
        .as('child_count'),
    )
    .where('r.parent_code', '=', code)
    .orderBy('r.code')
    .execute();
}

/** Top-level regions (provinces, or whatever has no parent in this installation). */
export async function rootsWithCounts(db: Executor) {
  return db
    .selectFrom('regions as r')
    .select(['r.code', 'r.name', 'r.level', 'r.kind'])
    .select((eb) =>
      eb
        .selectFrom('regions as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_code', '=', 'r.code')
        .as('child_count'),
    )
    .where('r.parent_code', 'is', null)
    .orderBy('r.code')
    .execute();
}

/**
 * Regions whose name contains `q` (trigram-indexed ILIKE), best first: exact
 * name, then names starting with q, then by similarity and level.
 */
export async function searchRegions(db: Executor, input: { q: string; prefix: string | null; limit: number }): Promise<RegionRow[]> {
  let query = db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'kind', 'parent_code'])
    .where('name', 'ilike', `%${escapeLike(input.q)}%`);
  if (input.prefix) query = query.where('code', 'like', `${escapeLike(input.prefix)}%`);
  return query
    .orderBy(sql`(name = ${input.q})`, 'desc')
    .orderBy(sql`(name like ${`${escapeLike(input.q)}%`})`, 'desc')
    .orderBy(sql`similarity(name, ${input.q})`, 'desc')
    .orderBy(sql`length(code)`)
    .orderBy('code')
    .limit(input.limit)
    .execute();
}

export async function regionUnitIdsByCodes(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('units')
    .select(['id', 'region_code'])
    .where('kind', '=', 'region')
    .where('region_code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.region_code, r.id]));
}

function unitColumns(qb: SelectQueryBuilder<Database, 'units' | 'regions', {}>) {
  return qb.select([
    'units.id',
    'units.kind',
    'units.region_code',
    'regions.name as region_name',
    'regions.level as region_level',
    'units.name',
    'units.department_type',
    'units.phone',
  ]);
}

export async function findUnit(db: Executor, id: string): Promise<UnitRow | undefined> {
  return unitColumns(db.selectFrom('units').innerJoin('regions', 'regions.code', 'units.region_code'))
    .where('units.id', '=', id)
    .executeTakeFirst();
}

export function allUnits(db: Executor) {
  return db.selectFrom('units').select(['id', 'name', 'kind', 'region_code', 'department_type']).execute();
}

export async function findUnits(db: Executor, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return unitColumns(db.selectFrom('units').innerJoin('regions', 'regions.code', 'units.region_code'))
    .where('units.id', 'in', [...new Set(ids)])
    .execute();
}

export async function findDepartment(db: Executor, regionCode: string, departmentType: string): Promise<UnitRow | undefined> {
  return unitColumns(db.selectFrom('units').innerJoin('regions', 'regions.code', 'units.region_code'))
    .where('units.kind', '=', 'department')
    .where('units.region_code', '=', regionCode)
    .where('units.department_type', '=', departmentType)
    .executeTakeFirst();
}

export interface UnitFilter {
  regionPrefix?: string;
  kind?: 'region' | 'department';
  departmentType?: string;
  q?: string;
}

function applyUnitFilter(eb: ExpressionBuilder<Database, 'units' | 'regions'>, f: UnitFilter) {
  const conds = [];
  if (f.regionPrefix) conds.push(eb('units.region_code', 'like', `${escapeLike(f.regionPrefix)}%`));
  if (f.kind) conds.push(eb('units.kind', '=', f.kind));
  if (f.departmentType) conds.push(eb('units.department_type', '=', f.departmentType));
  if (f.q) conds.push(eb('units.name', 'ilike', `%${escapeLike(f.q)}%`));
  return eb.and(conds);
}

/** A page of units, ordered down the region tree (city before county …), region bodies before departments. */
export async function listUnits(db: Executor, f: UnitFilter, page: number, pageSize: number): Promise<{ rows: UnitRow[]; total: number }> {
  const base = db.selectFrom('units').innerJoin('regions', 'regions.code', 'units.region_code');
  const [rows, count] = await Promise.all([
    unitColumns(base)
      .where((eb) => applyUnitFilter(eb, f))
      .orderBy(sql`length(rtrim(units.region_code, '0'))`)
      .orderBy('units.region_code')
      .orderBy('units.kind', 'desc')
      .orderBy('units.name')
      .orderBy('units.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => applyUnitFilter(eb, f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertUnit(
  db: Executor,
  values: { kind: 'region' | 'department'; region_code: string; name: string; department_type: string | null; phone: string | null },
): Promise<string> {
  const row = await db.insertInto('units').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUnit(db: Executor, id: string, changes: { name?: string; phone?: string | null }): Promise<void> {
  await db.updateTable('units').set(changes).where('id', '=', id).execute();
}

/** Locks the unit row for the rest of the transaction (serialises concurrent edits). */
export async function lockUnit(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return !!row;
}
