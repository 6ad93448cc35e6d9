import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { FlagStatus, PublicationKind } from '../../../common/disclosures/kinds.js';
import type { CadreHousehold } from './flag-rules.js';
import type { PublishedFact } from './compliance-logic.js';
import type { DisclosureFlagsTable } from './tables.js';

/** Queries behind red flags and the compliance board. */

/**
 * Village cadres' households and their members' names, by village. Read
 * straight from the people module's tables (role_grants, units, users,
 * households, household_members) because its service exposes no such query;
 * read-only, names only.
 */
export async function cadreHouseholds(db: Executor, regionCodes: string[]): Promise<Map<string, CadreHousehold[]>> {
  const out = new Map<string, CadreHousehold[]>();
  if (regionCodes.length === 0) return out;
  const res = await sql<{ region_code: string; cadre_id: string; cadre_name: string; member_name: string }>`
    select u.region_code, cu.id as cadre_id, cu.name as cadre_name, mu.name as member_name
    from role_grants g
    join units u on u.id = g.unit_id and u.kind = 'region'
    join users cu on cu.id = g.user_id
    join household_members hm on hm.user_id = g.user_id and hm.status = 'verified'
    join household_members m2 on m2.household_id = hm.household_id and m2.status = 'verified'
    join users mu on mu.id = m2.user_id
    where g.role = 'village_cadre' and u.region_code = any(${regionCodes}::text[])`.execute(db);
  const byCadre = new Map<string, { region: string; h: CadreHousehold }>();
  for (const r of res.rows) {
    const key = `${r.region_code}:${r.cadre_id}`;
    let entry = byCadre.get(key);
    if (!entry) byCadre.set(key, (entry = { region: r.region_code, h: { cadreName: r.cadre_name, memberNames: [] } }));
    entry.h.memberNames.push(r.member_name);
  }
  for (const { region, h } of byCadre.values()) out.set(region, [...(out.get(region) ?? []), h]);
  return out;
}

/** Every version's publication time, for on-time/late/missing. */
export async function publishedFacts(db: Executor, regionCodes: string[], kinds: PublicationKind[], from?: string, to?: string) {
  if (regionCodes.length === 0) return new Map<string, PublishedFact[]>();
  let q = db
    .selectFrom('disclosure_publications')
    .select(['id', 'region_code', 'period', 'kind', 'published_at'])
    .where('region_code', 'in', regionCodes)
    .where('kind', 'in', kinds);
  if (from) q = q.where('period', '>=', from);
  if (to) q = q.where('period', '<=', to);
  const rows = await q.execute();
  const out = new Map<string, PublishedFact[]>();
  for (const r of rows) {
    const list = out.get(r.region_code);
    if (list) list.push(r);
    else out.set(r.region_code, [r]);
  }
  return out;
}

/** The first period each village disclosed anything (where tracking starts when no region setting says). */
export async function firstPeriods(db: Executor, regionCodes: string[]): Promise<Map<string, string>> {
  if (regionCodes.length === 0) return new Map();
  const rows = await db
    .selectFrom('disclosure_publications')
    .select(['region_code', (eb) => eb.fn.min('period').as('first')])
    .where('region_code', 'in', regionCodes)
    .groupBy('region_code')
    .execute();
  return new Map(rows.map((r) => [r.region_code, String(r.first)]));
}

/**
 * Villages and communities under a prefix with their township, read from the
 * regions table (the regions service lists at most 50 children per call;
 * a district board needs all of them). Read-only.
 */
export async function villagesUnder(db: Executor, prefix: string) {
  return db
    .selectFrom('regions as v')
    .innerJoin('regions as t', 't.code', 'v.parent_code')
    .select(['v.code', 'v.name', 't.code as township_code', 't.name as township_name'])
    .where('v.level', '=', 'village')
    .where('v.code', 'like', `${prefix}%`)
    .orderBy('v.code')
    .execute();
}

// ---------------------------------------------------------------- flags

export type FlagRow = Omit<Selectable<DisclosureFlagsTable>, 'updated_at'>;

const flagColumns = [
  'id',
  'region_code',
  'county_code',
  'rule',
  'fingerprint',
  'status',
  'params',
  'entry_ids',
  'publication_id',
  'fund_id',
  'period',
  'first_detected_at',
  'last_detected_at',
] as const;

export async function flagsOf(db: Executor, regionCodes: string[]): Promise<FlagRow[]> {
  if (regionCodes.length === 0) return [];
  return db.selectFrom('disclosure_flags').select(flagColumns).where('region_code', 'in', regionCodes).execute();
}

export async function findFlag(db: Executor, id: string): Promise<FlagRow | undefined> {
  return db.selectFrom('disclosure_flags').select(flagColumns).where('id', '=', id).executeTakeFirst();
}

export async function lockFlag(trx: Executor, id: string): Promise<FlagRow | undefined> {
  return trx.selectFrom('disclosure_flags').select(flagColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface FlagFilter {
  prefix: string;
  status?: FlagStatus;
  rule?: string;
}

export async function listFlags(db: Executor, f: FlagFilter, page: number, pageSize: number) {
  let q = db.selectFrom('disclosure_flags as f').where('f.region_code', 'like', `${f.prefix}%`);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.rule) q = q.where('f.rule', '=', f.rule);
  const [rows, count] = await Promise.all([
    q
      .innerJoin('regions as r', 'r.code', 'f.region_code')
      .select(flagColumns.map((c) => `f.${c}` as const))
      .select('r.name as village_name')
      .orderBy('f.last_detected_at', 'desc')
      .orderBy('f.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countOpenFlags(db: Executor, regionCode: string): Promise<number> {
  const row = await db
    .selectFrom('disclosure_flags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_code', '=', regionCode)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type NewFlag = Omit<FlagRow, 'id' | 'params'> & { params: string; updated_at: Date };

export async function insertFlags(trx: Executor, rows: NewFlag[]): Promise<{ id: string; fingerprint: string; region_code: string }[]> {
  const out: { id: string; fingerprint: string; region_code: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(...(await trx.insertInto('disclosure_flags').values(rows.slice(i, i + 500)).returning(['id', 'fingerprint', 'region_code']).execute()));
  }
  return out;
}

export async function updateFlag(trx: Executor, id: string, values: Partial<Omit<NewFlag, 'region_code' | 'fingerprint'>>): Promise<void> {
  await trx.updateTable('disclosure_flags').set(values).where('id', '=', id).execute();
}

export async function insertFlagEvents(
  trx: Executor,
  rows: { flag_id: string; action: 'detected' | 'dismissed' | 'reopened' | 'resolved' | 'redetected'; reason: string | null; actor_id: string | null; created_at: Date }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('disclosure_flag_events').values(rows.slice(i, i + 1000)).execute();
}

export async function flagHistory(db: Executor, flagId: string) {
  return db
    .selectFrom('disclosure_flag_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.reason', 'e.created_at', 'u.name as actor'])
    .where('e.flag_id', '=', flagId)
    .orderBy('e.id')
    .execute();
}
