import type { ModuleManifest } from '../../platform/module.js';
import { dutyMigrations } from './migrations.js';
import { dutyRoutes } from './routes.js';
import { seedDutyDemo } from './demo-seed.js';
import './tables.js';

/** The duty roster and the daily 「今天我值班」 check-in (seed 004). */
export const dutyModule: ModuleManifest = {
  name: 'duty',
  migrations: dutyMigrations,
  routes: dutyRoutes,
  seedDemo: seedDutyDemo,
};
