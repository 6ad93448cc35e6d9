import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import * as repo from './repo.js';
import { setPassword } from './password-service.js';

/** One demo sign-in, as the people module's seed records it in platform_state 'demo_logins'. */
export interface DemoLogin {
  who: string;
  login: string;
  secret: string;
  kind: 'password' | 'otp';
  userId: string;
}

function isDemoLogin(value: unknown): value is DemoLogin {
  const v = value as Partial<DemoLogin> | null;
  return (
    !!v &&
    typeof v.login === 'string' &&
    typeof v.secret === 'string' &&
    typeof v.userId === 'string' &&
    (v.kind === 'password' || v.kind === 'otp')
  );
}

/**
 * Gives the demo's staff their passwords. Runs after the people seed; the
 * passwords must pass the same strength rules as everyone's (no weak demo
 * passwords that someone copies into production).
 */
export async function seedIdentityDemo(ctx: ServiceContext): Promise<void> {
  const value = await repo.platformState(ctx.db, 'demo_logins');
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every(isDemoLogin)) {
    throw new Error("platform_state 'demo_logins' must be an array of {who, login, secret, kind, userId}");
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const login of value) {
      if (login.kind !== 'password') continue;
      await setPassword(trx, login.userId, login.secret, { skipStrength: false, now: ctx.clock.now() });
      await audit(trx, ctx, { action: 'auth.password_set', targetType: 'user', targetId: login.userId, after: { reason: 'demo_seed' } });
    }
  });
}
