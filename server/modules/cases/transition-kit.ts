import { sql, type UpdateObject } from 'kysely';
import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Database, Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { AppError, badRequest, conflict, forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { nextStatus, type CaseAction, type CaseStatus } from '../../../common/cases/states.js';
import { actionLabel, statusLabel } from '../../../common/cases/labels.js';
import type { CaseEventKind } from '../../../common/cases/types.js';
import { canView, isHandler, isRequester, mayAct, HANDLER_ROLES, INSPECTOR_ROLES } from './policy.js';
import * as repo from './repo.js';
import type { CaseRow, NewEvent } from './repo.js';
import { announce } from './notify.js';
import { documentText } from './segment.js';

/**
 * The one way a case changes: lock the row, check who (policy) and when (the
 * state table), change it, append the timeline row, audit, announce — all in
 * one transaction. Each use case in transitions.ts is a `Step`.
 */

export const caseNotFound = () => notFound('cases.not_found');

export function illegalTransition(ctx: Pick<ServiceContext, 'lang'>, action: CaseAction, status: CaseStatus): AppError {
  return conflict('cases.illegal_transition', undefined, { status: statusLabel(ctx.lang, status), action: actionLabel(ctx.lang, action) });
}

/** A person's text, trimmed; blank text is a 400 naming the field. */
export function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badRequest('cases.blank', field);
  return trimmed;
}

export function optionalText(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The role and unit the actor acts as on this case, for the timeline. */
export function actingAs(actor: Actor, c: CaseRow): { role: string; unitId: string | null; unitName: string | null } {
  if (isRequester(actor, c)) return { role: 'requester', unitId: null, unitName: null };
  const roles = c.confidential ? INSPECTOR_ROLES : HANDLER_ROLES;
  const atUnit = actor.grants.find((g) => g.unitId === c.handling_unit_id && roles.includes(g.role));
  if (atUnit && isHandler(actor, c)) return { role: atUnit.role, unitId: atUnit.unitId, unitName: atUnit.unitName };
  const covering = actor.grants
    .filter((g) => g.role !== 'resident' && c.region_code.startsWith(g.regionPrefix))
    .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length)[0];
  const g = covering ?? actor.grants.find((x) => x.role === 'admin') ?? actor.grants[0];
  return g ? { role: g.role, unitId: g.unitId, unitName: g.unitName } : { role: 'resident', unitId: null, unitName: null };
}

export function eventRow(
  c: CaseRow,
  actor: Actor | null,
  now: Date,
  e: { kind: CaseEventKind; from: CaseStatus | null; to: CaseStatus | null; note?: string | null; visible: boolean; data?: Record<string, unknown>; unit?: { id: string; name: string } | null },
): NewEvent {
  const as = actor ? actingAs(actor, c) : { role: 'system', unitId: null, unitName: null };
  return {
    case_id: c.id,
    county_code: c.county_code,
    kind: e.kind,
    from_status: e.from,
    to_status: e.to,
    actor_id: actor?.userId ?? null,
    actor_role: as.role,
    actor_name: actor?.name ?? null,
    unit_id: e.unit !== undefined ? (e.unit?.id ?? null) : as.unitId,
    unit_name: e.unit !== undefined ? (e.unit?.name ?? null) : as.unitName,
    note: e.note ?? null,
    visible_to_requester: e.visible,
    data: e.data,
    created_at: now,
  };
}

/** Loads and locks the case for `action`: 404 when the actor may not see it, 403 when they may not act, 409 when the state forbids it. */
export async function loadForAction(trx: Executor, ctx: ServiceContext, caseId: string, action: CaseAction): Promise<{ c: CaseRow; actor: Actor; to: CaseStatus }> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const c = await repo.lockCase(trx, caseId);
  if (!c) throw caseNotFound();
  const following = await repo.isFollowing(trx, c.id, actor.userId);
  if (!canView(actor, c, following)) throw caseNotFound();
  if (!mayAct(actor, action, c)) throw forbidden();
  const to = nextStatus(action, c.status);
  if (!to) throw illegalTransition(ctx, action, c.status);
  return { c, actor, to };
}

/** The change that moves a case away from its unit: the unit is remembered (it keeps read access). */
export function leaveUnit(newUnitId: string | null): UpdateObject<Database, 'cases'> {
  return {
    handling_unit_id: newUnitId,
    prior_unit_ids: sql<string[]>`case when handling_unit_id is null or handling_unit_id = any(prior_unit_ids) then prior_unit_ids else array_append(prior_unit_ids, handling_unit_id) end`,
  };
}

export interface Step {
  action: CaseAction;
  kind: CaseEventKind;
  note?: string | null;
  visibleToRequester: boolean;
  /** Extra checks inside the transaction, after the generic ones (may throw). */
  check?: (trx: Executor, c: CaseRow) => Promise<void>;
  /** Columns to change besides status and updated_at. */
  changes?: (c: CaseRow, now: Date) => UpdateObject<Database, 'cases'>;
  data?: (c: CaseRow) => Record<string, unknown>;
  /** Text to add to the search vector (replies, information, results). */
  searchText?: string;
  /** After the write, still in the transaction (e.g. tell a new unit). */
  after?: (trx: Executor, before: CaseRow, after: CaseRow) => Promise<void>;
}

export async function runStep(ctx: ServiceContext, caseId: string, step: Step): Promise<CaseRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { c, actor, to } = await loadForAction(trx, ctx, caseId, step.action);
    await step.check?.(trx, c);
    const now = ctx.clock.now();
    const updated = await repo.updateCase(trx, c.id, { ...(step.changes?.(c, now) ?? {}), status: to, updated_at: now });
    // Acting as before the change: a transfer is recorded under the unit that made it.
    const event = eventRow(c, actor, now, {
      kind: step.kind,
      from: c.status,
      to,
      note: step.note,
      visible: step.visibleToRequester,
      data: step.data?.(c),
    });
    await repo.appendEvents(trx, [event]);
    if (step.searchText) await repo.addSearchText(trx, c.id, documentText(step.searchText), 'C');
    await audit(trx, ctx, {
      action: `case.${step.action}`,
      targetType: 'case',
      targetId: c.id,
      before: { status: c.status, unitId: c.handling_unit_id },
      after: { status: to, unitId: updated.handling_unit_id },
      confidential: c.confidential && isRequester(actor, c),
    });
    await step.after?.(trx, c, updated);
    await announce(trx, updated, `case.${step.action}`);
    return updated;
  });
}
