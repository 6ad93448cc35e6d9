import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * HTTP caching of the public read endpoints. A published version never
 * changes (its hash is chained), and what is derived from a village's
 * published versions changes only when the village publishes again, so
 * every public GET carries a strong ETag — the hash of the bytes sent —
 * and answers a matching If-None-Match with 304 and no body. The bytes are
 * hashed after serialisation (onSend), so the tag is right by construction
 * whatever the view contains; the saving is the transfer (and, for the
 * publication page, the work too: its bytes are cached in memory).
 *
 * Anonymous readers get `public` caching (CDN and browser); signed-in
 * readers may see drafts or their own abilities, so theirs is `private,
 * no-cache` (revalidate every time, still 304). `Vary: Cookie` keeps a
 * shared cache from handing one to the other.
 */
export const CACHE = {
  /** Lists and pages that change when the village publishes: revalidate after a short while. */
  short: 'public, max-age=30, stale-while-revalidate=60',
  /** Public but always revalidated (comments, the chain with its verification). */
  revalidate: 'public, no-cache',
  /** Bytes fixed forever by the chain (the canonical document of a published version). */
  immutable: 'public, max-age=31536000, immutable',
} as const;

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** If-None-Match (RFC 9110 §13.1.2): weak comparison, a list of tags, or `*`. */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const mine = strip(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === mine);
}

/** A route's onSend hook: ETag, Cache-Control, Vary, and 304 when the client already has these bytes. */
export function httpCache(cacheControl: string) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    const existing = reply.getHeader('etag');
    const etag = typeof existing === 'string' ? existing : etagOf(payload);
    reply.header('etag', etag).header('cache-control', request.actor ? 'private, no-cache' : cacheControl).header('vary', 'Cookie');
    if (ifNoneMatch(request.headers['if-none-match'], etag)) {
      reply.code(304).removeHeader('content-length');
      return '';
    }
    return payload;
  };
}
