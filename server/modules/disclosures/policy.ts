import type { Actor, Role } from '../../platform/context.js';
import { grantsOf, isAdmin, livesUnder } from '../../platform/policy.js';
import type { PublicationStatus } from '../../../common/disclosures/kinds.js';

/**
 * Who may do what with disclosures: pure predicates over (actor, village).
 *
 * - Published facts are public: anyone may read them, signed in or not
 *   (三务公开 is posted on the notice board too).
 * - Village cadres of the village prepare drafts, keep funds and decisions,
 *   import ledgers, publish after the supervision committee approved, and
 *   answer comments.
 * - The village supervision committee (supervision_member of the village)
 *   checks drafts, approves or sends back, and sees and dismisses red flags.
 * - Discipline inspectors whose scope covers the village see and dismiss
 *   red flags; township officials in scope read drafts and the compliance
 *   board and set the region's thresholds; administrators read everything.
 * - Residents with a verified household in the village comment.
 *
 * A grant covers a village when the village's code starts with the grant's
 * region prefix. Discipline inspectors are often granted at a 纪委 department
 * unit: their prefix is the department's region, so it counts as well.
 */

function covers(actor: Actor | null, code: string, roles: readonly Role[], regionUnitsOnly: boolean): boolean {
  return grantsOf(actor, roles).some((g) => (!regionUnitsOnly || g.departmentId === null) && code.startsWith(g.regionPrefix));
}

export const isVillageCadre = (actor: Actor | null, village: string) => covers(actor, village, ['village_cadre'], true);
export const isSupervisor = (actor: Actor | null, village: string) => covers(actor, village, ['supervision_member'], true);
export const isInspector = (actor: Actor | null, code: string) => covers(actor, code, ['discipline_inspector'], false);
export const isOfficial = (actor: Actor | null, code: string) => covers(actor, code, ['township_official'], true);

/** Drafts, returned versions and review comments: the people who prepare, check or oversee them. */
export function canReadUnpublished(actor: Actor | null, village: string): boolean {
  return isVillageCadre(actor, village) || isSupervisor(actor, village) || isOfficial(actor, village) || isInspector(actor, village) || isAdmin(actor);
}

export function canReadPublication(actor: Actor | null, p: { regionCode: string; status: PublicationStatus }): boolean {
  return p.status === 'published' || canReadUnpublished(actor, p.regionCode);
}

/** Drafting, editing, importing, funds, decisions and publishing: the village's own cadres. */
export const canPrepare = (actor: Actor | null, village: string) => isVillageCadre(actor, village);

/** Approving or sending back: the village supervision committee, and never a cadre checking their own work. */
export function canReview(actor: Actor | null, village: string): boolean {
  return isSupervisor(actor, village) && !isVillageCadre(actor, village);
}

/** Red flags are for supervisors, not for the public (they are suspicions, not findings). */
export function canSeeFlags(actor: Actor | null, village: string): boolean {
  return isSupervisor(actor, village) || isInspector(actor, village) || isAdmin(actor);
}

export function canDismissFlag(actor: Actor | null, village: string): boolean {
  return isSupervisor(actor, village) || isInspector(actor, village);
}

/** The compliance board of a township or district. */
export function canSeeCompliance(actor: Actor | null, prefix: string): boolean {
  return isAdmin(actor) || grantsOf(actor, ['township_official', 'discipline_inspector']).some((g) => prefix.startsWith(g.regionPrefix));
}

/** Thresholds and the due day are set by the officials of the region (or above) and administrators. */
export function canEditSettings(actor: Actor | null, code: string): boolean {
  return isAdmin(actor) || isOfficial(actor, code);
}

/** Residents of the village comment on its publications; cadres answer. */
export const canComment = (actor: Actor | null, village: string) => livesUnder(actor, village);
export const canAnswer = (actor: Actor | null, village: string) => isVillageCadre(actor, village);

/** Names of people in ledgers (低保 recipients …) unmasked: those who keep or check the accounts. */
export function seesNames(actor: Actor | null, village: string): boolean {
  return canReadUnpublished(actor, village);
}

export function publicationAbilities(actor: Actor | null, p: { regionCode: string; status: PublicationStatus; isLatest: boolean }) {
  const editable = p.status === 'draft' || p.status === 'returned';
  return {
    edit: editable && canPrepare(actor, p.regionCode),
    submit: editable && canPrepare(actor, p.regionCode),
    review: p.status === 'in_review' && canReview(actor, p.regionCode),
    publish: p.status === 'approved' && canPrepare(actor, p.regionCode),
    correct: p.status === 'published' && p.isLatest && canPrepare(actor, p.regionCode),
    comment: p.status === 'published' && canComment(actor, p.regionCode),
    report: p.status === 'published' && actor !== null,
    seeFlags: canSeeFlags(actor, p.regionCode),
  };
}
