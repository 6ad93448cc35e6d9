import type { ColumnType, Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  actor_roles: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown | null;
  after: unknown | null;
  ip: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** Messages handed to the SMS sender; the development sender only writes here. */
export interface SmsOutboxTable {
  id: Generated<number>;
  phone: string;
  body: string;
  purpose: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  sent_at: Date | null;
}

declare module './db/database.js' {
  interface Database {
    audit_log: AuditLogTable;
    sms_outbox: SmsOutboxTable;
  }
}

/** Small facts about this installation (e.g. whether the demo data is loaded). */
export interface PlatformStateTable {
  key: string;
  value: unknown;
  updated_at: ColumnType<Date, Date | undefined, Date | undefined>;
}

declare module './db/database.js' {
  interface Database {
    platform_state: PlatformStateTable;
  }
}
