import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** Request and response schemas of the feed routes; the types are inferred from them. */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Uuid = Type.String({ format: 'uuid' });
export const RegionCode = Type.String({ pattern: '^[0-9]{12}([0-9]{3})?$', description: '12-digit region code, 15 for a grid' });
const Timestamp = Type.String({ format: 'date-time' });
/** PostgreSQL text cannot hold NUL: refuse it as a 400 rather than fail in the database. */
const NO_NUL = '^[^\\u0000]*$';

/** The one error shape (extra facts such as `retryAfterSeconds` may be present). */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object(
      { code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) },
      { additionalProperties: true },
    ),
  },
);
export function errors(...statuses: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
}

// ---- requests

export const RegionParams = Type.Object({ regionCode: RegionCode });
export const PostParams = Type.Object({ id: Uuid });

export const FeedsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50, pattern: NO_NUL, description: 'part of a region name' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
});
export type FeedsQuery = Static<typeof FeedsQuery>;

export const PostsQuery = Type.Object({
  before: Type.Optional(Type.String({ format: 'uuid', description: 'the last post of the previous page (its `nextBefore`)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export type PostsQuery = Static<typeof PostsQuery>;

export const TITLE_MAX = 60;
export const BODY_MAX = 2000;
export const REASON_MAX = 200;

export const CreatePostBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('notice'), Type.Literal('question')]),
    title: Type.Optional(Nullable(Type.String({ maxLength: TITLE_MAX, pattern: NO_NUL }))),
    body: Type.String({ minLength: 1, maxLength: BODY_MAX, pattern: NO_NUL }),
    requiresAck: Type.Optional(Type.Boolean({ description: '「@所有人」: every household is asked to acknowledge (notices only)' })),
  },
  { additionalProperties: false },
);
export type CreatePostBody = Static<typeof CreatePostBody>;

export const ReplyBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: BODY_MAX, pattern: NO_NUL }) }, { additionalProperties: false });
export type ReplyBody = Static<typeof ReplyBody>;

export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: REASON_MAX, pattern: NO_NUL }) }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonBody>;

// ---- responses

export const PostKindSchema = Type.Union([
  Type.Literal('notice'),
  Type.Literal('question'),
  Type.Literal('answer'),
  Type.Literal('duty_check_in'),
]);

export const Post = Type.Object({
  id: Uuid,
  regionCode: Type.String(),
  /** Set on a reply: the thread's first post. */
  parentId: Nullable(Uuid),
  kind: PostKindSchema,
  title: Nullable(Type.String()),
  /** 「该内容已被管理员隐藏」 when hidden, except for moderators. */
  body: Type.String(),
  author: Type.Object({ id: Uuid, name: Type.String(), roleLabel: Type.String() }),
  requiresAck: Type.Boolean(),
  ack: Nullable(Type.Object({ mine: Type.Boolean(), acknowledged: Type.Integer(), total: Type.Integer() })),
  replyCount: Type.Integer(),
  hidden: Type.Boolean(),
  /** Only for moderators. */
  hiddenReason: Nullable(Type.String()),
  createdAt: Timestamp,
  abilities: Type.Object({
    reply: Type.Boolean(),
    ack: Type.Boolean(),
    viewAcks: Type.Boolean(),
    hide: Type.Boolean(),
    unhide: Type.Boolean(),
  }),
});
export type Post = Static<typeof Post>;

export const Thread = Type.Composite([Post, Type.Object({ replies: Type.Array(Post) })]);
export type Thread = Static<typeof Thread>;

export const FeedSummary = Type.Object({
  regionCode: Type.String(),
  name: Type.String(),
  level: Type.String(),
  latestAt: Nullable(Timestamp),
  /** Top-level posts by others since I last opened the feed (at most 99). */
  unread: Type.Integer(),
});
export const FeedList = Type.Object({ items: Type.Array(FeedSummary), hasMore: Type.Boolean() });
export type FeedList = Static<typeof FeedList>;

export const FeedInfo = Type.Object({
  regionCode: Type.String(),
  name: Type.String(),
  level: Type.String(),
  unitName: Type.String(),
  abilities: Type.Object({ postNotice: Type.Boolean(), askQuestion: Type.Boolean() }),
});
export const PostPage = Type.Object({ feed: FeedInfo, items: Type.Array(Post), nextBefore: Nullable(Uuid) });
export type PostPage = Static<typeof PostPage>;

const AckHousehold = { householdId: Uuid, address: Type.String(), representative: Nullable(Type.String()) };
export const AckList = Type.Object({
  acknowledged: Type.Array(Type.Object({ ...AckHousehold, ackedAt: Timestamp })),
  pending: Type.Array(Type.Object(AckHousehold)),
  totals: Type.Object({ households: Type.Integer(), acknowledged: Type.Integer() }),
  /** True when a list was cut at its limit (the totals are always complete). */
  truncated: Type.Boolean(),
  /** True when addresses and names are masked for the caller. */
  masked: Type.Boolean(),
});
export type AckList = Static<typeof AckList>;
