import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { auditValues } from '../../platform/audit.js';
import { liveNotifications } from '../../platform/live/live-hub.js';
import { computeDeadlines } from '../../../common/cases/deadlines.js';
import type { CaseChannel, CasePriority } from '../../../common/cases/types.js';
import { onDutyUserIds } from './directory.js';
import type { UnitInfo } from './directory.js';
import { caseReference, type CaseReference } from './reference.js';
import * as repo from './repo.js';
import type { CaseRow, CategoryRow, EventRow } from './repo.js';
import { routeWith } from './routing.js';
import { assignmentEvents, caseEvents } from './notify.js';
import { documentText } from './segment.js';
import { eventRow } from './transition-kit.js';

/**
 * Writing a new case, whatever its channel (app, hotline, group post, Open311,
 * an emergency need): it is numbered, routed to its handling unit, given its
 * deadlines and announced — the on-duty cadre of the unit first.
 *
 * The intake is the busiest write of the platform, so the case, its timeline,
 * its audit row and its announcements are ONE statement (data-modifying CTEs:
 * atomic on its own, or part of the caller's transaction), the reference data
 * comes from the reference cache, and the number from a statement of its own.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A tracking number reserved before the write: the day (Asia/Shanghai) and its sequence. */
export interface CaseNumber {
  day: string;
  sequence: number;
}

/** 'ZZ' + YYMMDD in Asia/Shanghai + the day's sequence (4 digits, more past 9999). */
export function trackingNumber(n: CaseNumber): string {
  return `ZZ${n.day}${String(n.sequence).padStart(4, '0')}`;
}

export function trackingDay(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(2, 10).replace(/-/g, '');
}

/**
 * The next number of the day, from the pool and never inside a transaction:
 * the counter row is locked only for its own short statement (whose commit
 * need not wait for the disk — see repo.nextDailySequence), so intakes do not
 * queue behind each other; a failed intake leaves a gap.
 */
export async function reserveCaseNumber(db: Db, now: Date): Promise<CaseNumber> {
  if (db.isTransaction) throw new Error('reserveCaseNumber must not run inside a transaction: it would hold the day\'s counter until that transaction ends');
  const day = trackingDay(now);
  return { day, sequence: await repo.nextDailySequence(db, day) };
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
  /** `phone: 'account'`: the requester's own account's phone, read in the same statement. */
  requester: { id: string | null; name: string | null; phone: string | null | 'account' };
  idempotencyKey: string | null;
  sourcePostId: string | null;
}

export interface WrittenCase {
  c: CaseRow;
  regionName: string;
  /** The timeline as written (submitted, and routed when a unit was found). */
  events: EventRow[];
  unit: UnitInfo | null;
}

export interface WriteOptions {
  /** Kept on the 'submitted' timeline row (what the case stands for in a calling module). */
  sourceData?: Record<string, unknown>;
  /** The reference snapshot the caller already holds (saves its version check). */
  ref?: CaseReference;
}

