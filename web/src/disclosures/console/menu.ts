import type { ConsoleMenuItem } from '../../console/menu-types.js';

/** The console menu entries of the disclosures pages (paths under /console/disclosures/); roles follow server/modules/disclosures/policy.ts. */
export const disclosuresMenu: ConsoleMenuItem[] = [
  { path: 'publications', labelKey: 'disclosures.console.menu.publications', roles: ['village_cadre', 'supervision_member', 'township_official', 'discipline_inspector', 'admin'] },
  { path: 'funds', labelKey: 'disclosures.console.menu.funds', roles: ['village_cadre', 'supervision_member', 'township_official', 'discipline_inspector', 'admin'] },
  { path: 'flags', labelKey: 'disclosures.console.menu.flags', roles: ['supervision_member', 'discipline_inspector', 'admin'] },
  { path: 'reports', labelKey: 'disclosures.console.menu.reports', roles: ['discipline_inspector'] },
  { path: 'compliance', labelKey: 'disclosures.console.menu.compliance', roles: ['township_official', 'discipline_inspector', 'admin'] },
  { path: 'settings', labelKey: 'disclosures.console.menu.settings', roles: ['township_official', 'admin'] },
];
