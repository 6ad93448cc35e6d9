import type { Executor } from '../../platform/db/database.js';
import { referenceCache } from '../../platform/reference-cache.js';
import { shanghaiDate } from './dates.js';
import { onDutyByUnit } from './repo.js';

/**
 * Who is on duty, for the intake: every new case names its unit's cadre on
 * duty, and under load a query per intake batch is a visible share of each
 * case's wait. The roster changes a few times a day (a shift set, swapped or
 * checked in), so it is reference data: a snapshot per version of
 * `duty_shifts` (a statement trigger bumps it, migration 0501), checked with
 * the other reference data in one small query. A date's shifts are read the
 * first time the snapshot is asked about that date.
 */
export interface DutyRoster {
  /** The person on duty for the unit on the Shanghai date of `at`, or null; a date not read yet is read on `db`. */
  onDutyAt(db: Executor, at: Date, unitId: string): Promise<string | null>;
}

const DATES_KEPT = 4;

/**
 * The roster snapshot: one version check, shared with the other reference reads asked at the same
 * time, or the versions the request already read (`known`). It starts empty: it is made on whatever
 * executor checked the version, which may be a transaction that has ended by the time a date is asked for.
 */
export const rosterSnapshot = referenceCache<DutyRoster>(['duty_shifts'], async () => {
  const byDate = new Map<string, Promise<Map<string, string>>>();
  return {
    async onDutyAt(db, at, unitId) {
      const date = shanghaiDate(at);
      let shifts = byDate.get(date);
      if (!shifts) {
        byDate.set(date, (shifts = onDutyByUnit(db, date)));
        // A failed read is not kept: the next batch asks again.
        shifts.catch(() => byDate.delete(date));
        if (byDate.size > DATES_KEPT) byDate.delete(byDate.keys().next().value!);
      }
      return (await shifts).get(unitId) ?? null;
    },
  };
});

