import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { TASK_TRANSITIONS, type TaskStatus } from '../../../common/emergency/types.js';
import { TASK_STATUS_LABELS } from '../../../common/emergency/labels.js';
import { canManageTasks, canSeeGrid, canSeeTask, canSetTaskStatus, canViewOperations } from './policy.js';
import {
  assertActive,
  clean,
  cleanOptional,
  gridFacts,
  incidentFacts,
  pageOf,
  requireActor,
  requireGrid,
  requireIncident,
  timeOf,
} from './access.js';
import { incidentTopic } from './incidents.js';
import { presentTask } from './presenter.js';
import * as repo from './repo.js';
import type { CreateTaskBody, TaskListQuery, TaskView, UpdateTaskBody } from './schema.js';

/**
 * Tasks on the five lines (监管、保障、核酸、转运、宣传), per grid or for the
 * whole incident, with an owner, a due time and a status. A grid's tasks
 * are its coordinators'; the owner moves the status of their own task.
 */

/** The owner of a grid task is its leader or on its team (at the time of assignment). */
async function checkOwner(db: Executor, grid: repo.GridRow | null, ownerUserId: string | null | undefined): Promise<void> {
  if (!ownerUserId) return;
  const exists = await db.selectFrom('users').select('id').where('id', '=', ownerUserId).executeTakeFirst();
  if (!exists) throw badRequest('emergency.person_not_found', 'ownerUserId');
  if (grid && grid.leader_user_id !== ownerUserId && !(await repo.currentMembership(db, grid.id, ownerUserId))) {
    throw badRequest('emergency.owner_not_on_team', 'ownerUserId');
  }
}

async function taskView(ctx: ServiceContext, task: repo.TaskRow): Promise<TaskView> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, task.incident_id);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const grid = task.grid_id ? ((await repo.findGrid(ctx.db, task.grid_id)) ?? null) : null;
  const people = await repo.peopleByIds(ctx.db, [task.owner_user_id]);
  const now = ctx.clock.now();
  return presentTask(task, grid, people, inv, incidentFacts(incident, now), now);
}

/** `POST /emergency/incidents/:id/tasks` */
export async function createTask(ctx: ServiceContext, incidentId: string, input: CreateTaskBody): Promise<TaskView> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const grid = input.gridId ? await requireGrid(ctx.db, input.gridId, incident.id, 'gridId') : null;
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const now = ctx.clock.now();
  authorize(canManageTasks(inv, incidentFacts(incident, now), grid ? gridFacts(grid) : null));
  assertActive(incident, now);
  const title = clean(input.title, 'title');
  const detail = cleanOptional(input.detail, 'detail');
  const dueAt = input.dueAt ? timeOf(input.dueAt, 'dueAt') : null;
  if (dueAt && dueAt < incident.started_at) throw badRequest('emergency.due_before_start', 'dueAt');
  await checkOwner(ctx.db, grid, input.ownerUserId);
  const task = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('emergency_tasks')
      .values({
        incident_id: incident.id,
        grid_id: grid?.id ?? null,
        line: input.line,
        title,
        detail,
        owner_user_id: input.ownerUserId ?? null,
        due_at: dueAt,
        status: 'open',
        created_by: actor.userId,
        updated_at: now,
        done_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'emergency.task.create',
      targetType: 'emergency_task',
      targetId: row.id,
      after: { gridId: row.grid_id, line: row.line, title, ownerUserId: row.owner_user_id, dueAt: dueAt?.toISOString() ?? null },
    });
    await publishLive(trx, { topic: incidentTopic(incident.id), type: 'task', data: { taskId: row.id, gridId: row.grid_id } });
    return row;
  });
  return taskView(ctx, task);
}

