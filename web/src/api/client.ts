import type { FormInstance } from 'antd';
import i18n from '../i18n/index.js';

/**
 * The one way the web talks to the server: same-origin fetch with the session
 * cookie, the CSRF token echoed on unsafe methods, and every failure turned
 * into an {@link ApiError} carrying the server's `{error: {code, message, field}}`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /**
     * Extra facts the server adds beside code/message/field (error-handler.ts spreads them into `error`),
     * e.g. `retryAfterSeconds` (423, 429), `lockedUntil` (423), `nextStationId` (409 station_full).
     */
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorDetails {
  retryAfterSeconds?: number;
  lockedUntil?: string;
  [key: string]: string | number | boolean | null | undefined;
}

/** Every scalar the server put in `error` besides code, message and field (also from a nested `details` object). */
function detailsOf(error: Record<string, unknown> | undefined): ErrorDetails {
  const out: ErrorDetails = {};
  if (!error) return out;
  const nested = error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries({ ...error, ...nested })) {
    if (key === 'code' || key === 'message' || key === 'field' || key === 'details') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value as string | number | boolean | null;
  }
  return out;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Remember the token from a sign-in response or `GET /api/auth/me`. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Called on a 401 from any request not marked `quiet401` (the app sends the person to sign in). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not redirect to sign-in on 401 (used by `/auth/me` and the sign-in calls). */
  quiet401?: boolean;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, leaving out empty values. */
export function queryString(params: Query = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

async function send<T>(method: string, path: string, body: unknown, options: RequestOptions, retried: boolean): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (response.ok) return data as T;

  const error = (data as { error?: { code?: string; message?: string; field?: string; retryAfterSeconds?: number; lockedUntil?: string } } | undefined)
    ?.error;
  const retryHeader = Number(response.headers.get('retry-after'));
  const apiError = new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? fallbackMessage(response.status),
    error?.field,
    {
      ...detailsOf(error as Record<string, unknown> | undefined),
      retryAfterSeconds: error?.retryAfterSeconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined),
      lockedUntil: error?.lockedUntil,
    },
  );
  // A stale CSRF token (e.g. signed in again in another tab): fetch the current one and try once more.
  if (response.status === 403 && apiError.code === 'csrf' && !retried) {
    try {
      const me = await send<{ csrfToken?: string }>('GET', '/auth/me', undefined, { quiet401: true }, true);
      setCsrfToken(me?.csrfToken);
      return await send<T>(method, path, body, options, true);
    } catch {
      /* fall through to the original error */
    }
  }
  if (response.status === 401 && !options.quiet401) unauthorizedHandler?.();
  throw apiError;
}

function fallbackMessage(status: number): string {
  if (status === 401) return i18n.t('errors.signInAgain');
  if (status === 403) return i18n.t('errors.forbidden');
  if (status === 404) return i18n.t('errors.notFound');
  if (status === 429) return i18n.t('errors.tooMany');
  if (status >= 500) return i18n.t('errors.server');
  return i18n.t('errors.unknown');
}

export const api = {
  get: <T>(path: string, query?: Query, options: RequestOptions = {}) => send<T>('GET', path + queryString(query), undefined, options, false),
  post: <T = void>(path: string, body: unknown = {}, options: RequestOptions = {}) => send<T>('POST', path, body, options, false),
  put: <T = void>(path: string, body: unknown = {}, options: RequestOptions = {}) => send<T>('PUT', path, body, options, false),
  patch: <T = void>(path: string, body: unknown = {}, options: RequestOptions = {}) => send<T>('PATCH', path, body, options, false),
  del: <T = void>(path: string, options: RequestOptions = {}) => send<T>('DELETE', path, undefined, options, false),
};

/** What to tell the person: the server's message, or a generic one. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if ((err as Error)?.name === 'AbortError') return '';
  return i18n.t('errors.unknown');
}

/**
 * Puts a server error on the form field it names (`error.field`), so the
 * message shows under the input. Returns false when the form has no such
 * field: the caller then shows the message elsewhere.
 */
export function applyFormError(form: FormInstance, err: unknown, fieldAliases: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || !err.field) return false;
  const name = fieldAliases[err.field] ?? err.field;
  const registered = form.getFieldsError().some((f) => f.name.join('.') === name);
  if (!registered) return false;
  form.setFields([{ name, errors: [err.message] }]);
  try {
    form.scrollToField(name);
    form.getFieldInstance(name)?.focus?.();
  } catch {
    /* not focusable */
  }
  return true;
}

export function isApiError(err: unknown, status?: number, code?: string): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status) && (code === undefined || err.code === code);
}
