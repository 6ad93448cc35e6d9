import { Type as T, type Static } from '@sinclair/typebox';
import { ERRAND_ACTIONS, ERRAND_STATES } from '../../../common/emergency/errand-states.js';
import { ITEM_KINDS, URGENCIES } from '../../../common/emergency/types.js';
import { CASE_STATUSES } from '../../../common/cases/states.js';
import { Lat, Lng, MobilePhone, Nullable, PageQuery, Point, Timestamp, Uuid, literals, page } from './schema.js';

/** Request and response schemas of needs, errands and the volunteer's route. */

export const NeedParams = T.Object({ id: Uuid });
export const NeedActionParams = T.Object({ id: Uuid, action: literals(ERRAND_ACTIONS.filter((a) => a !== 'hand_over')) });
export const PhotoParams = T.Object({ id: Uuid, photoId: Uuid });

export const Shop = T.Object(
  { name: T.String({ minLength: 1, maxLength: 60 }), lat: Lat, lng: Lng },
  { additionalProperties: false, description: 'where the items are bought (a pharmacy, a 母婴店)' },
);

export const NeedItemInput = T.Object(
  {
    kind: literals(ITEM_KINDS),
    name: T.String({ minLength: 1, maxLength: 60, description: 'the full name: 「硝苯地平控释片」, 「氨基酸配方脱敏奶粉」' }),
    strength: T.Optional(Nullable(T.String({ minLength: 1, maxLength: 30, description: 'required for medicines: 「30mg」' }))),
    quantity: T.Integer({ minimum: 1, maximum: 999 }),
    unit: T.Optional(Nullable(T.String({ minLength: 1, maxLength: 10 }))),
    toBuy: T.Optional(T.Boolean({ default: true, description: 'false when the family already has it somewhere to collect' })),
  },
  { additionalProperties: false },
);

export const CreateNeedBody = T.Object(
  {
    householdId: T.Optional(Uuid),
    gridId: T.Optional(Uuid),
    compound: T.String({ minLength: 1, maxLength: 60, description: '小区 (庆云山庄)' }),
    building: T.String({ minLength: 1, maxLength: 60, description: '楼栋、单元、门牌' }),
    phone: MobilePhone,
    urgency: literals(URGENCIES),
    items: T.Array(NeedItemInput, { minItems: 1, maxItems: 20 }),
    note: T.Optional(Nullable(T.String({ maxLength: 500 }))),
    lat: T.Optional(Lat),
    lng: T.Optional(Lng),
    shop: T.Optional(Nullable(Shop)),
  },
  { additionalProperties: false },
);
export type CreateNeedBody = Static<typeof CreateNeedBody>;

/** A need a grid worker or cadre records for a resident who phoned. */
export const RecordNeedBody = T.Object(
  {
    regionCode: T.String({ pattern: '^[0-9]{12}([0-9]{3})?$', description: 'the caller’s community/village (12 digits) or grid (15 digits)' }),
    gridId: T.Optional(Uuid),
    callerName: T.String({ minLength: 1, maxLength: 30, description: '来电人姓名' }),
    phone: MobilePhone,
    compound: CreateNeedBody.properties.compound,
    building: CreateNeedBody.properties.building,
    urgency: literals(URGENCIES),
    items: T.Array(NeedItemInput, { minItems: 1, maxItems: 20 }),
    note: T.Optional(Nullable(T.String({ maxLength: 500 }))),
    lat: T.Optional(Lat),
    lng: T.Optional(Lng),
    shop: T.Optional(Nullable(Shop)),
  },
  { additionalProperties: false },
);
export type RecordNeedBody = Static<typeof RecordNeedBody>;

export const NeedActionBody = T.Object(
  {
    note: T.Optional(Nullable(T.String({ maxLength: 200 }))),
    shop: T.Optional(Nullable(Shop)),
  },
  { additionalProperties: false },
);
export type NeedActionBody = Static<typeof NeedActionBody>;

export const ShopBody = T.Object({ shop: Nullable(Shop) }, { additionalProperties: false });

