import { Type as T, type Static, type TSchema } from '@sinclair/typebox';
import { CASE_ACTIONS, CASE_STATUSES } from '../../../common/cases/states.js';
import { CASE_CHANNELS, CASE_EVENT_KINDS, CASE_PRIORITIES, CASE_RATINGS, ROUTING_LEVELS, TRACKING_NUMBER_PATTERN } from '../../../common/cases/types.js';

/** Request and response schemas of the case engine (types inferred, never written twice). */

const literals = <V extends string>(values: readonly V[]) => T.Union(values.map((v) => T.Literal(v)));
const Nullable = <S extends TSchema>(s: S) => T.Union([s, T.Null()]);
const Strict = { additionalProperties: false } as const;

export const Uuid = T.String({ format: 'uuid' });
export const RegionCode = T.String({ pattern: '^[0-9]{12}([0-9]{3})?$', description: '12-digit division code, 15 for a grid' });
export const RegionPrefix = T.String({ pattern: '^[0-9]{2,15}$', description: 'region code prefix, e.g. 430212 for 渌口区' });
export const CategoryCode = T.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$', maxLength: 64 });
export const TrackingNumber = T.String({ pattern: TRACKING_NUMBER_PATTERN });
export const Status = literals(CASE_STATUSES);
export const Priority = literals(CASE_PRIORITIES);
export const Channel = literals(CASE_CHANNELS);
export const Rating = literals(CASE_RATINGS);
export const RoutingLevel = literals(ROUTING_LEVELS);
const Timestamp = T.String({ format: 'date-time' });
const Page = T.Integer({ minimum: 1, maximum: 100000, default: 1 });
const PageSize = T.Integer({ minimum: 1, maximum: 100, default: 20 });
/** A person's note: at least one character that is not a space (checked again after trimming). */
const Note = (max: number) => T.String({ minLength: 1, maxLength: max });

export const ErrorResponse = T.Object({
  error: T.Object({ code: T.String(), message: T.String(), field: T.Optional(T.String()) }, { additionalProperties: true }),
});
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

export const CreateCaseBody = T.Object(
  {
    /** 'hotline': an operator records a call for the caller (callerPhone required). */
    channel: T.Optional(T.Union([T.Literal('app'), T.Literal('hotline')], { default: 'app' })),
    categoryCode: CategoryCode,
    title: T.String({ minLength: 2, maxLength: 60 }),
    description: T.String({ minLength: 2, maxLength: 2000 }),
    regionCode: RegionCode,
    address: T.Optional(T.String({ maxLength: 200 })),
    lat: T.Optional(T.Number({ minimum: -90, maximum: 90 })),
    lng: T.Optional(T.Number({ minimum: -180, maximum: 180 })),
    /** Visible (masked) on the public list; default true unless the category is confidential. */
    isPublic: T.Optional(T.Boolean()),
    /** Hide the requester's name from everyone but those who must call back. */
    isAnonymous: T.Optional(T.Boolean()),
    /** Only staff may raise it above the category's default. */
    priority: T.Optional(Priority),
    callerName: T.Optional(T.String({ minLength: 1, maxLength: 30 })),
    callerPhone: T.Optional(T.String({ pattern: '^[0-9][0-9-]{6,19}$' })),
  },
  Strict,
);
export type CreateCaseInput = Static<typeof CreateCaseBody>;

export const IdempotencyHeaders = T.Object({
  'idempotency-key': T.Optional(T.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })),
});

export const CaseParams = T.Object({ id: Uuid }, Strict);
export const PostParams = T.Object({ postId: Uuid }, Strict);
export const AttachmentParams = T.Object({ id: Uuid, attachmentId: Uuid }, Strict);
export const TrackParams = T.Object({ trackingNumber: TrackingNumber }, Strict);
export const TrackQuery = T.Object({ phoneLast4: T.Optional(T.String({ pattern: '^[0-9]{4}$' })) }, Strict);

export const NoteBody = T.Object({ note: Note(1000) }, Strict);
export const ReasonBody = T.Object({ reason: Note(500) }, Strict);
export const OptionalReasonBody = T.Object({ reason: T.Optional(T.String({ maxLength: 500 })) }, Strict);
export const TransferBody = T.Object({ unitId: Uuid, reason: Note(500) }, Strict);
export const AssignBody = T.Object({ unitId: Uuid, note: T.Optional(T.String({ maxLength: 500 })) }, Strict);
export const MergeBody = T.Object({ primaryId: Uuid, note: T.Optional(T.String({ maxLength: 500 })) }, Strict);
export const ResolveBody = T.Object({ result: Note(2000) }, Strict);
export const RateBody = T.Object({ rating: Rating, comment: T.Optional(T.String({ maxLength: 500 })) }, Strict);
export const BulkAcceptBody = T.Object({ ids: T.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }) }, Strict);

