import { sql } from 'kysely';
import type { Clock } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { OPEN_STATUSES } from '../../../common/cases/states.js';
import { DEFAULT_WARNING_POLICY, type WarningPolicy } from '../../../common/cases/deadlines.js';
import * as repo from './repo.js';
import { claimStep, escalateCase, reEscalationCandidates } from './escalation.js';
import { notifyPeople, notifyUnit, unitHeads } from './notifications.js';
import './escalation-tables.js';

/**
 * The deadline sweep (the pg-boss job in jobs.ts runs it every minute; tests
 * call it with a TestClock). For each open case, once per deadline — the due
 * time is part of the recorded step, so a reopened case's new resolution
 * deadline starts over:
 *
 * 1. `response_warning` / `resolution_warning`: the handling unit is told
 *    min(24 h, 25 % of the window) before the deadline;
 * 2. `response_overdue`: the unit's heads are told the case was not accepted in time;
 * 3. `resolution_overdue`: the case goes up to the parent unit (escalation.ts);
 *    confidential cases and cases with no unit above are recorded, not sent up.
 * 4. A case whose board item was closed goes up again if it is still overdue
 *    `reEscalateAfterHours` after the closing (kind `still_overdue`).
 *
 * Every step is claimed by inserting its row (`on conflict do nothing`) in the
 * transaction that sends it: two sweeps at once never send a step twice.
 */

export interface SweepResult {
  warned: number;
  headsNotified: number;
  escalated: number;
}

export interface SweepOptions {
  policy?: WarningPolicy;
  /** At most this many cases per step and run (the rest wait a minute). */
  batch?: number;
}

const OPEN = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)));

const claim = claimStep;

interface Candidate {
  id: string;
  due_at: Date;
}

function warningCandidates(db: Executor, kind: 'response' | 'resolution', now: Date, policy: WarningPolicy, limit: number) {
  const due = sql.ref(kind === 'response' ? 'c.response_due_at' : 'c.resolution_due_at');
  const step = kind === 'response' ? 'response_warning' : 'resolution_warning';
  const lead = sql`least(make_interval(hours => ${policy.maxLeadHours}), (${due} - c.created_at) * ${policy.fractionOfWindow}::float8)`;
  return sql<Candidate>`
    select c.id, ${due} as due_at from cases c
    where c.status in (${OPEN}) ${kind === 'response' ? sql`and c.responded_at is null` : sql``}
      and ${due} > ${now} and ${due} - ${lead} <= ${now}
      and not exists (select 1 from case_deadline_steps s where s.case_id = c.id and s.step = ${step} and s.due_at = ${due})
    order by ${due} limit ${limit}`.execute(db);
}

function overdueCandidates(db: Executor, kind: 'response' | 'resolution', now: Date, limit: number) {
  const due = sql.ref(kind === 'response' ? 'c.response_due_at' : 'c.resolution_due_at');
  const step = kind === 'response' ? 'response_overdue' : 'resolution_overdue';
  return sql<Candidate>`
    select c.id, ${due} as due_at from cases c
    where c.status in (${OPEN}) ${kind === 'response' ? sql`and c.responded_at is null` : sql``}
      and ${due} < ${now}
      and not exists (select 1 from case_deadline_steps s where s.case_id = c.id and s.step = ${step} and s.due_at = ${due})
    order by ${due} limit ${limit}`.execute(db);
}

export async function runDeadlineSweep(db: Executor, clock: Clock, options: SweepOptions = {}): Promise<SweepResult> {
  const policy = options.policy ?? DEFAULT_WARNING_POLICY;
  const batch = options.batch ?? 200;
  const result: SweepResult = { warned: 0, headsNotified: 0, escalated: 0 };
  const now = clock.now();

  for (const kind of ['response', 'resolution'] as const) {
    const step = kind === 'response' ? 'response_warning' : 'resolution_warning';
    for (const cand of (await warningCandidates(db, kind, now, policy, batch)).rows) {
      const sent = await db.transaction().execute(async (trx) => {
        const c = await repo.lockCase(trx, cand.id);
        if (!c || !(await claim(trx, c.id, step, cand.due_at, now))) return false;
        if (!c.handling_unit_id) return false;
        await notifyUnit(trx, { unitId: c.handling_unit_id, caseId: c.id, kind: step, data: { dueAt: cand.due_at.toISOString() } }, now);
        return true;
      });
      if (sent) result.warned += 1;
    }
  }

  for (const cand of (await overdueCandidates(db, 'response', now, batch)).rows) {
    const sent = await db.transaction().execute(async (trx) => {
      const c = await repo.lockCase(trx, cand.id);
      if (!c || !(await claim(trx, c.id, 'response_overdue', cand.due_at, now)) || !c.handling_unit_id) return false;
      const heads = await unitHeads(trx, c.handling_unit_id);
      await notifyPeople(trx, heads, { unitId: c.handling_unit_id, caseId: c.id, kind: 'response_overdue', data: { dueAt: cand.due_at.toISOString() } }, now);
      return heads.length > 0;
    });
    if (sent) result.headsNotified += 1;
  }

  for (const cand of (await overdueCandidates(db, 'resolution', now, batch)).rows) {
    if (await escalateCase(db, clock, cand.id, policy, cand.due_at)) result.escalated += 1;
  }
  for (const id of await reEscalationCandidates(db, now, policy, batch)) {
    if (await escalateCase(db, clock, id, policy)) result.escalated += 1;
  }
  return result;
}
