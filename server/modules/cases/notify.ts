import type { Executor } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/context.js';
import { publishLive, type LiveEvent } from '../../platform/live/live-hub.js';
import { onDutyUserIds } from './directory.js';
import * as repo from './repo.js';
import type { CaseRow } from './repo.js';

/**
 * Live notifications of case changes (NOTIFY in the transaction, so only
 * committed changes are announced). Topics:
 *
 * - `case:<id>`: the progress page and the detail view of that case;
 * - `user:<id>`: the requester, the followers, and the cadre on duty;
 * - `unit:<id>`: the handling unit's queue;
 * - `dispatch:<county>`: cases waiting for a dispatcher in that county.
 *
 * Payloads carry ids and states only, never personal data: pages refetch.
 */
export async function announce(trx: Executor, c: CaseRow, type: string, extra: Record<string, unknown> = {}): Promise<void> {
  for (const event of caseEvents(c, type, await repo.followerIds(trx, c.id), extra)) await publishLive(trx, event);
}

/** The events `announce` publishes, for `followers` (the requester is added): a writer that announces within its own statement uses these. */
export function caseEvents(c: CaseRow, type: string, followers: string[], extra: Record<string, unknown> = {}): LiveEvent[] {
  const data = { caseId: c.id, trackingNumber: c.tracking_number, status: c.status, ...extra };
  const people = new Set(followers);
  if (c.requester_user_id) people.add(c.requester_user_id);
  return [
    { topic: `case:${c.id}`, type, data },
    ...[...people].map((userId) => ({ topic: `user:${userId}`, type, data })),
    c.handling_unit_id ? { topic: `unit:${c.handling_unit_id}`, type, data } : { topic: `dispatch:${c.county_code}`, type, data },
  ];
}

/**
 * A case has reached a unit: the cadre on duty there is told first (DESIGN
 * §4), then the unit's queue. Returns who was on duty, for the timeline.
 */
export async function announceAssignment(trx: Executor, ctx: ServiceContext, c: CaseRow): Promise<string[]> {
  if (!c.handling_unit_id) return [];
  // In the transaction's own connection: a second one from the pool while holding this one deadlocks a busy pool.
  const onDuty = await onDutyUserIds({ db: trx, clock: ctx.clock }, c.handling_unit_id);
  for (const event of assignmentEvents(c, onDuty)) await publishLive(trx, event);
  return onDuty;
}

/** The events `announceAssignment` publishes to the cadres on duty. */
export function assignmentEvents(c: CaseRow, onDuty: string[]): LiveEvent[] {
  const data = { caseId: c.id, trackingNumber: c.tracking_number, status: c.status, priority: c.priority, unitId: c.handling_unit_id };
  return onDuty.map((userId) => ({ topic: `user:${userId}`, type: 'case.assigned', data: { ...data, onDuty: true } }));
}
