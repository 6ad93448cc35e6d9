import type { Actor } from '../../platform/context.js';
import { isAdmin } from '../../platform/policy.js';

/**
 * Who may do what with Open311 (pure). Client keys let a machine file cases
 * in the residents' name: only administrators issue, list and revoke them.
 * The GeoReport reads are public (they show no personal data); filing needs
 * a valid key (or `demo` in demo mode), checked in keys.ts.
 */
export function mayManageKeys(actor: Actor | null): boolean {
  return isAdmin(actor);
}
