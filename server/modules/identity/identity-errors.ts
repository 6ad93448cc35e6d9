import { AppError } from '../../platform/errors.js';
import type { MessageKey } from '../../../common/i18n/server-messages.js';
import { beijingTime } from './presenter.js';

/** 423 with the end of the lockout, in words (Beijing time) and for machines. */
export function lockedError(lockedUntil: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError(
    423,
    'locked',
    'identity.locked',
    undefined,
    { until: beijingTime(lockedUntil), minutes: Math.ceil(seconds / 60) },
    { retryAfterSeconds: seconds, lockedUntil: lockedUntil.toISOString() },
  );
}

/** 429 saying when to try again. */
export function retryLaterError(messageKey: MessageKey, retryAfterSeconds: number, params: Record<string, string | number> = {}): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(429, 'too_many_requests', messageKey, undefined, { seconds, ...params }, { retryAfterSeconds: seconds });
}

/**
 * What a use case decided inside its transaction. A refusal that must still
 * be recorded (a counted failure, a burned code) is returned, not thrown, so
 * the transaction commits; the caller throws it afterwards.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function settle<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
