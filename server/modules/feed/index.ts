import type { ModuleManifest } from '../../platform/module.js';
import { feedMigrations } from './migrations.js';
import { feedRoutes } from './routes.js';
import { seedFeedDemo } from './demo-seed.js';
import './tables.js';

/** The unit feeds: the five levels of 服务与监督群 (seeds 001, 004). */
export const feedModule: ModuleManifest = {
  name: 'feed',
  migrations: feedMigrations,
  routes: feedRoutes,
  seedDemo: seedFeedDemo,
};
