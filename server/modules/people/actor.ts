import type { Executor } from '../../platform/db/database.js';
import type { Actor, Role } from '../../platform/context.js';
import { regionPrefix } from '../../../common/regions.js';

/**
 * Builds the actor of a signed-in person: their role grants with the scope
 * each one gives, and the regions of their verified households. Null when
 * the person does not exist or is disabled.
 */
export async function loadActor(db: Executor, userId: string, sessionId: string | null): Promise<Actor | null> {
  const user = await db.selectFrom('users').select(['id', 'name', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  const grants = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.role', 'g.unit_id', 'u.name as unit_name', 'u.kind', 'u.region_code'])
    .where('g.user_id', '=', userId)
    .execute();
  const households = await db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select('h.region_code')
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'verified')
    .execute();
  return {
    userId: user.id,
    name: user.name,
    sessionId,
    grants: grants.map((g) => ({
      role: g.role as Role,
      unitId: g.unit_id,
      unitName: g.unit_name,
      regionPrefix: regionPrefix(g.region_code),
      departmentId: g.kind === 'department' ? g.unit_id : null,
    })),
    householdRegions: households.map((h) => h.region_code),
  };
}
