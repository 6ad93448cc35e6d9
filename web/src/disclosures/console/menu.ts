import type { ConsoleMenuItem } from '../../console/menu-types.js';

/** The console menu entries of the disclosures pages (paths under /console/disclosures/). */
export const disclosuresMenu: ConsoleMenuItem[] = [{ path: '', labelKey: 'disclosures.title', roles: null }];
