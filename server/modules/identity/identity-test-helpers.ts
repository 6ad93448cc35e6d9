import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { TestApp } from '../../testing/harness.js';
import { makeRegionUnit, makeUser, grantRole, uniquePhone } from '../../testing/factories.js';
import { setPassword } from './service.js';

/** Helpers shared by the identity tests (not a test file itself). */

export const STRONG = 'Lianxin@2026';

let ipCounter = 0;
/** A client address of its own, so the per-IP rate limits of one test do not spill into the next. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export async function makeStaffWithPassword(
  t: TestApp,
  options: { password?: string; username?: string | null; name?: string; region?: string } = {},
): Promise<{ userId: string; phone: string; password: string }> {
  const phone = uniquePhone();
  const userId = await makeUser(t.db, { name: options.name ?? '李建国', phone, username: options.username ?? null });
  await grantRole(t.db, userId, 'village_cadre', await makeRegionUnit(t.db, options.region ?? '430212101201'));
  const password = options.password ?? STRONG;
  await setPassword(t.db, userId, password);
  return { userId, phone, password };
}

export function passwordSignIn(t: TestApp, body: Record<string, unknown>, ip = freshIp(), headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/password', payload: body, headers: { 'x-forwarded-for': ip, ...headers } });
}

/** The cookie and CSRF headers of a successful sign-in response. */
export function sessionOf(res: LightMyRequestResponse): { cookie: string; csrf: string; headers: Record<string, string> } {
  const cookie = res.cookies.find((c) => c.name === 'lx_session');
  if (!cookie) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  const csrf = res.json().csrfToken as string;
  return { cookie: `lx_session=${cookie.value}`, csrf, headers: { cookie: `lx_session=${cookie.value}`, 'x-csrf-token': csrf } };
}

export function auditOf(db: Db, action: string, targetId?: string) {
  let query = db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (targetId !== undefined) query = query.where('target_id', '=', targetId);
  return query.orderBy('id').execute();
}

/** The code of the latest SMS to a phone, read from the dev outbox table. */
export async function lastCodeSentTo(db: Db, phone: string): Promise<string> {
  const row = await db.selectFrom('sms_outbox').select('body').where('phone', '=', phone).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const match = /(\d{6})/.exec(row.body);
  if (!match) throw new Error(`no code in ${row.body}`);
  return match[1]!;
}
