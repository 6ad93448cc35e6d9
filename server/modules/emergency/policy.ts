import type { Actor, Role } from '../../platform/context.js';
import { grantsOf, inRegionScope, isAdmin, livesUnder } from '../../platform/policy.js';
import type { ErrandPart } from '../../../common/emergency/errand-states.js';
import { RUNNER_STATES, type ErrandState } from '../../../common/emergency/errand-states.js';
import { regionPrefix } from '../../../common/regions.js';

/**
 * Who may do what in emergency operations: pure predicates over the actor,
 * what they are in this incident (`Involvement`: grids they lead or serve,
 * stations they staff, vehicles they drive) and the facts of the thing.
 * Tested as a matrix over ROLES in policy.test.ts.
 *
 * - Commanders: township officials whose scope covers the area, and admins.
 *   They open and end incidents, draw grids and appoint 格长, set risk
 *   areas, run health stations and transfers.
 * - Coordinators of a grid: its 格长, and the cadres (village cadres, grid
 *   workers) and commanders whose scope covers it. They manage its team and
 *   tasks and see its needs with the residents' phone numbers.
 * - Team: whoever serves on a grid's team (volunteers, department staff,
 *   medics, cadres). Volunteers see only the needs of grids they serve, and
 *   a resident's phone only once they have claimed the errand.
 * - Residents: their own needs and applications; notices to their household.
 */

export const COMMAND_ROLES: readonly Role[] = ['township_official'];
export const AREA_CADRE_ROLES: readonly Role[] = ['township_official', 'village_cadre', 'grid_worker'];

export interface Involvement {
  actor: Actor;
  ledGridIds: ReadonlySet<string>;
  teamGridIds: ReadonlySet<string>;
  stationIds: ReadonlySet<string>;
  vehicleIds: ReadonlySet<string>;
}

export interface IncidentFacts {
  id: string;
  regionCode: string;
  active: boolean;
}

export interface GridFacts {
  id: string;
  regionCode: string;
  leaderUserId: string | null;
}

export interface NeedFacts {
  gridId: string | null;
  regionCode: string;
  /** Null when staff recorded the need for a caller without the app. */
  requesterUserId: string | null;
  claimedBy: string | null;
  status: ErrandState;
  /** 'phone': recorded by `recordedBy` for a caller; they and the grid's coordinators act for the caller. */
  channel?: 'app' | 'phone';
  recordedBy?: string | null;
}

export function noInvolvement(actor: Actor): Involvement {
  return { actor, ledGridIds: new Set(), teamGridIds: new Set(), stationIds: new Set(), vehicleIds: new Set() };
}

// ---- incidents

/** Township officials (street, district, city) whose scope covers the region, and admins. */
export function isCommander(actor: Actor | null, regionCode: string): boolean {
  return isAdmin(actor) || inRegionScope(actor, regionCode, COMMAND_ROLES);
}

export function canCreateIncident(actor: Actor | null, regionCode: string): boolean {
  return isCommander(actor, regionCode);
}

export function canManageIncident(actor: Actor | null, incident: Pick<IncidentFacts, 'regionCode'>): boolean {
  return isCommander(actor, incident.regionCode);
}

/** Cadres whose scope overlaps the incident's area (a street inside a district incident, or a district above a street one). */
function cadreOverlapping(actor: Actor | null, regionCode: string): boolean {
  const prefix = regionPrefix(regionCode);
  return grantsOf(actor, AREA_CADRE_ROLES).some((g) => g.departmentId === null && (prefix.startsWith(g.regionPrefix) || g.regionPrefix.startsWith(prefix)));
}

/** The grid board and the grid list: commanders and cadres of the area, and anyone leading or serving a grid. */
export function canViewOperations(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>): boolean {
  return (
    canManageIncident(inv.actor, incident) ||
    cadreOverlapping(inv.actor, incident.regionCode) ||
    inv.ledGridIds.size > 0 ||
    inv.teamGridIds.size > 0
  );
}

// ---- grids, teams, tasks

/** Drawing grids and appointing their leaders: commanders over the grid's region. */
export function canManageGrids(actor: Actor | null, regionCode: string): boolean {
  return isCommander(actor, regionCode);
}

export function isCoordinator(inv: Involvement, grid: GridFacts): boolean {
  return grid.leaderUserId === inv.actor.userId || isAdmin(inv.actor) || inRegionScope(inv.actor, grid.regionCode, AREA_CADRE_ROLES);
}

/** Sees the grid at all (on the board, in lists). */
export function canSeeGrid(inv: Involvement, grid: GridFacts): boolean {
  return isCoordinator(inv, grid) || inv.teamGridIds.has(grid.id);
}

export function servesGrid(inv: Involvement, gridId: string | null): boolean {
  return gridId !== null && inv.teamGridIds.has(gridId);
}

/** Incident-wide tasks (no grid) are the commanders'; a grid's tasks are its coordinators'. */
export function canManageTasks(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>, grid: GridFacts | null): boolean {
  return grid ? isCoordinator(inv, grid) : canManageIncident(inv.actor, incident);
}

/** The owner of a task moves its status too. */
export function canSetTaskStatus(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>, grid: GridFacts | null, ownerUserId: string | null): boolean {
  return ownerUserId === inv.actor.userId || canManageTasks(inv, incident, grid);
}

export function canSeeTask(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>, grid: GridFacts | null, ownerUserId: string | null): boolean {
  if (ownerUserId === inv.actor.userId) return true;
  return grid ? canSeeGrid(inv, grid) : canViewOperations(inv, incident);
}

