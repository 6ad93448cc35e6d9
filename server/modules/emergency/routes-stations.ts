import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T } from '@sinclair/typebox';
import { addRooms, assignStaff, createStation, getStation, listStations, removeStaff, stationDashboard, updateStation } from './stations.js';
import { admit, applyToStation, declineStay, dischargeStay, getStay, myStays, stationStays, withdrawStay } from './stays.js';
import { dismissAlert, escalateAlert, recordReading, stationAlerts, updateHospitalTransfer } from './station-care.js';
import { IncidentParams, errors } from './schema.js';
import {
  AddRoomsBody,
  AdmitBody,
  AlertListQuery,
  AlertList,
  AlertParams,
  AlertView,
  ApplyBody,
  CreateStationBody,
  Dashboard,
  HospitalTransferBody,
  HospitalTransferParams,
  HospitalTransferView,
  NoteBody,
  ReadingBody,
  ReadingResult,
  ReasonBody,
  StaffParams,
  StationDetail,
  StationList,
  StationParams,
  StayDetail,
  StayList,
  StayListQuery,
  StayParams,
  UpdateStationBody,
} from './schema-stations.js';

const tags = ['emergency'];
const security = [{ session: [] }];
const sec = { tags, security };

/** Health stations (健康驿站): registry, applications and stays, monitoring and alerts, the dashboard. */
export async function stationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const stayResponse = { 200: StayDetail, ...errors(400, 401, 403, 404, 409) };

  // ---- registry
  app.get(
    '/emergency/incidents/:id/stations',
    { schema: { tags, summary: 'Health stations with free beds (public)', params: IncidentParams, response: { 200: StationList, ...errors(400, 404) } } },
    async (r) => listStations(r.ctx(), r.params.id),
  );
  app.post(
    '/emergency/incidents/:id/stations',
    { schema: { ...sec, summary: 'Register a health station with its rooms', params: IncidentParams, body: CreateStationBody, response: { 201: StationDetail, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await createStation(r.ctx(), r.params.id, r.body)),
  );
  app.get(
    '/emergency/incidents/:id/stations/dashboard',
    { schema: { ...sec, summary: 'Occupancy per station and district, alerts, overdue checks', params: IncidentParams, response: { 200: Dashboard, ...errors(400, 401, 403, 404) } } },
    async (r) => stationDashboard(r.ctx(), r.params.id),
  );
  app.get(
    '/emergency/stations/:id',
    { schema: { tags, summary: 'A health station (rooms and staff for its staff)', params: StationParams, response: { 200: StationDetail, ...errors(400, 404) } } },
    async (r) => getStation(r.ctx(), r.params.id),
  );
  app.patch(
    '/emergency/stations/:id',
    { schema: { ...sec, summary: 'Open or close, price, services, phone, hospital', params: StationParams, body: UpdateStationBody, response: { 200: StationDetail, ...errors(400, 401, 403, 404) } } },
    async (r) => updateStation(r.ctx(), r.params.id, r.body),
  );
  app.post(
    '/emergency/stations/:id/rooms',
    { schema: { ...sec, summary: 'Add rooms', params: StationParams, body: AddRoomsBody, response: { 201: StationDetail, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await addRooms(r.ctx(), r.params.id, r.body)),
  );
  app.put(
    '/emergency/stations/:id/staff/:userId',
    { schema: { ...sec, summary: 'A medic joins the station’s staff', params: StaffParams, response: { 200: StationDetail, ...errors(400, 401, 403, 404) } } },
    async (r) => assignStaff(r.ctx(), r.params.id, r.params.userId),
  );
  app.delete(
    '/emergency/stations/:id/staff/:userId',
    { schema: { ...sec, summary: 'A medic leaves the station’s staff', params: StaffParams, response: { 200: StationDetail, ...errors(400, 401, 403, 404) } } },
    async (r) => removeStaff(r.ctx(), r.params.id, r.params.userId),
  );

  // ---- applications and stays
  app.post(
    '/emergency/incidents/:id/stations/applications',
    { schema: { ...sec, summary: 'Apply for a stay (asymptomatic or mild; voluntary and self-paid)', params: IncidentParams, body: ApplyBody, response: { 201: StayDetail, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await applyToStation(r.ctx(), r.params.id, r.body)),
  );
  app.get('/emergency/stays/mine', { schema: { ...sec, summary: 'My applications and stays', response: { 200: StayList, ...errors(401) } } }, async (r) => myStays(r.ctx()));
  app.get(
    '/emergency/stations/:id/stays',
    { schema: { ...sec, summary: 'The station’s applications and residents, next check due first', params: StationParams, querystring: StayListQuery, response: { 200: StayList, ...errors(400, 401, 403, 404) } } },
    async (r) => stationStays(r.ctx(), r.params.id, r.query),
  );
  app.get('/emergency/stays/:id', { schema: { ...sec, summary: 'A stay with readings, alerts and transfers', params: StayParams, response: { 200: StayDetail, ...errors(400, 401, 404) } } }, async (r) =>
    getStay(r.ctx(), r.params.id),
  );
  app.post(
    '/emergency/stays/:id/admit',
    {
      schema: {
        ...sec,
        summary: 'Admit into a room; a full station answers 409 naming the next station with space (nextStationId)',
        params: StayParams,
        body: T.Optional(AdmitBody),
        response: stayResponse,
      },
    },
    async (r) => admit(r.ctx(), r.params.id, r.body ?? {}),
  );
  app.post('/emergency/stays/:id/decline', { schema: { ...sec, summary: 'Decline an application, with the reason', params: StayParams, body: ReasonBody, response: stayResponse } }, async (r) =>
    declineStay(r.ctx(), r.params.id, r.body.reason),
  );
  app.post('/emergency/stays/:id/withdraw', { schema: { ...sec, summary: 'The applicant withdraws', params: StayParams, response: stayResponse } }, async (r) => withdrawStay(r.ctx(), r.params.id));
  app.post('/emergency/stays/:id/discharge', { schema: { ...sec, summary: 'Discharge (the room is freed)', params: StayParams, body: T.Optional(NoteBody), response: stayResponse } }, async (r) =>
    dischargeStay(r.ctx(), r.params.id, r.body?.note),
  );

  // ---- monitoring
  app.post(
    '/emergency/stays/:id/readings',
    { schema: { ...sec, summary: 'Record a check; the deterioration rules run on it', params: StayParams, body: ReadingBody, response: { 201: ReadingResult, ...errors(400, 401, 403, 404, 409) } } },
    async (r, reply) => reply.status(201).send(await recordReading(r.ctx(), r.params.id, r.body)),
  );
  app.get(
    '/emergency/stations/:id/alerts',
    { schema: { ...sec, summary: 'Alerts of the station', params: StationParams, querystring: AlertListQuery, response: { 200: AlertList, ...errors(400, 401, 403, 404) } } },
    async (r) => stationAlerts(r.ctx(), r.params.id, r.query),
  );
  app.post(
    '/emergency/alerts/:id/escalate',
    { schema: { ...sec, summary: 'Escalate to the designated hospital (green-channel transfer)', params: AlertParams, body: T.Optional(NoteBody), response: { 200: HospitalTransferView, ...errors(400, 401, 404, 409) } } },
    async (r) => escalateAlert(r.ctx(), r.params.id, r.body ?? {}),
  );
  app.post(
    '/emergency/alerts/:id/dismiss',
    { schema: { ...sec, summary: 'Dismiss an alert, with the reason', params: AlertParams, body: ReasonBody, response: { 200: AlertView, ...errors(400, 401, 404, 409) } } },
    async (r) => dismissAlert(r.ctx(), r.params.id, r.body),
  );
  app.post(
    '/emergency/hospital-transfers/:id/status',
    { schema: { ...sec, summary: 'The green-channel transfer was dispatched / arrived', params: HospitalTransferParams, body: HospitalTransferBody, response: { 200: HospitalTransferView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => updateHospitalTransfer(r.ctx(), r.params.id, r.body),
  );
}