export const SuggestQuery = T.Object({ text: T.String({ minLength: 1, maxLength: 2000 }) }, Strict);
export const SimilarQuery = T.Object(
  {
    regionCode: RegionCode,
    text: T.String({ minLength: 2, maxLength: 2000 }),
    lat: T.Optional(T.Number({ minimum: -90, maximum: 90 })),
    lng: T.Optional(T.Number({ minimum: -180, maximum: 180 })),
  },
  Strict,
);

export const QueueQuery = T.Object(
  {
    status: T.Optional(T.Array(Status, { maxItems: 12 })),
    /** A category and everything under it. */
    category: T.Optional(CategoryCode),
    regionPrefix: T.Optional(RegionPrefix),
    unitId: T.Optional(Uuid),
    overdue: T.Optional(T.Boolean()),
    priority: T.Optional(Priority),
    channel: T.Optional(Channel),
    q: T.Optional(T.String({ minLength: 1, maxLength: 100 })),
    sort: T.Optional(literals(['created', 'due', 'relevance'] as const)),
    page: T.Optional(Page),
    pageSize: T.Optional(PageSize),
  },
  Strict,
);
export type QueueInput = Static<typeof QueueQuery>;

export const PublicQuery = T.Object(
  {
    regionPrefix: T.Optional(RegionPrefix),
    category: T.Optional(CategoryCode),
    q: T.Optional(T.String({ minLength: 1, maxLength: 100 })),
    page: T.Optional(Page),
    pageSize: T.Optional(PageSize),
  },
  Strict,
);
export type PublicInput = Static<typeof PublicQuery>;

export const MineQuery = T.Object({ status: T.Optional(T.Array(Status, { maxItems: 12 })), page: T.Optional(Page), pageSize: T.Optional(PageSize) }, Strict);
export type MineInput = Static<typeof MineQuery>;

/** Turning a group post into a case: title and description default to the post's. */
export const FromPostBody = T.Object(
  {
    categoryCode: CategoryCode,
    title: T.Optional(T.String({ minLength: 2, maxLength: 60 })),
    description: T.Optional(T.String({ minLength: 2, maxLength: 2000 })),
    isPublic: T.Optional(T.Boolean()),
    priority: T.Optional(Priority),
  },
  Strict,
);
export type FromPostInput = Static<typeof FromPostBody>;

export const RoutingRuleBody = T.Object(
  {
    categoryCode: CategoryCode,
    /** '' = every region. */
    regionPrefix: T.String({ pattern: '^([0-9]{2,15})?$' }),
    targetLevel: RoutingLevel,
    departmentType: T.Optional(Nullable(T.String({ minLength: 1, maxLength: 20 }))),
  },
  Strict,
);
export type RoutingRuleInput = Static<typeof RoutingRuleBody>;
export const RuleParams = T.Object({ ruleId: Uuid }, Strict);

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

export const CategoryView = T.Object({
  code: T.String(),
  name: T.String(),
  nameEn: Nullable(T.String()),
  parentCode: Nullable(T.String()),
  defaultPriority: Priority,
  responseHours: T.Integer(),
  resolutionHours: T.Integer(),
  confidential: T.Boolean(),
  anonymityAllowed: T.Boolean(),
});
export const CategoryList = T.Object({ items: T.Array(CategoryView) });

export const SuggestResult = T.Object({
  items: T.Array(T.Object({ code: T.String(), name: T.String(), score: T.Number(), matched: T.Array(T.String()), defaultPriority: Priority })),
});

const Ref = T.Object({ id: T.String(), name: T.String() });
const RegionRef = T.Object({ code: T.String(), name: T.String() });
const CaseRef = T.Object({ id: T.String(), trackingNumber: T.String() });
const Requester = T.Object({ name: T.String(), phone: Nullable(T.String()), masked: T.Boolean() });

export const Abilities = T.Object(Object.fromEntries([...CASE_ACTIONS.filter((a) => a !== 'route'), 'follow'].map((a) => [a, T.Boolean()])) as Record<string, ReturnType<typeof T.Boolean>>);

/** Matched words highlighted in the original text: the web marks the `match` parts. */
export const Snippet = Nullable(T.Array(T.Object({ text: T.String(), match: T.Boolean() })));

