import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Actor, Role } from '../../platform/context.js';
import { regionPrefix } from '../../../common/regions.js';

/**
 * Builds the actor of a signed-in person: their role grants with the scope
 * each one gives, and the regions of their verified households. Null when
 * the person does not exist or is disabled. One query (it runs on every
 * authenticated request).
 */
export async function loadActor(db: Executor, userId: string, sessionId: string | null): Promise<Actor | null> {
  const row = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.status', actorGrants().as('grants'), actorHouseholdRegions().as('household_regions')])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.status !== 'active') return null;
  return actorFrom(row, sessionId);
}

export interface ActorRow {
  id: string;
  name: string;
  grants: { role: string; unit_id: string; unit_name: string; kind: string; region_code: string }[];
  household_regions: string[];
}

/** The grants of the user `u` as a JSON array (for a query over `users as u`). */
export function actorGrants(): RawBuilder<ActorRow['grants']> {
  return sql<ActorRow['grants']>`coalesce((
    select json_agg(json_build_object('role', g.role, 'unit_id', g.unit_id, 'unit_name', un.name, 'kind', un.kind, 'region_code', un.region_code) order by g.role, g.unit_id)
    from role_grants g join units un on un.id = g.unit_id
    where g.user_id = u.id), '[]'::json)`;
}

/** The region codes of the verified households of the user `u` (for a query over `users as u`). */
export function actorHouseholdRegions(): RawBuilder<string[]> {
  return sql<string[]>`array(
    select h.region_code from household_members m join households h on h.id = m.household_id
    where m.user_id = u.id and m.status = 'verified' order by h.region_code)`;
}

/** The actor from a row holding `actorGrants()` and `actorHouseholdRegions()`. */
export function actorFrom(row: ActorRow, sessionId: string | null): Actor {
  return {
    userId: row.id,
    name: row.name,
    sessionId,
    grants: row.grants.map((g) => ({
      role: g.role as Role,
      unitId: g.unit_id,
      unitName: g.unit_name,
      regionPrefix: regionPrefix(g.region_code),
      departmentId: g.kind === 'department' ? g.unit_id : null,
    })),
    householdRegions: row.household_regions,
  };
}
