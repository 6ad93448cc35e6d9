import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';
import { translate, type Lang, type MessageKey } from '../../../common/i18n/server-messages.js';

/**
 * GeoReport v2 answers in JSON or XML (the format is the path's extension).
 * Each answer is a list (or, for a service definition, one object) whose
 * XML form is a root element with one child element per item:
 * `services/service`, `service_requests/request`, `errors/error`.
 */
export type Format = 'json' | 'xml';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, suppressEmptyNode: false, format: false });

type Scalar = string | number | boolean | null;
export type Item = { [key: string]: Scalar | Item | Item[] | undefined };

/** Nulls become empty elements; nested lists are wrapped (`attributes/attribute`, `values/value`). */
function forXml(value: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (v === null) out[k] = '';
    else if (Array.isArray(v)) out[k] = v.length ? { [singular(k)]: v.map(forXml) } : '';
    else if (typeof v === 'object') out[k] = forXml(v);
    else out[k] = v;
  }
  return out;
}

const singular = (plural: string) => (plural.endsWith('s') ? plural.slice(0, -1) : `${plural}_item`);

export function toXml(root: string, child: string, items: Item[]): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: items.length ? { [child]: items.map(forXml) } : '' });
}

export function toXmlObject(root: string, item: Item): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: forXml(item) });
}

/** A list answer in the requested format. */
export function sendList(reply: FastifyReply, format: Format, root: string, child: string, items: Item[], status = 200): FastifyReply {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, child, items));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
}

export function sendObject(reply: FastifyReply, format: Format, root: string, item: Item): FastifyReply {
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXmlObject(root, item));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(item));
}

/** An error as GeoReport says: HTTP status, and a list of `{code, description}` (code = the HTTP status). */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 429 | 500,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
  }
}

export const badParam = (field: string, key: MessageKey = 'open311.invalid', params: Record<string, string | number> = {}) =>
  new Open311Error(400, key, { field, ...params });

export function sendError(reply: FastifyReply, format: Format, lang: Lang, error: Open311Error): FastifyReply {
  return sendList(reply, format, 'errors', 'error', [{ code: error.status, description: translate(lang, error.messageKey, error.params) }], error.status);
}

/** W3C datetime in China Standard Time, as GeoReport's examples write them: 2026-11-20T10:00:00+08:00. */
export function w3c(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19)}+08:00`;
}
