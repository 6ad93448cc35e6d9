import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors } from './schema.js';
import {
  BoardQuery,
  BoardResult,
  CloseEscalationBody,
  EscalationParams,
  EscalationView,
  NotificationList,
  NotificationParams,
  NotificationQuery,
} from './stats-schema.js';
import { closeEscalation, listBoard } from './supervision.js';
import { listNotifications, markNotificationRead } from './notifications.js';

/** The supervision board (督办台) and the deadline notices, under /api. */
export async function caseSupervisionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const security = [{ session: [] }];

  app.get(
    '/cases/supervision-board',
    {
      schema: {
        tags,
        summary: 'Escalated (overdue) cases sent to my units or units in my scope',
        security,
        querystring: BoardQuery,
        response: { 200: BoardResult, ...errors(400, 401, 403) },
      },
    },
    async (request) => listBoard(request.ctx(), request.query),
  );

  app.post(
    '/cases/supervision/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a supervision item with a note (audited)',
        security,
        params: EscalationParams,
        body: CloseEscalationBody,
        response: { 200: EscalationView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeEscalation(request.ctx(), request.params.id, request.body),
  );

  app.get(
    '/cases/notifications',
    {
      schema: {
        tags,
        summary: 'Deadline warnings and escalation notices for my units and me',
        security,
        querystring: NotificationQuery,
        response: { 200: NotificationList, ...errors(400, 401, 403) },
      },
    },
    async (request) => listNotifications(request.ctx(), request.query),
  );

  app.post(
    '/cases/notifications/:id/read',
    { schema: { tags, summary: 'Mark a notice read', security, params: NotificationParams, response: { 204: Type.Null(), ...errors(400, 401, 404) } } },
    async (request, reply) => {
      await markNotificationRead(request.ctx(), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
