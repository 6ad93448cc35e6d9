import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { nextStatus, type CaseAction, type CaseStatus } from '../../../common/cases/states.js';
import type { CaseEventKind, CasePriority } from '../../../common/cases/types.js';
import { announce } from './notify.js';
import * as repo from './repo.js';
import type { CaseRow } from './repo.js';
import { reserveCaseNumber, writeNewCase, type CaseNumber } from './new-case.js';

export { reserveCaseNumber, type CaseNumber };
import { eventRow } from './transition-kit.js';

export { EMERGENCY_NEED_CATEGORY } from './migrations-emergency.js';

/**
 * The case engine's door for other modules (DESIGN §3: "resident needs in an
 * emergency are all cases"). Everything here runs INSIDE the caller's
 * transaction, so the caller's own rows and the case commit or roll back
 * together. The caller has already decided who may do what (its own policy);
 * the case state table (common/cases/states.ts) still decides which state
 * changes are legal.
 */

export interface CaseRef {
  id: string;
  trackingNumber: string;
  status: CaseStatus;
  handlingUnitId: string | null;
}

const refOf = (c: CaseRow): CaseRef => ({ id: c.id, trackingNumber: c.tracking_number, status: c.status, handlingUnitId: c.handling_unit_id });

export interface OpenCaseInput {
  /** A catalogue code (e.g. 'emergency.need'); it may be inactive (not on the intake form). */
  categoryCode: string;
  regionCode: string;
  title: string;
  description: string;
  /** 'app' when the requester filed it themselves; 'hotline' when staff recorded a call. */
  channel?: 'app' | 'hotline';
  /** `id` null for a caller without an account: they follow by tracking number + the phone's last 4 digits. */
  requester: { id: string | null; name: string | null; phone: string | null };
  priority: CasePriority;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  /** Private unless said otherwise (needs carry names, flats and medicines). */
  isPublic?: boolean;
  /** What the case stands for in the calling module; kept on the 'submitted' timeline row. */
  sourceRef: { module: string; kind: string; id: string };
}

/**
 * `createCase` inside the caller's transaction: numbered, routed to its unit,
 * given its deadlines, timeline, audit and announcement. The caller reserves
 * the tracking number with `reserveCaseNumber` BEFORE opening its
 * transaction: taken inside, it would hold the day's counter for the whole
 * transaction, or wait for a second pool connection while holding one (a
 * pool deadlock under load). A rolled-back caller leaves a gap.
 */
export async function openCaseIn(trx: Executor, ctx: ServiceContext, input: OpenCaseInput, number: CaseNumber): Promise<CaseRef> {
  if (!ctx.actor) throw new Error('openCaseIn needs an actor');
  const category = await repo.findCategory(trx, input.categoryCode);
  // A missing category is a deployment error (its migration did not run), not something a person sent.
  if (!category) throw new Error(`case category ${input.categoryCode} is not in the catalogue`);
  const { c } = await writeNewCase(
    trx,
    ctx,
    {
      channel: input.channel ?? 'app',
      category,
      title: input.title,
      description: input.description,
      regionCode: input.regionCode,
      address: input.address ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      priority: input.priority,
      isPublic: category.confidential ? false : (input.isPublic ?? false),
      isAnonymous: false,
      requester: input.requester,
      idempotencyKey: null,
      sourcePostId: null,
    },
    number,
    { sourceData: { source: input.sourceRef } },
  );
  return refOf(c);
}

export interface CaseEventInput {
  /**
   * The case action this step amounts to (accept, reply, resolve, rate,
   * withdraw, reject …). Taken when the state table allows it in the case's
   * current state; otherwise the note is still recorded, as a reply that
   * changes nothing — the calling module's own step has happened either way.
   */
  action: CaseAction | null;
  /** What the requester reads on their case page. */
  note: string;
  /** Skip (no row at all) when the action is not allowed in the current state. */
  onlyIfAllowed?: boolean;
  visibleToRequester?: boolean;
  data?: Record<string, unknown>;
}

const KIND_OF: Partial<Record<CaseAction, CaseEventKind>> = {
  accept: 'accepted',
  reply: 'replied',
  resolve: 'resolved',
  rate: 'rated',
  withdraw: 'withdrawn',
  reject: 'rejected',
};

/**
 * Appends a row to the case's timeline for a step taken in another module,
 * and moves the case along when the step is also a case action: locked,
 * changed, audited and announced like any transition, in the caller's
 * transaction. Returns the case as it now stands, or null when skipped.
 */
export async function appendCaseEvent(trx: Executor, ctx: ServiceContext, caseId: string, input: CaseEventInput): Promise<CaseRef | null> {
  const actor = ctx.actor ?? null;
  const c = await repo.lockCase(trx, caseId);
  if (!c) throw new Error(`case ${caseId} not found`);
  const action = input.action && KIND_OF[input.action] ? input.action : null;
  if (input.action && !action) throw new Error(`appendCaseEvent does not take '${input.action}'`);
  const to = action ? nextStatus(action, c.status) : null;
  if (input.onlyIfAllowed && !to) return null;
  const now = ctx.clock.now();
  const kind: CaseEventKind = to && action ? KIND_OF[action]! : 'replied';
  let updated = c;
  if (to && action) {
    updated = await repo.updateCase(trx, c.id, { ...changesFor(action, c, now), status: to, updated_at: now });
    await audit(trx, ctx, {
      action: `case.${action}`,
      targetType: 'case',
      targetId: c.id,
      before: { status: c.status, unitId: c.handling_unit_id },
      after: { status: to, unitId: c.handling_unit_id, ...(input.data ? { via: input.data } : {}) },
    });
  } else {
    updated = await repo.updateCase(trx, c.id, { updated_at: now });
  }
  await repo.appendEvents(trx, [
    eventRow(c, actor, now, { kind, from: c.status, to: to ?? c.status, note: input.note, visible: input.visibleToRequester ?? true, data: input.data }),
  ]);
  await announce(trx, updated, `case.${to && action ? action : 'reply'}`);
  return refOf(updated);
}

function changesFor(action: CaseAction, c: CaseRow, now: Date) {
  switch (action) {
    case 'accept':
      return { responded_at: c.responded_at ?? now };
    case 'resolve':
      return { resolved_at: now, info_requested_at: null, responded_at: c.responded_at ?? now };
    case 'rate':
      // Confirmed by the requester without a rating: closed; the rating stays theirs to give.
      return { closed_at: now };
    default:
      return {};
  }
}

/** Tracking numbers and states of cases, for modules that show "your case ZZ…" beside their own rows. */
export async function caseRefs(db: Executor, ids: string[]): Promise<Map<string, CaseRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await repo.casesByIds(db, unique);
  return new Map(rows.map((c) => [c.id, refOf(c)]));
}
