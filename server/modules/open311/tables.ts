import type { ColumnType, Generated } from 'kysely';

/** A client application allowed to file requests through Open311 (one key each). */
export interface Open311ApiKeysTable {
  id: Generated<string>;
  /** The application, as administrators know it ('株洲城管通 App'). */
  name: string;
  /** Who to call about it (a person or a mailbox); shown to administrators only. */
  contact: string | null;
  /** The first characters of the key, so an administrator can tell keys apart. */
  key_prefix: string;
  /** sha256 of the whole key (keys are 192 random bits: a slow hash adds nothing). */
  key_hash: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/**
 * What an Open311 client sent with a case beyond the case itself: the
 * requester's e-mail, device and account ids, the media URL, and the token
 * of the request. Personal data: read only by the case's own pages, never by
 * the public GET requests answers.
 */
export interface Open311RequestsTable {
  case_id: string;
  api_key_id: string | null;
  service_request_id: string;
  /** 'demo' for the demo key, else the key's name at the time. */
  client_name: string;
  token: Generated<string>;
  email: string | null;
  device_id: string | null;
  account_id: string | null;
  media_url: string | null;
  attributes: ColumnType<unknown, string | undefined, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

declare module '../../platform/db/database.js' {
  interface Database {
    open311_api_keys: Open311ApiKeysTable;
    open311_requests: Open311RequestsTable;
  }
}
