import type { ServiceContext } from '../../platform/context.js';
import { loadActor } from '../people/actor.js';
import { createPerson } from '../people/service.js';
import { joinHousehold, verifyMember } from '../people/household-service.js';
import { SHUANGJIANG, CADRE_RELATIVE } from './demo-data.js';

/**
 * The demo's 优亲厚友 case (DOMAIN.md "Red flags"): 双江村's secretary 李卫东
 * registers his household with his father, the administrator verifies it,
 * and the father draws 低保 every month (demo-data.ts) — so the
 * relative_beneficiary flag fires for the supervisors, while residents see
 * the recipient's name masked. Done through the people module's services,
 * as a person would (and audited like one).
 */
export async function seedCadreHousehold(ctx: ServiceContext): Promise<boolean> {
  const grant = async (role: string, regionCode: string | null) => {
    let q = ctx.db.selectFrom('role_grants as g').innerJoin('units as u', 'u.id', 'g.unit_id').select('g.user_id').where('g.role', '=', role);
    if (regionCode) q = q.where('u.region_code', '=', regionCode);
    return (await q.orderBy('g.created_at').executeTakeFirst())?.user_id;
  };
  const [cadreId, adminId] = [await grant('village_cadre', SHUANGJIANG), await grant('admin', null)];
  if (!cadreId || !adminId) return false;
  const as = async (userId: string): Promise<ServiceContext> => ({ ...ctx, actor: await loadActor(ctx.db, userId, null) });
  const admin = await as(adminId);
  const father = await createPerson(admin, { name: CADRE_RELATIVE.name, phone: CADRE_RELATIVE.phone });
  const household = await joinHousehold(await as(cadreId), { regionCode: SHUANGJIANG, address: '双江村3组8号', relation: '户主' });
  await joinHousehold(await as(father.id), { regionCode: SHUANGJIANG, householdId: household.id, relation: '父亲' });
  await verifyMember(admin, household.id, cadreId, true);
  await verifyMember(admin, household.id, father.id, true);
  return true;
}
