import { sql } from 'kysely';
import type { Clock } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { ancestorCodes } from '../../../common/regions.js';
import { OPEN_STATUSES, isOpen } from '../../../common/cases/states.js';
import type { DeadlineStep, EscalationKind, WarningPolicy } from '../../../common/cases/deadlines.js';
import { translate } from '../../../common/i18n/server-messages.js';
import * as directory from './directory.js';
import type { UnitInfo } from './directory.js';
import * as repo from './repo.js';
import type { CaseRow } from './repo.js';
import { eventRow } from './transition-kit.js';
import { notifyUnit } from './notifications.js';
import './escalation-tables.js';

/**
 * 督办: a case past its resolution deadline goes up to the parent unit's
 * supervision board. The item, the timeline row and the audit entry are
 * written in one transaction with the case row locked; the live event and
 * the notice to the upper unit are part of it (NOTIFY at commit).
 */

const HOUR = 60 * 60 * 1000;

/**
 * The unit above the one holding the case: a department answers to its own
 * region's government (渌口区城管局 → 渌口区人民政府), a region's body to the
 * nearest body above (村 → 镇 → 区 → 市). A case no unit holds goes to the
 * body above its own region.
 */
export async function parentUnitOf(db: Executor, c: Pick<CaseRow, 'handling_unit_id' | 'region_code'>): Promise<UnitInfo | null> {
  let codes: string[];
  const unit = c.handling_unit_id ? await directory.findUnit(db, c.handling_unit_id) : null;
  if (unit) codes = unit.kind === 'department' ? ancestorCodes(unit.regionCode) : ancestorCodes(unit.regionCode).slice(1);
  else codes = ancestorCodes(c.region_code).slice(1);
  const bodies = await directory.regionUnits(db, codes);
  for (const code of codes) {
    const id = bodies.get(code);
    if (id && id !== c.handling_unit_id) return directory.findUnit(db, id);
  }
  return null;
}

/** Claims a deadline step; true when this transaction is the first to take it. */
export async function claimStep(trx: Executor, caseId: string, step: DeadlineStep, dueAt: Date, now: Date): Promise<boolean> {
  const row = await trx
    .insertInto('case_deadline_steps')
    .values({ case_id: caseId, step, due_at: dueAt, created_at: now })
    .onConflict((oc) => oc.columns(['case_id', 'step', 'due_at']).doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return !!row;
}

/** Still open and past the resolution deadline: the only state in which a case goes up. */
export function isResolutionOverdue(c: Pick<CaseRow, 'status' | 'resolution_due_at' | 'confidential'>, now: Date): boolean {
  return isOpen(c.status) && !c.confidential && c.resolution_due_at.getTime() < now.getTime();
}

/**
 * Escalates one case if it still qualifies (checked again under the row
 * lock): open, not confidential, overdue, no open item, and no item for this
 * deadline closed less than `reEscalateAfterHours` ago. Returns the new item's
 * id, or null.
 */
export async function escalateCase(db: Executor, clock: Clock, caseId: string, policy: WarningPolicy, claimDue?: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const c = await repo.lockCase(trx, caseId);
    const now = clock.now();
    if (!c) return null;
    // First time for this deadline: the step is claimed with the escalation (a case that cannot go up is not looked at again).
    if (claimDue && !(await claimStep(trx, c.id, 'resolution_overdue', claimDue, now))) return null;
    if (!isResolutionOverdue(c, now)) return null;
    const previous = await trx
      .selectFrom('case_escalations')
      .select(['id', 'closed_at'])
      .where('case_id', '=', c.id)
      .where('due_at', '=', c.resolution_due_at)
      .orderBy('created_at', 'desc')
      .execute();
    const open = await trx.selectFrom('case_escalations').select('id').where('case_id', '=', c.id).where('closed_at', 'is', null).executeTakeFirst();
    if (open) return null;
    const graceStart = now.getTime() - policy.reEscalateAfterHours * HOUR;
    if (previous.some((p) => p.closed_at && p.closed_at.getTime() > graceStart)) return null;
    const kind: EscalationKind = previous.length > 0 ? 'still_overdue' : c.reopen_count > 0 ? 'reopened_overdue' : 'resolution_overdue';

    const to = await parentUnitOf(trx, c);
    if (!to) return null;
    const from = c.handling_unit_id ? await directory.findUnit(trx, c.handling_unit_id) : null;
    const overdueMinutes = Math.floor((now.getTime() - c.resolution_due_at.getTime()) / 60000);
    const inserted = await trx
      .insertInto('case_escalations')
      .values({
        case_id: c.id,
        kind,
        from_unit_id: from?.id ?? null,
        to_unit_id: to.id,
        to_region_code: to.regionCode,
        due_at: c.resolution_due_at,
        overdue_minutes: overdueMinutes,
        created_at: now,
      })
      .onConflict((oc) => oc.column('case_id').where('closed_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;

    await repo.appendEvents(trx, [
      eventRow(c, null, now, {
        kind: 'escalated',
        from: c.status,
        to: c.status,
        note: translate('zh-CN', 'cases.escalation_note', { toUnit: to.name }),
        visible: false,
        unit: { id: to.id, name: to.name },
        data: { escalationId: inserted.id, escalationKind: kind, toUnitId: to.id, toUnitName: to.name, dueAt: c.resolution_due_at.toISOString() },
      }),
    ]);
    await audit(trx, { actor: null, ip: null, clock }, {
      action: 'case.escalate',
      targetType: 'case',
      targetId: c.id,
      after: { escalationId: inserted.id, kind, fromUnitId: from?.id ?? null, toUnitId: to.id, dueAt: c.resolution_due_at.toISOString(), overdueMinutes },
    });
    await notifyUnit(trx, { unitId: to.id, caseId: c.id, kind: 'escalated', data: { escalationId: inserted.id, dueAt: c.resolution_due_at.toISOString(), fromUnitName: from?.name ?? '' } }, now);
    if (from) await publishLive(trx, { topic: `unit:${from.id}`, type: 'case.escalated', data: { caseId: c.id, escalationId: inserted.id } });
    return inserted.id;
  });
}

/** Cases that may go up again: an item for the current deadline was closed long enough ago, and none is open. */
export async function reEscalationCandidates(db: Executor, now: Date, policy: WarningPolicy, limit: number): Promise<string[]> {
  const graceStart = new Date(now.getTime() - policy.reEscalateAfterHours * HOUR);
  const rows = await sql<{ id: string }>`
    select c.id from cases c
    where c.status in (${sql.join(OPEN_STATUSES.map((st) => sql.lit(st)))})
      and not c.confidential and c.resolution_due_at < ${now}
      and exists (select 1 from case_escalations e where e.case_id = c.id and e.due_at = c.resolution_due_at)
      and not exists (select 1 from case_escalations e where e.case_id = c.id
        and (e.closed_at is null or (e.due_at = c.resolution_due_at and e.closed_at > ${graceStart})))
    order by c.resolution_due_at limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}
