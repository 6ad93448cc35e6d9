import { Type as T, type Static } from '@sinclair/typebox';

/** Schemas of the administrators' key routes (`/api/open311/keys`). */
export const CreateKeyBody = T.Object(
  {
    name: T.String({ minLength: 2, maxLength: 60, description: 'the client application, e.g. 株洲城管通 App' }),
    contact: T.Optional(T.String({ maxLength: 100, description: 'who to call about it' })),
  },
  { additionalProperties: false },
);
export type CreateKeyInput = Static<typeof CreateKeyBody>;

export const KeyIdParams = T.Object({ id: T.String({ format: 'uuid' }) });

export const KeyView = T.Object({
  id: T.String(),
  name: T.String(),
  contact: T.Union([T.String(), T.Null()]),
  keyPrefix: T.String(),
  createdAt: T.String(),
  lastUsedAt: T.Union([T.String(), T.Null()]),
  revokedAt: T.Union([T.String(), T.Null()]),
  requestCount: T.Integer(),
});
export type KeyViewT = Static<typeof KeyView>;

export const KeyList = T.Object({ items: T.Array(KeyView), demoKeyAccepted: T.Boolean() });
/** The secret is in this answer only: it is stored as a hash. */
export const CreatedKey = T.Intersect([KeyView, T.Object({ key: T.String() })]);

export const ErrorResponse = T.Object({
  error: T.Object({ code: T.String(), message: T.String(), field: T.Optional(T.String()) }, { additionalProperties: true }),
});
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
