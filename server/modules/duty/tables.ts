import type { ColumnType, Generated } from 'kysely';

/**
 * Who is on duty for a unit on a date (Asia/Shanghai). One person per unit
 * and day; the person checks in once, which posts 「今天我值班」 in the feed.
 */
export interface DutyShiftsTable {
  id: Generated<string>;
  unit_id: string;
  /** The unit's region (copied for scope queries and as the shard key's source). */
  region_code: string;
  /** `date` column, read as 'YYYY-MM-DD' text (see repo.ts). */
  duty_date: string;
  user_id: string;
  assigned_by: string | null;
  checked_in_at: Date | null;
  check_in_post_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

declare module '../../platform/db/database.js' {
  interface Database {
    duty_shifts: DutyShiftsTable;
  }
}
