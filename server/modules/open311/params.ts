import { badParam, Open311Error } from './format.js';

/**
 * GeoReport parameters, from the query string (GET) or the form body (POST):
 * every value is text; a parameter given twice is a 400, so is one we do not
 * know (a typo must not silently drop what the client meant to send).
 */
export type Params = Record<string, string | string[] | undefined>;

const ATTRIBUTE = /^attribute\[([a-z_]+)\]$/;

/** Unknown names are a 400; returns the `attribute[code]` values by code. */
export function checkNames(p: Params, names: string[], attributes: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(p)) {
    const attr = ATTRIBUTE.exec(key);
    if (attr && attributes.length) {
      if (!attributes.includes(attr[1]!)) throw new Open311Error(400, 'open311.unknown_attribute', { field: key });
      const v = single(key, value)?.trim();
      if (v) out[attr[1]!] = v;
      continue;
    }
    if (!names.includes(key)) throw new Open311Error(400, 'open311.unknown_parameter', { field: key });
  }
  return out;
}

function single(name: string, value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) throw badParam(name);
  return value;
}

/** Trimmed text, null when absent or empty; too long is a 400 naming the parameter. */
export function textParam(p: Params, name: string, max: number): string | null {
  const v = single(name, p[name])?.trim();
  if (!v) return null;
  if (Array.from(v).length > max) throw badParam(name, 'open311.too_long', { limit: max });
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(v)) throw badParam(name);
  return v;
}

export function numberParam(p: Params, name: string, min: number, max: number): number | null {
  const v = textParam(p, name, 30);
  if (v === null) return null;
  const n = Number(v);
  if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || n < min || n > max) throw badParam(name);
  return n;
}

/** A W3C datetime (2026-11-20T10:00:00+08:00, or a date alone, read as midnight in Zhuzhou). */
export function dateParam(p: Params, name: string): Date | null {
  const v = textParam(p, name, 40);
  if (v === null) return null;
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(withZone)) throw badParam(name);
  const d = new Date(withZone);
  if (Number.isNaN(d.getTime())) throw badParam(name);
  return d;
}

/** A comma-separated list (service_request_id=ZZ1,ZZ2; status=open,closed), or null. */
export function listParam(p: Params, name: string): string[] | null {
  const v = textParam(p, name, 20000);
  if (v === null) return null;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : null;
}
