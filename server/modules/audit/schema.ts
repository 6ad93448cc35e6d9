import { Type, type Static } from '@sinclair/typebox';

/**
 * A day (`2026-11-20`, read in Asia/Shanghai) or an instant with its zone
 * (`2026-11-20T08:30:00+08:00`, `…Z`). Calendar validity is checked by the
 * service, so `2026-02-30` is a 400 naming the field, not March 2nd.
 */
const TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2}))?$';

const filterFields = {
  actorId: Type.Optional(Type.String({ format: 'uuid', description: 'Entries written by this person' })),
  action: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[A-Za-z0-9_.:-]+$',
      description: 'Action name or its prefix: `case.` matches `case.assign`, `case.close` …',
    }),
  ),
  targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(Type.String({ pattern: TIME_PATTERN, description: 'Inclusive; a bare date is midnight in Asia/Shanghai' })),
  to: Type.Optional(
    Type.String({ pattern: TIME_PATTERN, description: 'Exclusive; a bare date includes that whole day (Asia/Shanghai)' }),
  ),
};

export const AuditQuery = Type.Object(
  {
    ...filterFields,
    page: Type.Integer({ minimum: 1, maximum: 10000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditExportQuery = Type.Object(filterFields, { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuery>;

/** What `before`/`after` may hold: short summaries written by the use case (see presenter.ts). */
const Summary = Type.Unknown({ description: 'A short summary, never report contents or unmasked personal data' });

export const AuditEntryView = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  /** Null for the system, and for protected reporters (their entries record no actor). */
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  actorRoles: Type.Array(Type.String()),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  before: Summary,
  after: Summary,
});
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntryView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  abilities: Type.Object({ export: Type.Boolean() }),
});
export type AuditPage = Static<typeof AuditPage>;

export const AuditActions = Type.Object({ items: Type.Array(Type.String()) });
export type AuditActions = Static<typeof AuditActions>;
