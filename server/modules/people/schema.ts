import { Type as T, type Static } from '@sinclair/typebox';
import { ROLES } from '../../platform/context.js';
import { PathItem, RegionCode, RegionPrefix, Text, Uuid } from '../regions/schema.js';

export { errors } from '../regions/schema.js';

/** Request and response schemas of the people module (people, role grants, households). */

export const RoleSchema = T.Union(ROLES.map((r) => T.Literal(r)));
export const MobilePhone = T.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number, 11 digits' });
export const Username = T.String({ pattern: '^[a-z][a-z0-9_]{2,31}$', description: 'lower-case letters, digits and _' });
const PageQuery = {
  page: T.Optional(T.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: T.Optional(T.Integer({ minimum: 1, maximum: 100, default: 20 })),
};
const Nullable = <S extends ReturnType<typeof T.String>>(s: S) => T.Union([s, T.Null()]);

// ---------------------------------------------------------------------------
// People and grants
// ---------------------------------------------------------------------------

export const GrantView = T.Object({
  id: T.String(),
  role: RoleSchema,
  unitId: T.String(),
  unitName: T.String(),
  unitKind: T.Union([T.Literal('region'), T.Literal('department')]),
  regionCode: T.String(),
  regionName: T.String(),
  departmentType: Nullable(T.String()),
  grantedAt: T.String({ format: 'date-time' }),
  abilities: T.Object({ revoke: T.Boolean() }),
});

export const PersonListItem = T.Object({
  id: T.String(),
  name: T.String(),
  /** Masked (138****5678) unless the caller may see it. */
  phone: Nullable(T.String()),
  username: Nullable(T.String()),
  status: T.Union([T.Literal('active'), T.Literal('disabled')]),
  grants: T.Array(GrantView),
});

export const PersonMembership = T.Object({
  householdId: T.String(),
  regionCode: T.String(),
  regionName: T.String(),
  address: T.String(),
  relation: T.String(),
  status: T.Union([T.Literal('pending'), T.Literal('verified'), T.Literal('rejected')]),
  isRepresentative: T.Boolean(),
});

export const PersonDetail = T.Composite([
  PersonListItem,
  T.Object({
    /** Shown to those who may see the person's contact details; empty otherwise. */
    households: T.Array(PersonMembership),
    createdAt: T.String({ format: 'date-time' }),
    abilities: T.Object({
      addGrant: T.Boolean(),
      /** The roles the caller may grant (at units of their area). */
      grantableRoles: T.Array(RoleSchema),
    }),
  }),
]);

export const PersonList = T.Object({
  items: T.Array(PersonListItem),
  total: T.Integer(),
  page: T.Integer(),
  pageSize: T.Integer(),
});

export const PersonListQuery = T.Object(
  {
    q: T.Optional(Text({ maxLength: 50 })),
    regionPrefix: T.Optional(RegionPrefix),
    role: T.Optional(RoleSchema),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PersonListInput = Static<typeof PersonListQuery>;

export const PersonParams = T.Object({ id: Uuid });
export const GrantParams = T.Object({ id: Uuid, grantId: Uuid });

export const CreatePersonBody = T.Object(
  {
    name: Text({ minLength: 1, maxLength: 40 }),
    phone: T.Optional(MobilePhone),
    username: T.Optional(Username),
    password: T.Optional(T.String({ minLength: 1, maxLength: 128 })),
    /** The first role (required for everyone but administrators: it places the person in the caller's area). */
    role: T.Optional(RoleSchema),
    unitId: T.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CreatePersonInput = Static<typeof CreatePersonBody>;

export const AddGrantBody = T.Object({ role: RoleSchema, unitId: Uuid }, { additionalProperties: false });
export type AddGrantInput = Static<typeof AddGrantBody>;

// ---------------------------------------------------------------------------
// Households
// ---------------------------------------------------------------------------

export const MemberStatus = T.Union([T.Literal('pending'), T.Literal('verified'), T.Literal('rejected')]);

export const HouseholdMemberView = T.Object({
  userId: T.String(),
  /** Masked (张*三) for other residents; full for the member themself and for cadres. */
  name: T.String(),
  phone: Nullable(T.String()),
  relation: T.String(),
  status: MemberStatus,
  isRepresentative: T.Boolean(),
  isMe: T.Boolean(),
  requestedAt: T.String({ format: 'date-time' }),
  verifiedAt: Nullable(T.String({ format: 'date-time' })),
});

export const HouseholdView = T.Object({
  id: T.String(),
  regionCode: T.String(),
  regionName: T.String(),
  path: T.Array(PathItem),
  address: T.String(),
  representative: T.Union([T.Object({ userId: T.String(), name: T.String() }), T.Null()]),
  members: T.Array(HouseholdMemberView),
  pendingCount: T.Integer(),
  /** The caller's own membership in this household, if any. */
  myStatus: T.Union([MemberStatus, T.Null()]),
  createdAt: T.String({ format: 'date-time' }),
  abilities: T.Object({ verify: T.Boolean(), setRepresentative: T.Boolean() }),
});
export type HouseholdViewType = Static<typeof HouseholdView>;

export const MyHouseholds = T.Object({ items: T.Array(HouseholdView) });

export const HouseholdList = T.Object({
  items: T.Array(HouseholdView),
  total: T.Integer(),
  page: T.Integer(),
  pageSize: T.Integer(),
});

export const HouseholdListQuery = T.Object(
  {
    regionPrefix: T.Optional(RegionPrefix),
    status: T.Optional(T.Union([T.Literal('pending'), T.Literal('verified')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type HouseholdListInput = Static<typeof HouseholdListQuery>;

export const JoinHouseholdBody = T.Object(
  {
    /** The village/community (12 digits) or grid (15 digits) the household is in. */
    regionCode: RegionCode,
    /** Required when registering a new household. */
    address: T.Optional(Text({ maxLength: 200 })),
    /** Relation to the head of the household: 户主, 配偶, 子女, 父母 … */
    relation: Text({ minLength: 1, maxLength: 20 }),
    /** Join this existing household; without it a new household is registered. */
    householdId: T.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type JoinHouseholdInput = Static<typeof JoinHouseholdBody>;

export const HouseholdParams = T.Object({ id: Uuid });
export const MemberParams = T.Object({ id: Uuid, userId: Uuid });
export const VerifyBody = T.Object({ approve: T.Boolean() }, { additionalProperties: false });
export const RepresentativeBody = T.Object({ userId: Uuid }, { additionalProperties: false });
