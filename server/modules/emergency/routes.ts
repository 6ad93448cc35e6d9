import type { FastifyInstance } from 'fastify';
import { incidentRoutes } from './routes-incidents.js';
import { needRoutes } from './routes-needs.js';
import { summaryRoutes } from './routes-summary.js';
import { noticeRoutes } from './routes-notices.js';
import { stationRoutes } from './routes-stations.js';
import { transferRoutes } from './routes-transfers.js';
import { mapRoutes } from './routes-map.js';
import { emergencyConfig } from './map-config.js';
import { setDistanceSource } from './route.js';
import { osrmSource } from './road-distance.js';

/** Every emergency route under `/api/emergency/…`, one plugin per area. */
export async function emergencyRoutes(app: FastifyInstance): Promise<void> {
  // Maps and road distances come from the environment (map-config.ts); a value that cannot work stops the start-up.
  const config = emergencyConfig();
  if (config.road) setDistanceSource(osrmSource(config.road));
  await app.register(mapRoutes(config));
  await app.register(incidentRoutes);
  await app.register(needRoutes);
  await app.register(summaryRoutes);
  await app.register(noticeRoutes);
  await app.register(stationRoutes);
  await app.register(transferRoutes);
}
