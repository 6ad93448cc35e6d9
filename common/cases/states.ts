/**
 * The case state machine (DESIGN §4), as data: the server enforces it and the
 * web reads it (to label states and to know which buttons can ever apply).
 *
 *   submitted → assigned → accepted → in_progress → resolved → closed
 *   with transferred, returned, merged, rejected, withdrawn and reopened.
 *
 * `TRANSITIONS[action][from]` is the state after `action` taken in `from`;
 * an action missing for a state is illegal there (the API answers 409).
 * Who may take an action is a separate question (server/modules/cases/policy.ts).
 */
export const CASE_STATUSES = [
  'submitted',
  'assigned',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'transferred',
  'returned',
  'merged',
  'rejected',
  'withdrawn',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  /** The system routes a new case to its handling unit. */
  'route',
  /** A dispatcher assigns an unrouted or returned case to a unit. */
  'assign',
  /** The handling unit takes the case on (签收): the response. */
  'accept',
  /** A public note to the requester. */
  'reply',
  /** The unit asks the requester for more information. */
  'request_info',
  /** The requester adds information. */
  'add_info',
  /** The unit passes the case to another unit (reason required). */
  'transfer',
  /** The unit sends a misrouted case back to the dispatchers (退回). */
  'return',
  /** A duplicate is folded into a primary case. */
  'merge',
  /** The unit declines the case, with a reason the requester sees. */
  'reject',
  /** The unit reports the result (办结). */
  'resolve',
  /** The requester confirms and rates: the case is closed. */
  'rate',
  /** The requester is not satisfied with the result. */
  'reopen',
  /** The requester withdraws the case. */
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** States in which the case is waiting for a unit to act. */
export const OPEN_STATUSES = ['submitted', 'assigned', 'accepted', 'in_progress', 'transferred', 'returned', 'reopened'] as const satisfies readonly CaseStatus[];
/** States after which nothing more happens. */
export const FINAL_STATUSES = ['closed', 'merged', 'rejected', 'withdrawn'] as const satisfies readonly CaseStatus[];
/** States in which a unit has the case but has not taken it on yet. */
export const AWAITING_ACCEPT = ['assigned', 'transferred', 'reopened'] as const satisfies readonly CaseStatus[];
/** States in which a unit is working on the case. */
export const WORKING = ['accepted', 'in_progress'] as const satisfies readonly CaseStatus[];

type Row = Partial<Record<CaseStatus, CaseStatus>>;
const same = (states: readonly CaseStatus[]): Row => Object.fromEntries(states.map((s) => [s, s]));
const to = (states: readonly CaseStatus[], target: CaseStatus): Row => Object.fromEntries(states.map((s) => [s, target]));

export const TRANSITIONS: Record<CaseAction, Row> = {
  route: { submitted: 'assigned' },
  assign: { submitted: 'assigned', returned: 'assigned' },
  accept: to(AWAITING_ACCEPT, 'accepted'),
  reply: { accepted: 'in_progress', in_progress: 'in_progress' },
  request_info: { accepted: 'in_progress', in_progress: 'in_progress' },
  add_info: same(OPEN_STATUSES),
  transfer: to([...AWAITING_ACCEPT, ...WORKING], 'transferred'),
  return: to([...AWAITING_ACCEPT, 'accepted'], 'returned'),
  merge: to(['submitted', 'returned', ...AWAITING_ACCEPT, ...WORKING], 'merged'),
  reject: to(['submitted', 'returned', ...AWAITING_ACCEPT, ...WORKING], 'rejected'),
  resolve: to(WORKING, 'resolved'),
  rate: { resolved: 'closed' },
  reopen: { resolved: 'reopened' },
  withdraw: to(OPEN_STATUSES, 'withdrawn'),
};

/** The state after `action` in `from`, or null when the action is illegal there. */
export function nextStatus(action: CaseAction, from: CaseStatus): CaseStatus | null {
  return TRANSITIONS[action][from] ?? null;
}

/** The states in which `action` is legal. */
export function statusesAllowing(action: CaseAction): CaseStatus[] {
  return Object.keys(TRANSITIONS[action]) as CaseStatus[];
}

/** The actions legal in a state. */
export function actionsIn(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((a) => TRANSITIONS[a][status] !== undefined);
}

export function isOpen(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

export function isFinal(status: CaseStatus): boolean {
  return (FINAL_STATUSES as readonly CaseStatus[]).includes(status);
}
