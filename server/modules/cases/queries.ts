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

type RegionPredicate = (prefix: string) => RawBuilder<boolean>;

/** A region subtree as a prefix match, which the btree (text_pattern_ops) list indexes walk in order. */
const regionLike: RegionPredicate = (prefix) => sql<boolean>`cases.region_code like ${likePrefix(prefix)}`;

/**
 * A region subtree as an equality on the key the scoped search index holds
 * for a county, township or village prefix (migration 1043), so a text search
 * under a scope is answered inside one GIN index — the word's posting list
 * intersected with the subtree's — instead of ANDing a bitmap of every case
 * with the word (tens of thousands at a million cases) with the subtree's.
 */
const regionKey: RegionPredicate = (prefix) => {
  if (prefix.length === 15) return sql<boolean>`cases.region_code = ${prefix}`;
  if (prefix.length === 6 || prefix.length === 9 || prefix.length === 12) return sql<boolean>`left(cases.region_code, ${sql.lit(prefix.length)}) = ${prefix}`;
  return regionLike(prefix);
};

/**
 * Cases the scope may see: the SQL twin of policy.canView, except followers
 * and units that held a case before (they open it, but it leaves their queue).
 * `inRegion` says how a region subtree is matched (regionKey for text searches).
 */
export function visibleTo(scope: CaseScope, inRegion: RegionPredicate = regionLike): RawBuilder<boolean> {
  if (scope.admin) return sql<boolean>`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.userId) parts.push(sql`(cases.requester_user_id = ${scope.userId} or cases.created_by = ${scope.userId})`);
  // One equality per unit: each is a key of the scoped search index (an `= any(array)` is not).
  for (const u of scope.handlerUnits) parts.push(sql`(not cases.confidential and cases.handling_unit_id = ${u})`);
  for (const u of scope.inspectorUnits) parts.push(sql`(cases.confidential and cases.handling_unit_id = ${u})`);
  for (const p of scope.oversightPrefixes) parts.push(sql`(not cases.confidential and ${inRegion(p)})`);
  for (const p of scope.inspectorPrefixes) parts.push(sql`(cases.confidential and ${inRegion(p)})`);
  for (const p of scope.hotlinePrefixes) parts.push(hotlineCalls(p, inRegion));
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** What the scope may see, in the form a text search under it reads from the scoped search index. */
export const searchScope = (scope: CaseScope) => visibleTo(scope, regionKey);

/** The calls a hotline centre answers for (policy.answersHotline). */
const hotlineCalls = (prefix: string, inRegion: RegionPredicate = regionLike) =>
  sql<boolean>`(cases.channel = 'hotline' and not cases.confidential and ${inRegion(prefix)})`;

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
  if (f.regionPrefix) qb = qb.where(f.q ? regionKey(f.regionPrefix) : regionLike(f.regionPrefix));
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

/**
 * Totals are counted up to a cap: past it a list says "1,000+" (`totalCapped`)
 * instead of counting every match, which at a million cases means reading
 * every matching row. A thousand is 50 pages of a queue: past that a cadre
 * filters (or exports, which counts exactly); counting to 10,000 cost a
 * county department's queue 13 ms of its 15.
 */
export const TOTAL_CAP = 1_000;
/**
 * A text search holds the newest this-many matches ("100+"), ranked by
 * relevance (ts_rank) or newest first: a common word matches tens of
 * thousands of cases, and counting or ranking them all would read each one.
 */
export const TEXT_WINDOW = 100;

export interface Paged {
  rows: CaseRow[];
  /** The names of the page's regions (read with the page: one round trip less per list). */
  regionNames: Map<string, string>;
  /** Exact, or the cap when `totalCapped`. */
  total: number;
  totalCapped: boolean;
}

export type QueueSort = 'created' | 'due' | 'relevance';
type Key = 'created' | 'due';

const KEYS = {
  created: { column: 'created_at', dir: 'desc' },
  due: { column: 'resolution_due_at', dir: 'asc' },
} as const;

/**
 * The union of the branches' first `perBranch` ids and keys. Each branch (one
 * part of the access scope, with the filters) walks its own index in key order
 * and stops there, so an OR of scopes never turns into a scan and sort of
 * everything any of them sees.
 */
function branchUnion(branches: CaseQuery[], key: Key, perBranch: number): RawBuilder<unknown> {
  const { column, dir } = KEYS[key];
  const col = sql.ref(`cases.${column}`);
  const parts = branches.map((b) => sql`(${b.select([sql.ref('cases.id').as('id'), col.as('k')]).orderBy(col, dir).orderBy('cases.id').limit(perBranch)})`);
  const union = parts.length === 1 ? parts[0]! : sql.join(parts, sql` union `);
  return sql`select u.id, u.k from (${union}) u`;
}

/** Ids of a page in `key` order over the union of the branches. */
function pageIds(branches: CaseQuery[], key: Key, limit: number, offset: number): RawBuilder<unknown> {
  const { dir } = KEYS[key];
  return sql`select p.id, p.k from (${branchUnion(branches, key, offset + limit)}) p order by p.k ${sql.raw(dir)}, p.id limit ${limit} offset ${offset}`;
}

const COLUMNS = sql.join(CASE_COLUMNS.map((c) => sql.ref(`cases.${c}`)));

/** The cases of a page in key order. */
function pageRows(branches: CaseQuery[], key: Key, limit: number, offset: number): RawBuilder<unknown> {
  const { dir } = KEYS[key];
  return sql`select ${COLUMNS} from cases join (${pageIds(branches, key, limit, offset)}) p on p.id = cases.id order by p.k ${sql.raw(dir)}, cases.id`;
}

/**
 * By relevance past the window (a client paging beyond the total): the newest
 * TEXT_WINDOW matches ranked, then the older ones newest first, so pages
 * neither repeat nor skip a case.
 */
function rankedRows(branches: CaseQuery[], q: string, limit: number, offset: number): RawBuilder<unknown> {
  if (offset >= TEXT_WINDOW) return pageRows(branches, 'created', limit, offset);
  const parts = [sql`select ${COLUMNS}, 0 as part, ts_rank(cases.search, ${searchQuery(q)}) as rank from cases join (${pageIds(branches, 'created', TEXT_WINDOW, 0)}) w on w.id = cases.id`];
  if (offset + limit > TEXT_WINDOW) {
    parts.push(sql`select ${COLUMNS}, 1 as part, 0::real as rank from cases join (${pageIds(branches, 'created', offset + limit - TEXT_WINDOW, TEXT_WINDOW)}) o on o.id = cases.id`);
  }
  return sql`select r.* from (${sql.join(parts, sql` union all `)}) r order by r.part, r.rank desc, r.created_at desc, r.id limit ${limit} offset ${offset}`;
}

/** How many cases the branches hold together, counted up to cap + 1 (all of them for an infinite cap). */
function cappedCount(branches: CaseQuery[], cap: number): RawBuilder<unknown> {
  const limited = (qb: CaseQuery) => (Number.isFinite(cap) ? qb.limit(cap + 1) : qb);
  const parts = branches.map((b) => sql`(${limited(b.select(sql.ref('cases.id').as('id')))})`);
  const union = parts.length === 1 ? parts[0]! : sql.join(parts, sql` union `);
  const limit = Number.isFinite(cap) ? sql`limit ${cap + 1}` : sql``;
  return sql`select count(*)::int as n from (select u.id from ${sql`(${union})`} u ${limit}) c`;
}

/** One round trip: the capped total, and the page (none when the page is past the end). */
async function runPage(db: Executor, count: RawBuilder<unknown>, rows: RawBuilder<unknown>, cap: number, prefix: RawBuilder<unknown> = sql``): Promise<Paged> {
  // The regions module's table, read here for the same reason as the intake's (new-case.ts).
  const result = await sql<CaseRow & { n: number; ord: number | null; region_name: string | null }>`${prefix} select t.n, r.*,
      (select g.name from regions g where g.code = r.region_code) as region_name from (${count}) t
    left join lateral (select x.*, row_number() over () as ord from (${rows}) x) r on true order by r.ord`.execute(db);
  const n = Number(result.rows[0]?.n ?? 0);
  const listed = result.rows.filter((r) => r.ord !== null);
  // The rows as they came (copying 40 columns per row cost more than the query's planning); n, ord and region_name ride along unread.
  const pageRows: CaseRow[] = listed;
  const regionNames = new Map(listed.filter((r) => r.region_name !== null).map((r) => [r.region_code, r.region_name!]));
  return { rows: pageRows, regionNames, total: Math.min(n, cap), totalCapped: n > cap };
}

/**
 * A text search's page inside the window: the newest TEXT_WINDOW + 1 matches
 * are read once (by the GIN index for a rare word, or newest first until
 * enough match for a common one), counted, and ranked or ordered.
 */
function windowPage(db: Executor, branch: CaseQuery, q: string, sort: 'created' | 'relevance', limit: number, offset: number): Promise<Paged> {
  const w = branch.select(['cases.id', 'cases.created_at']).orderBy('cases.created_at', 'desc').orderBy('cases.id').limit(TEXT_WINDOW + 1);
  const inWindow = sql`(select w.id, w.created_at from w order by w.created_at desc, w.id limit ${TEXT_WINDOW})`;
  const rows =
    sort === 'relevance'
      ? sql`select ${COLUMNS}, ts_rank(cases.search, ${searchQuery(q)}) as rank from cases join ${inWindow} p on p.id = cases.id
          order by rank desc, cases.created_at desc, cases.id limit ${limit} offset ${offset}`
      : sql`select ${COLUMNS} from cases join ${inWindow} p on p.id = cases.id order by cases.created_at desc, cases.id limit ${limit} offset ${offset}`;
  return runPage(db, sql`select count(*)::int as n from w`, rows, TEXT_WINDOW, sql`with w as materialized (${w})`);
}

/**
 * The parts of `visibleTo` as separate predicates (an admin's is `true`),
 * each one an index can serve: the requester, the recorder, the handling
 * units, each region prefix.
 */
export function scopeBranches(scope: CaseScope): RawBuilder<boolean>[] {
  if (scope.admin) return [sql<boolean>`true`];
  const parts: RawBuilder<boolean>[] = [];
  if (scope.userId) parts.push(sql<boolean>`(cases.requester_user_id = ${scope.userId} or cases.created_by = ${scope.userId})`);
  // One branch per unit: `= any(array)` would lose the index order.
  for (const u of scope.handlerUnits) parts.push(sql<boolean>`(not cases.confidential and cases.handling_unit_id = ${u})`);
  for (const u of scope.inspectorUnits) parts.push(sql<boolean>`(cases.confidential and cases.handling_unit_id = ${u})`);
  for (const p of scope.oversightPrefixes) parts.push(sql<boolean>`(not cases.confidential and ${regionLike(p)})`);
  for (const p of scope.inspectorPrefixes) parts.push(sql<boolean>`(cases.confidential and ${regionLike(p)})`);
  for (const p of scope.hotlinePrefixes) parts.push(hotlineCalls(p));
  return parts;
}

/**
 * A page and its capped total from one read of the branches: each branch
 * walks its index in key order up to cap + 1 rows (or to the page's end, if
 * further), the union is kept once, counted, and the page cut from it. The
 * count and the page used to read the branches separately, and the planner
 * planned both unions.
 */
function keyedPage(db: Executor, branches: CaseQuery[], key: Key, cap: number, limit: number, offset: number): Promise<Paged> {
  const { dir } = KEYS[key];
  const ids = branchUnion(branches, key, Math.max(cap + 1, offset + limit));
  const rows = sql`select ${COLUMNS} from cases join (select b.id, b.k from b order by b.k ${sql.raw(dir)}, b.id limit ${limit} offset ${offset}) p on p.id = cases.id
    order by p.k ${sql.raw(dir)}, cases.id`;
  return runPage(db, sql`select count(*)::int as n from b`, rows, cap, sql`with b as materialized (${ids})`);
}

/** A filtered, sorted page over the union of the branches, with its capped total. */
function listPage(db: Executor, branches: CaseQuery[], f: ListFilters, sort: QueueSort, pageNo: number, pageSize: number, countCap?: number): Promise<Paged> {
  const offset = (pageNo - 1) * pageSize;
  if (branches.length === 0) return Promise.resolve({ rows: [], regionNames: new Map(), total: 0, totalCapped: false });
  if (f.q && sort !== 'due' && countCap === undefined && branches.length === 1 && offset + pageSize <= TEXT_WINDOW) {
    return windowPage(db, branches[0]!, f.q, sort, pageSize, offset);
  }
  const cap = countCap ?? (f.q ? TEXT_WINDOW : TOTAL_CAP);
  if (Number.isFinite(cap) && !(sort === 'relevance' && f.q)) return keyedPage(db, branches, sort === 'due' ? 'due' : 'created', cap, pageSize, offset);
  const rows = sort === 'relevance' && f.q ? rankedRows(branches, f.q, pageSize, offset) : pageRows(branches, sort === 'due' ? 'due' : 'created', pageSize, offset);
  return runPage(db, cappedCount(branches, cap), rows, cap);
}

/**
 * The cadre queue: what the scope may see, filtered, sorted and paged.
 * `countCap` sets the cap (Infinity: an exact total, for the export's message).
 */
export function queue(
  db: Executor,
  scope: CaseScope,
  f: ListFilters,
  sort: QueueSort,
  pageNo: number,
  pageSize: number,
  now: Date,
  countCap?: number,
): Promise<Paged> {
  // A text search reads the GIN index once, under the whole scope; the filters alone go branch by branch.
  const scopes = f.q ? [searchScope(scope)] : scopeBranches(scope);
  const branches = scopes.map((visible) => applyFilters(db.selectFrom('cases').where(visible), f, now));
  return listPage(db, branches, f, sort, pageNo, pageSize, countCap);
}

/** Public cases (never confidential, never merged away), newest first or by relevance. */
export function publicCases(db: Executor, f: Pick<ListFilters, 'category' | 'regionPrefix' | 'q'>, pageNo: number, pageSize: number, now: Date): Promise<Paged> {
  const base = applyFilters(
    db.selectFrom('cases').where('cases.is_public', '=', true).where('cases.confidential', '=', false).where('cases.status', '<>', 'merged'),
    f,
    now,
  );
  return listPage(db, [base], f, f.q ? 'relevance' : 'created', pageNo, pageSize);
}

/** Cases I filed or follow. */
export async function mine(db: Executor, userId: string, status: CaseStatus[] | undefined, pageNo: number, pageSize: number, now: Date): Promise<Paged & { followed: Set<string> }> {
  const branches = [
    sql<boolean>`cases.requester_user_id = ${userId}`,
    sql<boolean>`cases.id in (select f.case_id from case_followers f where f.user_id = ${userId})`,
  ].map((b) => applyFilters(db.selectFrom('cases').where(b), { status }, now));
  const result = await listPage(db, branches, { status }, 'created', pageNo, pageSize);
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