/** `PATCH /emergency/tasks/:id` — status (the owner too), owner and due time (the coordinators). */
export async function updateTask(ctx: ServiceContext, taskId: string, input: UpdateTaskBody): Promise<TaskView> {
  const actor = requireActor(ctx);
  const found = await repo.findTask(ctx.db, taskId);
  if (!found) throw notFound('emergency.task_not_found');
  const incident = await requireIncident(ctx.db, found.incident_id);
  const grid = found.grid_id ? ((await repo.findGrid(ctx.db, found.grid_id)) ?? null) : null;
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const now = ctx.clock.now();
  const facts = incidentFacts(incident, now);
  const gFacts = grid ? gridFacts(grid) : null;
  authorize(canSeeTask(inv, facts, gFacts, found.owner_user_id), { hideExistence: true });
  const changesAssignment = input.ownerUserId !== undefined || input.dueAt !== undefined;
  authorize(changesAssignment ? canManageTasks(inv, facts, gFacts) : canSetTaskStatus(inv, facts, gFacts, found.owner_user_id));
  if (changesAssignment) assertActive(incident, now);
  const dueAt = input.dueAt === undefined ? undefined : input.dueAt === null ? null : timeOf(input.dueAt, 'dueAt');
  if (dueAt && dueAt < incident.started_at) throw badRequest('emergency.due_before_start', 'dueAt');
  await checkOwner(ctx.db, grid, input.ownerUserId);

  const task = await ctx.db.transaction().execute(async (trx) => {
    const current = (await repo.lockTask(trx, taskId))!;
    const from = current.status as TaskStatus;
    const to = input.status ?? from;
    if (to !== from && !TASK_TRANSITIONS[from].includes(to)) {
      throw conflict('emergency.task_transition', 'status', { status: TASK_STATUS_LABELS[from][ctx.lang], to: TASK_STATUS_LABELS[to][ctx.lang] });
    }
    const row = await trx
      .updateTable('emergency_tasks')
      .set({
        status: to,
        done_at: to === 'done' ? (from === 'done' ? current.done_at : now) : null,
        ...(input.ownerUserId !== undefined ? { owner_user_id: input.ownerUserId } : {}),
        ...(dueAt !== undefined ? { due_at: dueAt } : {}),
        updated_at: now,
      })
      .where('id', '=', taskId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'emergency.task.update',
      targetType: 'emergency_task',
      targetId: taskId,
      before: { status: from, ownerUserId: current.owner_user_id, dueAt: current.due_at?.toISOString() ?? null },
      after: { status: to, ownerUserId: row.owner_user_id, dueAt: row.due_at?.toISOString() ?? null },
    });
    await publishLive(trx, { topic: incidentTopic(incident.id), type: 'task', data: { taskId, gridId: row.grid_id } });
    return row;
  });
  return taskView(ctx, task);
}

/** `GET /emergency/incidents/:id/tasks` — the tasks the caller may see (their grids, their own). */
export async function listTasks(ctx: ServiceContext, incidentId: string, input: TaskListQuery) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const now = ctx.clock.now();
  const facts = incidentFacts(incident, now);
  const grids = await repo.listGrids(ctx.db, incident.id);
  const visible = grids.filter((g) => canSeeGrid(inv, gridFacts(g)));
  const everything = visible.length === grids.length && canManageTasks(inv, facts, null);
  if (!canViewOperations(inv, facts) && !input.mine) authorize(false);
  const { page, pageSize } = pageOf(input);
  const { rows, total } = await repo.listTasks(
    ctx.db,
    {
      incidentId: incident.id,
      gridIds: input.mine ? [] : everything ? 'all' : visible.map((g) => g.id),
      includeIncidentWide: !input.mine && canViewOperations(inv, facts),
      ownerUserId: actor.userId,
      gridId: input.gridId,
      line: input.line,
      status: input.status,
    },
    page,
    pageSize,
  );
  const byId = new Map(grids.map((g) => [g.id, g]));
  const people = await repo.peopleByIds(ctx.db, rows.map((r) => r.owner_user_id));
  return {
    items: rows.map((t) => presentTask(t, t.grid_id ? (byId.get(t.grid_id) ?? null) : null, people, inv, facts, now)),
    total,
    page,
    pageSize,
  };
}
