import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  acknowledgePost,
  authorizeFeedStream,
  createPost,
  getThread,
  hidePost,
  listAcks,
  listMyFeeds,
  listPosts,
  replyToPost,
  unhidePost,
} from './service.js';
import {
  AckList,
  CreatePostBody,
  errors,
  FeedList,
  FeedsQuery,
  Post,
  PostPage,
  PostParams,
  PostsQuery,
  ReasonBody,
  RegionParams,
  ReplyBody,
  Thread,
} from './schema.js';
import { feedStreams } from './stream.js';

const tags = ['feed'];
const security = [{ session: [] }];

/** The unit feeds: `/api/feeds…` and `/api/posts…` (docs/API-CONTRACT.md, "feed and duty"). */
export async function feedRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const streams = feedStreams(app);

  r.get(
    '/feeds',
    {
      schema: {
        tags,
        security,
        summary: 'The feeds I can see, most recently active first',
        querystring: FeedsQuery,
        response: { 200: FeedList, ...errors(400, 401) },
      },
    },
    async (request) => listMyFeeds(request.ctx(), request.query),
  );

  r.get(
    '/feeds/:regionCode/posts',
    {
      schema: {
        tags,
        security,
        summary: 'A page of a feed, newest first (opening the first page marks it read)',
        params: RegionParams,
        querystring: PostsQuery,
        response: { 200: PostPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listPosts(request.ctx(), { regionCode: request.params.regionCode, ...request.query }),
  );

  r.post(
    '/feeds/:regionCode/posts',
    {
      schema: {
        tags,
        security,
        summary: 'Post a notice (cadres; 「@所有人」 with requiresAck) or a question (residents)',
        params: RegionParams,
        body: CreatePostBody,
        response: { 201: Post, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const post = await createPost(request.ctx(), { ...request.body, regionCode: request.params.regionCode });
      return reply.status(201).send(post);
    },
  );

  r.get(
    '/feeds/:regionCode/stream',
    {
      schema: {
        tags,
        security,
        summary: 'Live events of a feed (text/event-stream): post, reply, ack, hidden, each with {postId}',
        params: RegionParams,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errors(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const topic = await authorizeFeedStream(request.ctx(), { regionCode: request.params.regionCode });
      streams.open(reply, topic);
    },
  );

  r.get(
    '/posts/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A post with its thread of replies',
        params: PostParams,
        response: { 200: Thread, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => getThread(request.ctx(), { postId: request.params.id }),
  );

  r.post(
    '/posts/:id/replies',
    {
      schema: {
        tags,
        security,
        summary: "A cadre's answer, or the asker's follow-up",
        params: PostParams,
        body: ReplyBody,
        response: { 201: Post, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const post = await replyToPost(request.ctx(), { postId: request.params.id, body: request.body.body });
      return reply.status(201).send(post);
    },
  );

  r.post(
    '/posts/:id/ack',
    {
      schema: {
        tags,
        security,
        summary: 'My household has read this 「@所有人」 notice',
        params: PostParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await acknowledgePost(request.ctx(), { postId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/posts/:id/acks',
    {
      schema: {
        tags,
        security,
        summary: 'Households that have and have not acknowledged a notice, with totals',
        params: PostParams,
        response: { 200: AckList, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => listAcks(request.ctx(), { postId: request.params.id }),
  );

  r.post(
    '/posts/:id/hide',
    {
      schema: {
        tags,
        security,
        summary: 'Hide a post (moderation), with a reason',
        params: PostParams,
        body: ReasonBody,
        response: { 200: Post, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => hidePost(request.ctx(), { postId: request.params.id, reason: request.body.reason }),
  );

  r.post(
    '/posts/:id/unhide',
    {
      schema: {
        tags,
        security,
        summary: 'Show a hidden post again, with a reason',
        params: PostParams,
        body: ReasonBody,
        response: { 200: Post, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unhidePost(request.ctx(), { postId: request.params.id, reason: request.body.reason }),
  );
}
