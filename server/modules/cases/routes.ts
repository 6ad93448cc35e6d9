import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as intake from './intake.js';
import * as reading from './reading.js';
import * as queue from './queue.js';
import { caseFromPost } from './from-post.js';
import { caseActionRoutes } from './routes-actions.js';
import { caseBackOfficeRoutes } from './routes-admin.js';
import { caseStreamRoutes } from './stream.js';
import { routePreviewRoutes } from './routes-preview.js';
import { caseStatsRoutes } from './routes-stats.js';
import { caseSupervisionRoutes } from './routes-supervision.js';
import {
  BulkAcceptBody,
  BulkAcceptResult,
  CaseList,
  CaseParams,
  CaseView,
  CategoryList,
  CreateCaseBody,
  FromPostBody,
  IdempotencyHeaders,
  MineQuery,
  PublicList,
  PostParams,
  PublicQuery,
  QueueQuery,
  SimilarQuery,
  SimilarResult,
  SuggestQuery,
  SuggestResult,
  TrackParams,
  TrackQuery,
  TrackView,
  errors,
} from './schema.js';

/** A per-person limit (per address when signed out), counted after sign-in is resolved. */
const perPerson = (max: number) => ({
  max,
  timeWindow: 60_000,
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => (request.actor ? `user:${request.actor.userId}` : `ip:${request.ip}`),
});

/** Routes of the case engine, mounted under /api: intake and reading here, actions and back office beside. */
export async function caseRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const security = [{ session: [] }];

  app.get(
    '/cases/categories',
    { schema: { tags, summary: 'The dispatch catalogue (active categories)', response: { 200: CategoryList } } },
    async (request) => intake.listCategories(request.ctx()),
  );

  app.get(
    '/cases/suggest-category',
    {
      schema: { tags, summary: 'Categories suggested for a description (jieba words × category keywords)', querystring: SuggestQuery, response: { 200: SuggestResult, ...errors(400) } },
    },
    async (request) => intake.suggestCategory(request.ctx(), request.query.text),
  );

  app.get(
    '/cases/similar',
    {
      schema: {
        tags,
        summary: 'Open cases nearby that look like this one (before submitting)',
        querystring: SimilarQuery,
        response: { 200: SimilarResult, ...errors(400) },
      },
    },
    async (request) => intake.similarCases(request.ctx(), request.query),
  );

  app.post(
    '/cases',
    {
      config: { rateLimit: perPerson(60), readsReferenceData: true },
      schema: {
        tags,
        summary: 'File a case (residents), or record a hotline call for a caller (operators)',
        description: 'Send an `Idempotency-Key` header: a retry with the same key answers 200 with the case already created.',
        security,
        headers: IdempotencyHeaders,
        body: CreateCaseBody,
        response: { 201: CaseView, 200: CaseView, ...errors(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const result = await intake.submitCase(request.ctx(), request.body, request.headers['idempotency-key']);
      return reply.status(result.created ? 201 : 200).send(result.view);
    },
  );

  app.post(
    '/cases/from-post/:postId',
    {
      schema: {
        tags,
        summary: 'Turn a resident’s group post into a case (cadres in scope); its author becomes the requester',
        security,
        params: PostParams,
        body: FromPostBody,
        response: { 201: CaseView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await caseFromPost(request.ctx(), request.params.postId, request.body)),
  );

  app.get(
    '/cases/mine',
    { schema: { tags, summary: 'Cases I filed or follow', security, querystring: MineQuery, response: { 200: CaseList, ...errors(400, 401) } } },
    async (request) => reading.listMine(request.ctx(), request.query),
  );

  app.get(
    '/cases/public',
    { schema: { tags, summary: 'Public cases, personal data masked', querystring: PublicQuery, response: { 200: PublicList, ...errors(400) } } },
    async (request) => reading.listPublic(request.ctx(), request.query),
  );

  app.get(
    '/cases/track/:trackingNumber',
    {
      // Private cases are guarded by 4 digits: slow guessing down (per address).
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'The progress page of a case by its tracking number (private cases: last 4 digits of the phone)',
        params: TrackParams,
        querystring: TrackQuery,
        response: { 200: TrackView, ...errors(400, 403, 404, 429) },
      },
    },
    async (request) => reading.trackCase(request.ctx(), request.params.trackingNumber, request.query.phoneLast4),
  );

  app.get(
    '/cases/queue',
    {
      schema: {
        tags,
        summary: 'The cadre queue: cases in my units and scope, filtered, sorted, paged',
        security,
        querystring: QueueQuery,
        response: { 200: CaseList, ...errors(400, 401, 403) },
      },
    },
    async (request) => queue.listQueue(request.ctx(), request.query),
  );

  app.post(
    '/cases/bulk/accept',
    {
      schema: {
        tags,
        summary: 'Accept many cases at once (those I may work that wait for acceptance)',
        security,
        body: BulkAcceptBody,
        response: { 200: BulkAcceptResult, ...errors(400, 401, 403) },
      },
    },
    async (request) => queue.bulkAccept(request.ctx(), request.body.ids),
  );

  app.get(
    '/cases/:id',
    { schema: { tags, summary: 'A case with its timeline and what I may do', security, params: CaseParams, response: { 200: CaseView, ...errors(400, 401, 404) } } },
    async (request) => reading.getCase(request.ctx(), request.params.id),
  );

  await app.register(caseActionRoutes);
  await app.register(caseBackOfficeRoutes);
  await app.register(caseStreamRoutes);
  await app.register(routePreviewRoutes);
  await app.register(caseStatsRoutes);
  await app.register(caseSupervisionRoutes);
}
