import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T, type TSchema } from '@sinclair/typebox';
import { addPeople, cancelPerson, createPoint, createVehicle } from './transfers.js';
import { getTrip, nightBoard, planTrips, updateTripStatus } from './trips.js';
import { IncidentParams, errors } from './schema.js';
import {
  AddPeopleBody,
  CancelPersonBody,
  CreatePointBody,
  CreateVehicleBody,
  NightBoard,
  PersonView,
  PlanBody,
  PlanResult,
  PointView,
  TransferPersonParams,
  TripParams,
  TripStatusBody,
  TripView,
  VehicleView,
} from './schema-transfers.js';

const sec = { tags: ['emergency'], security: [{ session: [] }] };

/** Transfers (转运): isolation points, vehicles, people to move, trips and the night board. */
export async function transferRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const created = <S extends TSchema>(view: S) => ({ 201: view, ...errors(400, 401, 403, 404, 409) });

  app.post(
    '/emergency/incidents/:id/isolation-points',
    { schema: { ...sec, summary: 'Register an isolation point with its beds', params: IncidentParams, body: CreatePointBody, response: created(PointView) } },
    async (r, reply) => reply.status(201).send(await createPoint(r.ctx(), r.params.id, r.body)),
  );
  app.post(
    '/emergency/incidents/:id/vehicles',
    { schema: { ...sec, summary: 'Register a vehicle with its seats and driver', params: IncidentParams, body: CreateVehicleBody, response: created(VehicleView) } },
    async (r, reply) => reply.status(201).send(await createVehicle(r.ctx(), r.params.id, r.body)),
  );
  app.post(
    '/emergency/incidents/:id/transfer-people',
    {
      schema: {
        ...sec,
        summary: 'List people to move (positive cases, close contacts) with their pickup',
        params: IncidentParams,
        body: AddPeopleBody,
        response: created(T.Object({ items: T.Array(PersonView) })),
      },
    },
    async (r, reply) => reply.status(201).send(await addPeople(r.ctx(), r.params.id, r.body)),
  );
  app.post(
    '/emergency/transfer-people/:id/cancel',
    { schema: { ...sec, summary: 'No longer to be moved', params: TransferPersonParams, body: CancelPersonBody, response: { 200: PersonView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => cancelPerson(r.ctx(), r.params.id, r.body),
  );
  app.post(
    '/emergency/incidents/:id/trips/plan',
    {
      schema: {
        ...sec,
        summary: 'Plan a round of trips by location and capacity (positives and contacts never ride together)',
        params: IncidentParams,
        body: T.Optional(PlanBody),
        response: created(PlanResult),
      },
    },
    async (r, reply) => reply.status(201).send(await planTrips(r.ctx(), r.params.id, r.body ?? {})),
  );
  app.get('/emergency/trips/:id', { schema: { ...sec, summary: 'A trip with the people on board', params: TripParams, response: { 200: TripView, ...errors(400, 401, 404) } } }, async (r) =>
    getTrip(r.ctx(), r.params.id),
  );
  app.post(
    '/emergency/trips/:id/status',
    { schema: { ...sec, summary: 'Dispatched, picked up, arrived (or cancelled before pick-up)', params: TripParams, body: TripStatusBody, response: { 200: TripView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => updateTripStatus(r.ctx(), r.params.id, r.body),
  );
  app.get(
    '/emergency/incidents/:id/transfers/board',
    { schema: { ...sec, summary: 'The night board: who is still waiting, trips under way, free vehicles, beds left', params: IncidentParams, response: { 200: NightBoard, ...errors(400, 401, 403, 404) } } },
    async (r) => nightBoard(r.ctx(), r.params.id),
  );
}
