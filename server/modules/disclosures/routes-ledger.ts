import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { AppError } from '../../platform/errors.js';
import * as reading from './reading.js';
import * as entries from './entries.js';
import * as funds from './funds.js';
import * as imports from './imports.js';
import {
  AttachmentParams,
  DecisionBody,
  DecisionList,
  DecisionView,
  EntryBody,
  EntryList,
  EntryListQuery,
  EntryPatchBody,
  EntryView,
  FundBody,
  FundList,
  FundPatchBody,
  FundView,
  IdParams,
  NoContent,
  StepsBody,
  VillageParams,
  errors,
} from './schema.js';
import { Binary } from './schema-oversight.js';
import { ImportPreview, ImportQuery, ImportResult, MappingBody, MappingView } from './schema-oversight.js';

const tags = ['disclosures'];
const security = [{ session: [] }];

/** Reads the one file of a multipart upload (field `file`) and its text fields. */
async function upload(r: FastifyRequest): Promise<{ fileName: string; bytes: Buffer; fields: Record<string, string> } | null> {
  if (!r.isMultipart()) return null;
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Buffer } | null = null;
  for await (const part of r.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && !file) file = { fileName: part.filename ?? '', bytes };
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  return file ? { ...file, fields } : null;
}

/** Ledger entries, receipts, funds, decisions and imports. */
export async function ledgerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(multipart, { limits: { fileSize: imports.MAX_IMPORT_BYTES, files: 1, fields: 4, parts: 6 } });

  app.get(
    '/disclosures/publications/:id/entries',
    { schema: { tags, summary: 'A page of the ledger with receipts (names of people masked for the public)', params: IdParams, querystring: EntryListQuery, response: { 200: EntryList, ...errors(400, 404) } } },
    async (r) => reading.listEntries(r.ctx(), r.params.id, r.query),
  );
  app.post(
    '/disclosures/publications/:id/entries',
    { schema: { tags, security, summary: 'Add a ledger entry to a draft (amounts in fen)', params: IdParams, body: EntryBody, response: { 201: EntryView, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await entries.addEntry(r.ctx(), r.params.id, r.body)),
  );
  app.patch(
    '/disclosures/entries/:id',
    { schema: { tags, security, summary: 'Change a ledger entry of a draft', params: IdParams, body: EntryPatchBody, response: { 200: EntryView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => entries.patchEntry(r.ctx(), r.params.id, r.body),
  );
  app.delete(
    '/disclosures/entries/:id',
    { schema: { tags, security, summary: 'Remove a ledger entry from a draft', params: IdParams, response: { 204: NoContent, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => {
      await entries.deleteEntry(r.ctx(), r.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/disclosures/entries/:id/attachments',
    {
      schema: {
        tags,
        security,
        summary: 'Attach a receipt (multipart field `file`: JPEG, PNG, WebP or PDF)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: EntryView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (r, reply) => {
      const file = await upload(r);
      if (file && file.bytes.length > entries.MAX_RECEIPT_BYTES) throw new AppError(413, 'body_too_large', 'common.body_too_large', 'file');
      return reply.status(201).send(await entries.addReceipt(r.ctx(), r.params.id, file));
    },
  );
  app.get(
    '/disclosures/entries/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'A receipt (to whoever may read the entry’s publication)', params: AttachmentParams, response: { 200: Binary, ...errors(400, 404) } } },
    async (r, reply) => {
      const a = await entries.readReceipt(r.ctx(), r.params.id, r.params.attachmentId);
      return reply
        .header('content-type', a.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.fileName)}`)
        .send(a.bytes);
    },
  );

  app.get(
    '/disclosures/villages/:code/funds',
    { schema: { tags, summary: 'Funds and projects of a village with approved amounts and decisions', params: VillageParams, response: { 200: FundList, ...errors(400, 404) } } },
    async (r) => funds.listFunds(r.ctx(), r.params.code),
  );
  app.post(
    '/disclosures/villages/:code/funds',
    { schema: { tags, security, summary: 'Register a fund or project (village cadres)', params: VillageParams, body: FundBody, response: { 201: FundView, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await funds.createFund(r.ctx(), r.params.code, r.body)),
  );
  app.patch(
    '/disclosures/funds/:id',
    { schema: { tags, security, summary: 'Update a fund: amounts, status, gap explanation, balance disposition', params: IdParams, body: FundPatchBody, response: { 200: FundView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => funds.patchFund(r.ctx(), r.params.id, r.body),
  );
  app.get(
    '/disclosures/villages/:code/decisions',
    { schema: { tags, summary: 'Decisions with their 四议两公开 steps', params: VillageParams, response: { 200: DecisionList, ...errors(400, 404) } } },
    async (r) => funds.listDecisions(r.ctx(), r.params.code),
  );
  app.post(
    '/disclosures/villages/:code/decisions',
    { schema: { tags, security, summary: 'Record a decision and its steps so far (village cadres)', params: VillageParams, body: DecisionBody, response: { 201: DecisionView, ...errors(400, 401, 403, 404) } } },
    async (r, reply) => reply.status(201).send(await funds.createDecision(r.ctx(), r.params.code, r.body)),
  );
  app.put(
    '/disclosures/decisions/:id/steps',
    { schema: { tags, security, summary: 'Record further steps of a decision', params: IdParams, body: StepsBody, response: { 200: DecisionView, ...errors(400, 401, 403, 404) } } },
    async (r) => funds.recordSteps(r.ctx(), r.params.id, r.body.steps),
  );

  const ledgerFile = async (r: FastifyRequest) => {
    const file = await upload(r);
    return file ? { fileName: file.fileName, bytes: file.bytes, mapping: file.fields.mapping } : null;
  };
  app.post(
    '/disclosures/publications/:id/imports/preview',
    {
      schema: {
        tags,
        security,
        summary: 'Preview a ledger import (multipart: `file` CSV/XLSX, optional `mapping` JSON): every rejected row and why',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: ImportQuery,
        response: { 200: ImportPreview, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (r) => imports.previewImport(r.ctx(), r.params.id, await ledgerFile(r), r.query.mode),
  );
  app.post(
    '/disclosures/publications/:id/imports',
    {
      schema: {
        tags,
        security,
        summary: 'Import a ledger into a draft: all rows in one transaction, or none when any row is rejected',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: ImportQuery,
        response: { 201: ImportResult, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (r, reply) => reply.status(201).send(await imports.importLedger(r.ctx(), r.params.id, await ledgerFile(r), r.query.mode)),
  );
  app.get(
    '/disclosures/villages/:code/import-mapping',
    { schema: { tags, security, summary: 'The village’s saved column mapping', params: VillageParams, response: { 200: MappingView, ...errors(400, 401, 403, 404) } } },
    async (r) => imports.getMapping(r.ctx(), r.params.code),
  );
  app.put(
    '/disclosures/villages/:code/import-mapping',
    { schema: { tags, security, summary: 'Save the village’s column mapping', params: VillageParams, body: MappingBody, response: { 200: MappingView, ...errors(400, 401, 403, 404) } } },
    async (r) => imports.putMapping(r.ctx(), r.params.code, r.body.mapping),
  );
}
