import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { NeedRow } from './repo-needs.js';

/**
 * INTEGRATION POINT with the case engine (DESIGN §3: "resident needs in an
 * emergency are all cases").
 *
 * State of the case engine when this was written: it has no `service*.ts`;
 * its creators are `submitCase` (cases/intake.ts, the POST /cases use case)
 * and `createCase` (cases/new-case.ts). Both open their own transaction,
 * need a category row of the case catalogue (which has no category for
 * emergency needs yet) and route the case into a handling unit's queue with
 * response deadlines. Calling them after this module's transaction would
 * leave a need without its case whenever the second write failed, so a
 * need lives in this module (emergency_needs, with its own errand state
 * machine and timeline) and `emergency_needs.case_id` stays null.
 *
 * To wire it, the case engine needs to expose, from its service:
 *
 *   openCaseIn(trx, ctx, { categoryCode: 'emergency.need', regionCode,
 *     title, description, requester: { id, phone }, priority, sourceRef })
 *
 * — the same as `createCase`, but inside the caller's transaction — and a
 * catalogue entry 'emergency.need' routed to the community. Then implement
 * `linkNeedToCase` with it (it is called in the transaction that inserts the
 * need, so the case and the need commit together), and `errandCaseEvent`,
 * called in each errand step's transaction, to append to the case timeline.
 * Nothing else in this module changes.
 */
export interface CaseLink {
  /** Opens the case for a new need; returns its id, or null when no case engine is wired. */
  linkNeedToCase(trx: Executor, ctx: ServiceContext, need: NeedRow): Promise<string | null>;
  /** Mirrors an errand transition onto the case timeline. */
  errandCaseEvent(trx: Executor, ctx: ServiceContext, need: NeedRow, action: string, to: string): Promise<void>;
}

export const caseLink: CaseLink = {
  async linkNeedToCase() {
    return null;
  },
  async errandCaseEvent() {},
};
