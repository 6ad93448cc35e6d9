import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { checkIn, dutyToday, listRoster, removeDuty, setDuty } from './service.js';
import { CheckInBody, CheckInResult, DutyToday, errors, Roster, RosterQuery, SetDutyBody, Shift, ShiftParams, TodayQuery } from './schema.js';

const tags = ['duty'];
const security = [{ session: [] }];

/** The duty roster: `/api/duty…` (docs/API-CONTRACT.md, "feed and duty"). */
export async function dutyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/duty',
    {
      schema: {
        tags,
        security,
        summary: "A unit's duty roster between two dates (default: the coming 7 days)",
        querystring: RosterQuery,
        response: { 200: Roster, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listRoster(request.ctx(), request.query),
  );

  r.put(
    '/duty',
    {
      schema: {
        tags,
        security,
        summary: 'Put a cadre on duty for a unit on a date (replaces whoever was)',
        body: SetDutyBody,
        response: { 200: Shift, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => setDuty(request.ctx(), request.body),
  );

  r.delete(
    '/duty/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a duty assignment that lies ahead and has no check-in',
        params: ShiftParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeDuty(request.ctx(), { id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/duty/today',
    {
      schema: {
        tags,
        security,
        summary: 'Who is on duty today (Asia/Shanghai) for the unit of a region',
        querystring: TodayQuery,
        response: { 200: DutyToday, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => dutyToday(request.ctx(), { regionCode: request.query.regionCode }),
  );

  r.post(
    '/duty/check-in',
    {
      schema: {
        tags,
        security,
        summary: 'The person on duty checks in; posts 「今天我值班」 in the unit’s feed',
        body: CheckInBody,
        response: { 201: CheckInResult, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await checkIn(request.ctx(), { unitId: request.body.unitId })),
  );
}
