/**
 * The vocabulary of emergency operations (DESIGN §6), shared by the server
 * and the web: the five lines of grid work, task states, team capacities,
 * risk levels, need urgencies and item kinds. Labels live in `labels.ts`.
 */

/** The five lines of grid work (seed 003: 「监管、保障、核酸、转运、宣传」五线工作). */
export const LINES = ['supervision', 'supply', 'testing', 'transfer', 'publicity'] as const;
export type Line = (typeof LINES)[number];

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Tasks still needing work: they appear on the grid board. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['open', 'in_progress'];
/** Allowed task status changes (`from → to`). */
export const TASK_TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['open'],
};

/** In what capacity a person serves on a grid's team (people from departments, volunteers, medics; 格长 is separate). */
export const TEAM_CAPACITIES = ['cadre', 'department', 'volunteer', 'medic'] as const;
export type TeamCapacity = (typeof TEAM_CAPACITIES)[number];

/** Kinds of grid: a region of level grid (15-digit code) or a named zone within a community (合泰's 7 sealed zones). */
export const GRID_KINDS = ['region', 'zone'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Need urgency; `life_critical` (救命药: dialysis drugs, insulin …) always comes first. */
export const URGENCIES = ['life_critical', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** Route tier of an urgency: lower tiers are visited first. */
export const URGENCY_TIER: Record<Urgency, number> = { life_critical: 0, urgent: 1, normal: 2 };

/** What a resident under lockdown may ask for. Medicines are named in full with their strength. */
export const ITEM_KINDS = ['medicine', 'dialysis_drug', 'infant_formula', 'food', 'daily_necessity', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
/** Kinds that must carry a full name and a strength (「硝苯地平控释片 30mg」). */
export const KINDS_NEEDING_STRENGTH: readonly ItemKind[] = ['medicine', 'dialysis_drug'];

/** People moved to isolation points: positive cases and close contacts never share a vehicle. */
export const TRANSFER_CATEGORIES = ['positive', 'close_contact', 'secondary_contact'] as const;
export type TransferCategory = (typeof TRANSFER_CATEGORIES)[number];

export const TRANSFER_PERSON_STATUSES = ['waiting', 'assigned', 'picked_up', 'arrived', 'cancelled'] as const;
export type TransferPersonStatus = (typeof TRANSFER_PERSON_STATUSES)[number];

export const TRIP_STATUSES = ['planned', 'dispatched', 'picked_up', 'arrived', 'cancelled'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];
/** A trip moves forward only; `cancelled` only before pick-up. */
export const TRIP_TRANSITIONS: Record<TripStatus, readonly TripStatus[]> = {
  planned: ['dispatched', 'cancelled'],
  dispatched: ['picked_up', 'cancelled'],
  picked_up: ['arrived'],
  arrived: [],
  cancelled: [],
};

export const NOTICE_DELIVERY_STATUSES = ['queued', 'delivering', 'delivered', 'failed'] as const;
export type NoticeDeliveryStatus = (typeof NOTICE_DELIVERY_STATUSES)[number];
