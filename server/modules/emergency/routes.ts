import type { FastifyInstance } from 'fastify';
import { incidentRoutes } from './routes-incidents.js';
import { needRoutes } from './routes-needs.js';
import { noticeRoutes } from './routes-notices.js';
import { stationRoutes } from './routes-stations.js';
import { transferRoutes } from './routes-transfers.js';

/** Every emergency route under `/api/emergency/…`, one plugin per area. */
export async function emergencyRoutes(app: FastifyInstance): Promise<void> {
  await app.register(incidentRoutes);
  await app.register(needRoutes);
  await app.register(noticeRoutes);
  await app.register(stationRoutes);
  await app.register(transferRoutes);
}