/** A new case in one statement on `db` (the pool, or the caller's transaction), numbered with `number`. */
export async function writeNewCase(db: Executor, ctx: ServiceContext, n: NewCase, number: CaseNumber, options: WriteOptions = {}): Promise<WrittenCase> {
  // No actor: a machine client (Open311) filed it; the timeline says 'system'.
  const actor = ctx.actor;
  const sourceData = options.sourceData ?? {};
  const route = routeWith(options.ref ?? (await caseReference(db)), { categoryCode: n.category.code, regionCode: n.regionCode, confidential: n.category.confidential });
  const now = ctx.clock.now();
  const due = computeDeadlines(now, { responseHours: n.category.response_hours, resolutionHours: n.category.resolution_hours }, n.priority);
  const onDuty = route.unit ? await onDutyUserIds({ db, clock: ctx.clock }, route.unit.id) : [];
  const id = crypto.randomUUID();
  const requesterPhone = n.requester.phone === 'account' ? sql<string | null>`(select phone from users where id = ${n.requester.id})` : n.requester.phone;

  const values = {
    id,
    tracking_number: trackingNumber(number),
    channel: n.channel,
    category_code: n.category.code,
    title: n.title,
    description: n.description,
    region_code: n.regionCode,
    county_code: n.regionCode.slice(0, 6),
    address: n.address,
    lat: n.lat,
    lng: n.lng,
    status: route.unit ? ('assigned' as const) : ('submitted' as const),
    priority: n.priority,
    is_public: n.isPublic,
    is_anonymous: n.isAnonymous,
    confidential: n.category.confidential,
    requester_user_id: n.requester.id,
    requester_name: n.requester.name,
    requester_phone: requesterPhone,
    created_by: actor?.userId ?? null,
    handling_unit_id: route.unit?.id ?? null,
    source_post_id: n.sourcePostId,
    response_due_at: due.responseDueAt,
    resolution_due_at: due.resolutionDueAt,
    idempotency_key: n.idempotencyKey,
    created_at: now,
    updated_at: now,
  };
  // What the timeline and the audit need of the case, before it exists.
  const draft = { ...values, requester_phone: null, prior_unit_ids: [] } as unknown as CaseRow;
  const submitted = { ...draft, status: 'submitted' as const, handling_unit_id: null };
  const events = [
    eventRow(submitted, actor, now, { kind: 'submitted', from: null, to: 'submitted', visible: true, data: { channel: n.channel, ...(n.sourcePostId ? { postId: n.sourcePostId } : {}), ...sourceData } }),
    ...(route.unit
      ? [
          eventRow(draft, null, now, {
            kind: 'routed' as const,
            from: 'submitted' as const,
            to: 'assigned' as const,
            visible: true,
            unit: { id: route.unit.id, name: route.unit.name },
            data: { toUnitId: route.unit.id, toUnitName: route.unit.name, ruleId: route.ruleId, fallback: route.fallback, onDuty },
          }),
        ]
      : []),
  ];
  const auditRow = auditValues(ctx, {
    action: 'case.submit',
    targetType: 'case',
    targetId: id,
    after: { trackingNumber: values.tracking_number, channel: n.channel, category: n.category.code, regionCode: n.regionCode, unitId: values.handling_unit_id },
    // A supervision report's audit row does not name the reporter (only the report itself does, for the inspectors).
    confidential: n.category.confidential && !!actor && n.requester.id === actor.userId,
  });

  const row = await db
    .with('c', (q) => q.insertInto('cases').values({ ...values, search: sql<string>`setweight(to_tsvector('simple', ${documentText(n.title)}), 'A') || setweight(to_tsvector('simple', ${documentText(n.description)}), 'B')` }).returning(repo.CASE_COLUMNS))
    .with('e', (q) => q.insertInto('case_events').values(events.map((e) => ({ ...e, data: JSON.stringify(e.data ?? {}) }))).returning('id'))
    .with('a', (q) => q.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom('c')
    .selectAll('c')
    .select((eb) => [
      eb.selectFrom('e').select(sql<string[]>`array_agg(id::text order by id)`.as('ids')).as('event_ids'),
      eb.selectFrom('a').select(sql<number>`count(*)::int`.as('n')).as('audited'),
      // The on-duty cadre first, then what `announce` sends (a new case has no followers yet).
      liveNotifications([...assignmentEvents(draft, onDuty), ...caseEvents(draft, 'case.submitted', [], { onDuty })]).as('announced'),
      // The regions module's table, read here so the page needs no second round trip for the name.
      sql<string>`(select r.name from regions r where r.code = c.region_code)`.as('region_name'),
    ])
    .executeTakeFirstOrThrow();
  const { event_ids, audited: _audited, announced: _announced, region_name, ...c } = row;
  return {
    c: c as CaseRow,
    regionName: region_name,
    events: events.map((e, i) => ({ ...e, id: Number(event_ids![i]), data: e.data ?? {} }) as EventRow),
    unit: route.unit,
  };
}

/** A new case from the intake form or a hotline call: the number first, then the one statement. */
export async function createCase(ctx: ServiceContext, n: NewCase, ref?: CaseReference): Promise<WrittenCase> {
  const number = await reserveCaseNumber(ctx.db, ctx.clock.now());
  return writeNewCase(ctx.db, ctx, n, number, { ref });
}
