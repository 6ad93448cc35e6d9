import type { ModuleManifest } from '../../platform/module.js';
import { disclosureMigrations } from './migrations.js';
import { disclosureRoutes } from './routes.js';
import { seedDisclosuresDemo } from './demo-seed.js';
import { disclosuresJobs } from './jobs.js';
import './tables.js';

/**
 * Village affairs disclosure and supervision (三务公开、三资公示, DESIGN §5):
 * publications with the supervision committee's check, ledgers in fen with
 * CSV/XLSX import, funds and 四议两公开 decisions, red flags, the compliance
 * board, public reading with comments and confidential reports, an SM3 hash
 * chain, and A3 posters.
 */
export const disclosuresModule: ModuleManifest = {
  name: 'disclosures',
  migrations: disclosureMigrations,
  routes: disclosureRoutes,
  jobs: disclosuresJobs,
  seedDemo: (ctx) => seedDisclosuresDemo(ctx),
};
