import type { ModuleManifest } from '../../platform/module.js';
import { identityMigrations } from './migrations.js';
import { authenticateRequest } from './sessions.js';
import './tables.js';

export const identityModule: ModuleManifest = {
  name: 'identity',
  migrations: identityMigrations,
  authenticate: authenticateRequest,
};
