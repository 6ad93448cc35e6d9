import type { ColumnType, Generated } from 'kysely';

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

/** A staff member's password and its lockout state (等保: 5 failures lock for 30 minutes). */
export interface CredentialsTable {
  user_id: string;
  /** argon2id, PHC string. */
  password_hash: string;
  /** Consecutive failures since the last success or the last lockout. */
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  changed_at: Date;
}

export type OtpStatus = 'pending' | 'used' | 'burned' | 'superseded';

/** One-time sign-in codes sent by SMS; only a salted hash of the code is kept. */
export interface OtpCodesTable {
  id: Generated<string>;
  phone: string;
  /** `salt.hmac` (base64url): HMAC-SHA256 of the code keyed by a per-code salt. */
  code_hash: string;
  status: ColumnType<OtpStatus, OtpStatus | undefined, OtpStatus>;
  /** Wrong codes tried against this one; the fifth burns it. */
  attempts: ColumnType<number, number | undefined, number>;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

/**
 * Failures of logins that name no account with a password, keyed by a hash of
 * the login: they count and lock like credentials do, so the answers for an
 * unknown login and for a real account are the same.
 */
export interface LoginFailuresTable {
  /** SHA-256 (base64url) of the trimmed, lower-cased login. */
  login_key: string;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  updated_at: Date;
}

declare module '../../platform/db/database.js' {
  interface Database {
    credentials: CredentialsTable;
    otp_codes: OtpCodesTable;
    login_failures: LoginFailuresTable;
  }
}
