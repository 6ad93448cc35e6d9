import crypto from 'node:crypto';
import type { Db } from '../platform/db/database.js';
import type { Role } from '../platform/context.js';
import { regionLevel, regionPrefix, parentRegionCode } from '../../common/regions.js';
import { createSession } from '../modules/identity/sessions.js';
import { loadActor } from '../modules/people/actor.js';
import type { TestApp } from './harness.js';

/**
 * Test data factories: each test builds what it needs. Regions are created
 * with their ancestors, so `makeRegion(db, '430212101201')` is enough.
 */
export async function makeRegion(db: Db, code: string, name?: string): Promise<string> {
  const parent = parentRegionCode(code);
  if (parent) await makeRegion(db, parent);
  await db
    .insertInto('regions')
    .values({ code, name: name ?? `区划${code}`, level: regionLevel(code), kind: null, parent_code: parent, prefix: regionPrefix(code) })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return code;
}

export async function makeRegionUnit(db: Db, code: string, name?: string): Promise<string> {
  await makeRegion(db, code, name);
  const existing = await db.selectFrom('units').select('id').where('region_code', '=', code).where('kind', '=', 'region').executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('units')
    .values({ kind: 'region', region_code: code, name: name ?? `单位${code}`, department_type: null, phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeDepartment(db: Db, regionCode: string, type: string, name?: string): Promise<string> {
  await makeRegion(db, regionCode);
  const row = await db
    .insertInto('units')
    .values({ kind: 'department', region_code: regionCode, name: name ?? `${type}局`, department_type: type, phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let phoneCounter = 0;
export function uniquePhone(): string {
  phoneCounter += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export async function makeUser(db: Db, fields: { name?: string; phone?: string | null; username?: string | null } = {}): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      name: fields.name ?? '测试用户',
      phone: fields.phone === undefined ? uniquePhone() : fields.phone,
      username: fields.username ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function grantRole(db: Db, userId: string, role: Role, unitId: string): Promise<void> {
  await db.insertInto('role_grants').values({ user_id: userId, role, unit_id: unitId, granted_by: null }).execute();
}

/** A household in `regionCode` with `userId` as its verified representative. */
export async function makeHousehold(db: Db, regionCode: string, userId?: string): Promise<string> {
  await makeRegion(db, regionCode);
  const row = await db
    .insertInto('households')
    .values({ region_code: regionCode, address: `测试地址${crypto.randomBytes(2).toString('hex')}号`, representative_user_id: userId ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (userId) {
    await db
      .insertInto('household_members')
      .values({ household_id: row.id, user_id: userId, relation: '户主', status: 'verified', verified_by: null, verified_at: new Date() })
      .execute();
  }
  return row.id;
}

/** A person with one role at a region unit (created on the way). */
export async function makeStaff(db: Db, role: Role, regionCode: string, name = '测试干部'): Promise<string> {
  const unitId = await makeRegionUnit(db, regionCode);
  const userId = await makeUser(db, { name });
  await grantRole(db, userId, role, unitId);
  return userId;
}

/** An administrator (granted at the 株洲市 unit). */
export async function makeAdmin(db: Db, name = '测试管理员'): Promise<string> {
  return makeStaff(db, 'admin', '430200000000', name);
}

/** A resident with a verified household in the village. */
export async function makeResident(db: Db, villageCode: string, name = '测试居民'): Promise<{ userId: string; householdId: string }> {
  const unitId = await makeRegionUnit(db, villageCode);
  const userId = await makeUser(db, { name });
  await grantRole(db, userId, 'resident', unitId);
  const householdId = await makeHousehold(db, villageCode, userId);
  return { userId, householdId };
}

export interface SignedIn {
  userId: string;
  /** Headers for app.inject: the session cookie and the CSRF token. */
  headers: Record<string, string>;
}

/** Signs a person in without a password, for tests of other features. */
export async function signIn(t: TestApp, userId: string): Promise<SignedIn> {
  const s = await createSession(t.db, t.clock, userId, { ip: '127.0.0.1', userAgent: 'test' });
  return { userId, headers: { cookie: `lx_session=${s.token}`, 'x-csrf-token': s.csrfToken } };
}

export async function actorOf(db: Db, userId: string) {
  const actor = await loadActor(db, userId, null);
  if (!actor) throw new Error('no such user');
  return actor;
}

/** A case filed through the real intake (see server/modules/cases/factory.ts). */
export { makeCase } from '../modules/cases/factory.js';
