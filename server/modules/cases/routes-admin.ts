import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import * as admin from './admin.js';
import { addAttachment, MAX_PHOTO_BYTES, readAttachment } from './attachments.js';
import { AttachmentParams, CaseParams, CaseView, RoutingRuleBody, RoutingRuleList, RoutingRuleView, RuleParams, errors } from './schema.js';

/** Routing rules (administrators) and case photos. */
export async function caseBackOfficeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const security = [{ session: [] }];

  app.get(
    '/cases/routing-rules',
    { schema: { tags, summary: 'Routing rules (administrators)', security, response: { 200: RoutingRuleList, ...errors(401, 403) } } },
    async (r) => admin.listRules(r.ctx()),
  );
  app.put(
    '/cases/routing-rules',
    {
      schema: {
        tags,
        summary: 'Create or replace the rule for a category and region prefix (administrators)',
        security,
        body: RoutingRuleBody,
        response: { 200: RoutingRuleView, ...errors(400, 401, 403) },
      },
    },
    async (r) => admin.putRule(r.ctx(), r.body),
  );
  app.delete(
    '/cases/routing-rules/:ruleId',
    { schema: { tags, summary: 'Delete a routing rule (administrators)', security, params: RuleParams, response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404) } } },
    async (r, reply) => {
      await admin.deleteRule(r.ctx(), r.params.ruleId);
      return reply.status(204).send();
    },
  );

  await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 0, parts: 2 } });

  app.post(
    '/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Add a photo (multipart/form-data, field `file`; JPEG, PNG or WebP up to 5 MB; 9 per case)',
        security,
        consumes: ['multipart/form-data'],
        params: CaseParams,
        response: { 200: CaseView, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (r) => {
      const part = r.isMultipart() ? await r.file() : undefined;
      const file = part ? { fileName: part.filename, bytes: await part.toBuffer() } : null;
      return addAttachment(r.ctx(), r.params.id, file);
    },
  );

  app.get(
    '/cases/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'A photo of a case (to those who may see the case)', security, params: AttachmentParams } },
    async (r, reply) => {
      const a = await readAttachment(r.ctx(), r.params.id, r.params.attachmentId);
      return reply
        .header('content-type', a.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.fileName)}`)
        .send(a.bytes);
    },
  );
}
