import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';

/** Queries about households and their members (一户一人). */

export interface HouseholdRow {
  id: string;
  region_code: string;
  address: string;
  representative_user_id: string | null;
  created_at: Date;
}

export interface MemberRow {
  household_id: string;
  user_id: string;
  name: string;
  phone: string | null;
  relation: string;
  status: 'pending' | 'verified' | 'rejected';
  verified_by: string | null;
  verified_at: Date | null;
  created_at: Date;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findHousehold(db: Executor, id: string): Promise<HouseholdRow | undefined> {
  return db
    .selectFrom('households')
    .select(['id', 'region_code', 'address', 'representative_user_id', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks the household for the rest of the transaction (verification and representative changes serialise). */
export async function lockHousehold(db: Executor, id: string): Promise<HouseholdRow | undefined> {
  return db
    .selectFrom('households')
    .select(['id', 'region_code', 'address', 'representative_user_id', 'created_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function householdsByIds(db: Executor, ids: string[]): Promise<HouseholdRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('households')
    .select(['id', 'region_code', 'address', 'representative_user_id', 'created_at'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Members of the households, with their names and phones, oldest request first. */
export async function membersOf(db: Executor, householdIds: string[]): Promise<MemberRow[]> {
  if (householdIds.length === 0) return [];
  return db
    .selectFrom('household_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.household_id', 'm.user_id', 'u.name', 'u.phone', 'm.relation', 'm.status', 'm.verified_by', 'm.verified_at', 'm.created_at'])
    .where('m.household_id', 'in', [...new Set(householdIds)])
    .orderBy('m.created_at')
    .orderBy('m.user_id')
    .execute();
}

export async function findMember(db: Executor, householdId: string, userId: string) {
  return db
    .selectFrom('household_members')
    .select(['household_id', 'user_id', 'relation', 'status', 'verified_by', 'verified_at'])
    .where('household_id', '=', householdId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The households the person belongs to or asked to join, newest first. */
export async function householdIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('household_members')
    .select('household_id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.household_id);
}

/** A membership of the person (pending or verified) in a household of the village/community subtree. */
export async function activeMembershipUnder(db: Executor, userId: string, villagePrefix: string) {
  return db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.household_id', 'm.status'])
    .where('m.user_id', '=', userId)
    .where('m.status', 'in', ['pending', 'verified'])
    .where('h.region_code', 'like', `${escapeLike(villagePrefix)}%`)
    .executeTakeFirst();
}

export async function insertHousehold(db: Executor, values: { region_code: string; address: string }): Promise<string> {
  const row = await db
    .insertInto('households')
    .values({ ...values, representative_user_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMember(db: Executor, values: { household_id: string; user_id: string; relation: string; created_at: Date }): Promise<void> {
  await db
    .insertInto('household_members')
    .values({ ...values, status: 'pending', verified_by: null, verified_at: null })
    .execute();
}

/** A rejected person asks again: the old decision is replaced by a fresh pending request. */
export async function reopenMember(db: Executor, householdId: string, userId: string, relation: string, at: Date): Promise<void> {
  await db
    .deleteFrom('household_members')
    .where('household_id', '=', householdId)
    .where('user_id', '=', userId)
    .where('status', '=', 'rejected')
    .execute();
  await insertMember(db, { household_id: householdId, user_id: userId, relation, created_at: at });
}

/** Decides a pending membership; false when it was not pending (already decided by someone else). */
export async function decideMember(
  db: Executor,
  householdId: string,
  userId: string,
  status: 'verified' | 'rejected',
  by: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('household_members')
    .set({ status, verified_by: by, verified_at: at })
    .where('household_id', '=', householdId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setRepresentative(db: Executor, householdId: string, userId: string | null): Promise<void> {
  await db.updateTable('households').set({ representative_user_id: userId }).where('id', '=', householdId).execute();
}

export interface HouseholdFilter {
  /** null: everywhere (administrators). */
  prefixes: string[] | null;
  status?: 'pending' | 'verified';
}

function householdWhere(eb: ExpressionBuilder<Database, 'households'>, f: HouseholdFilter) {
  const conds = [];
  if (f.prefixes) conds.push(eb.or(f.prefixes.map((p) => eb('households.region_code', 'like', `${escapeLike(p)}%`))));
  if (f.status) {
    conds.push(
      eb.exists(
        eb
          .selectFrom('household_members as m')
          .select(sql.lit(1).as('one'))
          .whereRef('m.household_id', '=', 'households.id')
          .where('m.status', '=', f.status),
      ),
    );
  }
  return eb.and(conds);
}

/** A page of households in the area: those with pending requests first, then by region and address. */
export async function listHouseholds(db: Executor, f: HouseholdFilter, page: number, pageSize: number) {
  if (f.prefixes && f.prefixes.length === 0) return { rows: [] as HouseholdRow[], total: 0 };
  const [rows, count] = await Promise.all([
    db
      .selectFrom('households')
      .select(['id', 'region_code', 'address', 'representative_user_id', 'created_at'])
      .where((eb) => householdWhere(eb, f))
      .orderBy(
        (eb) =>
          eb.exists(
            eb
              .selectFrom('household_members as m')
              .select(sql.lit(1).as('one'))
              .whereRef('m.household_id', '=', 'households.id')
              .where('m.status', '=', 'pending'),
          ),
        'desc',
      )
      .orderBy('region_code')
      .orderBy('address')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => householdWhere(eb, f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
