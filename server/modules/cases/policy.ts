import type { Actor, Role } from '../../platform/context.js';
import { grantsOf, inRegionScope, isAdmin } from '../../platform/policy.js';
import { nextStatus, type CaseAction, type CaseStatus } from '../../../common/cases/states.js';
import type { CaseChannel } from '../../../common/cases/types.js';

/**
 * Who may do what with a case: pure predicates over (actor, case). The SQL
 * filters of lists and bulk actions are built from `caseScope` below, so the
 * list a person sees and the cases they may open agree.
 *
 * - The handling unit's people work the case (首接负责): its cadres, grid
 *   workers, township officials or department handlers.
 * - Staff whose region scope covers the case oversee it (read only).
 * - Dispatchers (township officials, hotline operators) assign cases that no
 *   unit holds (unrouted or returned).
 * - A confidential case (a supervision report) is seen and worked only by
 *   discipline inspectors whose scope covers it, and admins may read it; the
 *   reporter's identity is shown to the inspectors alone.
 * - The requester acts for themselves; a hotline operator in scope acts for a
 *   caller (adds information, records the call-back rating).
 */
export const HANDLER_ROLES: readonly Role[] = ['village_cadre', 'grid_worker', 'township_official', 'department_handler'];
export const OVERSIGHT_ROLES: readonly Role[] = ['village_cadre', 'grid_worker', 'township_official', 'hotline_operator'];
export const DISPATCHER_ROLES: readonly Role[] = ['township_official', 'hotline_operator'];
export const INSPECTOR_ROLES: readonly Role[] = ['discipline_inspector'];

export interface CaseSubject {
  status: CaseStatus;
  channel: CaseChannel;
  region_code: string;
  handling_unit_id: string | null;
  prior_unit_ids?: string[];
  requester_user_id: string | null;
  /** Who filed it: the requester, or the operator or cadre who recorded it for them. */
  created_by?: string | null;
  confidential: boolean;
  is_public: boolean;
}

const inspects = (actor: Actor | null, c: CaseSubject) =>
  grantsOf(actor, INSPECTOR_ROLES).some((g) => c.region_code.startsWith(g.regionPrefix));

export function isRequester(actor: Actor | null, c: CaseSubject): boolean {
  return !!actor && c.requester_user_id === actor.userId;
}

/** Recorded the case for someone else (a hotline call, a group post): they heard it all already. */
export function isRecorder(actor: Actor | null, c: CaseSubject): boolean {
  return !!actor && !!c.created_by && c.created_by === actor.userId && c.requester_user_id !== actor.userId;
}

/**
 * A call the actor's hotline answers: any operator of the centre whose area
 * covers it, not only the one who took it (首接负责制: the centre that took the
 * call answers for it, and a caller who rings back gets whoever is free).
 */
export function answersHotline(actor: Actor | null, c: CaseSubject): boolean {
  return c.channel === 'hotline' && !c.confidential && hotlineCovers(actor, c.region_code);
}

/** The requester, or a hotline operator in scope for a caller without an account link. */
export function actsForRequester(actor: Actor | null, c: CaseSubject): boolean {
  return isRequester(actor, c) || answersHotline(actor, c);
}

/**
 * A hotline operator's scope is the region their grant covers, whether the
 * grant is at a region body or at a hotline centre department (12345 is a
 * city department serving the whole city).
 */
function hotlineCovers(actor: Actor | null, regionCode: string): boolean {
  return grantsOf(actor, ['hotline_operator']).some((g) => regionCode.startsWith(g.regionPrefix));
}

/** Holds a working role at the handling unit. */
export function isHandler(actor: Actor | null, c: CaseSubject): boolean {
  if (!c.handling_unit_id) return false;
  const roles = c.confidential ? INSPECTOR_ROLES : HANDLER_ROLES;
  return grantsOf(actor, roles).some((g) => g.unitId === c.handling_unit_id);
}

/** Held the case before it was transferred or returned (read access only). */
export function handledBefore(actor: Actor | null, c: CaseSubject): boolean {
  if (!c.prior_unit_ids?.length) return false;
  const roles = c.confidential ? INSPECTOR_ROLES : HANDLER_ROLES;
  return grantsOf(actor, roles).some((g) => c.prior_unit_ids!.includes(g.unitId));
}

/** Region scope covers the case (read access for supervision). */
export function oversees(actor: Actor | null, c: CaseSubject): boolean {
  return c.confidential ? inspects(actor, c) : inRegionScope(actor, c.region_code, OVERSIGHT_ROLES);
}

export function isDispatcher(actor: Actor | null, c: CaseSubject): boolean {
  if (c.confidential) return inspects(actor, c);
  return isAdmin(actor) || inRegionScope(actor, c.region_code, DISPATCHER_ROLES);
}

