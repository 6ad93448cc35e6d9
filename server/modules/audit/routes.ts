import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditActions, AuditExportQuery, AuditPage, AuditQuery } from './schema.js';
import { exportAuditCsv, listAudit, listAuditActions } from './service.js';
import { shanghaiTime } from './presenter.js';

/**
 * The audit view (administrators). Read-only: entries are written by the use
 * cases themselves (`audit()` in their transaction); no route writes, edits
 * or deletes one, and the table refuses it anyway.
 */
export async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['audit'];
  const security = [{ session: [] }];

  app.get(
    '/audit',
    { schema: { tags, security, summary: 'Audit log entries, newest first', querystring: AuditQuery, response: { 200: AuditPage } } },
    async (request) => {
      request.requireActor();
      return listAudit(request.ctx(), request.query);
    },
  );

  app.get(
    '/audit/actions',
    { schema: { tags, security, summary: 'The action names in the log (for the filter)', response: { 200: AuditActions } } },
    async (request) => {
      request.requireActor();
      return { items: await listAuditActions(request.ctx()) };
    },
  );

  app.get(
    '/audit/export.csv',
    {
      schema: {
        tags,
        security,
        summary: 'The filtered log as CSV (UTF-8 with BOM, at most 100,000 rows)',
        querystring: AuditExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      request.requireActor();
      const ctx = request.ctx();
      const { rows, lines } = await exportAuditCsv(ctx, request.query);
      const stamp = shanghaiTime(ctx.clock.now()).replace(/\D/g, '').slice(0, 12);
      const stream = Readable.from(lines);
      stream.on('error', (err) => request.log.error({ err }, 'audit export failed mid-stream'));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="lianxin-audit-${stamp}.csv"`)
        .header('cache-control', 'no-store')
        .header('x-row-count', String(rows))
        .send(stream);
    },
  );
}
