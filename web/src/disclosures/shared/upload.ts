import { ApiError } from '../../api/client.js';
import i18n from '../../i18n/index.js';

/**
 * Requests the JSON client does not make: multipart uploads (ledger files,
 * receipts) and a POST with an Idempotency-Key (a report sent twice on a
 * shaky connection is filed once). Errors become the same {@link ApiError}.
 */
async function send<T>(path: string, init: RequestInit, csrfToken: string | null): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) return data as T;
  const error = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  const fallback = response.status === 413 ? i18n.t('disclosures.console.fileTooLarge') : i18n.t(response.status >= 500 ? 'errors.server' : 'errors.unknown');
  throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? fallback, error?.field);
}

/** POST a file (field `file`) and text fields as multipart/form-data. */
export function postFile<T>(path: string, file: File, fields: Record<string, string>, csrfToken: string | null): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return send<T>(path, { method: 'POST', body: form }, csrfToken);
}

/** POST JSON with an Idempotency-Key header. */
export function postWithKey<T>(path: string, body: unknown, key: string, csrfToken: string | null): Promise<T> {
  return send<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key } }, csrfToken);
}

/** A key for one attempt of one form (kept until it succeeds). */
export function newKey(): string {
  return `dc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
