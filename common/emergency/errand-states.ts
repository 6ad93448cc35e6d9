/**
 * The errand state machine of a resident's need, as data (seed 003: the
 * volunteer buys the medicine, puts it at the compound gate, photographs it,
 * and the compound's volunteers carry it to the door; the family confirms):
 *
 *   open → claimed → bought → at_gate → handed_over (photo) → delivered → confirmed
 *
 * with `release` (the runner gives a claim back), `cancel` (before anything
 * was bought) and a shortcut from `claimed` straight to the gate when
 * nothing has to be bought. The server enforces this table (409 for an
 * action the state does not allow) and the web reads it to show buttons.
 *
 * Who may act is named by the part they play, not by role:
 * - `team`: someone serving the need's grid (a volunteer, grid worker or leader of it);
 * - `runner`: the team member who claimed the errand;
 * - `requester`: the resident who posted the need;
 * - `coordinator`: the grid's leader (格长) and the cadres whose scope covers it.
 * server/modules/emergency/policy.ts turns an actor into these parts.
 */

export const ERRAND_STATES = ['open', 'claimed', 'bought', 'at_gate', 'handed_over', 'delivered', 'confirmed', 'cancelled'] as const;
export type ErrandState = (typeof ERRAND_STATES)[number];

export const ERRAND_ACTIONS = ['claim', 'release', 'buy', 'reach_gate', 'hand_over', 'deliver', 'confirm', 'cancel'] as const;
export type ErrandAction = (typeof ERRAND_ACTIONS)[number];

export type ErrandPart = 'team' | 'runner' | 'requester' | 'coordinator';

export interface ErrandTransition {
  action: ErrandAction;
  from: ErrandState;
  to: ErrandState;
  by: readonly ErrandPart[];
  /** The action needs a photo of the goods at the gate. */
  photo?: boolean;
  /** Only when some item must be bought / when nothing has to be bought. */
  when?: 'something_to_buy' | 'nothing_to_buy';
}

export const ERRAND_TRANSITIONS: readonly ErrandTransition[] = [
  { action: 'claim', from: 'open', to: 'claimed', by: ['team'] },
  { action: 'release', from: 'claimed', to: 'open', by: ['runner', 'coordinator'] },
  { action: 'buy', from: 'claimed', to: 'bought', by: ['runner'], when: 'something_to_buy' },
  { action: 'reach_gate', from: 'bought', to: 'at_gate', by: ['runner'] },
  { action: 'reach_gate', from: 'claimed', to: 'at_gate', by: ['runner'], when: 'nothing_to_buy' },
  { action: 'hand_over', from: 'at_gate', to: 'handed_over', by: ['runner', 'team'], photo: true },
  { action: 'deliver', from: 'handed_over', to: 'delivered', by: ['runner', 'team'] },
  { action: 'confirm', from: 'delivered', to: 'confirmed', by: ['requester'] },
  // The family may already hold the goods before the compound volunteer marks them delivered.
  { action: 'confirm', from: 'handed_over', to: 'confirmed', by: ['requester'] },
  { action: 'cancel', from: 'open', to: 'cancelled', by: ['requester', 'coordinator'] },
  { action: 'cancel', from: 'claimed', to: 'cancelled', by: ['requester', 'coordinator'] },
];

/** States in which the errand is finished. */
export const FINAL_ERRAND_STATES: readonly ErrandState[] = ['confirmed', 'cancelled'];
/** States in which a runner holds the errand (they see the requester's phone). */
export const RUNNER_STATES: readonly ErrandState[] = ['claimed', 'bought', 'at_gate', 'handed_over', 'delivered', 'confirmed'];
/** States a runner still has to travel for: the route planner's input. */
export const ROUTABLE_STATES: readonly ErrandState[] = ['claimed', 'bought'];

export function isFinalErrandState(state: ErrandState): boolean {
  return FINAL_ERRAND_STATES.includes(state);
}

/**
 * The transition `action` takes from `state`, or null when the state does not
 * allow it (given whether the need has something to buy).
 */
export function findErrandTransition(state: ErrandState, action: ErrandAction, somethingToBuy: boolean): ErrandTransition | null {
  return (
    ERRAND_TRANSITIONS.find(
      (t) =>
        t.action === action &&
        t.from === state &&
        (t.when === undefined || (t.when === 'something_to_buy') === somethingToBuy),
    ) ?? null
  );
}

/** The actions a party could take now (the web shows these buttons; the server decides). */
export function availableErrandActions(state: ErrandState, parts: readonly ErrandPart[], somethingToBuy: boolean): ErrandAction[] {
  const out: ErrandAction[] = [];
  for (const action of ERRAND_ACTIONS) {
    const t = findErrandTransition(state, action, somethingToBuy);
    if (t && t.by.some((p) => parts.includes(p))) out.push(action);
  }
  return out;
}
