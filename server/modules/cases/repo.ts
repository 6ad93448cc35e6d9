import { sql, type Selectable, type UpdateObject } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';
import type { CaseCategoriesTable, CaseEventsTable, CaseRoutingRulesTable, CasesTable } from './tables.js';
import { PREPARED } from '../../platform/db/prepared-client.js';

/** Queries of the case engine's own tables: plain functions taking the pool or a transaction. */

export type CaseRow = Omit<Selectable<CasesTable>, 'search'>;
export type CategoryRow = Selectable<CaseCategoriesTable>;
export type RoutingRuleRow = Selectable<CaseRoutingRulesTable>;
export type EventRow = Omit<Selectable<CaseEventsTable>, 'data'> & { data: Record<string, unknown> };

export const CASE_COLUMNS = [
  'id',
  'tracking_number',
  'channel',
  'category_code',
  'title',
  'description',
  'region_code',
  'county_code',
  'address',
  'lat',
  'lng',
  'status',
  'priority',
  'is_public',
  'is_anonymous',
  'confidential',
  'requester_user_id',
  'requester_name',
  'requester_phone',
  'created_by',
  'handling_unit_id',
  'prior_unit_ids',
  'merged_into',
  'source_post_id',
  'response_due_at',
  'resolution_due_at',
  'responded_at',
  'resolved_at',
  'closed_at',
  'info_requested_at',
  'rating',
  'rating_comment',
  'rated_at',
  'reopen_count',
  'idempotency_key',
  'created_at',
  'updated_at',
] as const;

/** Column list qualified with an alias, for joins. */
export const caseColumnsOf = (alias: string) => CASE_COLUMNS.map((c) => `${alias}.${c}` as const);

// --- categories --------------------------------------------------------------

export function listCategories(db: Executor, activeOnly = true): Promise<CategoryRow[]> {
  let q = db.selectFrom('case_categories').selectAll();
  if (activeOnly) q = q.where('active', '=', true);
  return q.orderBy('sort_order').orderBy('code').execute();
}

