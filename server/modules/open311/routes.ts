import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { Open311Error, sendError, sendList, sendObject, type Format, type Item } from './format.js';
import * as geo from './georeport.js';
import type { Params } from './params.js';

/**
 * GeoReport v2 at `/open311/v2/` (root routes, outside `/api`: no session,
 * no CSRF; filing is authorised by `api_key`). The format is the path's
 * extension (`services.json`, `requests/ZZ2611200001.xml`); codes may contain
 * dots (`environment.noise.json`), so the extension is the last one.
 * Every error, including unknown paths and bad bodies, is GeoReport's list
 * of `{code, description}` in the requested format.
 */

const BASE = '/open311/v2';

function split(file: string): { name: string; format: Format } {
  const dot = file.lastIndexOf('.');
  const ext = dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
  if (ext !== 'json' && ext !== 'xml') throw new Open311Error(404, 'open311.format');
  return { name: file.slice(0, dot), format: ext };
}

/** The format the client asked for, as far as the URL tells (errors use it; XML is GeoReport's default). */
function formatOf(url: string): Format {
  return /\.json(\?|$)/i.test(url) ? 'json' : 'xml';
}

function parseForm(body: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

const queryOf = (r: FastifyRequest) => (r.query ?? {}) as Params;

export async function open311Routes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOf(request.url);
    if (error instanceof Open311Error) return sendError(reply, format, request.lang, error);
    if (error instanceof AppError && error.status < 500) {
      const status = ([400, 403, 404, 429].includes(error.status) ? error.status : 400) as 400;
      return sendError(reply, format, request.lang, new Open311Error(status, error.messageKey, { field: error.field ?? '', ...error.params }));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, format, request.lang, new Open311Error(415, 'open311.media_type'));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, format, request.lang, new Open311Error(413, 'open311.too_long', { field: 'body', limit: 65536 }));
    if (error.statusCode === 429) return sendError(reply, format, request.lang, new Open311Error(429, 'open311.too_many_requests'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendError(reply, format, request.lang, new Open311Error(400, 'open311.invalid', { field: 'body' }));
    request.log.error({ err: error }, 'open311: unhandled error');
    return sendError(reply, format, request.lang, new Open311Error(500, 'open311.internal'));
  });

  const list = (reply: FastifyReply, format: Format, items: Item[], status = 200) => sendList(reply, format, 'service_requests', 'request', items, status);
  const hide = { hide: true };

  // services.{fmt}, requests.{fmt} (GET and POST)
  app.get<{ Params: { file: string } }>(`${BASE}/:file`, { schema: hide }, async (r, reply) => {
    const { name, format } = split(r.params.file);
    if (name === 'services') return sendList(reply, format, 'services', 'service', await geo.listServices(r.ctx(), queryOf(r)));
    if (name === 'requests') return list(reply, format, await geo.listRequests(r.ctx(), queryOf(r)));
    throw new Open311Error(404, 'open311.not_found');
  });
  app.post<{ Params: { file: string } }>(
    `${BASE}/:file`,
    { schema: hide, config: { rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (r, reply) => {
      const { name, format } = split(r.params.file);
      if (name !== 'requests') throw new Open311Error(404, 'open311.not_found');
      // GeoReport is form-encoded; a JSON body would slip past the spec's parameter rules.
      if (!String(r.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) throw new Open311Error(415, 'open311.media_type');
      const body = r.body && typeof r.body === 'object' ? (r.body as Params) : {};
      // GeoReport clients may put api_key in the query string; the form wins.
      const params: Params = { ...(typeof queryOf(r).api_key === 'string' ? { api_key: queryOf(r).api_key } : {}), ...body };
      return list(reply, format, await geo.postRequest(r.ctx(), params, r.server.config.demo), 201);
    },
  );
  app.get<{ Params: { file: string } }>(`${BASE}/services/:file`, { schema: hide }, async (r, reply) => {
    const { name, format } = split(r.params.file);
    return sendObject(reply, format, 'service_definition', await geo.serviceDefinition(r.ctx(), name, queryOf(r)));
  });
  app.get<{ Params: { file: string } }>(`${BASE}/requests/:file`, { schema: hide }, async (r, reply) => {
    const { name, format } = split(r.params.file);
    return list(reply, format, await geo.getRequest(r.ctx(), name, queryOf(r)));
  });
  app.get<{ Params: { file: string } }>(`${BASE}/tokens/:file`, { schema: hide }, async (r, reply) => {
    const { name, format } = split(r.params.file);
    return list(reply, format, await geo.getToken(r.ctx(), name, queryOf(r)));
  });
  app.all(`${BASE}/*`, { schema: hide }, async () => {
    throw new Open311Error(404, 'open311.not_found');
  });
}
