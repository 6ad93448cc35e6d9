import type { Actor } from '../../platform/context.js';
import type { Config } from '../../platform/config.js';

/**
 * The security rules of sign-in (等保 2.0 level 3, DOMAIN.md), as pure
 * functions so they are tested without a database.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Longer passwords are refused before hashing: argon2 on megabytes is a denial of service. */
export const PASSWORD_MAX_LENGTH = 128;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 30;

export const OTP_VALID_MINUTES = 5;
export const OTP_RESEND_SECONDS = 60;
export const OTP_MAX_PER_DAY = 10;
export const OTP_MAX_WRONG = 5;

export type PasswordProblem = 'identity.password_too_short' | 'identity.password_too_simple' | 'identity.password_contains_identity';

/**
 * Why a new password is too weak, or null when it is acceptable: at least 10
 * characters, three of the four classes (lower, upper, digit, symbol), and
 * not containing the person's phone number or user name.
 */
export function passwordProblem(password: string, identity: { phone?: string | null; username?: string | null }): PasswordProblem | null {
  if (Array.from(password).length < PASSWORD_MIN_LENGTH) return 'identity.password_too_short';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'identity.password_too_simple';
  const lower = password.toLowerCase();
  for (const own of [identity.phone, identity.username]) {
    // Very short user names ("li") would forbid too much; they add nothing to guess anyway.
    if (own && own.length >= 4 && lower.includes(own.toLowerCase())) return 'identity.password_contains_identity';
  }
  return null;
}

export interface LockState {
  failed_attempts: number;
  locked_until: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.locked_until !== null && state.locked_until.getTime() > now.getTime();
}

/** Failures that still count: a lockout that has run out starts the count afresh. */
export function countingFailures(state: LockState, now: Date): number {
  if (state.locked_until !== null && state.locked_until.getTime() <= now.getTime()) return 0;
  return state.failed_attempts;
}

/** The lock state after one more wrong password. */
export function afterFailure(state: LockState, now: Date): LockState & { lockedNow: boolean } {
  const failed = countingFailures(state, now) + 1;
  if (failed >= MAX_FAILED_ATTEMPTS) {
    return { failed_attempts: failed, locked_until: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000), lockedNow: true };
  }
  return { failed_attempts: failed, locked_until: null, lockedNow: false };
}

/** The dev outbox shows every SMS: only in demo mode, where all data is invented. */
export function canReadDevOutbox(config: Pick<Config, 'demo'>): boolean {
  return config.demo;
}

/** Everyone signed in may manage their own sessions and password. */
export function canManageOwnAccount(actor: Actor | null): actor is Actor {
  return actor !== null;
}
