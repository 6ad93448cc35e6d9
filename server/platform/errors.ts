import type { MessageKey } from '../../common/i18n/server-messages.js';

/**
 * The one error shape of the API: a stable code, a message in the user's
 * language and, where one field is at fault, its name.
 *
 *   { "error": { "code": "invalid_field", "message": "手机号格式不正确", "field": "phone" } }
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
    /** Extra machine-readable facts added to the error body, e.g. `retryAfterSeconds`. */
    readonly details: Record<string, string | number> = {},
  ) {
    super(`${code}${field ? ` (${field})` : ''}`);
  }
}

export const badRequest = (messageKey: MessageKey, field?: string, params?: Record<string, string | number>) =>
  new AppError(400, 'invalid_field', messageKey, field, params);
export const unauthorized = (messageKey: MessageKey = 'auth.required') => new AppError(401, 'unauthorized', messageKey);
export const forbidden = (messageKey: MessageKey = 'auth.forbidden') => new AppError(403, 'forbidden', messageKey);
export const notFound = (messageKey: MessageKey = 'common.not_found', field?: string) =>
  new AppError(404, 'not_found', messageKey, field);
export const conflict = (messageKey: MessageKey, field?: string, params?: Record<string, string | number>) =>
  new AppError(409, 'conflict', messageKey, field, params);
export const tooMany = (messageKey: MessageKey, params?: Record<string, string | number>) =>
  new AppError(429, 'too_many_requests', messageKey, undefined, params);
