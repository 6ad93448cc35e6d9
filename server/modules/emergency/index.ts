import type { ModuleManifest } from '../../platform/module.js';
import { emergencyMigrations } from './migrations.js';
import { emergencyRoutes } from './routes.js';
import { emergencyJobs } from './jobs.js';
import { seedEmergencyDemo } from './demo-seed.js';
import './tables.js';

/**
 * Emergency operations (DESIGN §6; seeds 001–003): incidents for a region
 * subtree; grids with leaders (格长) and teams; tasks on the five lines and
 * the grid board; risk areas with their public history; notices to every
 * household with delivery and acknowledgement tracking; residents' needs
 * and volunteers' errands with route planning; health stations; transfers.
 */
export const emergencyModule: ModuleManifest = {
  name: 'emergency',
  migrations: emergencyMigrations,
  routes: emergencyRoutes,
  jobs: emergencyJobs,
  seedDemo: (ctx) => seedEmergencyDemo(ctx),
};
