import type { ColumnType, Generated } from 'kysely';
import type { DeadlineStep, EscalationKind, NotificationKind } from '../../../common/cases/deadlines.js';

/** Tables of deadlines, escalation and notifications (migrations-ops.ts). */

export interface CaseDeadlineStepsTable {
  case_id: string;
  step: DeadlineStep;
  due_at: Date;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CaseEscalationsTable {
  id: Generated<string>;
  case_id: string;
  kind: EscalationKind;
  from_unit_id: string | null;
  to_unit_id: string;
  /** The receiving unit's region: staff whose scope covers it see the item. */
  to_region_code: string;
  /** The deadline that passed. */
  due_at: Date;
  overdue_minutes: number;
  created_at: ColumnType<Date, Date | undefined, never>;
  closed_at: Date | null;
  closed_by: string | null;
  close_note: string | null;
}

export interface CaseNotificationsTable {
  id: Generated<string>;
  /** The unit told (all its staff see it) … */
  unit_id: string | null;
  /** … or one person (a unit head). */
  user_id: string | null;
  case_id: string;
  kind: NotificationKind;
  data: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
  read_at: Date | null;
  read_by: string | null;
}

declare module '../../platform/db/database.js' {
  interface Database {
    case_deadline_steps: CaseDeadlineStepsTable;
    case_escalations: CaseEscalationsTable;
    case_notifications: CaseNotificationsTable;
  }
}
