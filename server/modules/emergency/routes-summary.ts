import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { needsSummary } from './needs-summary.js';
import { IncidentParams, errors } from './schema.js';
import { NeedsSummary, NeedsSummaryQuery } from './schema-summary.js';

/** `GET /emergency/incidents/:id/needs/summary` — the needs board's counts, for those who see the grid board. */
export async function summaryRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/emergency/incidents/:id/needs/summary',
    {
      schema: {
        tags: ['emergency'],
        security: [{ session: [] }],
        summary: 'Needs waiting, under way, overdue and finished per grid, and the volunteers’ loads (overdue: past the case’s resolution deadline)',
        params: IncidentParams,
        querystring: NeedsSummaryQuery,
        response: { 200: NeedsSummary, ...errors(400, 401, 403, 404) },
      },
    },
    async (r) => needsSummary(r.ctx(), r.params.id, r.query),
  );
}
