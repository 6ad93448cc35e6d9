import type { UnnestColumn } from '../../platform/db/unnest.js';
import type { NewEvent } from './repo.js';
import type { PreparedCase } from './new-case.js';

/**
 * The columns of the intake's write (new-case.ts insertNewCases), each sent as
 * one array parameter (platform/db/unnest.ts): the cases, their timeline rows
 * and their audit rows, with the PostgreSQL type of each array.
 */

type Values = PreparedCase['values'];
const value = <K extends keyof Values>(k: K) => (p: PreparedCase) => p.values[k];

/** The new cases' columns stored as they come, one array parameter each. */
export const STORED: UnnestColumn<PreparedCase>[] = [
  ['id', 'uuid', value('id')],
  ['tracking_number', 'text', value('tracking_number')],
  ['channel', 'text', value('channel')],
  ['category_code', 'text', value('category_code')],
  ['title', 'text', value('title')],
  ['description', 'text', value('description')],
  ['region_code', 'text', value('region_code')],
  ['county_code', 'text', value('county_code')],
  ['address', 'text', value('address')],
  ['lat', 'float8', value('lat')],
  ['lng', 'float8', value('lng')],
  ['status', 'text', value('status')],
  ['priority', 'text', value('priority')],
  ['is_public', 'boolean', value('is_public')],
  ['is_anonymous', 'boolean', value('is_anonymous')],
  ['confidential', 'boolean', value('confidential')],
  ['requester_user_id', 'uuid', value('requester_user_id')],
  ['requester_name', 'text', value('requester_name')],
  ['created_by', 'uuid', value('created_by')],
  ['handling_unit_id', 'uuid', value('handling_unit_id')],
  ['source_post_id', 'uuid', value('source_post_id')],
  ['response_due_at', 'timestamptz', value('response_due_at')],
  ['resolution_due_at', 'timestamptz', value('resolution_due_at')],
  ['idempotency_key', 'text', value('idempotency_key')],
  ['created_at', 'timestamptz', value('created_at')],
  ['updated_at', 'timestamptz', value('updated_at')],
];

/** All the write sends: the stored columns, then what it reads to make the requester phone and the search vector. */
export const CASE_INPUT: UnnestColumn<PreparedCase>[] = [
  ...STORED,
  ['requester_phone', 'text', value('requester_phone')],
  ['phone_from_account', 'boolean', value('phone_from_account')],
  ['search_title', 'text', (p) => p.search.title],
  ['search_description', 'text', (p) => p.search.description],
];

export const EVENT_INPUT: UnnestColumn<NewEvent>[] = [
  ['case_id', 'uuid', (e) => e.case_id],
  ['county_code', 'text', (e) => e.county_code],
  ['kind', 'text', (e) => e.kind],
  ['from_status', 'text', (e) => e.from_status],
  ['to_status', 'text', (e) => e.to_status],
  ['actor_id', 'uuid', (e) => e.actor_id],
  ['actor_role', 'text', (e) => e.actor_role],
  ['actor_name', 'text', (e) => e.actor_name],
  ['unit_id', 'uuid', (e) => e.unit_id],
  ['unit_name', 'text', (e) => e.unit_name],
  ['note', 'text', (e) => e.note],
  ['visible_to_requester', 'boolean', (e) => e.visible_to_requester],
  ['data', 'jsonb', (e) => JSON.stringify(e.data ?? {})],
  ['created_at', 'timestamptz', (e) => e.created_at],
];

type AuditRow = PreparedCase['audit'];
export const AUDIT_INPUT: UnnestColumn<AuditRow>[] = [
  ['actor_id', 'uuid', (a) => a.actor_id],
  ['actor_roles', 'text', (a) => a.actor_roles],
  ['action', 'text', (a) => a.action],
  ['target_type', 'text', (a) => a.target_type],
  ['target_id', 'text', (a) => a.target_id],
  ['before', 'jsonb', (a) => a.before],
  ['after', 'jsonb', (a) => a.after],
  ['ip', 'text', (a) => a.ip],
  ['created_at', 'timestamptz', (a) => a.created_at],
];
