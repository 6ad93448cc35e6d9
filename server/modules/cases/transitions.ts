import type { ServiceContext } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { computeDeadlines } from '../../../common/cases/deadlines.js';
import type { CaseRating } from '../../../common/cases/types.js';
import * as directory from './directory.js';
import type { UnitInfo } from './directory.js';
import { announceAssignment } from './notify.js';
import * as repo from './repo.js';
import type { CaseRow, CategoryRow } from './repo.js';
import { getCase } from './reading.js';
import { leaveUnit, optionalText, runStep, text } from './transition-kit.js';

/**
 * The use cases that move a case along (DESIGN §4), one per action of
 * common/cases/states.ts. Each validates its input, then runs one step
 * (policy, state table, change, timeline, audit, live) in one transaction,
 * and answers with the case as the caller now sees it.
 */

async function requireUnit(ctx: ServiceContext, unitId: string): Promise<UnitInfo> {
  const unit = await directory.findUnit(ctx.db, unitId);
  if (!unit) throw badRequest('cases.unknown_unit', 'unitId');
  return unit;
}

/** A supervision report only ever goes to discipline inspectors (纪委), never to the cadres it may be about. */
const INSPECTION_DEPARTMENT = '纪委';

const suitableUnit = (unit: UnitInfo) => async (_trx: unknown, c: CaseRow) => {
  if (c.handling_unit_id === unit.id) throw badRequest('cases.same_unit', 'unitId');
  if (c.confidential && unit.departmentType !== INSPECTION_DEPARTMENT) throw badRequest('cases.confidential_target', 'unitId');
};

/** 签收: the handling unit takes the case on; the first acceptance is the response time. */
export async function acceptCase(ctx: ServiceContext, caseId: string) {
  await runStep(ctx, caseId, {
    action: 'accept',
    kind: 'accepted',
    visibleToRequester: true,
    changes: (c, now) => ({ responded_at: c.responded_at ?? now }),
  });
  return getCase(ctx, caseId);
}

/** A public note to the requester (and the followers). */
export async function replyToCase(ctx: ServiceContext, caseId: string, input: { note: string }) {
  const note = text(input.note, 'note');
  await runStep(ctx, caseId, { action: 'reply', kind: 'replied', note, visibleToRequester: true, searchText: note });
  return getCase(ctx, caseId);
}

export async function requestInformation(ctx: ServiceContext, caseId: string, input: { note: string }) {
  const note = text(input.note, 'note');
  await runStep(ctx, caseId, {
    action: 'request_info',
    kind: 'info_requested',
    note,
    visibleToRequester: true,
    changes: (_c, now) => ({ info_requested_at: now }),
  });
  return getCase(ctx, caseId);
}

export async function addInformation(ctx: ServiceContext, caseId: string, input: { note: string }) {
  const note = text(input.note, 'note');
  await runStep(ctx, caseId, {
    action: 'add_info',
    kind: 'info_added',
    note,
    visibleToRequester: true,
    searchText: note,
    changes: () => ({ info_requested_at: null }),
  });
  return getCase(ctx, caseId);
}

/** 转办: to another unit, with the reason. The deadlines keep running (首接负责制). */
export async function transferCase(ctx: ServiceContext, caseId: string, input: { unitId: string; reason: string }) {
  const reason = text(input.reason, 'reason');
  const unit = await requireUnit(ctx, input.unitId);
  await runStep(ctx, caseId, {
    action: 'transfer',
    kind: 'transferred',
    note: reason,
    visibleToRequester: true,
    check: suitableUnit(unit),
    changes: () => ({ ...leaveUnit(unit.id), info_requested_at: null }),
    data: () => ({ toUnitId: unit.id, toUnitName: unit.name }),
    after: async (trx, _before, after) => void (await announceAssignment(trx, ctx, after)),
  });
  return getCase(ctx, caseId);
}

