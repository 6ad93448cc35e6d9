import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { coalescer, coalescerPerDatabase } from '../../platform/coalesce.js';
import { auditValues } from '../../platform/audit.js';
import { columnNames, unnestRows } from '../../platform/db/unnest.js';
import { PREPARED } from '../../platform/db/prepared-client.js';
import { liveNotifications, type LiveEvent } from '../../platform/live/live-hub.js';
import { computeDeadlines } from '../../../common/cases/deadlines.js';
import type { CaseChannel, CasePriority } from '../../../common/cases/types.js';
import { dutyRoster, onDutyUserIds } from './directory.js';
import type { DutyRoster, UnitInfo } from './directory.js';
import { caseReference, type CaseReference } from './reference.js';
import * as repo from './repo.js';
import type { CaseRow, CategoryRow, EventRow, NewEvent } from './repo.js';
import { routeWith } from './routing.js';
import { assignmentEvents, caseEvents } from './notify.js';
import { documentText } from './segment.js';
import { eventRow } from './transition-kit.js';
import { CaseNumberAllocator } from './case-numbers.js';
import { AUDIT_INPUT, CASE_INPUT, EVENT_INPUT, STORED } from './new-case-columns.js';

/**
 * Writing a new case, whatever its channel (app, hotline, group post, Open311,
 * an emergency need): it is numbered, routed to its handling unit, given its
 * deadlines and announced — the on-duty cadre of the unit first.
 *
 * The intake is the busiest write of the platform, so the case, its timeline,
 * its audit row and its announcements are ONE statement (data-modifying CTEs:
 * atomic on its own, or part of the caller's transaction), the reference data
 * and the duty roster come from reference caches, and the number from blocks
 * reserved ahead (case-numbers.ts).
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

const allocators = new WeakMap<Db, CaseNumberAllocator>();

/** The pool's allocator of tracking numbers (case-numbers.ts): blocks reserved outside any transaction. */
function numbersOf(db: Db): CaseNumberAllocator {
  let allocator = allocators.get(db);
  if (!allocator) allocators.set(db, (allocator = new CaseNumberAllocator((day, count) => repo.nextDailySequence(db, day, count))));
  return allocator;
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
  const [sequence] = await numbersOf(db).take(day, 1);
  return { day, sequence: sequence! };
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
export interface PreparedCase {
  /** The cases row; `phone_from_account`: the requester phone is read from their account in the write. */
  values: ReturnType<typeof caseValues>;
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
  const values = caseValues(n, number, route, actor?.userId ?? null, now, due);
  // What the timeline and the audit need of the case, before it exists.
  const { phone_from_account: _fromAccount, ...row } = values;
  const draft = Object.assign({}, row, { requester_phone: null, prior_unit_ids: [] }) as unknown as CaseRow;
  return withTimeline(ctx, n, values, draft, route, onDuty, sourceData);
}

function caseValues(n: NewCase, number: CaseNumber, route: RouteResult, createdBy: string | null, now: Date, due: ReturnType<typeof computeDeadlines>) {
  return {
    id: crypto.randomUUID(),
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
    requester_phone: n.requester.phone === 'account' ? null : n.requester.phone,
    phone_from_account: n.requester.phone === 'account',
    created_by: createdBy,
    handling_unit_id: route.unit?.id ?? null,
    source_post_id: n.sourcePostId,
    response_due_at: due.responseDueAt,
    resolution_due_at: due.resolutionDueAt,
    idempotency_key: n.idempotencyKey,
    created_at: now,
    updated_at: now,
  };
}

function withTimeline(
  ctx: ServiceContext,
  n: NewCase,
  values: ReturnType<typeof caseValues>,
  draft: CaseRow,
  route: RouteResult,
  onDuty: string[],
  sourceData: Record<string, unknown>,
): PreparedCase {
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const id = values.id;
  const submitted = Object.assign({}, draft, { status: 'submitted' as const, handling_unit_id: null });
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

const RETURNED = sql.join(repo.CASE_COLUMNS.map((c) => sql.ref(c)));

/**
 * Prepared cases in ONE statement (data-modifying CTEs): the cases, their
 * timelines, audit rows and announcements; atomic on its own, or part of the
 * caller's transaction. Any bad row fails them all. Rows travel as one array
 * per column (unnest), so the statement's text is the same for one case or a
 * hundred: prepared once per connection, never re-parsed (a batch of 32 as a
 * VALUES list of 2,100 parameters spent 2.6 ms in the planner), and marked
 * PREPARED: its plan (inserts of the arrays' rows) does not depend on them.
 */
async function insertNewCases(db: Executor, prepared: PreparedCase[]): Promise<WrittenCase[]> {
  const events = prepared.flatMap((p) => p.events);
  const rows = await sql<CaseRow & { event_ids: string[]; region_name: string; audited: number; announced: number }>`with c as (
      insert into cases (${columnNames(STORED)}, requester_phone, search)
      select ${sql.raw(STORED.map(([name]) => `t.${name}`).join(', '))},
        case when t.phone_from_account then (select u.phone from users u where u.id = t.requester_user_id) else t.requester_phone end,
        setweight(to_tsvector('simple', t.search_title), 'A') || setweight(to_tsvector('simple', t.search_description), 'B')
      from ${unnestRows(prepared, CASE_INPUT, 't')}
      returning ${RETURNED}),
    e as (insert into case_events (${columnNames(EVENT_INPUT)}) select * from ${unnestRows(events, EVENT_INPUT, 'x')} returning id, case_id),
    a as (insert into audit_log (${columnNames(AUDIT_INPUT)}) select * from ${unnestRows(prepared.map((p) => p.audit), AUDIT_INPUT, 'y')} returning id),
    ea as (select e.case_id, array_agg(e.id::text order by e.id) as event_ids from e group by e.case_id)
    select c.*, ea.event_ids, r.name as region_name,
      -- Uncorrelated, so each runs once for the statement.
      (select count(*)::int from a) as audited, ${liveNotifications(prepared.flatMap((p) => p.announcements))} as announced
    from c join ea on ea.case_id = c.id
    -- The regions module's table, read here so the page needs no second round trip for the name.
    join regions r on r.code = c.region_code ${PREPARED}`.execute(db);
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  return prepared.map((p) => {
    const { event_ids, audited: _audited, announced: _announced, region_name, ...c } = byId.get(p.values.id)!;
    return {
      c: c as CaseRow,
      regionName: region_name,
      events: p.events.map((e, i) => Object.assign({}, e, { id: Number(event_ids[i]), data: e.data ?? {} }) as EventRow),
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

/** What an intake reads of reference data: the case reference and the duty roster, in one version check. */
export interface IntakeReference {
  cases: CaseReference;
  roster: DutyRoster;
}

/** Checked with the versions the request read as it arrived, when it did (ctx.referenceVersions). */
export async function intakeReference(ctx: Pick<ServiceContext, 'db' | 'referenceVersions'>): Promise<IntakeReference> {
  // Asked in the same tick, the two caches share one version query (platform/reference-cache.ts).
  const [cases, roster] = await Promise.all([caseReference(ctx.db, ctx.referenceVersions), dutyRoster(ctx.db, ctx.referenceVersions)]);
  return { cases, roster };
}

interface Intake {
  ctx: ServiceContext;
  n: NewCase;
  reference: IntakeReference;
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
  const routes = items.map((i) => routeWith(i.reference.cases, { categoryCode: i.n.category.code, regionCode: i.n.regionCode, confidential: i.n.category.confidential }));
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

/** Numbers for intakes made at `times`, taken per day among them. */
async function reserveCaseNumbers(db: Db, times: Date[]): Promise<CaseNumber[]> {
  const days = times.map(trackingDay);
  const counts = new Map<string, number>();
  for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1);
  const taken = new Map<string, number[]>();
  for (const [day, count] of counts) taken.set(day, await numbersOf(db).take(day, count));
  return days.map((day) => ({ day, sequence: taken.get(day)!.shift()! }));
}

/** The on-duty people of each intake's unit, from the roster snapshot each intake read with its reference. */
function onDutyFor(db: Db, items: readonly Intake[], routes: RouteResult[]): Promise<string[][]> {
  return Promise.all(
    items.map(async (item, k) => {
      const unit = routes[k]!.unit;
      if (!unit) return [];
      const person = await item.reference.roster.onDutyAt(db, item.ctx.clock.now(), unit.id);
      return person ? [person] : [];
    }),
  );
}

const intakeWriter = coalescerPerDatabase((db: Db) => coalescer<Intake, WrittenCase>((items) => writeBatch(db, items), { maxBatch: 100, maxInFlight: 2 }));

/** A new case from the intake form, a hotline call or a group post: numbered and written with the intakes arriving at the same time. */
export async function createCase(ctx: ServiceContext, n: NewCase, reference?: IntakeReference): Promise<WrittenCase> {
  if (ctx.db.isTransaction) throw new Error('createCase writes on the pool; inside a transaction use reserveCaseNumber before it and writeNewCase');
  return intakeWriter(ctx.db)({ ctx, n, reference: reference ?? (await intakeReference(ctx)) });
}
