import type { ConsoleMenuItem } from '../../console/menu-types.js';

/**
 * The console menu entries of the emergency pages (paths under /console/emergency/).
 * Roles only hide what would be empty; the server's policy.ts decides (a 格长 or a
 * volunteer on a grid's team sees its needs and board whatever their role).
 */
const CADRES = ['admin', 'township_official', 'village_cadre', 'grid_worker'] as const;
export const emergencyMenu: ConsoleMenuItem[] = [
  { path: '', labelKey: 'emergency.console.menu.incidents', roles: null },
  { path: 'board', labelKey: 'emergency.console.menu.board', roles: null },
  { path: 'needs', labelKey: 'emergency.console.menu.needs', roles: null },
  { path: 'notices', labelKey: 'emergency.console.menu.notices', roles: CADRES },
  { path: 'risk', labelKey: 'emergency.console.menu.risk', roles: null },
  { path: 'stations', labelKey: 'emergency.console.menu.stations', roles: ['admin', 'township_official', 'medic'] },
  { path: 'transfers', labelKey: 'emergency.console.menu.transfers', roles: [...CADRES, 'medic'] },
];