// ---- needs and errands

/** A resident with a verified household inside the incident's area. */
export function canPostNeed(actor: Actor | null, incident: IncidentFacts): boolean {
  return incident.active && livesUnder(actor, incident.regionCode);
}

/**
 * Recording a need for a resident who phoned (elderly people without a
 * smartphone): the grid workers and cadres whose scope covers the caller's
 * region, the grid's leader (格长), admins — while the incident runs.
 */
export function canRecordNeed(inv: Involvement, incident: IncidentFacts, regionCode: string, grid: GridFacts | null): boolean {
  if (!incident.active) return false;
  return isAdmin(inv.actor) || inRegionScope(inv.actor, regionCode, AREA_CADRE_ROLES) || (grid !== null && grid.leaderUserId === inv.actor.userId);
}

/** The parts the actor plays in an errand (common/emergency/errand-states.ts). */
export function errandParts(inv: Involvement, need: NeedFacts, grid: GridFacts | null): ErrandPart[] {
  const parts: ErrandPart[] = [];
  const userId = inv.actor.userId;
  // A need outside every grid is coordinated by the cadres of its area.
  const coordinator = grid ? isCoordinator(inv, grid) : isAdmin(inv.actor) || inRegionScope(inv.actor, need.regionCode, AREA_CADRE_ROLES);
  if (servesGrid(inv, need.gridId) || coordinator) parts.push('team');
  if (need.claimedBy === userId) parts.push('runner');
  // A caller without the app confirms or cancels by phone: whoever recorded the call, or the grid's coordinators, acts for them.
  const actsForCaller = need.channel === 'phone' && (need.recordedBy === userId || coordinator);
  if ((need.requesterUserId !== null && need.requesterUserId === userId) || actsForCaller) parts.push('requester');
  if (coordinator) parts.push('coordinator');
  return parts;
}

/** A volunteer sees the needs of grids they serve; a resident only their own. */
export function canSeeNeed(inv: Involvement, need: NeedFacts, grid: GridFacts | null): boolean {
  return errandParts(inv, need, grid).length > 0;
}

/** The requester's phone and flat: the requester, the runner who claimed it (while they hold it), the coordinators. */
export function seesNeedContact(inv: Involvement, need: NeedFacts, grid: GridFacts | null): boolean {
  const parts = errandParts(inv, need, grid);
  if (parts.includes('requester') || parts.includes('coordinator')) return true;
  return parts.includes('runner') && RUNNER_STATES.includes(need.status);
}

// ---- risk areas and notices

export function canManageRiskAreas(actor: Actor | null, regionCode: string): boolean {
  return isCommander(actor, regionCode);
}

/** Notices go out from cadres whose scope covers the area (a grid worker to their grid, a street to its streets). */
export function canSendNotice(actor: Actor | null, regionCode: string): boolean {
  return isAdmin(actor) || inRegionScope(actor, regionCode, AREA_CADRE_ROLES);
}

/** Delivery progress and the households not yet reached: the sender and the area's cadres. */
export function canFollowNotice(actor: Actor | null, notice: { regionCode: string; createdBy: string }): boolean {
  return notice.createdBy === actor?.userId || canSendNotice(actor, notice.regionCode);
}

/** Marking a household reached at the door: the cadres of that household's area. */
export function canMarkVisited(actor: Actor | null, householdRegion: string): boolean {
  return canSendNotice(actor, householdRegion);
}

/** Names and addresses in the not-reached list are unmasked for the area's cadres. */
export function seesHouseholdsUnmasked(actor: Actor | null, regionCode: string): boolean {
  return canSendNotice(actor, regionCode);
}

// ---- health stations

export function canManageStations(actor: Actor | null, incident: Pick<IncidentFacts, 'regionCode'>): boolean {
  return canManageIncident(actor, incident);
}

/** Admitting, monitoring, handling alerts: the station's staff (assigned medics) and the commanders. */
export function canCareAt(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>, stationId: string): boolean {
  return inv.stationIds.has(stationId) || canManageStations(inv.actor, incident);
}

/** Anyone signed in may apply for themselves or a family member. */
export function canApplyToStation(actor: Actor | null, incident: IncidentFacts): boolean {
  return !!actor && incident.active;
}

export function canSeeStay(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>, stay: { stationId: string; applicantUserId: string }): boolean {
  return stay.applicantUserId === inv.actor.userId || canCareAt(inv, incident, stay.stationId);
}

// ---- transfers

export function canManageTransfers(actor: Actor | null, incident: Pick<IncidentFacts, 'regionCode'>): boolean {
  return canManageIncident(actor, incident);
}

/** Listing people to move (追阳转运): the area's cadres and medics whose scope covers the pickup. */
export function canAddTransferPerson(actor: Actor | null, regionCode: string): boolean {
  return isAdmin(actor) || inRegionScope(actor, regionCode, [...AREA_CADRE_ROLES, 'medic']);
}

/** The night board: whoever manages transfers, and the cadres and medics of part of the area. */
export function canViewTransfers(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>): boolean {
  return canManageTransfers(inv.actor, incident) || cadreOverlapping(inv.actor, incident.regionCode) || inv.vehicleIds.size > 0;
}

/** A trip's status: its driver, and whoever manages transfers. */
export function canUpdateTrip(inv: Involvement, incident: Pick<IncidentFacts, 'regionCode'>, vehicleId: string): boolean {
  return inv.vehicleIds.has(vehicleId) || canManageTransfers(inv.actor, incident);
}
