import type { ConsoleMenuItem } from '../../console/menu-types.js';

/** The console menu entries of the cases pages (paths under /console/cases/). */
export const casesMenu: ConsoleMenuItem[] = [{ path: '', labelKey: 'cases.title', roles: null }];
