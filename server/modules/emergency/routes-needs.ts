import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type as T } from '@sinclair/typebox';
import { getNeed, listNeeds, postNeed } from './needs.js';
import { actOnNeed, MAX_PHOTO_BYTES, readPhoto, setShop } from './errands.js';
import { myRoute } from './route.js';
import { recordNeed } from './phone-needs.js';
import { IncidentParams, errors } from './schema.js';
import {
  CreateNeedBody,
  NeedActionBody,
  NeedActionParams,
  NeedDetail,
  NeedListQuery,
  NeedPage,
  NeedParams,
  PhotoParams,
  RecordNeedBody,
  RouteQuery,
  RouteView,
  ShopBody,
} from './schema-needs.js';

const tags = ['emergency'];
const security = [{ session: [] }];

/** Residents' needs, volunteers' errands (the state table of common/emergency/errand-states.ts) and the route. */
export async function needRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/emergency/incidents/:id/needs',
    {
      schema: {
        tags,
        security,
        summary: 'A resident under lockdown asks for medicine, infant formula, dialysis drugs … (life-critical first)',
        params: IncidentParams,
        body: CreateNeedBody,
        response: { 201: NeedDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await postNeed(r.ctx(), r.params.id, r.body)),
  );
  app.post(
    '/emergency/incidents/:id/phone-needs',
    {
      schema: {
        tags,
        security,
        summary: 'A grid worker or cadre records a need for a resident who phoned (no smartphone); the answer carries the case tracking number to read back to the caller',
        params: IncidentParams,
        body: RecordNeedBody,
        response: { 201: NeedDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await recordNeed(r.ctx(), r.params.id, r.body)),
  );
  app.get(
    '/emergency/incidents/:id/needs',
    {
      schema: {
        tags,
        security,
        summary: 'Needs the caller may see: their own (and those they recorded); their grids’ (volunteers); their area’s (coordinators)',
        params: IncidentParams,
        querystring: NeedListQuery,
        response: { 200: NeedPage, ...errors(400, 401, 404) },
      },
    },
    async (r) => listNeeds(r.ctx(), r.params.id, r.query),
  );
  app.get(
    '/emergency/needs/:id',
    { schema: { tags, security, summary: 'A need with its errand timeline', params: NeedParams, response: { 200: NeedDetail, ...errors(400, 401, 404) } } },
    async (r) => getNeed(r.ctx(), r.params.id),
  );
  app.post(
    '/emergency/needs/:id/actions/:action',
    {
      schema: {
        tags,
        security,
        summary: 'An errand step: claim, release, buy, reach_gate, deliver, confirm, cancel (hand_over: see /handover)',
        params: NeedActionParams,
        body: T.Optional(NeedActionBody),
        response: { 200: NeedDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r) => actOnNeed(r.ctx(), r.params.id, r.params.action, r.body ?? {}),
  );
  app.put(
    '/emergency/needs/:id/shop',
    {
      schema: { tags, security, summary: 'Where the runner will buy the items (before buying)', params: NeedParams, body: ShopBody, response: { 200: NeedDetail, ...errors(400, 401, 403, 404, 409) } },
    },
    async (r) => setShop(r.ctx(), r.params.id, r.body.shop),
  );
  app.get(
    '/emergency/errands/route',
    {
      schema: {
        tags,
        security,
        summary: 'My claimed errands ordered into a route: life-critical first, shops before their deliveries, then shortest',
        querystring: RouteQuery,
        response: { 200: RouteView, ...errors(400, 401, 404) },
      },
    },
    async (r) => myRoute(r.ctx(), r.query),
  );
  app.get(
    '/emergency/needs/:id/photos/:photoId',
    { schema: { tags, security, summary: 'A hand-over photo (to those who may see the need)', params: PhotoParams } },
    async (r, reply) => {
      const photo = await readPhoto(r.ctx(), r.params.id, r.params.photoId);
      return reply.header('content-type', photo.contentType).header('cache-control', 'private, max-age=3600').send(photo.bytes);
    },
  );

  await app.register(async (upload) => {
    await upload.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 1, parts: 2 } });
    upload.withTypeProvider<TypeBoxTypeProvider>().post(
      '/emergency/needs/:id/handover',
      {
        schema: {
          tags,
          security,
          summary: 'Hand the goods over at the gate with a photo (multipart/form-data, field `file`; JPEG, PNG or WebP up to 5 MB)',
          consumes: ['multipart/form-data'],
          params: NeedParams,
          response: { 200: NeedDetail, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      async (r) => {
        const part = r.isMultipart() ? await r.file() : undefined;
        const photo = part ? await part.toBuffer() : null;
        return actOnNeed(r.ctx(), r.params.id, 'hand_over', { photo });
      },
    );
  });
}
