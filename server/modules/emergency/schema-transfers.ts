import { Type as T, type Static } from '@sinclair/typebox';
import { TRANSFER_CATEGORIES, TRANSFER_PERSON_STATUSES, TRIP_STATUSES } from '../../../common/emergency/types.js';
import { Lat, Lng, MobilePhone, Nullable, Point, RegionCode, Timestamp, Uuid, literals } from './schema.js';

/** Request and response schemas of transfers (转运): isolation points, vehicles, people to move, trips, the night board. */

const Category = literals(TRANSFER_CATEGORIES);

export const TripParams = T.Object({ id: Uuid });
export const TransferPersonParams = T.Object({ id: Uuid });

export const CreatePointBody = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 60 }),
    address: T.Optional(Nullable(T.String({ maxLength: 100 }))),
    lat: Lat,
    lng: Lng,
    capacity: T.Integer({ minimum: 1, maximum: 100000 }),
    categories: T.Optional(T.Array(Category, { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreatePointBody = Static<typeof CreatePointBody>;

export const CreateVehicleBody = T.Object(
  {
    plate: T.String({ minLength: 2, maxLength: 12, description: '湘B·12345' }),
    capacity: T.Integer({ minimum: 1, maximum: 60 }),
    driverName: T.String({ minLength: 1, maxLength: 30 }),
    driverPhone: MobilePhone,
    driverUserId: T.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type CreateVehicleBody = Static<typeof CreateVehicleBody>;

export const TransferPersonInput = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 30 }),
    phone: T.Optional(Nullable(MobilePhone)),
    category: Category,
    regionCode: RegionCode,
    pickup: T.String({ minLength: 1, maxLength: 60, description: 'compound and building: people with the same pickup ride together' }),
    lat: Lat,
    lng: Lng,
    note: T.Optional(Nullable(T.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export const AddPeopleBody = T.Object({ people: T.Array(TransferPersonInput, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
export type AddPeopleBody = Static<typeof AddPeopleBody>;

export const PlanBody = T.Object({ maxDetourMeters: T.Optional(T.Integer({ minimum: 0, maximum: 50000 })) }, { additionalProperties: false });
export const TripStatusBody = T.Object({ status: literals(TRIP_STATUSES.filter((s) => s !== 'planned')) }, { additionalProperties: false });
export const CancelPersonBody = T.Object({ reason: T.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const PointView = T.Object({
  id: Uuid,
  name: T.String(),
  address: Nullable(T.String()),
  location: Point,
  capacity: T.Integer(),
  /** Beds taken by people assigned, on their way or arrived. */
  taken: T.Integer(),
  remaining: T.Integer(),
  categories: T.Array(Category),
});
export const VehicleView = T.Object({
  id: Uuid,
  plate: T.String(),
  capacity: T.Integer(),
  driverName: T.String(),
  driverPhone: T.String(),
  busyTripId: Nullable(Uuid),
});

export const PersonView = T.Object({
  id: Uuid,
  name: T.String(),
  phone: Nullable(T.String()),
  category: Category,
  regionCode: T.String(),
  pickup: T.String(),
  location: Point,
  status: literals(TRANSFER_PERSON_STATUSES),
  tripId: Nullable(Uuid),
  waitingSince: Timestamp,
});

export const TripView = T.Object({
  id: Uuid,
  incidentId: Uuid,
  status: literals(TRIP_STATUSES),
  category: Category,
  vehicle: T.Object({ id: Uuid, plate: T.String(), driverName: T.String(), driverPhone: T.String() }),
  destination: T.Object({ id: Uuid, name: T.String() }),
  people: T.Array(PersonView),
  pickups: T.Array(T.String()),
  plannedAt: Timestamp,
  dispatchedAt: Nullable(Timestamp),
  pickedUpAt: Nullable(Timestamp),
  arrivedAt: Nullable(Timestamp),
  abilities: T.Object({ next: T.Array(literals(TRIP_STATUSES)) }),
});
export type TripView = Static<typeof TripView>;

export const PlanResult = T.Object({
  trips: T.Array(TripView),
  waiting: T.Array(T.Object({ personId: Uuid, reason: T.Union([T.Literal('no_vehicle'), T.Literal('no_destination')]) })),
});

export const NightBoard = T.Object({
  at: Timestamp,
  totals: T.Object({ waiting: T.Integer(), assigned: T.Integer(), onBoard: T.Integer(), arrived: T.Integer() }),
  /** Who is still waiting, by pickup, longest waiting first. */
  waiting: T.Array(
    T.Object({
      pickup: T.String(),
      regionCode: T.String(),
      category: Category,
      count: T.Integer(),
      since: Timestamp,
      people: T.Array(T.Object({ id: Uuid, name: T.String(), phone: Nullable(T.String()) })),
    }),
  ),
  trips: T.Array(TripView),
  vehicles: T.Array(VehicleView),
  points: T.Array(PointView),
});
export type NightBoard = Static<typeof NightBoard>;
