import i18n from '../i18n/index.js';
import { ApiError } from '../api/client.js';

/**
 * `POST /api/cases` with an `Idempotency-Key` header (the shared client sends
 * no custom headers): the same key answers the case already created, so a
 * double tap or a retry after a dropped answer files one case.
 */
export async function postWithKey<T>(path: string, body: unknown, key: string, csrfToken: string | null): Promise<{ status: number; data: T }> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Idempotency-Key': key,
        ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) return { status: response.status, data: data as T };
  const error = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? i18n.t('errors.unknown'), error?.field);
}

/** A title from the first sentence of a description (the form's title is optional). */
export function titleFrom(description: string): string {
  const first = description.trim().split(/[。！？!?\n]/)[0]?.trim() ?? '';
  const base = first.length >= 2 ? first : description.trim();
  return base.length > 30 ? `${base.slice(0, 29)}…` : base;
}
