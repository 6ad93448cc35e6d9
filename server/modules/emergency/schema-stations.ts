import { Type as T, type Static } from '@sinclair/typebox';
import { CONDITIONS, RISK_GROUPS, STAY_REASONS } from '../../../common/emergency/eligibility.js';
import { SYMPTOMS } from '../../../common/emergency/deterioration.js';
import { Lat, Lng, MobilePhone, Nullable, Point, RegionCode, Timestamp, Uuid, literals } from './schema.js';

/** Request and response schemas of health stations (健康驿站): registry, stays, monitoring, dashboard. */

export const StationParams = T.Object({ id: Uuid });
export const StaffParams = T.Object({ id: Uuid, userId: Uuid });
export const StayParams = T.Object({ id: Uuid });
export const AlertParams = T.Object({ id: Uuid });
export const HospitalTransferParams = T.Object({ id: Uuid });

const OfficePhone = T.String({ pattern: '^[0-9][0-9-]{4,19}$', maxLength: 20, description: '0731-28599999 or 28599999' });
const Room = T.Object({ number: T.String({ minLength: 1, maxLength: 10 }), beds: T.Integer({ minimum: 1, maximum: 6 }) }, { additionalProperties: false });
const Services = T.Array(T.String({ minLength: 1, maxLength: 30 }), { maxItems: 20 });
const StayStatus = literals(['applied', 'admitted', 'discharged', 'transferred', 'declined', 'withdrawn'] as const);

