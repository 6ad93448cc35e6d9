import type { Me, Role } from '../api/types.js';
import { hasRole, staffGrants } from '../app/auth.js';
import type { ConsoleMenuItem } from './menu-types.js';

/**
 * Which console sections a person sees, from their grants. The server's
 * policies decide what they may actually do; this only hides what would be
 * empty or forbidden anyway.
 */
export const SECTION_ROLES = {
  regions: null,
  people: null,
  households: ['admin', 'township_official', 'village_cadre', 'grid_worker'],
  duty: ['admin', 'township_official', 'village_cadre', 'grid_worker'],
  feeds: ['admin', 'township_official', 'village_cadre', 'grid_worker', 'department_handler', 'supervision_member'],
  audit: ['admin'],
} as const satisfies Record<string, readonly Role[] | null>;

export type Section = keyof typeof SECTION_ROLES;
export const SECTIONS = Object.keys(SECTION_ROLES) as Section[];

export function canSee(me: Me | null, section: Section): boolean {
  const roles = SECTION_ROLES[section];
  if (roles === null) return staffGrants(me).length > 0;
  return hasRole(me, roles);
}

/** A feature's menu entry: null roles = every staff member. */
export function canSeeItem(me: Me | null, item: ConsoleMenuItem): boolean {
  return item.roles === null ? staffGrants(me).length > 0 : hasRole(me, item.roles);
}

/** The region subtrees a person works in, for scope filters: one per distinct prefix. */
export function scopesOf(me: Me | null): { prefix: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const g of staffGrants(me)) {
    if (!seen.has(g.regionPrefix)) seen.set(g.regionPrefix, g.unitName);
  }
  return [...seen.entries()].map(([prefix, label]) => ({ prefix, label })).sort((a, b) => a.prefix.length - b.prefix.length);
}

/** A 12-digit code from a prefix ('430202' → '430202000000'). */
export function codeOfPrefix(prefix: string): string {
  return prefix.length >= 12 ? prefix : prefix.padEnd(12, '0');
}