/** 退回: misrouted; the case leaves the unit and waits for a dispatcher. */
export async function returnCase(ctx: ServiceContext, caseId: string, input: { reason: string }) {
  const reason = text(input.reason, 'reason');
  await runStep(ctx, caseId, {
    action: 'return',
    kind: 'returned',
    note: reason,
    visibleToRequester: false,
    changes: () => leaveUnit(null),
  });
  return getCase(ctx, caseId);
}

/** 派单: a dispatcher gives an unrouted or returned case to a unit. */
export async function assignCase(ctx: ServiceContext, caseId: string, input: { unitId: string; note?: string }) {
  const unit = await requireUnit(ctx, input.unitId);
  await runStep(ctx, caseId, {
    action: 'assign',
    kind: 'assigned',
    note: optionalText(input.note),
    visibleToRequester: true,
    check: suitableUnit(unit),
    changes: () => leaveUnit(unit.id),
    data: () => ({ toUnitId: unit.id, toUnitName: unit.name }),
    after: async (trx, _before, after) => void (await announceAssignment(trx, ctx, after)),
  });
  return getCase(ctx, caseId);
}

/** 不予受理: with the reason the requester sees. */
export async function rejectCase(ctx: ServiceContext, caseId: string, input: { reason: string }) {
  const reason = text(input.reason, 'reason');
  await runStep(ctx, caseId, { action: 'reject', kind: 'rejected', note: reason, visibleToRequester: true });
  return getCase(ctx, caseId);
}

/** 办结: the result, which the requester then confirms or disputes. */
export async function resolveCase(ctx: ServiceContext, caseId: string, input: { result: string }) {
  const result = text(input.result, 'result');
  await runStep(ctx, caseId, {
    action: 'resolve',
    kind: 'resolved',
    note: result,
    visibleToRequester: true,
    searchText: result,
    changes: (c, now) => ({ resolved_at: now, info_requested_at: null, responded_at: c.responded_at ?? now }),
  });
  return getCase(ctx, caseId);
}

/** The requester confirms the result and rates it (满意 / 基本满意 / 不满意): closed. */
export async function rateCase(ctx: ServiceContext, caseId: string, input: { rating: CaseRating; comment?: string }) {
  const comment = optionalText(input.comment);
  await runStep(ctx, caseId, {
    action: 'rate',
    kind: 'rated',
    note: comment,
    visibleToRequester: true,
    changes: (_c, now) => ({ rating: input.rating, rating_comment: comment, rated_at: now, closed_at: now }),
    data: () => ({ rating: input.rating }),
  });
  return getCase(ctx, caseId);
}

/**
 * The requester is not satisfied: back to the same unit, with a fresh
 * resolution deadline from now (the first one stays on the timeline).
 */
export async function reopenCase(ctx: ServiceContext, caseId: string, input: { reason: string }) {
  const reason = text(input.reason, 'reason');
  let category: CategoryRow | undefined;
  await runStep(ctx, caseId, {
    action: 'reopen',
    kind: 'reopened',
    note: reason,
    visibleToRequester: true,
    searchText: reason,
    check: async (trx, c) => {
      category = await repo.findCategory(trx, c.category_code);
    },
    changes: (c, now) => ({
      resolved_at: null,
      reopen_count: c.reopen_count + 1,
      resolution_due_at: category
        ? computeDeadlines(now, { responseHours: category.response_hours, resolutionHours: category.resolution_hours }, c.priority).resolutionDueAt
        : c.resolution_due_at,
    }),
    data: (c) => ({ previousResolutionDueAt: c.resolution_due_at.toISOString() }),
    after: async (trx, _before, after) => void (await announceAssignment(trx, ctx, after)),
  });
  return getCase(ctx, caseId);
}

export async function withdrawCase(ctx: ServiceContext, caseId: string, input: { reason?: string }) {
  await runStep(ctx, caseId, { action: 'withdraw', kind: 'withdrawn', note: optionalText(input.reason), visibleToRequester: true });
  return getCase(ctx, caseId);
}
