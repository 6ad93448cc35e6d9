import type { ModuleManifest } from '../../platform/module.js';
import { peopleMigrations } from './migrations.js';
import './tables.js';

export const peopleModule: ModuleManifest = {
  name: 'people',
  migrations: peopleMigrations,
};
