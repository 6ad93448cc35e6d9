import type { ModuleManifest } from '../../platform/module.js';
import { identityMigrations } from './migrations.js';
import { authenticateRequest, sessionEndsAt } from './sessions.js';
import { identityRoutes } from './routes.js';
import { identityJobs } from './jobs.js';
import { seedIdentityDemo } from './demo-seed.js';
import './tables.js';

export const identityModule: ModuleManifest = {
  name: 'identity',
  migrations: identityMigrations,
  authenticate: authenticateRequest,
  sessionEndsAt,
  routes: identityRoutes,
  jobs: identityJobs,
  seedDemo: seedIdentityDemo,
};
