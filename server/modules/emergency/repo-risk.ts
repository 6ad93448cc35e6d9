import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { RiskAreasTable } from './tables.js';

/**
 * Queries of risk areas. An area's level is never stored on the area: it is
 * the newest change already in effect, so announcing a change for later
 * (「11月15日0时」) and reading the state at any moment both just work.
 */

export type RiskAreaRow = Selectable<RiskAreasTable>;

export interface LevelAt {
  area_id: string;
  level: string | null;
  effective_at: Date;
}

export async function areasOf(db: Executor, incidentId: string): Promise<RiskAreaRow[]> {
  return db.selectFrom('emergency_risk_areas').selectAll().where('incident_id', '=', incidentId).orderBy('region_code').orderBy('name').execute();
}

export async function areasByIds(db: Executor, ids: string[]): Promise<RiskAreaRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('emergency_risk_areas').selectAll().where('id', 'in', ids).execute();
}

/** Each area's newest change in effect at `at` (none when nothing is in effect yet). */
export async function levelsAt(db: Executor, areaIds: string[], at: Date): Promise<Map<string, LevelAt>> {
  if (areaIds.length === 0) return new Map();
  const rows = await sql<LevelAt>`
    select distinct on (area_id) area_id, level, effective_at
    from emergency_risk_area_changes
    where area_id = any(${areaIds}::uuid[]) and effective_at <= ${at}
    order by area_id, effective_at desc, id desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.area_id, r]));
}

/** Each area's first change still to come after `at`. */
export async function nextChanges(db: Executor, areaIds: string[], at: Date): Promise<Map<string, LevelAt>> {
  if (areaIds.length === 0) return new Map();
  const rows = await sql<LevelAt>`
    select distinct on (area_id) area_id, level, effective_at
    from emergency_risk_area_changes
    where area_id = any(${areaIds}::uuid[]) and effective_at > ${at}
    order by area_id, effective_at asc, id asc`.execute(db);
  return new Map(rows.rows.map((r) => [r.area_id, r]));
}

/** Each area's last change of all, future ones included (what a new change must follow). */
export async function latestChanges(db: Executor, areaIds: string[]): Promise<Map<string, LevelAt>> {
  return levelsAt(db, areaIds, new Date('9999-12-31T00:00:00Z'));
}

export interface HistoryRow {
  batch_id: string;
  area_id: string;
  name: string;
  level: string | null;
  previous: string | null;
  effective_at: Date;
  note: string | null;
}

/** Every change of the incident's areas with the level it replaced, newest first. */
export async function history(db: Executor, incidentId: string): Promise<HistoryRow[]> {
  const rows = await sql<HistoryRow>`
    select c.batch_id, c.area_id, a.name, c.level, c.effective_at, c.note,
           lag(c.level) over (partition by c.area_id order by c.effective_at, c.id) as previous
    from emergency_risk_area_changes c
    join emergency_risk_areas a on a.id = c.area_id
    where a.incident_id = ${incidentId}
    order by c.effective_at desc, c.id desc`.execute(db);
  return rows.rows;
}

export async function insertChanges(
  db: Executor,
  rows: { area_id: string; batch_id: string; level: string | null; effective_at: Date; note: string | null; changed_by: string }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('emergency_risk_area_changes').values(rows).execute();
}
