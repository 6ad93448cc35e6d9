import type { Actor } from '../../platform/context.js';
import type { UnitRef } from './directory.js';
import type { ShiftRow } from './repo.js';
import type { DutyToday, Roster, Shift } from './schema.js';
import { canCheckIn, canManageDuty, canRemoveShift, type ShiftFacts } from './policy.js';

/**
 * Shapes duty responses. The person on duty is named in full: they serve the
 * unit publicly (「我是…，今天我值班」); no phone number is shown.
 */
export function factsOf(row: ShiftRow): ShiftFacts {
  return { regionCode: row.region_code, userId: row.user_id, date: row.date, checkedIn: row.checked_in_at !== null };
}

export function presentShift(row: ShiftRow, actor: Actor | null, today: string): Shift {
  const facts = factsOf(row);
  return {
    id: row.id,
    unitId: row.unit_id,
    date: row.date,
    user: { id: row.user_id, name: row.user_name },
    checkedInAt: row.checked_in_at ? row.checked_in_at.toISOString() : null,
    checkInPostId: row.check_in_post_id,
    abilities: { remove: canRemoveShift(actor, facts, today), checkIn: canCheckIn(actor, facts, today) },
  };
}

const unitSummary = (unit: UnitRef) => ({ id: unit.id, name: unit.name, regionCode: unit.regionCode });

export function presentRoster(unit: UnitRef, from: string, to: string, rows: ShiftRow[], actor: Actor | null, today: string): Roster {
  return {
    unit: unitSummary(unit),
    from,
    to,
    items: rows.map((r) => presentShift(r, actor, today)),
    abilities: { manage: canManageDuty(actor, unit.regionCode) },
  };
}

export function presentToday(unit: UnitRef, today: string, row: ShiftRow | undefined, actor: Actor | null): DutyToday {
  return { unit: unitSummary(unit), date: today, onDuty: row ? presentShift(row, actor, today) : null };
}
