import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import { fieldName } from '../../../common/i18n/field-names.js';
import { languageOf } from './language.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string; [detail: string]: string | number | undefined };
}

/** Maps every error to the one error shape; only true faults become a 500. */
export function errorHandler(error: FastifyError & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const lang = request.lang ?? languageOf(request);
  const send = (
    status: number,
    code: string,
    key: MessageKey,
    field?: string,
    params: Record<string, string | number> = {},
    details: Record<string, string | number> = {},
  ) => {
    const body: ErrorBody = {
      error: { code, message: translate(lang, key, { ...params, field: field ? fieldName(lang, field) : '' }), ...(field ? { field } : {}), ...details },
    };
    if (typeof details.retryAfterSeconds === 'number') reply.header('retry-after', String(details.retryAfterSeconds));
    reply.status(status).send(body);
  };

  if (error instanceof AppError) return send(error.status, error.code, error.messageKey, error.field, error.params, error.details);

  if (error.validation && error.validation.length > 0) {
    const v = error.validation[0] as { keyword: string; instancePath?: string; params: Record<string, any> };
    // An item of a list names the list (`/status/0` → status).
    const pathField = (v.instancePath ?? '').split('/').filter((s) => s && !/^\d+$/.test(s)).pop();
    const field = v.params?.missingProperty ?? v.params?.additionalProperty ?? pathField ?? error.validationContext ?? 'body';
    const keyByKeyword: Record<string, MessageKey> = {
      required: 'validation.required',
      type: 'validation.type',
      format: 'validation.format',
      pattern: 'validation.format',
      maxLength: 'validation.too_long',
      minLength: 'validation.too_short',
      enum: 'validation.enum',
      const: 'validation.enum',
      anyOf: 'validation.invalid',
      minimum: 'validation.range',
      maximum: 'validation.range',
      additionalProperties: 'validation.unknown_field',
    };
    return send(400, 'invalid_field', keyByKeyword[v.keyword] ?? 'validation.invalid', String(field), {
      limit: v.params?.limit ?? '',
    });
  }

  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(400, 'malformed_body', 'common.malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return send(413, 'body_too_large', 'common.body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return send(415, 'unsupported_media_type', 'common.unsupported_media');
    // PostgreSQL: a value the column cannot hold is the caller's fault.
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
    case '22021': // a NUL byte (or invalid UTF-8) in text
    case '22P05':
      return send(400, 'invalid_field', 'validation.invalid', 'body');
  }
  if (error instanceof SyntaxError) return send(400, 'malformed_body', 'common.malformed_json');
  if (error.statusCode === 429) return send(429, 'too_many_requests', 'common.too_many_requests');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return send(error.statusCode, 'bad_request', 'validation.invalid', 'body');
  }
  request.log.error({ err: error }, 'unhandled error');
  send(500, 'internal', 'common.internal');
}
