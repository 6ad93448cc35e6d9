import { Type as T, type Static } from '@sinclair/typebox';
import { NOTICE_DELIVERY_STATUSES, RISK_LEVELS } from '../../../common/emergency/types.js';
import { Nullable, PageQuery, RegionCode, Timestamp, Uuid, literals, page } from './schema.js';

/** Request and response schemas of risk areas and notices. */

const Level = literals(RISK_LEVELS);

// ---- risk areas

export const CreateRiskAreaBody = T.Object(
  {
    regionCode: RegionCode,
    name: T.String({ minLength: 1, maxLength: 60, description: 'e.g. 世贸广场, 金钩山路郭家祠堂' }),
    sealed: T.Optional(T.Boolean({ description: 'a sealed compound (封控小区)' })),
    level: Level,
    effectiveAt: T.Optional(Timestamp),
    note: T.Optional(Nullable(T.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type CreateRiskAreaBody = Static<typeof CreateRiskAreaBody>;

export const RiskChangeBody = T.Object(
  {
    areaIds: T.Array(Uuid, { minItems: 1, maxItems: 500 }),
    /** null lifts the areas. */
    level: Nullable(Level),
    effectiveAt: Timestamp,
    note: T.Optional(Nullable(T.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type RiskChangeBody = Static<typeof RiskChangeBody>;

export const RiskListQuery = T.Object(
  {
    at: T.Optional(Timestamp),
    includeLifted: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);

export const RiskAreaView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  regionCode: T.String(),
  regionName: T.String(),
  name: T.String(),
  sealed: T.Boolean(),
  /** The level in effect at the time asked (now by default); null when lifted or not yet in effect. */
  level: Nullable(Level),
  since: Nullable(Timestamp),
  /** A change announced for later (「11月15日0时降为低风险区」). */
  next: Nullable(T.Object({ level: Nullable(Level), effectiveAt: Timestamp })),
});
export const RiskAreaList = T.Object({ at: Timestamp, items: T.Array(RiskAreaView), abilities: T.Object({ manage: T.Boolean() }) });

export const RiskHistory = T.Object({
  items: T.Array(
    T.Object({
      batchId: Uuid,
      effectiveAt: Timestamp,
      from: Nullable(Level),
      to: Nullable(Level),
      count: T.Integer(),
      areas: T.Array(T.Object({ id: Uuid, name: T.String() })),
      note: Nullable(T.String()),
      /** 「5个高风险区于11月15日0时降为低风险区」, in the reader's language. */
      summary: T.String(),
    }),
  ),
});
export type RiskHistory = Static<typeof RiskHistory>;

// ---- notices

export const NoticeParams = T.Object({ id: Uuid });
export const NoticeHouseholdParams = T.Object({ id: Uuid, householdId: Uuid });

export const CreateNoticeBody = T.Object(
  {
    regionCode: RegionCode,
    title: T.String({ minLength: 1, maxLength: 60 }),
    body: T.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type CreateNoticeBody = Static<typeof CreateNoticeBody>;

export const AckBody = T.Object({ householdId: T.Optional(Uuid) }, { additionalProperties: false });
export const VisitBody = T.Object({ note: T.Optional(Nullable(T.String({ maxLength: 200 }))) }, { additionalProperties: false });

export const UnreachedQuery = T.Object(
  { regionCode: T.Optional(T.String({ pattern: '^[0-9]{2,15}$' })), ...PageQuery },
  { additionalProperties: false },
);

export const NoticeProgress = T.Object({
  status: literals(NOTICE_DELIVERY_STATUSES),
  /** Households in the area when the notice went out. */
  total: T.Integer(),
  /** Households whose outbox holds the notice. */
  queued: T.Integer(),
  percent: T.Number(),
  startedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  /** Elapsed delivery time in ms (until now while delivering). */
  elapsedMs: T.Integer(),
});

export const NoticeTracking = T.Object({
  households: T.Integer(),
  seen: T.Integer(),
  acknowledged: T.Integer(),
  reachedByVisit: T.Integer(),
  unreached: T.Integer(),
});

export const NoticeView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  regionCode: T.String(),
  regionName: T.String(),
  title: T.String(),
  body: T.String(),
  senderName: T.String(),
  createdAt: Timestamp,
  /** For the sender and the area's cadres. */
  progress: Nullable(NoticeProgress),
  tracking: Nullable(NoticeTracking),
  /** For a recipient: their household's delivery. */
  mine: Nullable(T.Object({ householdId: Uuid, seenAt: Nullable(Timestamp), ackedAt: Nullable(Timestamp) })),
  abilities: T.Object({ ack: T.Boolean(), follow: T.Boolean() }),
});
export type NoticeView = Static<typeof NoticeView>;
export const NoticePage = page(NoticeView);
export const NoticeListQuery = T.Object({ ...PageQuery }, { additionalProperties: false });

export const UnreachedPage = page(
  T.Object({
    householdId: Uuid,
    regionCode: T.String(),
    regionName: T.String(),
    /** Masked for those who are not the area's cadres. */
    address: T.String(),
    representative: Nullable(T.Object({ name: T.String(), phone: Nullable(T.String()) })),
    seen: T.Boolean(),
  }),
);
