import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { NoticeDispatchTable, NoticesTable } from './tables.js';

/**
 * Queries of notices and their household outbox.
 *
 * The one place this module reads another module's table directly: the
 * delivery copies household ids out of `households` (people module) with
 * INSERT … SELECT in keyset batches, because 100,000 households cannot go
 * through a service call one by one (CONVENTIONS: bulk operations work on
 * sets of ids in SQL). It reads only `id` and `region_code`.
 */

export type NoticeRow = Selectable<NoticesTable>;
export type DispatchRow = Selectable<NoticeDispatchTable>;

export async function findNotice(db: Executor, id: string): Promise<NoticeRow | undefined> {
  return db.selectFrom('emergency_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDispatch(db: Executor, noticeId: string): Promise<DispatchRow | undefined> {
  return db.selectFrom('emergency_notice_dispatch').selectAll().where('notice_id', '=', noticeId).executeTakeFirst();
}

export async function lockDispatch(db: Executor, noticeId: string): Promise<DispatchRow | undefined> {
  return db.selectFrom('emergency_notice_dispatch').selectAll().where('notice_id', '=', noticeId).forUpdate().skipLocked().executeTakeFirst();
}

export async function countHouseholds(db: Executor, prefix: string): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from households where region_code like ${`${prefix}%`}`.execute(db);
  return row.rows[0]!.n;
}

/**
 * Puts the next batch of the area's households (by id, after `cursor`) into
 * the outbox. Returns how many households the batch held, how many rows were
 * new, and the last id (the next cursor).
 */
export async function queueBatch(
  db: Executor,
  p: { noticeId: string; prefix: string; cursor: string | null; size: number; at: Date },
): Promise<{ seen: number; inserted: number; last: string | null }> {
  const result = await sql<{ seen: number; inserted: number; last: string | null }>`
    with batch as (
      select id, region_code from households
      where region_code like ${`${p.prefix}%`} and (${p.cursor}::uuid is null or id > ${p.cursor}::uuid)
      order by id
      limit ${p.size}
    ), queued as (
      insert into emergency_notice_deliveries (notice_id, household_id, region_code, county_code, queued_at)
      select ${p.noticeId}::uuid, id, region_code, substr(region_code, 1, 6), ${p.at}::timestamptz from batch
      on conflict do nothing
      returning 1
    )
    select (select count(*)::int from batch) as seen,
           (select count(*)::int from queued) as inserted,
           (select id::text from batch order by id desc limit 1) as last`.execute(db);
  return result.rows[0]!;
}

export async function tracking(db: Executor, noticeId: string) {
  return db
    .selectFrom('emergency_notice_deliveries')
    .select([
      (eb) => eb.fn.countAll<number>().as('households'),
      (eb) => eb.fn.count<number>('seen_at').as('seen'),
      (eb) => eb.fn.count<number>('acked_at').as('acknowledged'),
      (eb) => eb.fn.count<number>('household_id').filterWhere('ack_channel', '=', 'visit').as('visited'),
    ])
    .where('notice_id', '=', noticeId)
    .executeTakeFirstOrThrow();
}

/** Notices delivered to any of these households, newest first, with that household's delivery. */
export async function deliveredTo(db: Executor, householdIds: string[], incidentId: string | null, page: number, pageSize: number) {
  if (householdIds.length === 0) return { rows: [], total: 0 };
  let q = db
    .selectFrom('emergency_notice_deliveries as d')
    .innerJoin('emergency_notices as n', 'n.id', 'd.notice_id')
    .where('d.household_id', 'in', householdIds);
  if (incidentId) q = q.where('n.incident_id', '=', incidentId);
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q
    .selectAll('n')
    .select(['d.household_id', 'd.seen_at', 'd.acked_at'])
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

export async function deliveriesFor(db: Executor, noticeId: string, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  return db.selectFrom('emergency_notice_deliveries').selectAll().where('notice_id', '=', noticeId).where('household_id', 'in', householdIds).execute();
}

export async function markSeen(db: Executor, noticeIds: string[], householdIds: string[], at: Date): Promise<void> {
  if (noticeIds.length === 0 || householdIds.length === 0) return;
  await db
    .updateTable('emergency_notice_deliveries')
    .set({ seen_at: at })
    .where('notice_id', 'in', noticeIds)
    .where('household_id', 'in', householdIds)
    .where('seen_at', 'is', null)
    .execute();
}

/** Households not yet reached (no acknowledgement, no visit), by area then address. */
export async function unreached(db: Executor, noticeId: string, prefixes: string[], page: number, pageSize: number) {
  let q = db
    .selectFrom('emergency_notice_deliveries as d')
    .innerJoin('households as h', 'h.id', 'd.household_id')
    .leftJoin('users as u', 'u.id', 'h.representative_user_id')
    .where('d.notice_id', '=', noticeId)
    .where('d.acked_at', 'is', null);
  if (prefixes.length > 0) q = q.where((eb) => eb.or(prefixes.map((p) => eb('d.region_code', 'like', `${p}%`))));
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q
    .select(['d.household_id', 'd.region_code', 'd.seen_at', 'h.address', 'u.name as rep_name', 'u.phone as rep_phone'])
    .orderBy('d.region_code')
    .orderBy('h.address')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

/** Notices of the incident sent inside the prefixes, or to an area covering them (`covering` codes), or by the caller. */
export async function noticesOf(
  db: Executor,
  incidentId: string,
  scope: { prefixes: string[]; covering: string[] } | 'all',
  createdBy: string,
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('emergency_notices').where('incident_id', '=', incidentId);
  if (scope !== 'all') {
    q = q.where((eb) =>
      eb.or([
        eb('created_by', '=', createdBy),
        ...scope.prefixes.map((p) => eb('region_code', 'like', `${p}%`)),
        ...(scope.covering.length > 0 ? [eb('region_code', 'in', scope.covering)] : []),
      ]),
    );
  }
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total };
}
