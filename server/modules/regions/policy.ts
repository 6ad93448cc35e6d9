import type { Actor } from '../../platform/context.js';
import { isAdmin } from '../../platform/policy.js';

/**
 * Who may do what with regions and units. Reading the region tree and the
 * directory of units (names and office phones) is public: residents look up
 * whom to call before they sign in.
 */

/** Departments are set up by administrators only: they change case routing for a whole area. */
export function canCreateDepartment(actor: Actor | null): boolean {
  return isAdmin(actor);
}

/** Renaming a unit or changing its office phone. */
export function canUpdateUnit(actor: Actor | null): boolean {
  return isAdmin(actor);
}

export function regionAbilities(actor: Actor | null) {
  return { createDepartment: canCreateDepartment(actor) };
}

export function unitAbilities(actor: Actor | null) {
  return { update: canUpdateUnit(actor) };
}
