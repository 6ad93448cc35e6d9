import type { ConsoleMenuItem } from '../../console/menu-types.js';

/** Roles with a case queue (server: policy.hasQueue). */
const QUEUE_ROLES = ['village_cadre', 'grid_worker', 'township_official', 'department_handler', 'hotline_operator', 'discipline_inspector', 'admin'] as const;

/** The console menu entries of the cases pages (paths under /console/cases/). */
export const casesMenu: ConsoleMenuItem[] = [
  { path: '', labelKey: 'cases.queueTitle', roles: QUEUE_ROLES },
  { path: 'hotline', labelKey: 'cases.hotlineTitle', roles: ['hotline_operator', 'admin'] },
  { path: 'supervision', labelKey: 'cases.boardTitle', roles: ['township_official', 'department_handler', 'village_cadre', 'discipline_inspector', 'supervision_member', 'admin'] },
  { path: 'stats', labelKey: 'cases.statsTitle', roles: null },
  { path: 'routing', labelKey: 'cases.rulesTitle', roles: ['admin'] },
];
