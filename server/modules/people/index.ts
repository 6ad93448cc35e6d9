import type { ModuleManifest } from '../../platform/module.js';
import { peopleMigrations } from './migrations.js';
import { peopleRoutes } from './routes.js';
import { seedPeopleDemo } from './demo-seed.js';
import './tables.js';

/** People, their role grants (who acts for which unit) and households (一村一群、一户一人). */
export const peopleModule: ModuleManifest = {
  name: 'people',
  migrations: peopleMigrations,
  routes: peopleRoutes,
  seedDemo: (ctx) => seedPeopleDemo(ctx),
};
