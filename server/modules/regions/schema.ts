import { Type as T, type Static } from '@sinclair/typebox';
import { DEPARTMENT_TYPES } from './departments.js';

/** Shared request and response schemas of the regions module (types inferred, never written twice). */

/**
 * Free text a person types: PostgreSQL text cannot hold NUL, so it is refused
 * here (a 400 naming the field) rather than failing in the database.
 */
export const Text = (options: { minLength?: number; maxLength: number; description?: string }) =>
  T.String({ ...options, pattern: '^[^\\u0000]*$' });

export const RegionCode = T.String({ pattern: '^[0-9]{12}([0-9]{3})?$', description: '12-digit division code, 15 for a grid' });
/** A subtree prefix: 2 (province) to 15 (grid) digits. */
export const RegionPrefix = T.String({ pattern: '^[0-9]{2,15}$', description: 'region code prefix, e.g. 430212 for 渌口区' });
export const Uuid = T.String({ format: 'uuid' });
export const RegionLevelSchema = T.Union(
  ['province', 'city', 'county', 'township', 'village', 'grid'].map((l) => T.Literal(l)),
);
export const DepartmentTypeSchema = T.Union(DEPARTMENT_TYPES.map((d) => T.Literal(d)));
/** Office phone: 0731-28599999, 12345, 28513888. */
export const OfficePhone = T.String({ pattern: '^[0-9][0-9-]{2,19}$', maxLength: 20 });

export const ErrorResponse = T.Object({
  error: T.Object({ code: T.String(), message: T.String(), field: T.Optional(T.String()) }, { additionalProperties: true }),
});

export const PathItem = T.Object({ code: T.String(), name: T.String() });

export const RegionChild = T.Object({
  code: T.String(),
  name: T.String(),
  level: T.String(),
  kind: T.Union([T.String(), T.Null()]),
  childCount: T.Integer(),
});

export const RegionDetail = T.Object({
  code: T.String(),
  name: T.String(),
  level: T.String(),
  kind: T.Union([T.String(), T.Null()]),
  parentCode: T.Union([T.String(), T.Null()]),
  /** From the province down to this region itself (a breadcrumb). */
  path: T.Array(PathItem),
  children: T.Array(RegionChild),
  /** The region's own unit (村委会, 街道办 …) when it has one. */
  unitId: T.Union([T.String(), T.Null()]),
  abilities: T.Object({ createDepartment: T.Boolean() }),
});
export type RegionDetailView = Static<typeof RegionDetail>;

export const RegionParams = T.Object({ regionCode: RegionCode });

export const RegionSearchQuery = T.Object(
  {
    q: T.Optional(Text({ maxLength: 50 })),
    parent: T.Optional(RegionCode),
  },
  { additionalProperties: false },
);
export type RegionSearchInput = Static<typeof RegionSearchQuery>;

export const RegionSearchItem = T.Object({
  code: T.String(),
  name: T.String(),
  level: T.String(),
  kind: T.Union([T.String(), T.Null()]),
  /** From the province down to this region itself. */
  path: T.Array(PathItem),
});
export const RegionSearchResult = T.Object({ items: T.Array(RegionSearchItem) });

export const UnitKindSchema = T.Union([T.Literal('region'), T.Literal('department')]);

export const UnitListQuery = T.Object(
  {
    regionPrefix: T.Optional(RegionPrefix),
    kind: T.Optional(UnitKindSchema),
    departmentType: T.Optional(DepartmentTypeSchema),
    q: T.Optional(Text({ maxLength: 50 })),
    page: T.Optional(T.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: T.Optional(T.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type UnitListInput = Static<typeof UnitListQuery>;

export const UnitView = T.Object({
  id: T.String(),
  kind: UnitKindSchema,
  regionCode: T.String(),
  regionName: T.String(),
  regionLevel: T.String(),
  name: T.String(),
  departmentType: T.Union([T.String(), T.Null()]),
  phone: T.Union([T.String(), T.Null()]),
});
export const UnitDetail = T.Composite([
  UnitView,
  T.Object({
    path: T.Array(PathItem),
    abilities: T.Object({ update: T.Boolean() }),
  }),
]);
export const UnitList = T.Object({
  items: T.Array(UnitView),
  total: T.Integer(),
  page: T.Integer(),
  pageSize: T.Integer(),
});

export const UnitParams = T.Object({ id: Uuid });

export const CreateDepartmentBody = T.Object(
  {
    regionCode: RegionCode,
    name: Text({ minLength: 1, maxLength: 60 }),
    departmentType: DepartmentTypeSchema,
    phone: T.Optional(T.Union([OfficePhone, T.Null()])),
  },
  { additionalProperties: false },
);
export type CreateDepartmentInput = Static<typeof CreateDepartmentBody>;

export const UpdateUnitBody = T.Object(
  {
    name: T.Optional(Text({ minLength: 1, maxLength: 60 })),
    phone: T.Optional(T.Union([OfficePhone, T.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateUnitInput = Static<typeof UpdateUnitBody>;

/** The error answers a route may give, for the OpenAPI document. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
