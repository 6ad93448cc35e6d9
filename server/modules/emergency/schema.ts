import { Type as T, type Static, type TSchema } from '@sinclair/typebox';
import { LINES, TASK_STATUSES, TEAM_CAPACITIES } from '../../../common/emergency/types.js';

/**
 * Shared request and response schemas of the emergency routes, and those of
 * incidents, grids, tasks and the grid board. Needs and errands are in
 * schema-needs.ts, risk areas and notices in schema-notices.ts, stations in
 * schema-stations.ts, transfers in schema-transfers.ts.
 */

export const Nullable = <S extends TSchema>(s: S) => T.Union([s, T.Null()]);
export const literals = <V extends string>(values: readonly V[]) => T.Union(values.map((v) => T.Literal(v)));
export const Uuid = T.String({ format: 'uuid' });
export const Timestamp = T.String({ format: 'date-time' });
export const RegionCode = T.String({ pattern: '^[0-9]{12}([0-9]{3})?$', description: '12-digit region code, 15 for a grid' });
export const MobilePhone = T.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number, 11 digits' });
export const Lat = T.Number({ minimum: -90, maximum: 90 });
export const Lng = T.Number({ minimum: -180, maximum: 180 });
export const Point = T.Object({ lat: Lat, lng: Lng });

export const ErrorResponse = T.Object({
  error: T.Object({ code: T.String(), message: T.String(), field: T.Optional(T.String()) }, { additionalProperties: true }),
});
export function errors(...statuses: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
}

export const PageQuery = {
  page: T.Optional(T.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: T.Optional(T.Integer({ minimum: 1, maximum: 100, default: 20 })),
};
export const page = <S extends TSchema>(item: S) =>
  T.Object({ items: T.Array(item), total: T.Integer(), page: T.Integer(), pageSize: T.Integer() });

/** A person as others see them: the phone only when policy allows, masked otherwise. */
export const PersonRef = T.Object({ id: Uuid, name: T.String(), phone: Nullable(T.String()) });

// ---- incidents

export const IncidentParams = T.Object({ id: Uuid });

export const CreateIncidentBody = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 60 }),
    regionCode: RegionCode,
    description: T.Optional(Nullable(T.String({ maxLength: 2000 }))),
    startedAt: T.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type CreateIncidentBody = Static<typeof CreateIncidentBody>;

export const EndIncidentBody = T.Object({ endedAt: T.Optional(Timestamp) }, { additionalProperties: false });

