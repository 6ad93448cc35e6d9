import type { ModuleManifest } from '../../platform/module.js';
import { regionMigrations } from './migrations.js';
import { regionRoutes } from './routes.js';
import { seedRegionsDemo } from './demo-seed.js';
import './tables.js';

/** Regions (the division-code tree) and units (who acts: region bodies and departments). */
export const regionsModule: ModuleManifest = {
  name: 'regions',
  migrations: regionMigrations,
  routes: regionRoutes,
  seedDemo: (ctx) => seedRegionsDemo(ctx),
};
