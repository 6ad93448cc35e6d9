import type { ColumnType, Generated } from 'kysely';

/**
 * Tables of emergency operations (DESIGN §6). Everything hangs from an
 * incident and is never deleted: grids, tasks, risk-area changes, notices,
 * needs, station stays and trips stay in the incident's history.
 */

type Created = ColumnType<Date, Date | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface IncidentsTable {
  id: Generated<string>;
  name: string;
  /** Root of the region subtree the incident covers. */
  region_code: string;
  description: string | null;
  started_at: Date;
  ended_at: Date | null;
  created_by: string;
  created_at: Created;
  updated_at: Date;
}

export interface GridsTable {
  id: Generated<string>;
  incident_id: string;
  /** A 15-digit grid region, or the community of a named zone. */
  region_code: string;
  kind: 'region' | 'zone';
  name: string;
  /** 格长 */
  leader_user_id: string | null;
  /** Centre (or gate) of the grid: the fallback location of its needs. */
  lat: number | null;
  lng: number | null;
  created_by: string;
  created_at: Created;
}

export interface GridMembersTable {
  id: Generated<string>;
  grid_id: string;
  user_id: string;
  capacity: string;
  assigned_by: string;
  assigned_at: Date;
  released_by: string | null;
  released_at: Date | null;
}

export interface TasksTable {
  id: Generated<string>;
  incident_id: string;
  grid_id: string | null;
  line: string;
  title: string;
  detail: string | null;
  owner_user_id: string | null;
  due_at: Date | null;
  status: string;
  created_by: string;
  created_at: Created;
  updated_at: Date;
  done_at: Date | null;
}

export interface RiskAreasTable {
  id: Generated<string>;
  incident_id: string;
  region_code: string;
  name: string;
  /** A sealed compound (封控小区). */
  sealed: boolean;
  created_by: string;
  created_at: Created;
}

/** The history of an area's level: the current level is the newest change already in effect. */
export interface RiskAreaChangesTable {
  /** Sequential: changes of the same instant keep their order. */
  id: Generated<number>;
  area_id: string;
  /** Changes announced together (「5个高风险区于11月15日0时降为低风险区」) share a batch. */
  batch_id: string;
  /** null: lifted. */
  level: string | null;
  effective_at: Date;
  note: string | null;
  changed_by: string;
  created_at: Created;
}

export interface NoticesTable {
  id: Generated<string>;
  incident_id: string;
  region_code: string;
  title: string;
  body: string;
  created_by: string;
  created_at: Created;
}

/** Progress of a notice's delivery into the household outbox (the sender polls it). */
export interface NoticeDispatchTable {
  notice_id: string;
  status: string;
  total: number;
  queued: number;
  /** Keyset position: the last household id put into the outbox. */
  cursor: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  error: string | null;
}

/** The household outbox of notices: one row per household, read and acknowledgement tracked on it. */
export interface NoticeDeliveriesTable {
  notice_id: string;
  household_id: string;
  region_code: string;
  county_code: string;
  queued_at: Date;
  seen_at: Date | null;
  acked_at: Date | null;
  acked_by: string | null;
  /** 'app' (a member acknowledged) or 'visit' (a grid worker reached them at the door). */
  ack_channel: string | null;
}

export interface NeedsTable {
  id: Generated<string>;
  incident_id: string;
  grid_id: string | null;
  household_id: string | null;
  region_code: string;
  county_code: string;
  /** Null for a need recorded by staff for a caller (channel 'phone'). */
  requester_user_id: string | null;
  compound: string;
  building: string;
  phone: string;
  urgency: string;
  status: string;
  note: string | null;
  lat: number | null;
  lng: number | null;
  shop_name: string | null;
  shop_lat: number | null;
  shop_lng: number | null;
  claimed_by: string | null;
  claimed_at: Date | null;
  /** Set when the case engine holds this need as a case (see case-link.ts). */
  case_id: string | null;
  /** 'app' (the resident posted it) or 'phone' (staff recorded a call). */
  channel: Generated<string>;
  recorded_by: string | null;
  caller_name: string | null;
  created_at: Created;
  updated_at: Date;
}

export interface NeedItemsTable {
  need_id: string;
  position: number;
  kind: string;
  name: string;
  strength: string | null;
  quantity: number;
  unit: string | null;
  to_buy: boolean;
}

export interface ErrandEventsTable {
  /** Sequential: steps taken in the same instant keep their order. */
  id: Generated<number>;
  need_id: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string;
  note: string | null;
  photo_id: string | null;
  at: Date;
}

export interface ErrandPhotosTable {
  id: Generated<string>;
  need_id: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  bytes: Buffer;
  uploaded_by: string;
  created_at: Created;
}

