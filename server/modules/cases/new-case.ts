import crypto from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Clock, ServiceContext } from '../../platform/context.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { coalescer, coalescerPerDatabase } from '../../platform/coalesce.js';
import { auditValues } from '../../platform/audit.js';
import { liveNotifications, type LiveEvent } from '../../platform/live/live-hub.js';
import { computeDeadlines } from '../../../common/cases/deadlines.js';
import type { CaseChannel, CasePriority } from '../../../common/cases/types.js';
import { onDutyUserIds, onDutyUserIdsAt } from './directory.js';
import type { UnitInfo } from './directory.js';
import { caseReference, type CaseReference } from './reference.js';
import * as repo from './repo.js';
import type { CaseRow, CategoryRow, EventRow, NewEvent } from './repo.js';
import { routeWith } from './routing.js';
import type { CasesTable } from './tables.js';
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

type RouteResult = ReturnType<typeof routeWith>;

/** A new case made ready in Node: its row, timeline, audit row and announcements. */
interface PreparedCase {
  /** The cases row (its requester phone may be a sub-select). */
  values: { id: string; tracking_number: string; [column: string]: unknown };
  search: { title: string; description: string };
  events: NewEvent[];
  audit: ReturnType<typeof auditValues>;
  announcements: LiveEvent[];
  unit: UnitInfo | null;
}

function prepareNewCase(ctx: ServiceContext, n: NewCase, number: CaseNumber, route: RouteResult, onDuty: string[], sourceData: Record<string, unknown>): PreparedCase {
  // No actor: a machine client (Open311) filed it; the timeline says 'system'.
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const due = computeDeadlines(now, { responseHours: n.category.response_hours, resolutionHours: n.category.resolution_hours }, n.priority);
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
  const audit = auditValues(ctx, {
    action: 'case.submit',
    targetType: 'case',
    targetId: id,
    after: { trackingNumber: values.tracking_number, channel: n.channel, category: n.category.code, regionCode: n.regionCode, unitId: values.handling_unit_id },
    // A supervision report's audit row does not name the reporter (only the report itself does, for the inspectors).
    confidential: n.category.confidential && !!actor && n.requester.id === actor.userId,
  });
  return {
    values,
    search: { title: documentText(n.title), description: documentText(n.description) },
    events,
    audit,
    // The on-duty cadre first, then what `announce` sends (a new case has no followers yet).
    announcements: [...assignmentEvents(draft, onDuty), ...caseEvents(draft, 'case.submitted', [], { onDuty })],
    unit: route.unit,
  };
}

/**
 * Prepared cases in ONE statement (data-modifying CTEs): the cases, their
 * timelines, audit rows and announcements; atomic on its own, or part of the
 * caller's transaction. Any bad row fails them all.
 */
async function insertNewCases(db: Executor, prepared: PreparedCase[]): Promise<WrittenCase[]> {
  const rows = await db
    .with('c', (q) =>
      q
        .insertInto('cases')
        .values(prepared.map((p) => ({ ...p.values, search: sql<string>`setweight(to_tsvector('simple', ${p.search.title}), 'A') || setweight(to_tsvector('simple', ${p.search.description}), 'B')` })) as unknown as Insertable<CasesTable>[])
        .returning(repo.CASE_COLUMNS),
    )
    .with('e', (q) => q.insertInto('case_events').values(prepared.flatMap((p) => p.events.map((e) => ({ ...e, data: JSON.stringify(e.data ?? {}) })))).returning(['id', 'case_id']))
    .with('a', (q) => q.insertInto('audit_log').values(prepared.map((p) => p.audit)).returning('id'))
    .with('ea', (q) => q.selectFrom('e').select(['e.case_id', sql<string[]>`array_agg(e.id::text order by e.id)`.as('event_ids')]).groupBy('e.case_id'))
    .selectFrom('c')
    .innerJoin('ea', 'ea.case_id', 'c.id')
    // The regions module's table, read here so the page needs no second round trip for the name.
    .innerJoin('regions as r', 'r.code', 'c.region_code')
    .selectAll('c')
    .select((eb) => [
      'ea.event_ids',
      'r.name as region_name',
      // Uncorrelated, so each runs once for the statement.
      eb.selectFrom('a').select(sql<number>`count(*)::int`.as('n')).as('audited'),
      liveNotifications(prepared.flatMap((p) => p.announcements)).as('announced'),
    ])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return prepared.map((p) => {
    const { event_ids, audited: _audited, announced: _announced, region_name, ...c } = byId.get(p.values.id)!;
    return {
      c: c as CaseRow,
      regionName: region_name,
      events: p.events.map((e, i) => ({ ...e, id: Number(event_ids[i]), data: e.data ?? {} }) as EventRow),
      unit: p.unit,
    };
  });
}

