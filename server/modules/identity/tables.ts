import type { ColumnType } from 'kysely';

export interface SessionsTable {
  /** SHA-256 of the cookie token: a leaked table does not leak sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: Date;
  /** Absolute end, however active the session. */
  expires_at: Date;
  revoked_at: Date | null;
}

declare module '../../platform/db/database.js' {
  interface Database {
    sessions: SessionsTable;
  }
}
