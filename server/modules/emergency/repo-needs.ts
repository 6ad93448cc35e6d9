import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ErrandEventsTable, NeedItemsTable, NeedsTable } from './tables.js';

/** Queries of needs, their items, the errand timeline and hand-over photos. */

export type NeedRow = Selectable<NeedsTable>;
export type NeedItemRow = Selectable<NeedItemsTable>;
export type ErrandEventRow = Selectable<ErrandEventsTable>;

export async function findNeed(db: Executor, id: string): Promise<NeedRow | undefined> {
  return db.selectFrom('emergency_needs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockNeed(db: Executor, id: string): Promise<NeedRow | undefined> {
  return db.selectFrom('emergency_needs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function itemsOf(db: Executor, needIds: string[]): Promise<Map<string, NeedItemRow[]>> {
  const out = new Map<string, NeedItemRow[]>(needIds.map((id) => [id, []]));
  if (needIds.length === 0) return out;
  const rows = await db.selectFrom('emergency_need_items').selectAll().where('need_id', 'in', needIds).orderBy('need_id').orderBy('position').execute();
  for (const r of rows) out.get(r.need_id)!.push(r);
  return out;
}

export async function timelineOf(db: Executor, needId: string) {
  return db
    .selectFrom('emergency_errand_events as e')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.from_status', 'e.to_status', 'e.at', 'e.note', 'e.photo_id', 'u.name as actor_name'])
    .where('e.need_id', '=', needId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function insertEvent(
  db: Executor,
  e: { need_id: string; action: string; from_status: string; to_status: string; actor_id: string; note: string | null; photo_id: string | null; at: Date },
): Promise<void> {
  await db.insertInto('emergency_errand_events').values(e).execute();
}

export interface NeedScope {
  incidentId: string;
  userId: string;
  /** Grids whose needs the caller sees (served or coordinated). */
  gridIds: string[];
  /** Region prefixes whose needs outside every grid the caller coordinates; 'all' for admins. */
  gridlessPrefixes: string[] | 'all';
  mine?: 'requested' | 'claimed' | 'recorded';
  status?: string;
  gridId?: string;
  urgency?: string;
}

/** The needs a caller may see, life-critical first, then oldest first. */
export async function listNeeds(db: Executor, s: NeedScope, page: number, pageSize: number): Promise<{ rows: NeedRow[]; total: number }> {
  let q = db.selectFrom('emergency_needs').where('incident_id', '=', s.incidentId);
  if (s.mine === 'requested') q = q.where('requester_user_id', '=', s.userId);
  else if (s.mine === 'claimed') q = q.where('claimed_by', '=', s.userId);
  else if (s.mine === 'recorded') q = q.where('recorded_by', '=', s.userId);
  else {
    q = q.where((eb) => {
      const ors = [eb('requester_user_id', '=', s.userId), eb('claimed_by', '=', s.userId), eb('recorded_by', '=', s.userId)];
      if (s.gridIds.length > 0) ors.push(eb('grid_id', 'in', s.gridIds));
      if (s.gridlessPrefixes === 'all') ors.push(eb('grid_id', 'is', null));
      else for (const p of s.gridlessPrefixes) ors.push(eb.and([eb('grid_id', 'is', null), eb('region_code', 'like', `${p}%`)]));
      return eb.or(ors);
    });
  }
  if (s.status) q = q.where('status', '=', s.status);
  if (s.gridId) q = q.where('grid_id', '=', s.gridId);
  if (s.urgency) q = q.where('urgency', '=', s.urgency);
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q
    .selectAll()
    .orderBy(sql`case status when 'confirmed' then 2 when 'cancelled' then 2 else 0 end`)
    .orderBy(sql`case urgency when 'life_critical' then 0 when 'urgent' then 1 else 2 end`)
    .orderBy('created_at')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

/** Errands a runner still has to travel for (the route planner's input). */
export async function routableErrands(db: Executor, runnerId: string, incidentId?: string): Promise<NeedRow[]> {
  let q = db.selectFrom('emergency_needs').selectAll().where('claimed_by', '=', runnerId).where('status', 'in', ['claimed', 'bought']);
  if (incidentId) q = q.where('incident_id', '=', incidentId);
  return q.orderBy('claimed_at').execute();
}

export async function insertPhoto(
  db: Executor,
  p: { need_id: string; content_type: string; size_bytes: number; sha256: string; bytes: Buffer; uploaded_by: string },
): Promise<string> {
  return (await db.insertInto('emergency_errand_photos').values(p).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findPhoto(db: Executor, needId: string, photoId: string) {
  return db
    .selectFrom('emergency_errand_photos')
    .select(['id', 'content_type', 'bytes'])
    .where('id', '=', photoId)
    .where('need_id', '=', needId)
    .executeTakeFirst();
}
