import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as publications from './publications.js';
import * as reading from './reading.js';
import * as comments from './comments.js';
import { reportPublication } from './reports.js';
import { getCanonical, getChain } from './verification.js';
import { posterPdf } from './poster.js';
import { DISCLOSURES_TOPIC } from './cache.js';
import { CACHE, etagOf, httpCache } from './http-cache.js';
import { ledgerRoutes } from './routes-ledger.js';
import { oversightRoutes } from './routes-oversight.js';
import {
  ChangeList,
  CorrectionBody,
  CreatePublicationBody,
  IdParams,
  PublicationList,
  PublicationListQuery,
  PublicationView,
  ReviewBody,
  UpdatePublicationBody,
  VersionList,
  VillageParams,
  errors,
} from './schema.js';
import { Binary, CanonicalView, ChainQuery, ChainView, CommentBody, CommentList, ReportBody, ReportHeaders, ReportReceipt } from './schema-oversight.js';

const tags = ['disclosures'];

/** A cached public page, already serialised (the same bytes for every anonymous reader); httpCache answers 304s. */
function sendJson(reply: FastifyReply, etag: string, body: string): FastifyReply {
  return reply.header('etag', etag).type('application/json; charset=utf-8').send(body);
}
const security = [{ session: [] }];

/** `/api/disclosures/…`: publications, reading, verification, comments, reports and posters; ledgers and oversight in their own files. */
export async function disclosureRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // Every instance drops its cached pages of a village that published (NOTIFY is sent on commit).
  const live = fastify.live;
  if (live) {
    const unsubscribe = live.subscribe([DISCLOSURES_TOPIC], (event) => publications.publicationCache.invalidateRegion(String(event.data.regionCode)));
    fastify.addHook('onClose', async () => unsubscribe());
  }
  const cache = {
    get: (id: string) => publications.publicationCache.get(id)?.value as reading.Facts | undefined,
    set: (id: string, facts: reading.Facts) => publications.publicationCache.set(id, { value: facts, etag: '', regionCode: facts.regionCode }),
  };

  app.get(
    '/disclosures/villages/:code/publications',
    { onSend: httpCache(CACHE.short), schema: { tags, summary: 'A village’s publications (published ones for everyone; drafts for those who prepare or check them)', params: VillageParams, querystring: PublicationListQuery, response: { 200: PublicationList, ...errors(400, 404) } } },
    async (r) => reading.listPublications(r.ctx(), r.params.code, r.query),
  );
  app.post(
    '/disclosures/villages/:code/publications',
    { schema: { tags, security, summary: 'Draft a publication (village cadres)', params: VillageParams, body: CreatePublicationBody, response: { 201: PublicationView, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await publications.createPublication(r.ctx(), r.params.code, r.body)),
  );
  app.get(
    '/disclosures/publications/:id',
    { onSend: httpCache(CACHE.short), schema: { tags, summary: 'A publication: totals, funds (budget vs actual, where the money went), chain position', params: IdParams, response: { 200: PublicationView, ...errors(400, 404) } } },
    async (r, reply) => {
      // Anonymous readers of a published version get the same bytes: serve them from memory.
      if (!r.actor) {
        const hit = publications.publicationCache.get(`anon:${r.params.id}`);
        if (hit) return sendJson(reply, hit.etag, hit.value as string);
      }
      const view = await reading.getPublication(r.ctx(), r.params.id, cache);
      if (!r.actor && view.status === 'published') {
        const body = JSON.stringify(view);
        const etag = etagOf(body);
        publications.publicationCache.set(`anon:${r.params.id}`, { value: body, etag, regionCode: view.regionCode });
        return sendJson(reply, etag, body);
      }
      return view;
    },
  );
  app.patch(
    '/disclosures/publications/:id',
    { schema: { tags, security, summary: 'Change the title or text of a draft', params: IdParams, body: UpdatePublicationBody, response: { 200: PublicationView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => publications.updatePublication(r.ctx(), r.params.id, r.body),
  );
  app.post(
    '/disclosures/publications/:id/submit',
    { schema: { tags, security, summary: 'Submit a draft to the village supervision committee', params: IdParams, response: { 200: PublicationView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => publications.submitPublication(r.ctx(), r.params.id),
  );
  app.post(
    '/disclosures/publications/:id/review',
    { schema: { tags, security, summary: 'Approve, or send back with comments (village supervision committee)', params: IdParams, body: ReviewBody, response: { 200: PublicationView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => publications.reviewPublication(r.ctx(), r.params.id, r.body),
  );
  app.post(
    '/disclosures/publications/:id/publish',
    { schema: { tags, security, summary: 'Publish an approved version: chained (SM3), frozen, flags recomputed, notice to the village feed', params: IdParams, response: { 200: PublicationView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => publications.publishPublication(r.ctx(), r.params.id),
  );
  app.post(
    '/disclosures/publications/:id/corrections',
    { schema: { tags, security, summary: 'Start a correction: a new version of the latest published one, with a reason', params: IdParams, body: CorrectionBody, response: { 201: PublicationView, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await publications.correctPublication(r.ctx(), r.params.id, r.body.reason)),
  );
  app.get(
    '/disclosures/publications/:id/versions',
    { onSend: httpCache(CACHE.short), schema: { tags, summary: 'Every version of the same village, period and kind', params: IdParams, response: { 200: VersionList, ...errors(400, 404) } } },
    async (r) => reading.listVersions(r.ctx(), r.params.id),
  );
  app.get(
    '/disclosures/publications/:id/changes',
    { onSend: httpCache(CACHE.short), schema: { tags, summary: 'What changed from the previous version', params: IdParams, response: { 200: ChangeList, ...errors(400, 404) } } },
    async (r) => reading.listChanges(r.ctx(), r.params.id),
  );
  app.get(
    '/disclosures/publications/:id/canonical',
    { onSend: httpCache(CACHE.immutable), schema: { tags, summary: 'The canonical document that was hashed (SM3), for anyone to verify', params: IdParams, response: { 200: CanonicalView, ...errors(400, 404, 409) } } },
    async (r) => getCanonical(r.ctx(), r.params.id),
  );
  app.get(
    '/disclosures/villages/:code/chain',
    { onSend: httpCache(CACHE.revalidate), schema: { tags, summary: 'The village’s hash chain of published versions (verify=true recomputes it)', params: VillageParams, querystring: ChainQuery, response: { 200: ChainView, ...errors(400, 404) } } },
    async (r) => getChain(r.ctx(), r.params.code, r.query.verify ?? false),
  );
  app.get(
    '/disclosures/publications/:id/poster.pdf',
    { schema: { tags, summary: 'An A3 poster (PDF, Chinese) with a QR code to the online version', params: IdParams, response: { 200: Binary, ...errors(400, 404, 409, 503) } } },
    async (r, reply) => {
      const base = `${r.protocol}://${r.host}`;
      const pdf = await posterPdf(r.ctx(), r.params.id, base);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(pdf.fileName)}`)
        .send(pdf.bytes);
    },
  );
  app.get(
    '/disclosures/publications/:id/comments',
    { onSend: httpCache(CACHE.revalidate), schema: { tags, summary: 'Public comments and the village’s answers', params: IdParams, response: { 200: CommentList, ...errors(400, 404) } } },
    async (r) => comments.listComments(r.ctx(), r.params.id),
  );
  app.post(
    '/disclosures/publications/:id/comments',
    { schema: { tags, security, summary: 'Comment in public (residents of the village)', params: IdParams, body: CommentBody, response: { 201: CommentList, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await comments.addComment(r.ctx(), r.params.id, r.body.body)),
  );
  app.post(
    '/disclosures/comments/:id/replies',
    { schema: { tags, security, summary: 'Answer a comment (village cadres)', params: IdParams, body: CommentBody, response: { 201: CommentList, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await comments.answerComment(r.ctx(), r.params.id, r.body.body)),
  );
  app.post(
    '/disclosures/publications/:id/reports',
    {
      schema: {
        tags,
        security,
        summary: 'Report confidentially to the township’s discipline inspectors (a confidential case)',
        params: IdParams,
        headers: ReportHeaders,
        body: ReportBody,
        response: { 201: ReportReceipt, ...errors(400, 401, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await reportPublication(r.ctx(), r.params.id, r.body, r.headers['idempotency-key'])),
  );

  await app.register(ledgerRoutes);
  await app.register(oversightRoutes);
}
