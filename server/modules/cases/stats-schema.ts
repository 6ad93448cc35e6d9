import { Type as T, type Static, type TSchema } from '@sinclair/typebox';
import { ESCALATION_KINDS, NOTIFICATION_KINDS } from '../../../common/cases/deadlines.js';
import { CategoryCode, QueueQuery, RegionPrefix, Uuid } from './schema.js';

/** Schemas of statistics, exports, the supervision board and notifications (docs/API-CONTRACT.md). */

const literals = <V extends string>(values: readonly V[]) => T.Union(values.map((v) => T.Literal(v)));
const Nullable = <S extends TSchema>(s: S) => T.Union([s, T.Null()]);
const Strict = { additionalProperties: false } as const;
const Day = T.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a day in Asia/Shanghai, YYYY-MM-DD' });
const Page = T.Integer({ minimum: 1, maximum: 100000, default: 1 });
const PageSize = T.Integer({ minimum: 1, maximum: 100, default: 20 });
const Timestamp = T.String({ format: 'date-time' });

const statsFields = {
  regionPrefix: T.Optional(RegionPrefix),
  unitId: T.Optional(Uuid),
  category: T.Optional(CategoryCode),
  from: T.Optional(Day),
  to: T.Optional(Day),
  groupBy: T.Optional(literals(['region', 'unit', 'category'] as const)),
  trend: T.Optional(literals(['day', 'week', 'month'] as const)),
};
export const StatsQuery = T.Object(statsFields, Strict);
export type StatsInput = Static<typeof StatsQuery>;

export const ExportFormat = literals(['csv', 'xlsx'] as const);
export const StatsExportQuery = T.Object({ ...statsFields, format: ExportFormat }, Strict);
export type StatsExportInput = Static<typeof StatsExportQuery>;

export const CaseExportQuery = T.Composite([T.Omit(QueueQuery, ['page', 'pageSize']), T.Object({ format: ExportFormat })], Strict);
export type CaseExportInput = Static<typeof CaseExportQuery>;

const figureFields = {
  received: T.Integer(),
  withdrawn: T.Integer(),
  rejected: T.Integer(),
  open: T.Integer(),
  responded: T.Integer(),
  respondedOnTime: T.Integer(),
  resolved: T.Integer(),
  resolvedOnTime: T.Integer(),
  rated: T.Integer(),
  satisfied: T.Integer(),
  basicallySatisfied: T.Integer(),
  dissatisfied: T.Integer(),
  reopened: T.Integer(),
  overdue: T.Integer(),
  resolvedLate: T.Integer(),
  responseRate: Nullable(T.Number()),
  resolutionRate: Nullable(T.Number()),
  satisfactionRate: Nullable(T.Number()),
  medianResponseMinutes: Nullable(T.Integer()),
  medianResolutionMinutes: Nullable(T.Integer()),
};
export const Figures = T.Object(figureFields);

export const StatsResult = T.Object({
  scope: T.Object({
    regionPrefix: Nullable(T.String()),
    regionName: Nullable(T.String()),
    unitId: Nullable(T.String()),
    unitName: Nullable(T.String()),
    category: Nullable(T.String()),
    from: T.String(),
    to: T.String(),
    groupBy: T.String(),
    trend: T.String(),
  }),
  totals: Figures,
  rows: T.Array(T.Object({ key: T.String(), label: T.String(), drillable: T.Boolean(), ...figureFields })),
  trend: T.Array(T.Object({ period: T.String(), ...figureFields })),
  generatedAt: Timestamp,
});

// ---- supervision board ---------------------------------------------------------

export const EscalationKind = literals(ESCALATION_KINDS);
export const BoardQuery = T.Object(
  {
    status: T.Optional(literals(['open', 'closed'] as const)),
    unitId: T.Optional(Uuid),
    kind: T.Optional(EscalationKind),
    page: T.Optional(Page),
    pageSize: T.Optional(PageSize),
  },
  Strict,
);
export type BoardInput = Static<typeof BoardQuery>;
export const EscalationParams = T.Object({ id: Uuid }, Strict);
export const CloseEscalationBody = T.Object({ note: T.String({ minLength: 1, maxLength: 500 }) }, Strict);

const UnitRef = T.Object({ id: T.String(), name: T.String() });
export const EscalationView = T.Object({
  id: T.String(),
  kind: EscalationKind,
  status: literals(['open', 'closed'] as const),
  case: T.Object({
    id: T.String(),
    trackingNumber: T.String(),
    title: T.String(),
    status: T.String(),
    categoryCode: T.String(),
    categoryName: T.String(),
    regionCode: T.String(),
    regionName: T.String(),
    priority: T.String(),
    resolutionDueAt: Timestamp,
  }),
  fromUnit: Nullable(UnitRef),
  toUnit: UnitRef,
  dueAt: Timestamp,
  overdueMinutes: T.Integer(),
  createdAt: Timestamp,
  closedAt: Nullable(Timestamp),
  closedBy: Nullable(UnitRef),
  closeNote: Nullable(T.String()),
  abilities: T.Object({ close: T.Boolean() }),
});
export const BoardResult = T.Object({
  items: T.Array(EscalationView),
  total: T.Integer(),
  page: T.Integer(),
  pageSize: T.Integer(),
  openCount: T.Integer(),
});

// ---- notifications -------------------------------------------------------------

export const NotificationQuery = T.Object(
  { unitId: T.Optional(Uuid), unread: T.Optional(T.Boolean()), page: T.Optional(Page), pageSize: T.Optional(PageSize) },
  Strict,
);
export type NotificationInput = Static<typeof NotificationQuery>;
export const NotificationParams = T.Object({ id: T.String({ pattern: '^[0-9]{1,18}$' }) }, Strict);
export const NotificationList = T.Object({
  items: T.Array(
    T.Object({
      id: T.String(),
      kind: literals(NOTIFICATION_KINDS),
      unit: Nullable(UnitRef),
      case: T.Object({ id: T.String(), trackingNumber: T.String(), title: T.String(), responseDueAt: Timestamp, resolutionDueAt: Timestamp }),
      message: T.String(),
      createdAt: Timestamp,
      readAt: Nullable(Timestamp),
    }),
  ),
  total: T.Integer(),
  page: T.Integer(),
  pageSize: T.Integer(),
  unread: T.Integer(),
});