export interface StationsTable {
  id: Generated<string>;
  incident_id: string;
  name: string;
  district_code: string;
  address: string | null;
  phone: string;
  lat: number | null;
  lng: number | null;
  price_per_day_fen: number;
  services: Json<string[]>;
  open: boolean;
  hospital_name: string;
  created_by: string;
  created_at: Created;
  updated_at: Date;
}

export interface StationRoomsTable {
  id: Generated<string>;
  station_id: string;
  number: string;
  beds: number;
}

export interface StationStaffTable {
  station_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: Date;
}

/** An application to a health station and, once admitted, the stay. */
export interface StationStaysTable {
  id: Generated<string>;
  incident_id: string;
  station_id: string;
  room_id: string | null;
  applicant_user_id: string;
  name: string;
  phone: string;
  age: number;
  condition: string;
  reasons: Json<string[]>;
  risk_groups: Json<string[]>;
  pregnant: boolean;
  underlying_condition: boolean;
  status: string;
  applied_at: Date;
  admitted_at: Date | null;
  admitted_by: string | null;
  price_per_day_fen: number | null;
  ended_at: Date | null;
  ended_by: string | null;
  end_note: string | null;
  updated_at: Date;
}

export interface StationReadingsTable {
  id: Generated<string>;
  /** Entry order: readings taken at the same minute keep it. */
  seq: Generated<number>;
  stay_id: string;
  taken_at: Date;
  temperature: number | null;
  spo2: number | null;
  systolic: number | null;
  diastolic: number | null;
  heart_rate: number | null;
  symptoms: Json<string[]>;
  note: string | null;
  recorded_by: string;
}

export interface StationAlertsTable {
  id: Generated<string>;
  stay_id: string;
  station_id: string;
  rule: string;
  severity: string;
  reading_id: string;
  status: string;
  raised_at: Date;
  handled_by: string | null;
  handled_at: Date | null;
  note: string | null;
}

export interface HospitalTransfersTable {
  id: Generated<string>;
  stay_id: string;
  alert_id: string | null;
  hospital_name: string;
  reason: string;
  status: string;
  requested_by: string;
  requested_at: Date;
  dispatched_at: Date | null;
  arrived_at: Date | null;
}

export interface IsolationPointsTable {
  id: Generated<string>;
  incident_id: string;
  name: string;
  address: string | null;
  lat: number;
  lng: number;
  capacity: number;
  categories: Json<string[]>;
  created_by: string;
  created_at: Created;
}

export interface VehiclesTable {
  id: Generated<string>;
  incident_id: string;
  plate: string;
  capacity: number;
  driver_name: string;
  driver_phone: string;
  driver_user_id: string | null;
  created_by: string;
  created_at: Created;
}

export interface TransferPeopleTable {
  id: Generated<string>;
  incident_id: string;
  name: string;
  phone: string | null;
  category: string;
  region_code: string;
  pickup: string;
  lat: number;
  lng: number;
  status: string;
  trip_id: string | null;
  note: string | null;
  created_by: string;
  created_at: Created;
  updated_at: Date;
}

export interface TripsTable {
  id: Generated<string>;
  incident_id: string;
  vehicle_id: string;
  point_id: string;
  category: string;
  status: string;
  planned_by: string;
  planned_at: Date;
  dispatched_at: Date | null;
  picked_up_at: Date | null;
  arrived_at: Date | null;
  cancelled_at: Date | null;
}

/** Who rode on a trip (kept when a trip is cancelled and the people wait again). */
export interface TripPeopleTable {
  trip_id: string;
  person_id: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    emergency_incidents: IncidentsTable;
    emergency_grids: GridsTable;
    emergency_grid_members: GridMembersTable;
    emergency_tasks: TasksTable;
    emergency_risk_areas: RiskAreasTable;
    emergency_risk_area_changes: RiskAreaChangesTable;
    emergency_notices: NoticesTable;
    emergency_notice_dispatch: NoticeDispatchTable;
    emergency_notice_deliveries: NoticeDeliveriesTable;
    emergency_needs: NeedsTable;
    emergency_need_items: NeedItemsTable;
    emergency_errand_events: ErrandEventsTable;
    emergency_errand_photos: ErrandPhotosTable;
    emergency_stations: StationsTable;
    emergency_station_rooms: StationRoomsTable;
    emergency_station_staff: StationStaffTable;
    emergency_station_stays: StationStaysTable;
    emergency_station_readings: StationReadingsTable;
    emergency_station_alerts: StationAlertsTable;
    emergency_hospital_transfers: HospitalTransfersTable;
    emergency_isolation_points: IsolationPointsTable;
    emergency_vehicles: VehiclesTable;
    emergency_transfer_people: TransferPeopleTable;
    emergency_trips: TripsTable;
    emergency_trip_people: TripPeopleTable;
  }
}