export const CreateStationBody = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 60 }),
    districtCode: RegionCode,
    address: T.Optional(Nullable(T.String({ maxLength: 100 }))),
    phone: OfficePhone,
    lat: T.Optional(Lat),
    lng: T.Optional(Lng),
    pricePerDayFen: T.Integer({ minimum: 0, maximum: 10_000_000, description: 'room price per day in fen (self-paid)' }),
    services: T.Optional(Services),
    hospitalName: T.String({ minLength: 1, maxLength: 60, description: 'the designated hospital of the district (green channel)' }),
    open: T.Optional(T.Boolean()),
    rooms: T.Optional(T.Array(Room, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type CreateStationBody = Static<typeof CreateStationBody>;

export const UpdateStationBody = T.Object(
  {
    open: T.Optional(T.Boolean()),
    pricePerDayFen: T.Optional(T.Integer({ minimum: 0, maximum: 10_000_000 })),
    services: T.Optional(Services),
    phone: T.Optional(OfficePhone),
    hospitalName: T.Optional(T.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateStationBody = Static<typeof UpdateStationBody>;

export const AddRoomsBody = T.Object({ rooms: T.Array(Room, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });

const Occupancy = T.Object({ rooms: T.Integer(), beds: T.Integer(), occupied: T.Integer(), free: T.Integer(), waiting: T.Integer() });

export const StationView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  name: T.String(),
  districtCode: T.String(),
  districtName: T.String(),
  address: Nullable(T.String()),
  phone: T.String(),
  location: Nullable(Point),
  pricePerDayFen: T.Integer(),
  services: T.Array(T.String()),
  hospitalName: T.String(),
  open: T.Boolean(),
  occupancy: Occupancy,
  abilities: T.Object({ manage: T.Boolean(), care: T.Boolean() }),
});
export type StationView = Static<typeof StationView>;
export const StationList = T.Object({ items: T.Array(StationView) });
export const StationDetail = T.Composite([
  StationView,
  T.Object({
    /** For the station's staff and the commanders. */
    rooms: Nullable(T.Array(T.Object({ id: Uuid, number: T.String(), beds: T.Integer(), occupied: T.Integer() }))),
    staff: Nullable(T.Array(T.Object({ id: Uuid, name: T.String(), phone: Nullable(T.String()) }))),
  }),
]);
export type StationDetail = Static<typeof StationDetail>;

// ---- applications and stays

export const ApplyBody = T.Object(
  {
    stationId: Uuid,
    name: T.String({ minLength: 1, maxLength: 30 }),
    phone: MobilePhone,
    age: T.Integer({ minimum: 0, maximum: 130 }),
    condition: literals(CONDITIONS),
    reasons: T.Array(literals(STAY_REASONS), { maxItems: 3, uniqueItems: true }),
    informed: T.Boolean(),
    voluntary: T.Boolean(),
    selfPaid: T.Boolean(),
    hasUnderlyingCondition: T.Optional(T.Boolean()),
    pregnant: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
export type ApplyBody = Static<typeof ApplyBody>;

export const AdmitBody = T.Object(
  {
    roomId: T.Optional(Uuid),
    /** Admit at another station (the next one with space that a full station offered). */
    stationId: T.Optional(Uuid),
  },
  { additionalProperties: false },
);
export const ReasonBody = T.Object({ reason: T.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const NoteBody = T.Object({ note: T.Optional(Nullable(T.String({ maxLength: 200 }))) }, { additionalProperties: false });
export const StayListQuery = T.Object({ status: T.Optional(StayStatus) }, { additionalProperties: false });

export const ReadingBody = T.Object(
  {
    takenAt: T.Optional(Timestamp),
    temperature: T.Optional(T.Number({ minimum: 30, maximum: 45 })),
    spo2: T.Optional(T.Integer({ minimum: 50, maximum: 100 })),
    systolic: T.Optional(T.Integer({ minimum: 40, maximum: 300 })),
    diastolic: T.Optional(T.Integer({ minimum: 20, maximum: 200 })),
    heartRate: T.Optional(T.Integer({ minimum: 20, maximum: 250 })),
    symptoms: T.Optional(T.Array(literals(SYMPTOMS), { maxItems: SYMPTOMS.length, uniqueItems: true })),
    note: T.Optional(Nullable(T.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type ReadingBody = Static<typeof ReadingBody>;

export const ReadingView = T.Object({
  id: Uuid,
  takenAt: Timestamp,
  temperature: Nullable(T.Number()),
  spo2: Nullable(T.Integer()),
  systolic: Nullable(T.Integer()),
  diastolic: Nullable(T.Integer()),
  heartRate: Nullable(T.Integer()),
  symptoms: T.Array(T.String()),
  note: Nullable(T.String()),
  recordedBy: T.String(),
});

export const AlertView = T.Object({
  id: Uuid,
  stayId: Uuid,
  stationId: Uuid,
  residentName: T.String(),
  rule: T.String(),
  severity: T.Union([T.Literal('warning'), T.Literal('critical')]),
  status: T.Union([T.Literal('open'), T.Literal('escalated'), T.Literal('dismissed')]),
  raisedAt: Timestamp,
  handledAt: Nullable(Timestamp),
  note: Nullable(T.String()),
});
export const AlertList = T.Object({ items: T.Array(AlertView) });
export const AlertListQuery = T.Object({ status: T.Optional(T.Union([T.Literal('open'), T.Literal('escalated'), T.Literal('dismissed')])) }, { additionalProperties: false });

export const HospitalTransferView = T.Object({
  id: Uuid,
  stayId: Uuid,
  hospitalName: T.String(),
  reason: T.String(),
  status: T.Union([T.Literal('requested'), T.Literal('dispatched'), T.Literal('arrived')]),
  requestedAt: Timestamp,
  dispatchedAt: Nullable(Timestamp),
  arrivedAt: Nullable(Timestamp),
});
export const HospitalTransferBody = T.Object({ status: T.Union([T.Literal('dispatched'), T.Literal('arrived')]) }, { additionalProperties: false });

export const StayView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  station: T.Object({ id: Uuid, name: T.String(), phone: T.String() }),
  room: Nullable(T.Object({ id: Uuid, number: T.String() })),
  /** Masked for no one: only the applicant and the station's staff see a stay. */
  name: T.String(),
  phone: T.String(),
  age: T.Integer(),
  condition: literals(CONDITIONS),
  reasons: T.Array(literals(STAY_REASONS)),
  riskGroups: T.Array(literals(RISK_GROUPS)),
  status: StayStatus,
  appliedAt: Timestamp,
  admittedAt: Nullable(Timestamp),
  pricePerDayFen: Nullable(T.Integer()),
  endedAt: Nullable(Timestamp),
  endNote: Nullable(T.String()),
  /** Hours between checks (risk groups more often) and when the next is due. */
  monitoringHours: T.Integer(),
  nextCheckDueAt: Nullable(Timestamp),
  abilities: T.Object({ admit: T.Boolean(), decline: T.Boolean(), withdraw: T.Boolean(), discharge: T.Boolean(), record: T.Boolean() }),
});
export type StayView = Static<typeof StayView>;
export const StayDetail = T.Composite([
  StayView,
  T.Object({ readings: T.Array(ReadingView), alerts: T.Array(AlertView), hospitalTransfers: T.Array(HospitalTransferView) }),
]);
export type StayDetail = Static<typeof StayDetail>;
export const StayList = T.Object({ items: T.Array(StayView) });

export const ReadingResult = T.Object({
  reading: ReadingView,
  /** Alerts this reading raised (none when the rules did not fire or an alert of the rule is already open). */
  alerts: T.Array(AlertView),
  /** A green-channel transfer asked for at once (critical rules). */
  hospitalTransfer: Nullable(HospitalTransferView),
});

// ---- the dashboard

export const Dashboard = T.Object({
  at: Timestamp,
  stations: T.Array(
    T.Object({
      id: Uuid,
      name: T.String(),
      districtCode: T.String(),
      open: T.Boolean(),
      occupancy: Occupancy,
      riskGroup: T.Integer(),
      openAlerts: T.Integer(),
      hospitalTransfers: T.Integer(),
      checksOverdue: T.Integer(),
    }),
  ),
  districts: T.Array(T.Object({ districtCode: T.String(), districtName: T.String(), stations: T.Integer(), occupancy: Occupancy })),
  totals: Occupancy,
});
export type Dashboard = Static<typeof Dashboard>;
