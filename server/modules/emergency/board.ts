import type { ServiceContext } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { LINES, type Line, type TaskStatus } from '../../../common/emergency/types.js';
import { canSeeGrid, canViewOperations } from './policy.js';
import { gridFacts, incidentFacts, iso, requireActor, requireGrid, requireIncident } from './access.js';
import { isOverdue } from './presenter.js';
import * as repo from './repo.js';
import type { Board } from './schema.js';

/**
 * The grid board (作战图): for every grid the caller coordinates or serves,
 * what is open on each of the five lines (counts, overdue, the most urgent
 * tasks) and its needs waiting or under way. Live updates arrive on the
 * incident's stream (`task`, `grid`, `need` events); the page refetches.
 */

const TOP_TASKS = 5;

export async function gridBoard(ctx: ServiceContext, incidentId: string, input: { gridId?: string }): Promise<Board> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const now = ctx.clock.now();
  authorize(canViewOperations(inv, incidentFacts(incident, now)));
  let grids = (await repo.listGrids(ctx.db, incident.id)).filter((g) => canSeeGrid(inv, gridFacts(g)));
  if (input.gridId) {
    const wanted = await requireGrid(ctx.db, input.gridId, incident.id, 'gridId');
    grids = grids.filter((g) => g.id === wanted.id);
    authorize(grids.length === 1);
  }
  const [tasks, needs, sizes, people] = await Promise.all([
    repo.openTasks(ctx.db, incident.id),
    repo.needCountsByGrid(ctx.db, incident.id),
    repo.teamCounts(ctx.db, grids.map((g) => g.id)),
    repo.peopleByIds(ctx.db, grids.map((g) => g.leader_user_id)),
  ]);
  const owners = await repo.peopleByIds(ctx.db, tasks.map((t) => t.owner_user_id));
  const emptyLines = () =>
    Object.fromEntries(LINES.map((l) => [l, { open: 0, overdue: 0, tasks: [] as Board['grids'][number]['lines'][Line]['tasks'] }])) as Board['grids'][number]['lines'];
  const shown = new Set(grids.map((g) => g.id));
  const rows = new Map(
    grids.map((g) => [
      g.id,
      {
        grid: {
          id: g.id,
          name: g.name,
          regionCode: g.region_code,
          kind: g.kind,
          leaderName: g.leader_user_id ? (people.get(g.leader_user_id)?.name ?? null) : null,
          teamSize: sizes.get(g.id) ?? 0,
        },
        lines: emptyLines(),
        needs: { open: 0, lifeCritical: 0, inProgress: 0 },
      },
    ]),
  );
  const totals = Object.fromEntries(LINES.map((l) => [l, { open: 0, overdue: 0 }])) as Board['totals'];
  for (const t of tasks) {
    const line = t.line as Line;
    const overdue = isOverdue(t, now);
    // Incident-wide tasks count in the totals of a whole-board view.
    if (t.grid_id === null ? !input.gridId : shown.has(t.grid_id)) {
      totals[line].open++;
      if (overdue) totals[line].overdue++;
    }
    const row = t.grid_id ? rows.get(t.grid_id) : undefined;
    if (!row) continue;
    const cell = row.lines[line];
    cell.open++;
    if (overdue) cell.overdue++;
    if (cell.tasks.length < TOP_TASKS) {
      cell.tasks.push({
        id: t.id,
        title: t.title,
        status: t.status as TaskStatus,
        dueAt: iso(t.due_at),
        ownerName: t.owner_user_id ? (owners.get(t.owner_user_id)?.name ?? null) : null,
      });
    }
  }
  for (const n of needs) {
    const row = n.grid_id ? rows.get(n.grid_id) : undefined;
    if (row) row.needs = { open: n.open, lifeCritical: n.life_critical, inProgress: n.in_progress };
  }
  return { incidentId: incident.id, at: now.toISOString(), totals, grids: [...rows.values()] };
}