export const CaseSummary = T.Object({
  id: T.String(),
  trackingNumber: T.String(),
  channel: Channel,
  status: Status,
  priority: Priority,
  category: T.Object({ code: T.String(), name: T.String() }),
  title: T.String(),
  region: RegionRef,
  handlingUnit: Nullable(Ref),
  isPublic: T.Boolean(),
  responseDueAt: Timestamp,
  resolutionDueAt: Timestamp,
  overdue: T.Object({ response: T.Boolean(), resolution: T.Boolean() }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  snippet: T.Optional(Snippet),
  /** For `mine`: filed by me or followed. */
  relation: T.Optional(T.Union([T.Literal('requester'), T.Literal('follower')])),
});
/** `totalCapped`: there are more than `total` (lists count up to 1,000, text searches up to 100). */
const TotalCapped = T.Optional(T.Boolean({ description: 'true when total is a cap: more cases match' }));
export const CaseList = T.Object({ items: T.Array(CaseSummary), total: T.Integer(), totalCapped: TotalCapped, page: T.Integer(), pageSize: T.Integer() });

export const EventView = T.Object({
  id: T.Integer(),
  kind: literals(CASE_EVENT_KINDS),
  fromStatus: Nullable(Status),
  toStatus: Nullable(Status),
  /** Staff names are shown to staff; the requester and the public see the unit. */
  actorName: Nullable(T.String()),
  unitName: Nullable(T.String()),
  note: Nullable(T.String()),
  visibleToRequester: T.Boolean(),
  toUnitName: T.Optional(T.String()),
  relatedCase: T.Optional(CaseRef),
  rating: T.Optional(Rating),
  createdAt: Timestamp,
});

export const AttachmentView = T.Object({ id: T.String(), fileName: T.String(), contentType: T.String(), sizeBytes: T.Integer(), createdAt: Timestamp });

export const CaseView = T.Object({
  ...CaseSummary.properties,
  description: T.String(),
  address: Nullable(T.String()),
  lat: Nullable(T.Number()),
  lng: Nullable(T.Number()),
  isAnonymous: T.Boolean(),
  confidential: T.Boolean(),
  requester: Nullable(Requester),
  mergedInto: Nullable(CaseRef),
  respondedAt: Nullable(Timestamp),
  resolvedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  infoRequested: T.Boolean(),
  rating: Nullable(T.Object({ value: Rating, comment: Nullable(T.String()), ratedAt: Timestamp })),
  reopenCount: T.Integer(),
  following: T.Boolean(),
  timeline: T.Array(EventView),
  attachments: T.Array(AttachmentView),
  abilities: Abilities,
});
export type CaseViewT = Static<typeof CaseView>;
export type CaseSummaryT = Static<typeof CaseSummary>;
export type EventViewT = Static<typeof EventView>;

/** The public progress page (and the public list's detail): masked, no staff names. */
export const TrackView = T.Object({
  trackingNumber: T.String(),
  status: Status,
  category: T.Object({ code: T.String(), name: T.String() }),
  title: T.String(),
  description: Nullable(T.String()),
  region: RegionRef,
  address: Nullable(T.String()),
  handlingUnit: Nullable(T.Object({ name: T.String() })),
  requesterName: Nullable(T.String()),
  isPublic: T.Boolean(),
  createdAt: Timestamp,
  resolutionDueAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  rating: Nullable(Rating),
  mergedInto: Nullable(T.Object({ trackingNumber: T.String() })),
  timeline: T.Array(T.Object({ kind: literals(CASE_EVENT_KINDS), toStatus: Nullable(Status), unitName: Nullable(T.String()), note: Nullable(T.String()), createdAt: Timestamp })),
});
export type TrackViewT = Static<typeof TrackView>;

export const PublicCase = T.Object({
  id: T.String(),
  trackingNumber: T.String(),
  status: Status,
  category: T.Object({ code: T.String(), name: T.String() }),
  title: T.String(),
  region: RegionRef,
  handlingUnit: Nullable(T.Object({ name: T.String() })),
  requesterName: T.String(),
  createdAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  snippet: T.Optional(Snippet),
});
export const PublicList = T.Object({ items: T.Array(PublicCase), total: T.Integer(), totalCapped: TotalCapped, page: T.Integer(), pageSize: T.Integer() });

export const SimilarResult = T.Object({
  items: T.Array(
    T.Object({
      id: T.String(),
      trackingNumber: T.String(),
      title: T.String(),
      status: Status,
      region: RegionRef,
      createdAt: Timestamp,
      similarity: T.Number(),
      distanceMeters: Nullable(T.Number()),
      mine: T.Boolean(),
    }),
  ),
});

export const BulkAcceptResult = T.Object({
  accepted: T.Array(T.String()),
  skipped: T.Array(T.Object({ id: T.String(), reason: T.Union([T.Literal('not_found'), T.Literal('forbidden'), T.Literal('illegal_state')]) })),
});

export const RoutingRuleView = T.Object({
  id: T.String(),
  categoryCode: T.String(),
  regionPrefix: T.String(),
  targetLevel: RoutingLevel,
  departmentType: Nullable(T.String()),
  updatedAt: Timestamp,
});
export const RoutingRuleList = T.Object({ items: T.Array(RoutingRuleView) });
