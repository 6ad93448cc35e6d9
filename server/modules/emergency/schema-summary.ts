import { Type as T, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from './schema.js';

/** The needs board's counts (needs-summary.ts). */

export const NeedsSummaryQuery = T.Object({ gridId: T.Optional(Uuid) }, { additionalProperties: false });

const Counts = {
  waiting: T.Integer({ description: 'open, nobody has claimed it' }),
  waitingCritical: T.Integer({ description: 'of those waiting, life-critical' }),
  underWay: T.Integer({ description: 'claimed, bought, at the gate or handed over' }),
  overdue: T.Integer({ description: 'unfinished past the case’s resolution deadline (see overdueHours)' }),
  finished: T.Integer({ description: 'delivered, confirmed or cancelled' }),
};

export const NeedsSummary = T.Object({
  at: Timestamp,
  overdueHours: T.Object(
    { life_critical: T.Number(), urgent: T.Number(), normal: T.Number() },
    { description: 'hours from posting after which an unfinished need is overdue, by urgency' },
  ),
  totals: T.Object(Counts),
  grids: T.Array(T.Object({ gridId: Nullable(Uuid), name: Nullable(T.String({ description: 'null: needs outside every grid' })), ...Counts })),
  volunteers: T.Array(
    T.Object({
      userId: Uuid,
      name: T.String({ description: 'masked for fellow volunteers; in full for coordinators and oneself' }),
      claimed: T.Integer({ description: 'claimed, not yet bought' }),
      underWay: T.Integer({ description: 'bought, at the gate or handed over' }),
      lifeCritical: T.Integer({ description: 'of those held, life-critical' }),
      overdue: T.Integer(),
      done: T.Integer({ description: 'delivered or confirmed' }),
    }),
  ),
});
export type NeedsSummary = Static<typeof NeedsSummary>;
