import type { ModuleManifest } from '../../platform/module.js';
import { open311Migrations } from './migrations.js';
import { open311AdminRoutes } from './routes-admin.js';
import { open311Routes } from './routes.js';
import './tables.js';

/**
 * Open311 GeoReport v2 at `/open311/v2/` (DOMAIN.md "Open311"): other
 * applications list the services, file requests that enter the case
 * engine's intake like any other, and read the public record. Client keys
 * are issued by administrators under `/api/open311/keys`.
 */
export const open311Module: ModuleManifest = {
  name: 'open311',
  migrations: open311Migrations,
  routes: open311AdminRoutes,
  rootRoutes: open311Routes,
};
