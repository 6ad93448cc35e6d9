import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T } from '@sinclair/typebox';
import { changeRiskAreas, createRiskArea, listRiskAreas, riskHistory } from './risk-areas.js';
import {
  acknowledgeNotice,
  authorizeNoticeStream,
  createNotice,
  getNotice,
  listNotices,
  markVisited,
  myNotices,
  noticeProgress,
  unreachedHouseholds,
} from './notices.js';
import { emergencyStreams } from './stream.js';
import { IncidentParams, PageQuery, Uuid, errors } from './schema.js';
import {
  AckBody,
  CreateNoticeBody,
  CreateRiskAreaBody,
  NoticeHouseholdParams,
  NoticeListQuery,
  NoticePage,
  NoticeParams,
  NoticeProgress,
  NoticeView,
  RiskAreaList,
  RiskAreaView,
  RiskChangeBody,
  RiskHistory,
  RiskListQuery,
  UnreachedPage,
  UnreachedQuery,
  VisitBody,
} from './schema-notices.js';

const tags = ['emergency'];
const security = [{ session: [] }];

/** Risk areas (public list and history) and notices with delivery and acknowledgement tracking. */
export async function noticeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const streams = emergencyStreams(fastify);

  // ---- risk areas
  app.get(
    '/emergency/incidents/:id/risk-areas',
    {
      schema: { tags, summary: 'Risk areas and their level now, or at `at` (public)', params: IncidentParams, querystring: RiskListQuery, response: { 200: RiskAreaList, ...errors(400, 404) } },
    },
    async (r) => listRiskAreas(r.ctx(), r.params.id, r.query),
  );
  app.get(
    '/emergency/incidents/:id/risk-areas/history',
    { schema: { tags, summary: 'Every announcement, newest first, one sentence each (public)', params: IncidentParams, response: { 200: RiskHistory, ...errors(400, 404) } } },
    async (r) => riskHistory(r.ctx(), r.params.id),
  );
  app.post(
    '/emergency/incidents/:id/risk-areas',
    {
      schema: {
        tags,
        security,
        summary: 'Designate a risk area (a sealed compound, a village …) with its level',
        params: IncidentParams,
        body: CreateRiskAreaBody,
        response: { 201: RiskAreaView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await createRiskArea(r.ctx(), r.params.id, r.body)),
  );
  app.post(
    '/emergency/incidents/:id/risk-areas/changes',
    {
      schema: {
        tags,
        security,
        summary: 'Raise, lower (「降为低风险区」) or lift areas together, effective at a time',
        params: IncidentParams,
        body: RiskChangeBody,
        response: { 200: RiskHistory, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r) => changeRiskAreas(r.ctx(), r.params.id, r.body),
  );

  // ---- notices
  app.post(
    '/emergency/incidents/:id/notices',
    {
      schema: {
        tags,
        security,
        summary: 'Send a notice to every household of an area (202: delivery continues; poll its progress)',
        params: IncidentParams,
        body: CreateNoticeBody,
        response: { 202: NoticeView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(202).send(await createNotice(r.ctx(), r.params.id, r.body)),
  );
  app.get(
    '/emergency/incidents/:id/notices',
    { schema: { tags, security, summary: 'Notices of my area, with progress and tracking (cadres)', params: IncidentParams, querystring: NoticeListQuery, response: { 200: NoticePage, ...errors(400, 401, 403, 404) } } },
    async (r) => listNotices(r.ctx(), r.params.id, r.query),
  );
  app.get(
    '/emergency/notices/mine',
    {
      schema: {
        tags,
        security,
        summary: 'Notices delivered to my households',
        querystring: T.Object({ incidentId: T.Optional(Uuid), ...PageQuery }, { additionalProperties: false }),
        response: { 200: NoticePage, ...errors(400, 401) },
      },
    },
    async (r) => myNotices(r.ctx(), r.query),
  );
  app.get(
    '/emergency/notices/:id',
    { schema: { tags, security, summary: 'A notice (a recipient opening it marks it seen)', params: NoticeParams, response: { 200: NoticeView, ...errors(400, 401, 404) } } },
    async (r) => getNotice(r.ctx(), r.params.id),
  );
  app.get(
    '/emergency/notices/:id/progress',
    { schema: { tags, security, summary: 'Delivery progress, for the sender to poll', params: NoticeParams, response: { 200: NoticeProgress, ...errors(400, 401, 403, 404) } } },
    async (r) => noticeProgress(r.ctx(), r.params.id),
  );
  app.get(
    '/emergency/notices/:id/stream',
    {
      schema: {
        tags,
        security,
        summary: 'Live delivery progress and acknowledgements (text/event-stream)',
        params: NoticeParams,
        response: { 200: T.String({ description: 'text/event-stream' }), ...errors(400, 401, 403, 404, 503) },
      },
    },
    async (r, reply) => streams.open(reply, await authorizeNoticeStream(r.ctx(), r.params.id)),
  );
  app.post(
    '/emergency/notices/:id/ack',
    { schema: { tags, security, summary: 'My household has read the notice', params: NoticeParams, body: T.Optional(AckBody), response: { 204: T.Null(), ...errors(400, 401, 404) } } },
    async (r, reply) => {
      await acknowledgeNotice(r.ctx(), r.params.id, r.body ?? {});
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/emergency/notices/:id/unreached',
    { schema: { tags, security, summary: 'Households not yet reached (no acknowledgement)', params: NoticeParams, querystring: UnreachedQuery, response: { 200: UnreachedPage, ...errors(400, 401, 403, 404) } } },
    async (r) => unreachedHouseholds(r.ctx(), r.params.id, r.query),
  );
  app.post(
    '/emergency/notices/:id/households/:householdId/visit',
    {
      schema: {
        tags,
        security,
        summary: 'A cadre reached the household at the door',
        params: NoticeHouseholdParams,
        body: T.Optional(VisitBody),
        response: { 204: T.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (r, reply) => {
      await markVisited(r.ctx(), r.params.id, r.params.householdId, r.body ?? {});
      return reply.status(204).send(null);
    },
  );
}
