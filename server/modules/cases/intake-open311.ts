import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { badRequest } from '../../platform/errors.js';
import { OPEN_STATUSES, type CaseStatus } from '../../../common/cases/states.js';
import { maskPhone } from '../../../common/masking.js';
import * as directory from './directory.js';
import * as repo from './repo.js';
import type { CategoryRow } from './repo.js';
import { reserveCaseNumber, writeNewCase } from './new-case.js';

/**
 * The case engine's side of Open311 (server/modules/open311): the categories
 * a machine client may file under, intake through the same routing,
 * deadlines, timeline, search index, audit and live announcement as the app
 * (channel 'open311'), and the public record of cases the GeoReport `GET
 * requests` answers are made of — without the requester, ever.
 */

/** Categories offered to Open311 clients: active and not confidential (supervision reports go through the app, which protects the reporter). */
export async function open311Categories(db: Executor): Promise<CategoryRow[]> {
  return (await repo.listCategories(db)).filter((c) => !c.confidential);
}

export interface ExternalCaseInput {
  categoryCode: string;
  title: string | null;
  description: string;
  regionCode: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  requester: { name: string | null; phone: string | null };
}

export interface ExternalCase {
  id: string;
  trackingNumber: string;
  status: CaseStatus;
  unitName: string | null;
  resolutionDueAt: Date;
}

/** A short title from the description: its first sentence, at most 30 characters. */
export function titleFrom(description: string): string {
  const first = description.trim().split(/[。！？!?\n]/)[0]!.trim();
  const chars = Array.from(first || description.trim());
  return chars.length > 30 ? `${chars.slice(0, 29).join('')}…` : chars.join('');
}

/**
 * Files a case for a machine client (no signed-in person: the timeline says
 * 'system'). `within` runs in the same transaction after the case is
 * written (the caller records what its client sent, and audits it), so an
 * acknowledged case always has its Open311 record and the other way round.
 */
export async function submitExternalCase(
  ctx: ServiceContext,
  input: ExternalCaseInput,
  within: (trx: Executor, c: ExternalCase) => Promise<void>,
): Promise<ExternalCase> {
  const category = await repo.findCategory(ctx.db, input.categoryCode);
  if (!category || !category.active || category.confidential) throw badRequest('cases.unknown_category', 'service_code');
  if (!(await directory.findRegion(ctx.db, input.regionCode))) throw badRequest('cases.unknown_region', 'region_code');
  const number = await reserveCaseNumber(ctx.db, ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    const { c, unit } = await writeNewCase(
      trx,
      ctx,
      {
        channel: 'open311',
        category,
        title: input.title ?? titleFrom(input.description),
        description: input.description,
        regionCode: input.regionCode,
        address: input.address,
        lat: input.lat,
        lng: input.lng,
        priority: category.default_priority,
        // GeoReport requests are public records (GET requests lists them); the requester never is.
        isPublic: true,
        isAnonymous: false,
        requester: { id: null, name: input.requester.name, phone: input.requester.phone },
        idempotencyKey: null,
        sourcePostId: null,
      },
      number,
    );
    const created: ExternalCase = { id: c.id, trackingNumber: c.tracking_number, status: c.status, unitName: unit?.name ?? null, resolutionDueAt: c.resolution_due_at };
    await within(trx, created);
    return created;
  });
}

/** What the public may know of a case: no requester, no personal data. */
export interface PublicCaseRecord {
  id: string;
  trackingNumber: string;
  status: CaseStatus;
  open: boolean;
  categoryCode: string;
  categoryName: string;
  description: string;
  unitName: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  createdAt: Date;
  updatedAt: Date;
  resolutionDueAt: Date;
  /** The unit's result (or the reason it declined), once the case is no longer open. */
  statusNote: string | null;
}

export interface PublicRecordFilter {
  trackingNumbers?: string[];
  categoryCode?: string;
  from?: Date;
  to?: Date;
  open?: boolean;
  limit: number;
}

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** Phone numbers a requester typed into the text are masked in public answers. */
const maskPhones = (text: string) => text.replace(MOBILE, (m) => maskPhone(m));

/** Public, non-confidential cases (the GeoReport `GET requests`), newest first. */
export async function publicCaseRecords(db: Executor, f: PublicRecordFilter): Promise<PublicCaseRecord[]> {
  let q = db
    .selectFrom('cases')
    .innerJoin('case_categories as cat', 'cat.code', 'cases.category_code')
    .select([
      'cases.id',
      'cases.tracking_number',
      'cases.status',
      'cases.category_code',
      'cat.name as category_name',
      'cases.description',
      'cases.handling_unit_id',
      'cases.address',
      'cases.lat',
      'cases.lng',
      'cases.created_at',
      'cases.updated_at',
      'cases.resolution_due_at',
      sql<string | null>`(select e.note from case_events e where e.case_id = cases.id and e.kind in ('resolved', 'rejected') and e.visible_to_requester order by e.id desc limit 1)`.as('status_note'),
    ])
    .where('cases.is_public', '=', true)
    .where('cases.confidential', '=', false);
  if (f.trackingNumbers) q = q.where('cases.tracking_number', 'in', f.trackingNumbers.length ? f.trackingNumbers : ['']);
  if (f.categoryCode) q = q.where((eb) => eb.or([eb('cases.category_code', '=', f.categoryCode!), eb('cases.category_code', 'like', `${f.categoryCode}.%`)]));
  if (f.from) q = q.where('cases.created_at', '>=', f.from);
  if (f.to) q = q.where('cases.created_at', '<=', f.to);
  if (f.open !== undefined) q = q.where('cases.status', f.open ? 'in' : 'not in', [...OPEN_STATUSES]);
  const rows = await q.orderBy('cases.created_at', 'desc').orderBy('cases.id').limit(f.limit).execute();
  const names = await directory.namesFor(
    db,
    rows.map((r) => r.handling_unit_id),
    [],
  );
  const open = new Set<string>(OPEN_STATUSES);
  return rows.map((r) => ({
    id: r.id,
    trackingNumber: r.tracking_number,
    status: r.status,
    open: open.has(r.status),
    categoryCode: r.category_code,
    categoryName: r.category_name,
    description: maskPhones(r.description),
    unitName: r.handling_unit_id ? (names.units.get(r.handling_unit_id)?.name ?? null) : null,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolutionDueAt: r.resolution_due_at,
    statusNote: !open.has(r.status) && r.status_note ? maskPhones(r.status_note) : null,
  }));
}
