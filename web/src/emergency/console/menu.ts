import type { ConsoleMenuItem } from '../../console/menu-types.js';

/** The console menu entries of the emergency pages (paths under /console/emergency/). */
export const emergencyMenu: ConsoleMenuItem[] = [{ path: '', labelKey: 'emergency.title', roles: null }];