export const NeedListQuery = T.Object(
  {
    status: T.Optional(literals(ERRAND_STATES)),
    gridId: T.Optional(Uuid),
    urgency: T.Optional(literals(URGENCIES)),
    mine: T.Optional(T.Union([T.Literal('requested'), T.Literal('claimed'), T.Literal('recorded')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type NeedListQuery = Static<typeof NeedListQuery>;

const ItemView = T.Object({
  kind: literals(ITEM_KINDS),
  name: T.String(),
  strength: Nullable(T.String()),
  quantity: T.Integer(),
  unit: Nullable(T.String()),
  toBuy: T.Boolean(),
});

export const NeedView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  grid: Nullable(T.Object({ id: Uuid, name: T.String() })),
  regionCode: T.String(),
  compound: T.String(),
  /** Only to the requester, the runner who claimed it, and the grid's coordinators. */
  building: Nullable(T.String()),
  /** In full for the same people; masked (138****5678) otherwise. */
  phone: T.String(),
  requesterName: T.String(),
  /** 'phone': recorded by staff (`recordedBy`) for a resident who called. */
  channel: T.Union([T.Literal('app'), T.Literal('phone')]),
  recordedBy: Nullable(T.String()),
  urgency: literals(URGENCIES),
  status: literals(ERRAND_STATES),
  items: T.Array(ItemView),
  note: Nullable(T.String()),
  location: Nullable(Point),
  shop: Nullable(T.Object({ name: T.String(), lat: T.Number(), lng: T.Number() })),
  runner: Nullable(T.Object({ id: Uuid, name: T.String(), phone: Nullable(T.String()) })),
  claimedAt: Nullable(Timestamp),
  caseId: Nullable(Uuid),
  /** The case's tracking number (for the progress page: number + the phone's last 4 digits); to those who see the phone in full. */
  caseTrackingNumber: Nullable(T.String()),
  caseStatus: Nullable(literals(CASE_STATUSES)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  abilities: T.Object({ actions: T.Array(literals(ERRAND_ACTIONS)), seeContact: T.Boolean(), setShop: T.Boolean() }),
});
export type NeedView = Static<typeof NeedView>;

export const NeedDetail = T.Composite([
  NeedView,
  T.Object({
    timeline: T.Array(
      T.Object({
        action: T.String(),
        from: T.String(),
        to: T.String(),
        actorName: T.String(),
        at: Timestamp,
        note: Nullable(T.String()),
        photoId: Nullable(Uuid),
      }),
    ),
  }),
]);
export type NeedDetail = Static<typeof NeedDetail>;
export const NeedPage = page(NeedView);

// ---- the volunteer's route

export const RouteQuery = T.Object(
  {
    incidentId: T.Optional(Uuid),
    fromLat: T.Optional(Lat),
    fromLng: T.Optional(Lng),
  },
  { additionalProperties: false },
);
export type RouteQuery = Static<typeof RouteQuery>;

export const RouteStopView = T.Object({
  seq: T.Integer(),
  kind: T.Union([T.Literal('shop'), T.Literal('delivery')]),
  label: T.String(),
  location: Point,
  /** 0 life-critical, 1 urgent, 2 normal (a shop takes its most urgent delivery's). */
  tier: T.Integer(),
  /** The needs served here: bought at the shop, or delivered to this gate. */
  needIds: T.Array(Uuid),
  urgency: Nullable(literals(URGENCIES)),
  phone: Nullable(T.String()),
  legMeters: T.Integer(),
  cumulativeMeters: T.Integer(),
});

export const RouteView = T.Object({
  method: T.Union([T.Literal('exact'), T.Literal('heuristic')]),
  distance: T.Union([T.Literal('haversine'), T.Literal('road')]),
  start: Nullable(Point),
  totalMeters: T.Integer(),
  stops: T.Array(RouteStopView),
  /** Errands that could not be placed on the route, and why. */
  unplanned: T.Array(T.Object({ needId: Uuid, reason: T.Union([T.Literal('no_location'), T.Literal('no_shop')]) })),
});
export type RouteView = Static<typeof RouteView>;