export function findCategory(db: Executor, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('case_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

/** 'utilities.water' → ['utilities.water', 'utilities'] (codes extend their parent's; a check constraint holds it). */
export function categoryLineage(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}

// --- routing rules -----------------------------------------------------------

export function listRoutingRules(db: Executor) {
  return db.selectFrom('case_routing_rules').selectAll().orderBy('category_code').orderBy('region_prefix').execute();
}

// --- tracking numbers ----------------------------------------------------------

/**
 * The next number of the day: one atomic upsert, so numbers are never handed
 * out twice. Call it outside the intake transaction (the row stays locked
 * until the caller's transaction ends); a failed intake leaves a gap.
 */
export async function nextDailySequence(db: Executor, day: string, count = 1): Promise<number> {
  const { rows } = await sql<{ last_value: number }>`insert into case_tracking_counters as c (day, last_value) values (${day}, ${count}::int)
    on conflict (day) do update set last_value = c.last_value + excluded.last_value
    returning last_value, set_config('synchronous_commit', 'off', true) ${PREPARED}`.execute(db);
  return rows[0]!.last_value;
}

// --- cases -------------------------------------------------------------------

export function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').select(CASE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The case, locked for the rest of the transaction (one transition at a time). */
export function lockCase(trx: Executor, id: string): Promise<CaseRow | undefined> {
  return trx.selectFrom('cases').select(CASE_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * A case with what its reader needs beside it, in one round trip: the name of
 * its region (the regions module's table, read here as the lists do) and
 * whether `userId` follows it.
 */
export async function findCaseForReader(db: Executor, where: { id: string } | { trackingNumber: string }, userId: string | null) {
  const row = await db
    .selectFrom('cases')
    .select(CASE_COLUMNS)
    .select([
      sql<string | null>`(select r.name from regions r where r.code = cases.region_code)`.as('region_name'),
      (userId ? sql<boolean>`exists (select 1 from case_followers f where f.case_id = cases.id and f.user_id = ${userId})` : sql<boolean>`false`).as('following'),
    ])
    .where('id' in where ? sql<boolean>`cases.id = ${where.id}` : sql<boolean>`cases.tracking_number = ${where.trackingNumber}`)
    .executeTakeFirst();
  if (!row) return undefined;
  const { region_name, following, ...c } = row;
  return { c: c as CaseRow, regionName: region_name, following };
}

export function findByIdempotencyKey(db: Executor, createdBy: string, key: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').select(CASE_COLUMNS).where('created_by', '=', createdBy).where('idempotency_key', '=', key).executeTakeFirst();
}

export function findBySourcePost(db: Executor, postId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').select(CASE_COLUMNS).where('source_post_id', '=', postId).executeTakeFirst();
}

export async function updateCase(trx: Executor, id: string, changes: UpdateObject<Database, 'cases'>): Promise<CaseRow> {
  return trx.updateTable('cases').set(changes).where('id', '=', id).returning(CASE_COLUMNS).executeTakeFirstOrThrow();
}

export async function casesByIds(db: Executor, ids: string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('cases').select(CASE_COLUMNS).where('id', 'in', ids).execute();
}

/**
 * Adds words to the case's search vector: title (weight A) and description
 * (B) at intake; replies, added information and results (C) later.
 */
export async function addSearchText(trx: Executor, id: string, tokens: string, weight: 'A' | 'B' | 'C'): Promise<void> {
  if (!tokens) return;
  await trx
    .updateTable('cases')
    .set({ search: sql<string>`search || setweight(to_tsvector('simple', ${tokens}), ${weight}::"char")` })
    .where('id', '=', id)
    .execute();
}

// --- timeline ------------------------------------------------------------------

export interface NewEvent {
  case_id: string;
  county_code: string;
  kind: CaseEventsTable['kind'];
  from_status: CaseEventsTable['from_status'];
  to_status: CaseEventsTable['to_status'];
  actor_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  note: string | null;
  visible_to_requester: boolean;
  data?: Record<string, unknown>;
  created_at: Date;
}

export async function appendEvents(trx: Executor, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('case_events')
    .values(events.map((e) => ({ ...e, data: JSON.stringify(e.data ?? {}) })))
    .execute();
}

export async function listEvents(db: Executor, caseId: string, onlyVisibleToRequester = false): Promise<EventRow[]> {
  let q = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId);
  if (onlyVisibleToRequester) q = q.where('visible_to_requester', '=', true);
  return (await q.orderBy('id').execute()) as EventRow[];
}

// --- followers -----------------------------------------------------------------

export async function addFollowers(trx: Executor, caseId: string, userIds: string[], reason: 'requester' | 'merged' | 'follow', at: Date): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await trx
    .insertInto('case_followers')
    .values(ids.map((user_id) => ({ case_id: caseId, user_id, reason, created_at: at })))
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
}

export async function removeFollower(trx: Executor, caseId: string, userId: string): Promise<void> {
  await trx.deleteFrom('case_followers').where('case_id', '=', caseId).where('user_id', '=', userId).where('reason', '=', 'follow').execute();
}

export async function followerIds(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_followers').select('user_id').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.user_id);
}

export async function isFollowing(db: Executor, caseId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const row = await db.selectFrom('case_followers').select('user_id').where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst();
  return !!row;
}

// --- attachments ---------------------------------------------------------------

export function listAttachments(db: Executor, caseId: string) {
  return db
    .selectFrom('case_attachments')
    .select(['id', 'file_name', 'content_type', 'size_bytes', 'created_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export async function countAttachments(db: Executor, caseId: string): Promise<number> {
  const row = await db.selectFrom('case_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAttachment(
  trx: Executor,
  a: { case_id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; uploaded_by: string | null; created_at: Date },
  bytes: Buffer,
): Promise<string> {
  const row = await trx.insertInto('case_attachments').values(a).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('case_attachment_blobs').values({ attachment_id: row.id, bytes }).execute();
  return row.id;
}

export function findAttachment(db: Executor, caseId: string, attachmentId: string) {
  return db
    .selectFrom('case_attachments as a')
    .innerJoin('case_attachment_blobs as b', 'b.attachment_id', 'a.id')
    .select(['a.id', 'a.file_name', 'a.content_type', 'a.size_bytes', 'b.bytes'])
    .where('a.case_id', '=', caseId)
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}