export const IncidentListQuery = T.Object(
  {
    regionCode: T.Optional(RegionCode),
    active: T.Optional(T.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type IncidentListQuery = Static<typeof IncidentListQuery>;

export const IncidentView = T.Object({
  id: Uuid,
  name: T.String(),
  regionCode: T.String(),
  regionName: T.String(),
  description: Nullable(T.String()),
  startedAt: Timestamp,
  endedAt: Nullable(Timestamp),
  active: T.Boolean(),
  abilities: T.Object({
    manage: T.Boolean(),
    viewBoard: T.Boolean(),
    postNeed: T.Boolean(),
  }),
});
export type IncidentView = Static<typeof IncidentView>;
export const IncidentPage = page(IncidentView);

// ---- grids and teams

export const GridParams = T.Object({ id: Uuid });
export const MemberParams = T.Object({ id: Uuid, userId: Uuid });

export const CreateGridBody = T.Object(
  {
    regionCode: RegionCode,
    name: T.Optional(T.String({ minLength: 1, maxLength: 40, description: 'required for a named zone within a community (合泰一区)' })),
    leaderUserId: T.Optional(Nullable(Uuid)),
    lat: T.Optional(Lat),
    lng: T.Optional(Lng),
  },
  { additionalProperties: false },
);
export type CreateGridBody = Static<typeof CreateGridBody>;

export const LeaderBody = T.Object({ leaderUserId: Nullable(Uuid) }, { additionalProperties: false });
export const AddMemberBody = T.Object({ userId: Uuid, capacity: literals(TEAM_CAPACITIES) }, { additionalProperties: false });
export type AddMemberBody = Static<typeof AddMemberBody>;

export const GridListQuery = T.Object({ regionCode: T.Optional(T.String({ pattern: '^[0-9]{2,15}$' })) }, { additionalProperties: false });

export const TeamMember = T.Object({
  user: PersonRef,
  capacity: literals(TEAM_CAPACITIES),
  assignedAt: Timestamp,
  releasedAt: Nullable(Timestamp),
});

export const GridView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  regionCode: T.String(),
  regionName: T.String(),
  kind: T.Union([T.Literal('region'), T.Literal('zone')]),
  name: T.String(),
  leader: Nullable(PersonRef),
  location: Nullable(Point),
  teamSize: T.Integer(),
  abilities: T.Object({ setLeader: T.Boolean(), manageTeam: T.Boolean(), manageTasks: T.Boolean(), serve: T.Boolean() }),
});
export type GridView = Static<typeof GridView>;
export const GridDetail = T.Composite([GridView, T.Object({ team: T.Array(TeamMember) })]);
export type GridDetail = Static<typeof GridDetail>;
export const GridList = T.Object({ items: T.Array(GridView) });

// ---- tasks

export const TaskParams = T.Object({ id: Uuid });

export const CreateTaskBody = T.Object(
  {
    gridId: T.Optional(Nullable(Uuid)),
    line: literals(LINES),
    title: T.String({ minLength: 1, maxLength: 100 }),
    detail: T.Optional(Nullable(T.String({ maxLength: 1000 }))),
    ownerUserId: T.Optional(Nullable(Uuid)),
    dueAt: T.Optional(Nullable(Timestamp)),
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const UpdateTaskBody = T.Object(
  {
    status: T.Optional(literals(TASK_STATUSES)),
    ownerUserId: T.Optional(Nullable(Uuid)),
    dueAt: T.Optional(Nullable(Timestamp)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;

export const TaskListQuery = T.Object(
  {
    gridId: T.Optional(Uuid),
    line: T.Optional(literals(LINES)),
    status: T.Optional(literals(TASK_STATUSES)),
    mine: T.Optional(T.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;

export const TaskView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  gridId: Nullable(Uuid),
  gridName: Nullable(T.String()),
  line: literals(LINES),
  title: T.String(),
  detail: Nullable(T.String()),
  owner: Nullable(PersonRef),
  dueAt: Nullable(Timestamp),
  overdue: T.Boolean(),
  status: literals(TASK_STATUSES),
  createdAt: Timestamp,
  doneAt: Nullable(Timestamp),
  abilities: T.Object({ update: T.Boolean(), setStatus: T.Boolean() }),
});
export type TaskView = Static<typeof TaskView>;
export const TaskPage = page(TaskView);

// ---- the grid board

export const BoardQuery = T.Object({ gridId: T.Optional(Uuid) }, { additionalProperties: false });

const LineCell = T.Object({
  open: T.Integer(),
  overdue: T.Integer(),
  /** The most urgent open tasks (by due time), at most five. */
  tasks: T.Array(T.Object({ id: Uuid, title: T.String(), status: literals(TASK_STATUSES), dueAt: Nullable(Timestamp), ownerName: Nullable(T.String()) })),
});
const Lines = T.Object(Object.fromEntries(LINES.map((l) => [l, LineCell])) as Record<(typeof LINES)[number], typeof LineCell>);

const LineCount = T.Object({ open: T.Integer(), overdue: T.Integer() });

export const BoardRow = T.Object({
  grid: T.Object({ id: Uuid, name: T.String(), regionCode: T.String(), kind: T.String(), leaderName: Nullable(T.String()), teamSize: T.Integer() }),
  lines: Lines,
  needs: T.Object({ open: T.Integer(), lifeCritical: T.Integer(), inProgress: T.Integer() }),
});
export const Board = T.Object({
  incidentId: Uuid,
  at: Timestamp,
  /** Totals per line over the grids shown, and incident-wide tasks (no grid). */
  totals: T.Object(Object.fromEntries(LINES.map((l) => [l, LineCount])) as Record<(typeof LINES)[number], typeof LineCount>),
  grids: T.Array(BoardRow),
});
export type Board = Static<typeof Board>;
