import type { ServiceContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { isMobilePhone, maskName, maskPhone } from '../../../common/masking.js';
import { regionPrefix } from '../../../common/regions.js';
import { ensureRegionUnit, lookupRegion, lookupUnit, regionUnitIds } from '../regions/service.js';
import * as repo from './repo.js';
import { checkStrength } from './password-service.js';
import { hashPassword } from './passwords.js';

/** Zhuzhou, where an administrator of a fresh installation is granted. */
export const CITY_CODE = '430200000000';
const PROVINCE_CODE = '430000000000';

export interface NewAdministrator {
  userId: string;
  unitId: string;
  unitName: string;
}

/**
 * Creates an administrator: the person, their password and an 'admin' grant
 * at the city unit (株洲市), else at the highest region unit there is. On an
 * empty database (DATABASE_URL without demo data) it first creates 湖南省,
 * 株洲市 and the city's unit, so the first administrator can bootstrap the rest.
 *
 * @example await createAdministrator(ctx, { phone: '13800000000', name: '张三', password: 'Lianxin@2026' })
 */
export async function createAdministrator(ctx: ServiceContext, input: { phone: string; name: string; password: string }): Promise<NewAdministrator> {
  const phone = input.phone.trim();
  if (!isMobilePhone(phone)) throw badRequest('identity.phone_invalid', 'phone');
  const name = input.name.trim();
  if (!name) throw badRequest('validation.required', 'name');
  if (name.length > 40) throw badRequest('validation.too_long', 'name', { limit: 40 });
  checkStrength(input.password, { phone, username: null }, 'password');
  const passwordHash = await hashPassword(input.password);

  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    if (await repo.findAccountByPhone(trx, phone)) throw conflict('identity.phone_taken', 'phone');
    const unit = await adminUnit(trx, ctx);
    const account = await repo.insertAccount(trx, { name, phone });
    if (!account) throw conflict('identity.phone_taken', 'phone');
    await repo.upsertPassword(trx, account.id, passwordHash, now);
    const grantId = await repo.insertGrant(trx, { userId: account.id, role: 'admin', unitId: unit.id, grantedBy: ctx.actor?.userId ?? null });
    await audit(trx, ctx, {
      action: 'user.created',
      targetType: 'user',
      targetId: account.id,
      after: { name: maskName(name), phone: maskPhone(phone), password: 'set' },
    });
    await audit(trx, ctx, {
      action: 'role.granted',
      targetType: 'role_grant',
      targetId: grantId,
      after: { userId: account.id, role: 'admin', unitId: unit.id, unitName: unit.name },
    });
    return { userId: account.id, unitId: unit.id, unitName: unit.name };
  });
}

/**
 * Where the first administrator is granted: the city's unit (created when the
 * city exists without one); else the highest region unit of another
 * deployment; else, on an empty database, 湖南省 › 株洲市 and the city's unit.
 */
async function adminUnit(trx: Tx, ctx: ServiceContext): Promise<{ id: string; name: string }> {
  let unitId = (await regionUnitIds(trx, [CITY_CODE])).get(CITY_CODE);
  if (!unitId && (await lookupRegion(trx, CITY_CODE))) unitId = await ensureRegionUnit(trx, ctx, CITY_CODE);
  if (!unitId) unitId = (await repo.topRegionUnit(trx))?.id;
  if (!unitId) {
    const regions = [
      { code: PROVINCE_CODE, name: '湖南省', level: 'province', parentCode: null, prefix: regionPrefix(PROVINCE_CODE) },
      { code: CITY_CODE, name: '株洲市', level: 'city', parentCode: PROVINCE_CODE, prefix: regionPrefix(CITY_CODE) },
    ];
    for (const region of regions) {
      if (await repo.ensureRegion(trx, region)) {
        await audit(trx, ctx, { action: 'region.created', targetType: 'region', targetId: region.code, after: { name: region.name, reason: 'bootstrap' } });
      }
    }
    unitId = await ensureRegionUnit(trx, ctx, CITY_CODE);
  }
  const unit = await lookupUnit(trx, unitId);
  if (!unit) throw new Error(`unit ${unitId} vanished`);
  return { id: unit.id, name: unit.name };
}
