import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errors } from './schema.js';
import { CaseExportQuery, StatsExportQuery, StatsQuery, StatsResult } from './stats-schema.js';
import { caseStatistics } from './stats.js';
import { exportCases, exportStatistics, type ExportFile } from './export.js';

/** Statistics (三率) and exports, under /api (docs/API-CONTRACT.md "Cases: statistics and supervision"). */
export async function caseStatsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const security = [{ session: [] }];

  const send = (reply: FastifyReply, file: ExportFile) =>
    reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .header('x-row-count', String(file.rows))
      .send(file.body);

  app.get(
    '/cases/stats',
    {
      schema: {
        tags,
        summary: '三率 of a region subtree or a unit: totals, rows to drill down, trend',
        security,
        querystring: StatsQuery,
        response: { 200: StatsResult, ...errors(400, 401, 403) },
      },
    },
    async (request) => caseStatistics(request.ctx(), request.query),
  );

  app.get(
    '/cases/stats/export',
    {
      schema: {
        tags,
        summary: 'The same figures as CSV (UTF-8 with BOM) or XLSX',
        security,
        querystring: StatsExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: errors(400, 401, 403),
      },
    },
    async (request, reply) => send(reply, await exportStatistics(request.ctx(), request.query)),
  );

  app.get(
    '/cases/export',
    {
      schema: {
        tags,
        summary: 'The queue’s cases as CSV or XLSX (personal data masked, at most 10,000)',
        security,
        querystring: CaseExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: errors(400, 401, 403),
      },
    },
    async (request, reply) => send(reply, await exportCases(request.ctx(), request.query)),
  );
}
