import type { Actor } from '../../platform/context.js';
import { isAdmin } from '../../platform/policy.js';

/**
 * Who may read the audit log: administrators, and nobody else.
 *
 * Discipline inspectors (纪委) were considered, for "entries in their region
 * scope", and refused:
 *
 * 1. The log has no region. An entry names an action and a target of any
 *    module; scoping it would mean reading other modules' tables to find where
 *    each target lies, or adding a region to every entry that the writers
 *    would have to get right. A wrong scope would show entries outside it.
 * 2. Inspectors are the people who handle confidential supervision reports,
 *    and the log records what each of them did with those reports (which case,
 *    when, from which address). Browsing the log would show one inspection
 *    team the work of another, and entries side by side in time are exactly
 *    what lets someone guess who reported. The fewer people who browse the
 *    log, the smaller that risk; inspectors see what they need in the cases
 *    module, under the report's own visibility rules.
 * 3. 等保 2.0 asks for separate duties (三员分立: system, security and audit
 *    administrators). Until a dedicated auditor role exists, reading the log is
 *    an administrator's duty only, and every export is itself audited.
 *
 * Whatever the role, the log never holds what would unmask a whistle-blower:
 * `before`/`after` are summaries chosen by each use case (never report
 * contents), entries of a protected reporter record no actor and no IP
 * (`AuditEntry.confidential`), and the presenter strips and masks anything
 * that looks like contents or personal data anyway.
 */
export function canReadAudit(actor: Actor | null): boolean {
  return isAdmin(actor);
}

/** Exporting is reading in bulk: the same people, and the export is audited. */
export function canExportAudit(actor: Actor | null): boolean {
  return canReadAudit(actor);
}