export function canView(actor: Actor | null, c: CaseSubject, following = false): boolean {
  if (!actor) return false;
  return isAdmin(actor) || isRequester(actor, c) || isRecorder(actor, c) || answersHotline(actor, c) || isHandler(actor, c) || oversees(actor, c) || handledBefore(actor, c) || following;
}

/** Unmasked name and phone of the requester: those who must call back. */
export function canSeeRequester(actor: Actor | null, c: CaseSubject): boolean {
  if (isRequester(actor, c) || isRecorder(actor, c) || answersHotline(actor, c)) return true;
  if (c.confidential) return inspects(actor, c);
  return isAdmin(actor) || isHandler(actor, c) || inRegionScope(actor, c.region_code, DISPATCHER_ROLES);
}

/** May the actor take `action` on the case, as far as who they are goes (the state is checked separately). */
export function mayAct(actor: Actor | null, action: CaseAction, c: CaseSubject): boolean {
  if (!actor) return false;
  const handlerOrAdmin = isHandler(actor, c) || (!c.confidential && isAdmin(actor));
  switch (action) {
    case 'route':
      return false; // the system only
    case 'assign':
      return isDispatcher(actor, c);
    case 'accept':
    case 'reply':
    case 'request_info':
    case 'transfer':
    case 'return':
    case 'resolve':
      return handlerOrAdmin;
    case 'reject':
    case 'merge':
      // A case no unit holds is the dispatchers' to decline or fold into another.
      return handlerOrAdmin || (c.handling_unit_id === null && isDispatcher(actor, c));
    case 'add_info':
    case 'rate':
    case 'reopen':
    case 'withdraw':
      return actsForRequester(actor, c);
  }
}

/** Both who and when: the action is allowed to this actor in the case's current state. */
export function canTake(actor: Actor | null, action: CaseAction, c: CaseSubject): boolean {
  return nextStatus(action, c.status) !== null && mayAct(actor, action, c);
}

/** Photos: the requester's side and the handling unit, while the case is not finished. */
export function canAttach(actor: Actor | null, c: CaseSubject): boolean {
  return actsForRequester(actor, c) || isHandler(actor, c) || (!c.confidential && isAdmin(actor));
}

/** Hotline operators record calls; their scope must cover the caller's region. */
export function canRecordCall(actor: Actor | null, regionCode: string): boolean {
  return hotlineCovers(actor, regionCode) || isAdmin(actor);
}

/** Cadres who answer a group's questions may turn one into a case (their region scope covers the group). */
export function canConvertPost(actor: Actor | null, regionCode: string): boolean {
  return isAdmin(actor) || inRegionScope(actor, regionCode, ['village_cadre', 'grid_worker', 'township_official']);
}

export function canEditRouting(actor: Actor | null): boolean {
  return isAdmin(actor);
}

/** Staff who have a queue at all. */
export function hasQueue(actor: Actor | null): boolean {
  return isAdmin(actor) || grantsOf(actor, [...HANDLER_ROLES, ...OVERSIGHT_ROLES, ...INSPECTOR_ROLES]).length > 0;
}

/**
 * The actor's reach as data, for SQL: `repo.visibleTo` and bulk actions turn
 * it into WHERE clauses with the same meaning as the predicates above.
 */
export interface CaseScope {
  admin: boolean;
  userId: string | null;
  /** Units where the actor works ordinary cases. */
  handlerUnits: string[];
  /** Units where the actor works confidential cases. */
  inspectorUnits: string[];
  /** Region prefixes the actor oversees (ordinary cases). */
  oversightPrefixes: string[];
  /** Region prefixes of the actor's inspector grants (confidential cases). */
  inspectorPrefixes: string[];
  /** Region prefixes whose hotline calls the actor's centre answers (beyond those overseen anyway). */
  hotlinePrefixes: string[];
}

export function caseScope(actor: Actor | null): CaseScope {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const oversight = uniq(grantsOf(actor, OVERSIGHT_ROLES).filter((g) => g.departmentId === null).map((g) => g.regionPrefix));
  return {
    admin: isAdmin(actor),
    userId: actor?.userId ?? null,
    handlerUnits: uniq(grantsOf(actor, HANDLER_ROLES).map((g) => g.unitId)),
    inspectorUnits: uniq(grantsOf(actor, INSPECTOR_ROLES).map((g) => g.unitId)),
    oversightPrefixes: oversight,
    inspectorPrefixes: uniq(grantsOf(actor, INSPECTOR_ROLES).map((g) => g.regionPrefix)),
    hotlinePrefixes: uniq(grantsOf(actor, ['hotline_operator']).map((g) => g.regionPrefix)).filter((p) => !oversight.some((o) => p.startsWith(o))),
  };
}
