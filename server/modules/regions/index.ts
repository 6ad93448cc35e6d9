import type { ModuleManifest } from '../../platform/module.js';
import { regionMigrations } from './migrations.js';
import './tables.js';

export const regionsModule: ModuleManifest = {
  name: 'regions',
  migrations: regionMigrations,
};
