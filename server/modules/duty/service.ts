import type { Actor, ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { AppError, badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { translate } from '../../../common/i18n/server-messages.js';
import { loadActor } from '../people/actor.js';
import { createDutyCheckInPost, getPost } from '../feed/service.js';
import { findRegionUnit, findUnit, type UnitRef } from './directory.js';
import { deleteShift, findShift, insertShiftIfAbsent, listShifts, lockShift, markCheckedIn, reassignShift, shiftOn, shiftsOn } from './repo.js';
import { canBeOnDuty, canManageDuty, canViewRoster, dutyCapacity } from './policy.js';
import { presentRoster, presentShift, presentToday } from './presenter.js';
import { addDays, daysBetween, shanghaiDate } from './dates.js';
import type { CheckInResult, DutyToday, Roster, SetDutyBody, Shift } from './schema.js';

export { rosterSnapshot, type DutyRoster } from './roster-cache.js';

/**
 * The duty roster: who is on duty for a unit on a date (Asia/Shanghai), set
 * by the cadres of the unit and above; the person on duty checks in once on
 * the day, which posts 「@所有人，大家好！我是…，今天我值班……」 in the unit's
 * feed (through the feed module's service) in the same transaction.
 */

/** Longest roster one request returns, in days. */
export const ROSTER_MAX_DAYS = 62;
/** How far ahead duty may be planned, in days. */
export const PLAN_AHEAD_DAYS = 366;

function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/** The region unit a roster belongs to (404 when unknown, 400 for a department). */
async function requireRegionUnit(ctx: ServiceContext, unitId: string): Promise<UnitRef> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('duty.unit_not_found', 'unitId');
  if (unit.kind !== 'region') throw badRequest('duty.unit_not_region', 'unitId');
  return unit;
}

export const todayOf = (ctx: Pick<ServiceContext, 'clock'>) => shanghaiDate(ctx.clock.now());

export async function listRoster(ctx: ServiceContext, input: { unitId: string; from?: string; to?: string }): Promise<Roster> {
  const actor = requireActor(ctx);
  const unit = await requireRegionUnit(ctx, input.unitId);
  authorize(canViewRoster(actor, unit.regionCode));
  const today = todayOf(ctx);
  const from = input.from ?? today;
  const to = input.to ?? addDays(from, 6);
  const span = daysBetween(from, to);
  if (span < 0 || span >= ROSTER_MAX_DAYS) throw badRequest('duty.range_invalid', 'to', { limit: ROSTER_MAX_DAYS });
  const rows = await listShifts(ctx.db, unit.id, from, to);
  return presentRoster(unit, from, to, rows, actor, today);
}

/** Puts a person on duty for a unit on a date, replacing whoever was (unless they have checked in). */
export async function setDuty(ctx: ServiceContext, input: SetDutyBody): Promise<Shift> {
  const actor = requireActor(ctx);
  const unit = await requireRegionUnit(ctx, input.unitId);
  authorize(canManageDuty(actor, unit.regionCode));
  const today = todayOf(ctx);
  if (input.date < today) throw badRequest('duty.date_past', 'date');
  if (daysBetween(today, input.date) > PLAN_AHEAD_DAYS) throw badRequest('validation.range', 'date');
  const person = await loadActor(ctx.db, input.userId, null);
  if (!person || !canBeOnDuty(person, unit.regionCode)) throw badRequest('duty.user_not_eligible', 'userId');

  const id = await ctx.db.transaction().execute(async (trx) => {
    let existing = await lockShift(trx, { unitId: unit.id, date: input.date });
    if (!existing) {
      const inserted = await insertShiftIfAbsent(trx, {
        unitId: unit.id,
        regionCode: unit.regionCode,
        date: input.date,
        userId: person.userId,
        assignedBy: actor.userId,
      });
      if (inserted) {
        await audit(trx, ctx, {
          action: 'duty.set',
          targetType: 'duty_shift',
          targetId: inserted,
          after: { unitId: unit.id, date: input.date, userId: person.userId },
        });
        return inserted;
      }
      // Someone else planned the same day at the same moment: treat theirs as the existing one.
      existing = await lockShift(trx, { unitId: unit.id, date: input.date });
      if (!existing) throw conflict('duty.shift_not_found');
    }
    if (existing.checked_in_at !== null) throw conflict('duty.shift_checked_in');
    if (existing.user_id === person.userId) return existing.id;
    await reassignShift(trx, existing.id, person.userId, actor.userId);
    await audit(trx, ctx, {
      action: 'duty.set',
      targetType: 'duty_shift',
      targetId: existing.id,
      before: { unitId: unit.id, date: input.date, userId: existing.user_id },
      after: { unitId: unit.id, date: input.date, userId: person.userId },
    });
    return existing.id;
  });
  const row = await findShift(ctx.db, id);
  return presentShift(row!, actor, today);
}

export async function removeDuty(ctx: ServiceContext, input: { id: string }): Promise<void> {
  const actor = requireActor(ctx);
  const shift = await findShift(ctx.db, input.id);
  if (!shift) throw notFound('duty.shift_not_found');
  authorize(canManageDuty(actor, shift.region_code));
  const today = todayOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockShift(trx, { id: shift.id });
    if (!locked) throw notFound('duty.shift_not_found');
    if (locked.checked_in_at !== null) throw conflict('duty.shift_checked_in');
    if (locked.date < today) throw conflict('duty.shift_past');
    await deleteShift(trx, shift.id);
    await audit(trx, ctx, {
      action: 'duty.remove',
      targetType: 'duty_shift',
      targetId: shift.id,
      before: { unitId: shift.unit_id, date: locked.date, userId: locked.user_id },
    });
  });
}