/** A new case in one statement on `db` (the pool, or the caller's transaction), numbered with `number`. */
export async function writeNewCase(db: Executor, ctx: ServiceContext, n: NewCase, number: CaseNumber, options: WriteOptions = {}): Promise<WrittenCase> {
  const route = routeWith(options.ref ?? (await caseReference(db)), { categoryCode: n.category.code, regionCode: n.regionCode, confidential: n.category.confidential });
  const onDuty = route.unit ? await onDutyUserIds({ db, clock: ctx.clock }, route.unit.id) : [];
  const [written] = await insertNewCases(db, [prepareNewCase(ctx, n, number, route, onDuty, options.sourceData ?? {})]);
  return written!;
}

interface Intake {
  ctx: ServiceContext;
  n: NewCase;
  ref: CaseReference;
}

/**
 * Intakes that arrive together are written together (group commit): one
 * number reservation per day, one on-duty query, one statement for all their
 * cases — a few round trips per batch instead of four per case, which is what
 * a surge (a typhoon night on the hotline) needs. Each request still waits
 * for its own case's commit. When a batch fails (an unknown region, a repeated
 * idempotency key …) its cases are written one by one, so each request gets
 * its own answer and the others are not lost.
 */
async function writeBatch(db: Db, items: readonly Intake[]): Promise<(WrittenCase | Error)[]> {
  const routes = items.map((i) => routeWith(i.ref, { categoryCode: i.n.category.code, regionCode: i.n.regionCode, confidential: i.n.category.confidential }));
  const [numbers, onDuty] = await Promise.all([reserveCaseNumbers(db, items.map((i) => i.ctx.clock.now())), onDutyFor(db, items, routes)]);
  const prepared = items.map((item, k) => prepareNewCase(item.ctx, item.n, numbers[k]!, routes[k]!, onDuty[k]!, {}));
  if (prepared.length === 1) return insertNewCases(db, prepared).catch((error: unknown) => [asError(error)]);
  try {
    return await insertNewCases(db, prepared);
  } catch {
    return Promise.all(prepared.map((p) => insertNewCases(db, [p]).then((w) => w[0]!, asError)));
  }
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Numbers for intakes made at `times`, one reservation per day among them. */
async function reserveCaseNumbers(db: Db, times: Date[]): Promise<CaseNumber[]> {
  const days = times.map(trackingDay);
  const counts = new Map<string, number>();
  for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1);
  const next = new Map<string, number>();
  for (const [day, count] of counts) next.set(day, (await repo.nextDailySequence(db, day, count)) - count + 1);
  return days.map((day) => {
    const sequence = next.get(day)!;
    next.set(day, sequence + 1);
    return { day, sequence };
  });
}

/** The on-duty people of each intake's unit (one query per clock, which is one in production). */
async function onDutyFor(db: Db, items: readonly Intake[], routes: RouteResult[]): Promise<string[][]> {
  const result: string[][] = items.map(() => []);
  const byClock = new Map<Clock, number[]>();
  items.forEach((item, k) => {
    if (routes[k]!.unit) byClock.set(item.ctx.clock, [...(byClock.get(item.ctx.clock) ?? []), k]);
  });
  for (const [clock, ks] of byClock) {
    const people = await onDutyUserIdsAt({ db, clock }, [...new Set(ks.map((k) => routes[k]!.unit!.id))]);
    for (const k of ks) result[k] = people.get(routes[k]!.unit!.id) ?? [];
  }
  return result;
}

const intakeWriter = coalescerPerDatabase((db: Db) => coalescer<Intake, WrittenCase>((items) => writeBatch(db, items), { maxBatch: 100, maxInFlight: 2 }));

/** A new case from the intake form, a hotline call or a group post: numbered and written with the intakes arriving at the same time. */
export async function createCase(ctx: ServiceContext, n: NewCase, ref?: CaseReference): Promise<WrittenCase> {
  if (ctx.db.isTransaction) throw new Error('createCase writes on the pool; inside a transaction use reserveCaseNumber before it and writeNewCase');
  return intakeWriter(ctx.db)({ ctx, n, ref: ref ?? (await caseReference(ctx.db)) });
}
