import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';
import { OPEN_STATUSES, type CaseStatus } from '../../../common/cases/states.js';
import type { CaseChannel, CasePriority } from '../../../common/cases/types.js';
import type { CaseScope } from './policy.js';
import { CASE_COLUMNS, type CaseRow } from './repo.js';
import { queryTokens } from './segment.js';

/**
 * The list queries: the cadre queue, the public list, my cases, similar cases.
 * Access is part of the SQL (`visibleTo`), built from the same `CaseScope`
 * as the policy predicates, so a list never shows what a detail would refuse.
 */

type CaseQuery = SelectQueryBuilder<Database, 'cases', any>;
const OPEN = OPEN_STATUSES as readonly string[];

/** `%`, `_` and `\` are literal in a prefix. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Cases the scope may see: the SQL twin of policy.canView, except followers
 * and units that held a case before (they open it, but it leaves their queue).
 */
export function visibleTo(scope: CaseScope): RawBuilder<boolean> {
  if (scope.admin) return sql<boolean>`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.userId) parts.push(sql`(cases.requester_user_id = ${scope.userId} or cases.created_by = ${scope.userId})`);
  if (scope.handlerUnits.length) parts.push(sql`(not cases.confidential and cases.handling_unit_id = any(${scope.handlerUnits}::uuid[]))`);
  if (scope.inspectorUnits.length) parts.push(sql`(cases.confidential and cases.handling_unit_id = any(${scope.inspectorUnits}::uuid[]))`);
  for (const p of scope.oversightPrefixes) parts.push(sql`(not cases.confidential and cases.region_code like ${likePrefix(p)})`);
  for (const p of scope.inspectorPrefixes) parts.push(sql`(cases.confidential and cases.region_code like ${likePrefix(p)})`);
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Cases the scope may work now (the SQL twin of policy.mayAct for unit actions). */
export function workableBy(scope: CaseScope): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.admin) parts.push(sql`not cases.confidential`);
  if (scope.handlerUnits.length) parts.push(sql`(not cases.confidential and cases.handling_unit_id = any(${scope.handlerUnits}::uuid[]))`);
  if (scope.inspectorUnits.length) parts.push(sql`(cases.confidential and cases.handling_unit_id = any(${scope.inspectorUnits}::uuid[]))`);
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** A tsquery of the jieba words of `q` (all of them must match). */
export function searchQuery(q: string): RawBuilder<unknown> {
  const words = queryTokens(q);
  return sql`plainto_tsquery('simple', ${words.length ? words.join(' ') : q.trim()})`;
}

export interface ListFilters {
  status?: CaseStatus[];
  category?: string;
  regionPrefix?: string;
  unitId?: string;
  overdue?: boolean;
  priority?: CasePriority;
  channel?: CaseChannel;
  q?: string;
}

function applyFilters(qb: CaseQuery, f: ListFilters, now: Date): CaseQuery {
  if (f.status?.length) qb = qb.where('cases.status', 'in', f.status);
  if (f.category) qb = qb.where((eb) => eb.or([eb('cases.category_code', '=', f.category!), eb('cases.category_code', 'like', `${f.category}.%`)]));
  if (f.regionPrefix) qb = qb.where('cases.region_code', 'like', likePrefix(f.regionPrefix));
  if (f.unitId) qb = qb.where('cases.handling_unit_id', '=', f.unitId);
  if (f.priority) qb = qb.where('cases.priority', '=', f.priority);
  if (f.channel) qb = qb.where('cases.channel', '=', f.channel);
  if (f.overdue !== undefined) {
    const overdue = sql<boolean>`(cases.status in (${sql.join([...OPEN])}) and (cases.resolution_due_at < ${now} or (cases.responded_at is null and cases.response_due_at < ${now})))`;
    qb = qb.where(f.overdue ? overdue : sql<boolean>`not ${overdue}`);
  }
  if (f.q) qb = qb.where(sql<boolean>`cases.search @@ ${searchQuery(f.q)}`);
  return qb;
}

export interface Paged {
  rows: CaseRow[];
  total: number;
}

async function page(base: CaseQuery, order: (qb: CaseQuery) => CaseQuery, pageNo: number, pageSize: number): Promise<Paged> {
  const [rows, count] = await Promise.all([
    order(base.select(CASE_COLUMNS.map((c) => `cases.${c}` as const)))
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as CaseRow[], total: Number((count as { n: number }).n) };
}

export type QueueSort = 'created' | 'due' | 'relevance';

/** The cadre queue: what the scope may see, filtered, sorted and paged. */
export function queue(db: Executor, scope: CaseScope, f: ListFilters, sort: QueueSort, pageNo: number, pageSize: number, now: Date): Promise<Paged> {
  const base = applyFilters(db.selectFrom('cases').where(visibleTo(scope)), f, now);
  return page(
    base,
    (qb) => {
      if (sort === 'due') return qb.orderBy('cases.resolution_due_at', 'asc').orderBy('cases.id');
      if (sort === 'relevance' && f.q) return qb.orderBy(sql`ts_rank(cases.search, ${searchQuery(f.q)})`, 'desc').orderBy('cases.created_at', 'desc');
      return qb.orderBy('cases.created_at', 'desc').orderBy('cases.id');
    },
    pageNo,
    pageSize,
  );
}

/** Public cases (never confidential, never merged away), newest first or by relevance. */
export function publicCases(db: Executor, f: Pick<ListFilters, 'category' | 'regionPrefix' | 'q'>, pageNo: number, pageSize: number, now: Date): Promise<Paged> {
  const base = applyFilters(
    db.selectFrom('cases').where('cases.is_public', '=', true).where('cases.confidential', '=', false).where('cases.status', '<>', 'merged'),
    f,
    now,
  );
  return page(
    base,
    (qb) => (f.q ? qb.orderBy(sql`ts_rank(cases.search, ${searchQuery(f.q)})`, 'desc') : qb).orderBy('cases.created_at', 'desc').orderBy('cases.id'),
    pageNo,
    pageSize,
  );
}

/** Cases I filed or follow. */
export async function mine(db: Executor, userId: string, status: CaseStatus[] | undefined, pageNo: number, pageSize: number, now: Date): Promise<Paged & { followed: Set<string> }> {
  const base = applyFilters(
    db
      .selectFrom('cases')
      .where((eb) =>
        eb.or([
          eb('cases.requester_user_id', '=', userId),
          eb.exists(eb.selectFrom('case_followers as f').select('f.user_id').whereRef('f.case_id', '=', 'cases.id').where('f.user_id', '=', userId)),
        ]),
      ),
    { status },
    now,
  );
  const result = await page(base, (qb) => qb.orderBy('cases.created_at', 'desc').orderBy('cases.id'), pageNo, pageSize);
  return { ...result, followed: new Set(result.rows.filter((r) => r.requester_user_id !== userId).map((r) => r.id)) };
}

export interface SimilarRow {
  id: string;
  tracking_number: string;
  title: string;
  status: CaseStatus;
  region_code: string;
  created_at: Date;
  requester_user_id: string | null;
  similarity: number;
  distance_m: number | null;
}

const EARTH_RADIUS_M = 6371000;

/**
 * Open cases near a new one: in the same region subtree, or within `radiusM`
 * (a bounding box on the indexed lat/lng, then the exact haversine distance),
 * whose title resembles the text (pg_trgm), most similar first.
 */
export async function similar(
  db: Executor,
  input: { regionPrefix: string; text: string; lat?: number; lng?: number; radiusM: number; limit: number; minSimilarity: number },
  visible: RawBuilder<boolean>,
): Promise<SimilarRow[]> {
  const near: RawBuilder<unknown>[] = [sql`cases.region_code like ${likePrefix(input.regionPrefix)}`];
  let distance: RawBuilder<unknown> = sql`null::double precision`;
  if (input.lat !== undefined && input.lng !== undefined) {
    const dLat = (input.radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
    const dLng = dLat / Math.max(Math.cos((input.lat * Math.PI) / 180), 0.01);
    distance = sql`(2 * ${EARTH_RADIUS_M} * asin(sqrt(power(sin(radians(cases.lat - ${input.lat}) / 2), 2) + cos(radians(${input.lat})) * cos(radians(cases.lat)) * power(sin(radians(cases.lng - ${input.lng}) / 2), 2))))`;
    near.push(
      sql`(cases.lat between ${input.lat - dLat} and ${input.lat + dLat} and cases.lng between ${input.lng - dLng} and ${input.lng + dLng} and ${distance} <= ${input.radiusM})`,
    );
  }
  const score = sql<number>`greatest(similarity(cases.title, ${input.text}), word_similarity(cases.title, ${input.text}))`;
  const rows = await db
    .selectFrom('cases')
    .select([
      'cases.id',
      'cases.tracking_number',
      'cases.title',
      'cases.status',
      'cases.region_code',
      'cases.created_at',
      'cases.requester_user_id',
      score.as('similarity'),
      sql<number | null>`case when cases.lat is null then null else ${distance} end`.as('distance_m'),
    ])
    .where('cases.status', 'in', [...OPEN] as CaseStatus[])
    .where(sql<boolean>`(${sql.join(near, sql` or `)})`)
    .where(visible)
    .where(score, '>=', input.minSimilarity)
    .orderBy(score, 'desc')
    .orderBy('cases.created_at', 'desc')
    .limit(input.limit)
    .execute();
  return rows as SimilarRow[];
}
