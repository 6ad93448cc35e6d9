import type { ModuleManifest } from '../../platform/module.js';
import { caseMigrations } from './migrations.js';
import { caseRoutes } from './routes.js';
import { seedCasesDemo } from './demo-seed.js';
import { caseJobs } from './jobs.js';
import './tables.js';
import './escalation-tables.js';

/**
 * The case engine (诉求, DESIGN §4): intake from the app and the hotline,
 * routing, the state machine with its timeline, reading and the cadre queue,
 * Chinese full-text search. Deadline jobs, statistics, Open311 and demo data
 * build on these tables next.
 */
export const casesModule: ModuleManifest = {
  name: 'cases',
  migrations: caseMigrations,
  routes: caseRoutes,
  jobs: caseJobs,
  seedDemo: seedCasesDemo,
};
