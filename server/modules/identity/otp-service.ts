import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { smsSender } from '../../platform/sms.js';
import { isMobilePhone, maskName, maskPhone } from '../../../common/masking.js';
import { translate } from '../../../common/i18n/server-messages.js';
import * as repo from './repo.js';
import { OTP_MAX_PER_DAY, OTP_MAX_WRONG, OTP_RESEND_SECONDS, OTP_VALID_MINUTES } from './policy.js';
import { retryLaterError, settle, type Outcome } from './identity-errors.js';
import { openSession, type SessionMeta, type SignedInResult } from './password-service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function checkPhone(raw: string): string {
  const phone = raw.trim();
  if (!isMobilePhone(phone)) throw badRequest('identity.phone_invalid', 'phone');
  return phone;
}

/** `salt.hmac`: the code itself is never stored. */
export function hashCode(code: string, salt = crypto.randomBytes(16).toString('base64url')): string {
  return `${salt}.${crypto.createHmac('sha256', salt).update(code).digest('base64url')}`;
}

export function codeMatches(stored: string, code: string): boolean {
  const [salt] = stored.split('.');
  if (!salt) return false;
  const expected = Buffer.from(stored);
  const actual = Buffer.from(hashCode(code, salt));
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/**
 * Sends a 6-digit sign-in code valid for 5 minutes: at most one per phone a
 * minute and ten a day (429 says when to ask again). A new code replaces any
 * earlier one. The code goes only into the SMS, never into a log or the audit.
 */
export async function requestOtp(ctx: ServiceContext, input: { phone: string }): Promise<{ sent: true; retryAfterSeconds: number }> {
  const phone = checkPhone(input.phone);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockPhone(trx, phone);
    const now = ctx.clock.now();
    const latest = await repo.latestOtp(trx, phone);
    if (latest) {
      const elapsedMs = now.getTime() - latest.created_at.getTime();
      if (elapsedMs < OTP_RESEND_SECONDS * 1000) {
        throw retryLaterError('identity.otp_too_soon', (OTP_RESEND_SECONDS * 1000 - elapsedMs) / 1000);
      }
    }
    const today = await repo.otpCountSince(trx, phone, new Date(now.getTime() - DAY_MS));
    if (today.count >= OTP_MAX_PER_DAY && today.oldest) {
      const waitSeconds = (today.oldest.getTime() + DAY_MS - now.getTime()) / 1000;
      throw retryLaterError('identity.otp_daily_limit', waitSeconds, { hours: Math.max(1, Math.ceil(waitSeconds / 3600)) });
    }

    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    await repo.supersedePendingOtps(trx, phone);
    const id = await repo.insertOtp(trx, {
      phone,
      codeHash: hashCode(code),
      now,
      expiresAt: new Date(now.getTime() + OTP_VALID_MINUTES * 60_000),
    });
    await audit(trx, ctx, { action: 'auth.otp_issued', targetType: 'otp_code', targetId: id, after: { phone: maskPhone(phone) } });
    await smsSender(trx, ctx.clock).send(phone, translate(ctx.lang, 'identity.sms_otp', { code }), 'otp_sign_in');
    return { sent: true as const, retryAfterSeconds: OTP_RESEND_SECONDS };
  });
}

export interface OtpSignedInResult extends SignedInResult {
  isNew: boolean;
}

/**
 * Signs in with the SMS code. Five wrong codes burn it; an expired one is a
 * 400 naming `code`. A phone without an account becomes a new person (the
 * given name, else 「居民」 and the last four digits) with no roles: they join
 * a household through the people module.
 */
export async function verifyOtp(ctx: ServiceContext, input: { phone: string; code: string; name?: string } & SessionMeta): Promise<OtpSignedInResult> {
  const phone = checkPhone(input.phone);
  const code = input.code.trim();
  if (!/^[0-9]{6}$/.test(code)) throw badRequest('validation.format', 'code');
  const givenName = input.name?.trim() ?? '';
  if (givenName.length > 40) throw badRequest('validation.too_long', 'name', { limit: 40 });

  const outcome = await ctx.db.transaction().execute(async (trx): Promise<Outcome<OtpSignedInResult>> => {
    await repo.lockPhone(trx, phone);
    const now = ctx.clock.now();
    const asSystem = { ...ctx, actor: null };
    const otp = await repo.latestOtp(trx, phone);
    if (!otp || otp.status === 'used' || otp.status === 'superseded') return { ok: false, error: badRequest('identity.otp_missing', 'code') };
    if (otp.status === 'burned') return { ok: false, error: badRequest('identity.otp_burned', 'code') };
    if (otp.expires_at.getTime() <= now.getTime()) return { ok: false, error: badRequest('identity.otp_expired', 'code') };

    if (!codeMatches(otp.code_hash, code)) {
      const attempts = otp.attempts + 1;
      const burned = attempts >= OTP_MAX_WRONG;
      await repo.updateOtp(trx, otp.id, { attempts, ...(burned ? { status: 'burned' as const } : {}) });
      await audit(trx, asSystem, {
        action: burned ? 'auth.otp_burned' : 'auth.sign_in_failed',
        targetType: 'otp_code',
        targetId: otp.id,
        after: { method: 'otp', phone: maskPhone(phone), attempts },
      });
      return {
        ok: false,
        error: burned ? badRequest('identity.otp_burned', 'code') : badRequest('identity.otp_wrong', 'code', { remaining: OTP_MAX_WRONG - attempts }),
      };
    }

    await repo.updateOtp(trx, otp.id, { status: 'used', used_at: now });
    let account = await repo.findAccountByPhone(trx, phone);
    let isNew = false;
    if (!account) {
      const name = givenName || `居民${phone.slice(-4)}`;
      // A concurrent registration of the same phone (people module) wins; use its row.
      account = (await repo.insertAccount(trx, { name, phone })) ?? (await repo.findAccountByPhone(trx, phone));
      if (!account) throw new Error('account vanished during registration');
      isNew = true;
      await audit(trx, { ...ctx, actor: null }, {
        action: 'user.registered',
        targetType: 'user',
        targetId: account.id,
        after: { method: 'otp', name: maskName(account.name), phone: maskPhone(phone) },
      });
    }
    if (account.status !== 'active') {
      await audit(trx, asSystem, { action: 'auth.sign_in_failed', targetType: 'user', targetId: account.id, after: { method: 'otp', reason: 'disabled' } });
      return { ok: false, error: new AppError(403, 'forbidden', 'identity.account_disabled') };
    }
    const signedIn = await openSession(trx, ctx, account, input, { method: 'otp', isNew });
    return { ok: true, value: { ...signedIn, isNew } };
  });
  return settle(outcome);
}
