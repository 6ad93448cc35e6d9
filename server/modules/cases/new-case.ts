import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { computeDeadlines } from '../../../common/cases/deadlines.js';
import type { CaseChannel, CasePriority } from '../../../common/cases/types.js';
import { announce, announceAssignment } from './notify.js';
import * as repo from './repo.js';
import type { CaseRow, CategoryRow } from './repo.js';
import { routeCase } from './routing.js';
import { documentText } from './segment.js';
import { eventRow } from './transition-kit.js';

/**
 * Writing a new case, whatever its channel (app, hotline, group post): it is
 * numbered, routed to its handling unit, given its deadlines and announced —
 * the on-duty cadre of the unit first — in one transaction.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'ZZ' + YYMMDD in Asia/Shanghai + the day's sequence (4 digits, more past 9999). */
export function trackingNumber(now: Date, sequence: number): string {
  return `ZZ${trackingDay(now)}${String(sequence).padStart(4, '0')}`;
}

export function trackingDay(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(2, 10).replace(/-/g, '');
}

export interface NewCase {
  channel: CaseChannel;
  category: CategoryRow;
  title: string;
  description: string;
  regionCode: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  priority: CasePriority;
  isPublic: boolean;
  isAnonymous: boolean;
  requester: { id: string | null; name: string | null; phone: string | null };
  idempotencyKey: string | null;
  sourcePostId: string | null;
}

export async function createCase(ctx: ServiceContext, n: NewCase): Promise<CaseRow> {
  // The number is taken in its own short statement, so the day's counter row is
  // locked for a moment, not for the whole intake; a failed intake leaves a gap.
  const sequence = await repo.nextDailySequence(ctx.db, trackingDay(ctx.clock.now()));
  return ctx.db.transaction().execute((trx) => writeNewCase(trx, ctx, n, sequence));
}

/**
 * The case written inside the caller's transaction (`createCase` above, and
 * other modules through service.ts): routed, numbered with `sequence` (from
 * `repo.nextDailySequence`, taken outside the transaction), timeline,
 * audit and live announcement — all committed or rolled back with the rest.
 */
export async function writeNewCase(trx: Executor, ctx: ServiceContext, n: NewCase, sequence: number, sourceData: Record<string, unknown> = {}): Promise<CaseRow> {
  // No actor: a machine client (Open311) filed it; the timeline says 'system'.
  const actor = ctx.actor;
  const route = await routeCase(trx, { categoryCode: n.category.code, regionCode: n.regionCode, confidential: n.category.confidential });
  const now = ctx.clock.now();
  const due = computeDeadlines(now, { responseHours: n.category.response_hours, resolutionHours: n.category.resolution_hours }, n.priority);

  const c = await repo.insertCase(trx, {
    tracking_number: trackingNumber(now, sequence),
    channel: n.channel,
    category_code: n.category.code,
    title: n.title,
    description: n.description,
    region_code: n.regionCode,
    county_code: n.regionCode.slice(0, 6),
    address: n.address,
    lat: n.lat,
    lng: n.lng,
    status: route.unit ? 'assigned' : 'submitted',
    priority: n.priority,
    is_public: n.isPublic,
    is_anonymous: n.isAnonymous,
    confidential: n.category.confidential,
    requester_user_id: n.requester.id,
    requester_name: n.requester.name,
    requester_phone: n.requester.phone,
    created_by: actor?.userId ?? null,
    handling_unit_id: route.unit?.id ?? null,
    source_post_id: n.sourcePostId,
    response_due_at: due.responseDueAt,
    resolution_due_at: due.resolutionDueAt,
    idempotency_key: n.idempotencyKey,
    search: sql<string>`setweight(to_tsvector('simple', ${documentText(n.title)}), 'A') || setweight(to_tsvector('simple', ${documentText(n.description)}), 'B')`,
    created_at: now,
    updated_at: now,
  });
  const submitted = { ...c, status: 'submitted' as const, handling_unit_id: null };
  const onDuty = await announceAssignment(trx, ctx, c);
  await repo.appendEvents(trx, [
    eventRow(submitted, actor, now, { kind: 'submitted', from: null, to: 'submitted', visible: true, data: { channel: n.channel, ...(n.sourcePostId ? { postId: n.sourcePostId } : {}), ...sourceData } }),
    ...(route.unit
      ? [
          eventRow(c, null, now, {
            kind: 'routed' as const,
            from: 'submitted' as const,
            to: 'assigned' as const,
            visible: true,
            unit: { id: route.unit.id, name: route.unit.name },
            data: { toUnitId: route.unit.id, toUnitName: route.unit.name, ruleId: route.ruleId, fallback: route.fallback, onDuty },
          }),
        ]
      : []),
  ]);
  await audit(trx, ctx, {
    action: 'case.submit',
    targetType: 'case',
    targetId: c.id,
    after: { trackingNumber: c.tracking_number, channel: c.channel, category: c.category_code, regionCode: c.region_code, unitId: c.handling_unit_id },
    // A supervision report's audit row does not name the reporter (only the report itself does, for the inspectors).
    confidential: c.confidential && !!actor && n.requester.id === actor.userId,
  });
  await announce(trx, c, 'case.submitted', { onDuty });
  return c;
}