/** Who is on duty today for the unit of a region (as public as the unit's feed). */
export async function dutyToday(ctx: ServiceContext, input: { regionCode: string }): Promise<DutyToday> {
  const actor = requireActor(ctx);
  const unit = await findRegionUnit(ctx.db, input.regionCode);
  if (!unit) throw notFound('duty.region_no_unit', 'regionCode');
  authorize(canViewRoster(actor, unit.regionCode));
  const today = todayOf(ctx);
  return presentToday(unit, today, await shiftOn(ctx.db, unit.id, today), actor);
}

/**
 * The person on duty checks in (once, on the day): the shift is marked and
 * 「@所有人，大家好！我是{unit}{name}，今天我值班……」 is posted in the unit's
 * feed, both in one transaction with their audit rows.
 */
export async function checkIn(ctx: ServiceContext, input: { unitId: string }): Promise<CheckInResult> {
  const actor = requireActor(ctx);
  const unit = await requireRegionUnit(ctx, input.unitId);
  const today = todayOf(ctx);
  const shift = await shiftOn(ctx.db, unit.id, today);
  if (!shift || shift.user_id !== actor.userId) throw new AppError(403, 'forbidden', 'duty.not_on_duty');
  if (shift.checked_in_at !== null) throw conflict('duty.already_checked_in');
  // Still a cadre of the unit or above? (A grant may have been withdrawn since the roster was made.)
  const capacity = dutyCapacity(actor, unit.regionCode);
  if (!capacity) throw new AppError(403, 'forbidden', 'duty.not_on_duty');
  const body = translate(ctx.lang, 'duty.check_in_body', { unit: capacity.unitName, name: actor.name });

  const postId = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockShift(trx, { id: shift.id });
    if (!locked || locked.user_id !== actor.userId) throw new AppError(403, 'forbidden', 'duty.not_on_duty');
    if (locked.checked_in_at !== null) throw conflict('duty.already_checked_in');
    const at = ctx.clock.now();
    const post = await createDutyCheckInPost(trx, ctx, { regionCode: unit.regionCode, body, role: capacity.role, unitName: capacity.unitName });
    await markCheckedIn(trx, shift.id, at, post);
    await audit(trx, ctx, {
      action: 'duty.check_in',
      targetType: 'duty_shift',
      targetId: shift.id,
      after: { unitId: unit.id, date: today, postId: post },
    });
    return post;
  });
  const row = await findShift(ctx.db, shift.id);
  return { shift: presentShift(row!, actor, today), post: await getPost(ctx, { postId }) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OnDuty {
  shiftId: string;
  unitId: string;
  date: string;
  user: { id: string; name: string };
  checkedInAt: Date | null;
}

/**
 * Who is on duty for a unit today (Asia/Shanghai), or null. For other
 * modules (the case engine notifies the on-duty cadre first); no
 * authorization: the caller decides what to do with the answer.
 *
 *   const duty = await onDutyToday(ctx, unitId); // → { user: { id, name }, … } | null
 */
export async function onDutyToday(ctx: Pick<ServiceContext, 'db' | 'clock'>, unitId: string): Promise<OnDuty | null> {
  return (await onDutyTodayAt(ctx, [unitId])).get(unitId) ?? null;
}

/** `onDutyToday` for several units in one query: unit id → who is on duty (units with nobody left out). */
async function onDutyTodayAt(ctx: Pick<ServiceContext, 'db' | 'clock'>, unitIds: readonly string[]): Promise<Map<string, OnDuty>> {
  const valid = unitIds.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map();
  const rows = await shiftsOn(ctx.db, valid, todayOf(ctx));
  return new Map(
    rows.map((row) => [
      row.unit_id,
      { shiftId: row.id, unitId: row.unit_id, date: row.date, user: { id: row.user_id, name: row.user_name }, checkedInAt: row.checked_in_at },
    ]),
  );
}
