import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/context.js';
import type { GridsTable, IncidentsTable, TasksTable } from './tables.js';
import type { Involvement } from './policy.js';
import { ancestorCodes, regionPrefix } from '../../../common/regions.js';

/**
 * Queries of incidents, grids, teams and tasks: plain functions taking an
 * executor (the pool or the caller's transaction).
 */

export type IncidentRow = Selectable<IncidentsTable>;
export type GridRow = Selectable<GridsTable>;
export type TaskRow = Selectable<TasksTable>;

export function isActive(incident: Pick<IncidentRow, 'ended_at'>, now: Date): boolean {
  return incident.ended_at === null || incident.ended_at > now;
}

export async function findIncident(db: Executor, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('emergency_incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockIncident(db: Executor, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('emergency_incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertIncident(db: Executor, values: Omit<IncidentRow, 'id' | 'created_at'>): Promise<IncidentRow> {
  return db.insertInto('emergency_incidents').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listIncidents(
  db: Executor,
  filter: { regionCode?: string; active?: boolean; now: Date },
  page: number,
  pageSize: number,
): Promise<{ rows: IncidentRow[]; total: number }> {
  let q = db.selectFrom('emergency_incidents');
  if (filter.regionCode) {
    // Incidents covering the region (at it or above), or inside it.
    const code = filter.regionCode;
    q = q.where((eb) => eb.or([eb('region_code', 'in', ancestorCodes(code)), eb('region_code', 'like', `${regionPrefix(code)}%`)]));
  }
  if (filter.active === true) q = q.where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', filter.now)]));
  if (filter.active === false) q = q.where('ended_at', '<=', filter.now);
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

// ---- grids

export async function findGrid(db: Executor, id: string): Promise<GridRow | undefined> {
  return db.selectFrom('emergency_grids').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function gridsByIds(db: Executor, ids: string[]): Promise<Map<string, GridRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('emergency_grids').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((g) => [g.id, g]));
}

export async function listGrids(db: Executor, incidentId: string, regionPrefix?: string): Promise<GridRow[]> {
  let q = db.selectFrom('emergency_grids').selectAll().where('incident_id', '=', incidentId);
  if (regionPrefix) q = q.where('region_code', 'like', `${regionPrefix}%`);
  return q.orderBy('region_code').orderBy('name').execute();
}

/** Grids of the incident containing a household's region: its own grid region, or the zones of its community. */
export async function gridsForRegion(db: Executor, incidentId: string, householdRegion: string): Promise<GridRow[]> {
  const community = householdRegion.slice(0, 12);
  return db
    .selectFrom('emergency_grids')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where((eb) => eb.or([eb('region_code', '=', householdRegion), eb.and([eb('kind', '=', 'zone'), eb('region_code', '=', community)])]))
    .orderBy('name')
    .execute();
}

export async function insertGrid(db: Executor, values: Omit<GridRow, 'id' | 'created_at'>): Promise<GridRow> {
  return db.insertInto('emergency_grids').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function teamCounts(db: Executor, gridIds: string[]): Promise<Map<string, number>> {
  if (gridIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('emergency_grid_members')
    .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('grid_id', 'in', gridIds)
    .where('released_at', 'is', null)
    .groupBy('grid_id')
    .execute();
  return new Map(rows.map((r) => [r.grid_id, r.n]));
}

export async function teamOf(db: Executor, gridId: string, includeReleased: boolean) {
  let q = db
    .selectFrom('emergency_grid_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.name', 'u.phone', 'm.capacity', 'm.assigned_at', 'm.released_at'])
    .where('m.grid_id', '=', gridId);
  if (!includeReleased) q = q.where('m.released_at', 'is', null);
  return q.orderBy('m.assigned_at').execute();
}

export async function currentMembership(db: Executor, gridId: string, userId: string) {
  return db
    .selectFrom('emergency_grid_members')
    .selectAll()
    .where('grid_id', '=', gridId)
    .where('user_id', '=', userId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
}

// ---- people (names and phones for presenters)

export interface PersonRow {
  id: string;
  name: string;
  phone: string | null;
}

export async function peopleByIds(db: Executor, ids: (string | null)[]): Promise<Map<string, PersonRow>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name', 'phone']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- involvement of the actor in an incident

/** What the actor is in this incident: grids led and served, stations staffed, vehicles driven. */
export async function involvementOf(db: Executor, actor: Actor, incidentId: string): Promise<Involvement> {
  const rows = await sql<{ kind: string; id: string }>`
    select 'led' as kind, id from emergency_grids where incident_id = ${incidentId} and leader_user_id = ${actor.userId}
    union all
    select 'team', m.grid_id from emergency_grid_members m join emergency_grids g on g.id = m.grid_id
      where g.incident_id = ${incidentId} and m.user_id = ${actor.userId} and m.released_at is null
    union all
    select 'station', s.station_id from emergency_station_staff s join emergency_stations st on st.id = s.station_id
      where st.incident_id = ${incidentId} and s.user_id = ${actor.userId}
    union all
    select 'vehicle', id from emergency_vehicles where incident_id = ${incidentId} and driver_user_id = ${actor.userId}
  `.execute(db);
  const of = (kind: string) => new Set(rows.rows.filter((r) => r.kind === kind).map((r) => r.id));
  return { actor, ledGridIds: of('led'), teamGridIds: of('team'), stationIds: of('station'), vehicleIds: of('vehicle') };
}

// ---- tasks

export async function findTask(db: Executor, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('emergency_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockTask(db: Executor, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('emergency_tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface TaskFilter {
  incidentId: string;
  gridIds: string[] | 'all';
  includeIncidentWide: boolean;
  ownerUserId?: string;
  gridId?: string;
  line?: string;
  status?: string;
}

export async function listTasks(db: Executor, f: TaskFilter, page: number, pageSize: number): Promise<{ rows: TaskRow[]; total: number }> {
  let q = db.selectFrom('emergency_tasks').where('incident_id', '=', f.incidentId);
  if (f.gridIds !== 'all') {
    const ids = f.gridIds;
    q = q.where((eb) => {
      const ors = [];
      if (ids.length > 0) ors.push(eb('grid_id', 'in', ids));
      if (f.includeIncidentWide) ors.push(eb('grid_id', 'is', null));
      if (f.ownerUserId) ors.push(eb('owner_user_id', '=', f.ownerUserId));
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  }
  if (f.gridId) q = q.where('grid_id', '=', f.gridId);
  if (f.line) q = q.where('line', '=', f.line);
  if (f.status) q = q.where('status', '=', f.status);
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q
    .selectAll()
    .orderBy(sql`case when status in ('open', 'in_progress') then 0 else 1 end`)
    .orderBy(sql`due_at asc nulls last`)
    .orderBy('created_at')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

/** Open tasks of the incident (for the board), most urgent first. */
export async function openTasks(db: Executor, incidentId: string): Promise<TaskRow[]> {
  return db
    .selectFrom('emergency_tasks')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('status', 'in', ['open', 'in_progress'])
    .orderBy(sql`due_at asc nulls last`)
    .orderBy('created_at')
    .execute();
}

/** Needs per grid by state bucket (for the board). */
export async function needCountsByGrid(db: Executor, incidentId: string) {
  return db
    .selectFrom('emergency_needs')
    .select([
      'grid_id',
      (eb) => eb.fn.count<number>('id').filterWhere('status', '=', 'open').as('open'),
      (eb) => eb.fn.count<number>('id').filterWhere((w) => w.and([w('status', '=', 'open'), w('urgency', '=', 'life_critical')])).as('life_critical'),
      (eb) => eb.fn.count<number>('id').filterWhere('status', 'in', ['claimed', 'bought', 'at_gate', 'handed_over', 'delivered']).as('in_progress'),
    ])
    .where('incident_id', '=', incidentId)
    .groupBy('grid_id')
    .execute();
}
