import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { PREPARED } from '../../platform/db/prepared-client.js';

/** Queries of the duty roster (names are joined from users). */

export interface ShiftRow {
  id: string;
  unit_id: string;
  region_code: string;
  date: string;
  user_id: string;
  user_name: string;
  checked_in_at: Date | null;
  check_in_post_id: string | null;
}

function selectShifts(db: Executor) {
  return db
    .selectFrom('duty_shifts as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.unit_id',
      's.region_code',
      // A `date` read as text: no time zone can move it.
      sql<string>`s.duty_date::text`.as('date'),
      's.user_id',
      'u.name as user_name',
      's.checked_in_at',
      's.check_in_post_id',
    ]);
}

export async function findShift(db: Executor, id: string): Promise<ShiftRow | undefined> {
  return selectShifts(db).where('s.id', '=', id).executeTakeFirst();
}

export async function shiftOn(db: Executor, unitId: string, date: string): Promise<ShiftRow | undefined> {
  return selectShifts(db).where('s.unit_id', '=', unitId).where('s.duty_date', '=', date).executeTakeFirst();
}

export async function shiftsOn(db: Executor, unitIds: readonly string[], date: string): Promise<ShiftRow[]> {
  // Every intake batch asks it: prepared (its plan, by unit and day, does not depend on the values).
  return selectShifts(db).where('s.unit_id', '=', sql<string>`any(${unitIds}::uuid[])`).where('s.duty_date', '=', date).modifyEnd(PREPARED).execute();
}

/** Unit id → the person on duty, for every unit with a shift on `date` (the intake's roster snapshot). */
export async function onDutyByUnit(db: Executor, date: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('duty_shifts').select(['unit_id', 'user_id']).where('duty_date', '=', date).execute();
  return new Map(rows.map((r) => [r.unit_id, r.user_id]));
}

/** Locks a shift row for a state change within a transaction. */
export async function lockShift(trx: Executor, where: { id: string } | { unitId: string; date: string }) {
  let query = trx
    .selectFrom('duty_shifts')
    .select(['id', 'user_id', sql<string>`duty_date::text`.as('date'), 'checked_in_at'])
    .forUpdate();
  query = 'id' in where ? query.where('id', '=', where.id) : query.where('unit_id', '=', where.unitId).where('duty_date', '=', where.date);
  return query.executeTakeFirst();
}

export async function listShifts(db: Executor, unitId: string, from: string, to: string): Promise<ShiftRow[]> {
  return selectShifts(db)
    .where('s.unit_id', '=', unitId)
    .where('s.duty_date', '>=', from)
    .where('s.duty_date', '<=', to)
    .orderBy('s.duty_date')
    .execute();
}

/** Inserts a shift unless the unit already has one that day (returns its id, or null). */
export async function insertShiftIfAbsent(
  trx: Executor,
  s: { unitId: string; regionCode: string; date: string; userId: string; assignedBy: string },
): Promise<string | null> {
  const row = await trx
    .insertInto('duty_shifts')
    .values({ unit_id: s.unitId, region_code: s.regionCode, duty_date: s.date, user_id: s.userId, assigned_by: s.assignedBy })
    .onConflict((oc) => oc.columns(['unit_id', 'duty_date']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function reassignShift(trx: Executor, id: string, userId: string, assignedBy: string): Promise<void> {
  await trx.updateTable('duty_shifts').set({ user_id: userId, assigned_by: assignedBy }).where('id', '=', id).execute();
}

export async function deleteShift(trx: Executor, id: string): Promise<void> {
  await trx.deleteFrom('duty_shifts').where('id', '=', id).execute();
}

export async function markCheckedIn(trx: Executor, id: string, at: Date, postId: string): Promise<void> {
  await trx.updateTable('duty_shifts').set({ checked_in_at: at, check_in_post_id: postId }).where('id', '=', id).execute();
}
