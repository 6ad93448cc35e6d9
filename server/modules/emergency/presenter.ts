import type { Actor } from '../../platform/context.js';
import { maskPhone } from '../../../common/masking.js';
import { OPEN_TASK_STATUSES, type Line, type TaskStatus, type TeamCapacity } from '../../../common/emergency/types.js';
import {
  canManageGrids,
  canManageIncident,
  canManageTasks,
  canPostNeed,
  canSetTaskStatus,
  canViewOperations,
  isCoordinator,
  servesGrid,
  type IncidentFacts,
  type Involvement,
} from './policy.js';
import { gridFacts, iso } from './access.js';
import type { GridRow, IncidentRow, PersonRow, TaskRow } from './repo.js';
import type { GridDetail, GridView, IncidentView, TaskView } from './schema.js';

/**
 * Shapes incidents, grids, teams and tasks for the caller; no route returns
 * a row. Phones of leaders and team members are shown in full to the grid's
 * coordinators and its own team (they must reach each other), masked to
 * everyone else.
 */

export function personRef(person: PersonRow | undefined, unmasked: boolean): { id: string; name: string; phone: string | null } | null {
  if (!person) return null;
  return { id: person.id, name: person.name, phone: person.phone ? (unmasked ? person.phone : maskPhone(person.phone)) : null };
}

export function presentIncident(row: IncidentRow, regionName: string, facts: IncidentFacts, actor: Actor | null, inv: Involvement | null): IncidentView {
  return {
    id: row.id,
    name: row.name,
    regionCode: row.region_code,
    regionName,
    description: row.description,
    startedAt: row.started_at.toISOString(),
    endedAt: iso(row.ended_at),
    active: facts.active,
    abilities: {
      manage: canManageIncident(actor, facts),
      viewBoard: inv ? canViewOperations(inv, facts) : false,
      postNeed: canPostNeed(actor, facts),
    },
  };
}

/** Team contacts are for the grid's coordinators and its own team. */
function seesTeamContacts(inv: Involvement, grid: GridRow): boolean {
  return isCoordinator(inv, gridFacts(grid)) || servesGrid(inv, grid.id);
}

export function presentGrid(
  grid: GridRow,
  regionName: string,
  teamSize: number,
  people: Map<string, PersonRow>,
  inv: Involvement,
  incident: IncidentFacts,
): GridView {
  const facts = gridFacts(grid);
  const coordinator = isCoordinator(inv, facts);
  return {
    id: grid.id,
    incidentId: grid.incident_id,
    regionCode: grid.region_code,
    regionName,
    kind: grid.kind,
    name: grid.name,
    leader: grid.leader_user_id ? personRef(people.get(grid.leader_user_id), seesTeamContacts(inv, grid)) : null,
    location: grid.lat !== null && grid.lng !== null ? { lat: grid.lat, lng: grid.lng } : null,
    teamSize,
    abilities: {
      setLeader: incident.active && canManageGrids(inv.actor, grid.region_code),
      manageTeam: incident.active && coordinator,
      manageTasks: incident.active && canManageTasks(inv, incident, facts),
      serve: servesGrid(inv, grid.id),
    },
  };
}

export function presentGridDetail(
  grid: GridRow,
  regionName: string,
  team: { user_id: string; name: string; phone: string | null; capacity: string; assigned_at: Date; released_at: Date | null }[],
  people: Map<string, PersonRow>,
  inv: Involvement,
  incident: IncidentFacts,
): GridDetail {
  const current = team.filter((m) => m.released_at === null).length;
  const unmasked = seesTeamContacts(inv, grid);
  return {
    ...presentGrid(grid, regionName, current, people, inv, incident),
    team: team.map((m) => ({
      user: personRef({ id: m.user_id, name: m.name, phone: m.phone }, unmasked)!,
      capacity: m.capacity as TeamCapacity,
      assignedAt: m.assigned_at.toISOString(),
      releasedAt: iso(m.released_at),
    })),
  };
}

export function isOverdue(task: Pick<TaskRow, 'due_at' | 'status'>, now: Date): boolean {
  return task.due_at !== null && task.due_at < now && OPEN_TASK_STATUSES.includes(task.status as TaskStatus);
}

export function presentTask(
  task: TaskRow,
  grid: GridRow | null,
  people: Map<string, PersonRow>,
  inv: Involvement,
  incident: IncidentFacts,
  now: Date,
): TaskView {
  const facts = grid ? gridFacts(grid) : null;
  const owner = task.owner_user_id ? people.get(task.owner_user_id) : undefined;
  const unmasked = grid ? seesTeamContacts(inv, grid) : canManageIncident(inv.actor, incident);
  return {
    id: task.id,
    incidentId: task.incident_id,
    gridId: task.grid_id,
    gridName: grid?.name ?? null,
    line: task.line as Line,
    title: task.title,
    detail: task.detail,
    owner: personRef(owner, unmasked || task.owner_user_id === inv.actor.userId),
    dueAt: iso(task.due_at),
    overdue: isOverdue(task, now),
    status: task.status as TaskStatus,
    createdAt: task.created_at.toISOString(),
    doneAt: iso(task.done_at),
    abilities: {
      update: incident.active && canManageTasks(inv, incident, facts),
      setStatus: canSetTaskStatus(inv, incident, facts, task.owner_user_id),
    },
  };
}
