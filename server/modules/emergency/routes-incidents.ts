import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T } from '@sinclair/typebox';
import { authorizeIncidentStream, createIncident, endIncident, getIncident, listIncidents } from './incidents.js';
import { addMember, createGrid, getGrid, listGrids, releaseMember, setLeader } from './grids.js';
import { createTask, listTasks, updateTask } from './tasks.js';
import { gridBoard } from './board.js';
import { emergencyStreams } from './stream.js';
import {
  AddMemberBody,
  Board,
  BoardQuery,
  CreateGridBody,
  CreateIncidentBody,
  CreateTaskBody,
  EndIncidentBody,
  GridDetail,
  GridList,
  GridListQuery,
  GridParams,
  IncidentListQuery,
  IncidentPage,
  IncidentParams,
  IncidentView,
  LeaderBody,
  MemberParams,
  TaskListQuery,
  TaskPage,
  TaskParams,
  TaskView,
  UpdateTaskBody,
  errors,
} from './schema.js';

const tags = ['emergency'];
const security = [{ session: [] }];

/** Incidents, grids and teams, tasks on the five lines, and the grid board. */
export async function incidentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const streams = emergencyStreams(fastify);

  app.get(
    '/emergency/incidents',
    { schema: { tags, summary: 'Incidents, newest first (public)', querystring: IncidentListQuery, response: { 200: IncidentPage, ...errors(400) } } },
    async (r) => listIncidents(r.ctx(), r.query),
  );
  app.post(
    '/emergency/incidents',
    {
      schema: {
        tags,
        security,
        summary: 'Activate an incident for a region subtree (commanders)',
        body: CreateIncidentBody,
        response: { 201: IncidentView, ...errors(400, 401, 403) },
      },
    },
    async (r, reply) => reply.status(201).send(await createIncident(r.ctx(), r.body)),
  );
  app.get(
    '/emergency/incidents/:id',
    { schema: { tags, summary: 'An incident (public)', params: IncidentParams, response: { 200: IncidentView, ...errors(400, 404) } } },
    async (r) => getIncident(r.ctx(), r.params.id),
  );
  app.post(
    '/emergency/incidents/:id/end',
    {
      schema: {
        tags,
        security,
        summary: 'End the incident; its history stays',
        params: IncidentParams,
        body: T.Optional(EndIncidentBody),
        response: { 200: IncidentView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r) => endIncident(r.ctx(), r.params.id, r.body ?? {}),
  );
  app.get(
    '/emergency/incidents/:id/stream',
    {
      schema: {
        tags,
        security,
        summary: 'Live board events (text/event-stream): grid, task, need, incident — ids only',
        params: IncidentParams,
        response: { 200: T.String({ description: 'text/event-stream' }), ...errors(400, 401, 403, 404, 503) },
      },
    },
    async (r, reply) => streams.open(reply, await authorizeIncidentStream(r.ctx(), r.params.id)),
  );

  // ---- grids and teams
  app.get(
    '/emergency/incidents/:id/grids',
    {
      schema: { tags, security, summary: 'Grids the caller coordinates or serves', params: IncidentParams, querystring: GridListQuery, response: { 200: GridList, ...errors(400, 401, 403, 404) } },
    },
    async (r) => listGrids(r.ctx(), r.params.id, r.query),
  );
  app.post(
    '/emergency/incidents/:id/grids',
    {
      schema: {
        tags,
        security,
        summary: 'Draw a grid: a 15-digit grid region, or a named zone within a community',
        params: IncidentParams,
        body: CreateGridBody,
        response: { 201: GridDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await createGrid(r.ctx(), r.params.id, r.body)),
  );
  app.get(
    '/emergency/grids/:id',
    { schema: { tags, security, summary: 'A grid with its team (released members too)', params: GridParams, response: { 200: GridDetail, ...errors(400, 401, 404) } } },
    async (r) => getGrid(r.ctx(), r.params.id),
  );
  app.put(
    '/emergency/grids/:id/leader',
    {
      schema: { tags, security, summary: 'Appoint (or clear) the grid leader (格长)', params: GridParams, body: LeaderBody, response: { 200: GridDetail, ...errors(400, 401, 403, 404, 409) } },
    },
    async (r) => setLeader(r.ctx(), r.params.id, r.body.leaderUserId),
  );
  app.post(
    '/emergency/grids/:id/team',
    {
      schema: {
        tags,
        security,
        summary: 'Assign a person to the team (cadre, department, volunteer, medic)',
        params: GridParams,
        body: AddMemberBody,
        response: { 201: GridDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await addMember(r.ctx(), r.params.id, r.body)),
  );
  app.delete(
    '/emergency/grids/:id/team/:userId',
    { schema: { tags, security, summary: 'Release a team member (kept in the history)', params: MemberParams, response: { 200: GridDetail, ...errors(400, 401, 403, 404) } } },
    async (r) => releaseMember(r.ctx(), r.params.id, r.params.userId),
  );

  // ---- tasks and the board
  app.get(
    '/emergency/incidents/:id/tasks',
    { schema: { tags, security, summary: 'Tasks on the five lines', params: IncidentParams, querystring: TaskListQuery, response: { 200: TaskPage, ...errors(400, 401, 403, 404) } } },
    async (r) => listTasks(r.ctx(), r.params.id, r.query),
  );
  app.post(
    '/emergency/incidents/:id/tasks',
    {
      schema: { tags, security, summary: 'Create a task on a line, for a grid or the whole incident', params: IncidentParams, body: CreateTaskBody, response: { 201: TaskView, ...errors(400, 401, 403, 404, 409) } },
    },
    async (r, reply) => reply.status(201).send(await createTask(r.ctx(), r.params.id, r.body)),
  );
  app.patch(
    '/emergency/tasks/:id',
    { schema: { tags, security, summary: 'Change a task’s status, owner or due time', params: TaskParams, body: UpdateTaskBody, response: { 200: TaskView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => updateTask(r.ctx(), r.params.id, r.body),
  );
  app.get(
    '/emergency/incidents/:id/board',
    { schema: { tags, security, summary: 'The grid board: what is open per line and grid', params: IncidentParams, querystring: BoardQuery, response: { 200: Board, ...errors(400, 401, 403, 404) } } },
    async (r) => gridBoard(r.ctx(), r.params.id, r.query),
  );
}
