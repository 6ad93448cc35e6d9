import { Type, type Static } from '@sinclair/typebox';
import { errors, Nullable, Post, RegionCode, Uuid } from '../feed/schema.js';

/** Request and response schemas of the duty routes. */

export { errors };
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD, Asia/Shanghai' });

export const RosterQuery = Type.Object({
  unitId: Uuid,
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
});
export type RosterQuery = Static<typeof RosterQuery>;

export const SetDutyBody = Type.Object({ unitId: Uuid, date: DateString, userId: Uuid }, { additionalProperties: false });
export type SetDutyBody = Static<typeof SetDutyBody>;

export const ShiftParams = Type.Object({ id: Uuid });
export const TodayQuery = Type.Object({ regionCode: RegionCode });
export const CheckInBody = Type.Object({ unitId: Uuid }, { additionalProperties: false });

export const Shift = Type.Object({
  id: Uuid,
  unitId: Uuid,
  date: Type.String(),
  user: Type.Object({ id: Uuid, name: Type.String() }),
  checkedInAt: Nullable(Type.String({ format: 'date-time' })),
  checkInPostId: Nullable(Uuid),
  abilities: Type.Object({ remove: Type.Boolean(), checkIn: Type.Boolean() }),
});
export type Shift = Static<typeof Shift>;

const UnitSummary = Type.Object({ id: Uuid, name: Type.String(), regionCode: Type.String() });

export const Roster = Type.Object({
  unit: UnitSummary,
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(Shift),
  abilities: Type.Object({ manage: Type.Boolean() }),
});
export type Roster = Static<typeof Roster>;

export const DutyToday = Type.Object({ unit: UnitSummary, date: Type.String(), onDuty: Nullable(Shift) });
export type DutyToday = Static<typeof DutyToday>;

export const CheckInResult = Type.Object({ shift: Shift, post: Post });
export type CheckInResult = Static<typeof CheckInResult>;
