import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

/**
 * What the feed needs to know about regions, units and households, read-only.
 * The feed of a region, the feed list and the household counts and lists of
 * acknowledgements join the regions, units and households tables directly
 * (in one round trip each: they run on every feed read), because neither
 * module exports such reads yet: they are kept in this one file so that they
 * can be switched to those exports in one place.
 */

export interface FeedRegion {
  code: string;
  name: string;
  level: string;
  unitId: string;
  unitName: string;
}

/** The feed of a region: the region with its own unit (a region without a unit has no feed). */
export async function findFeedRegion(db: Executor, code: string): Promise<FeedRegion | null> {
  // One round trip (every feed read starts here): the region's own unit, joined with its region.
  const unit = await db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['r.code', 'r.name', 'r.level', 'u.id as unitId', 'u.name as unitName'])
    .where('u.kind', '=', 'region')
    .where('u.region_code', '=', code)
    .executeTakeFirst();
  return unit ?? null;
}

export interface FeedListFilter {
  userId: string;
  /** Every feed (admins). */
  all: boolean;
  /** Feeds by exact code (a home and the units above it). */
  codes: string[];
  /** Feeds in these region subtrees (staff scopes). */
  prefixes: string[];
  q?: string;
  limit: number;
}

export interface FeedListRow {
  code: string;
  name: string;
  level: string;
  latest_at: Date | null;
  unread: number;
}

/** Unread counts stop at this number (shown as 99+). */
export const UNREAD_CAP = 99;

/**
 * The feeds a person can see, most recently active first, with their unread
 * counts (top-level posts by others since the person last opened the feed).
 * Unread counts are computed for the page only: an administrator's list may
 * span every feed of the city.
 */
export async function listFeeds(db: Executor, f: FeedListFilter): Promise<FeedListRow[]> {
  if (!f.all && f.codes.length === 0 && f.prefixes.length === 0) return [];
  let query = db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select((eb) => [
      'r.code',
      'r.name',
      'r.level',
      eb
        .selectFrom('feed_posts as p')
        .select((e) => e.fn.max('p.created_at').as('m'))
        .whereRef('p.region_code', '=', 'u.region_code')
        .as('latest_at'),
    ])
    .where('u.kind', '=', 'region');
  if (!f.all) {
    query = query.where((eb) =>
      eb.or([
        ...(f.codes.length ? [eb('u.region_code', 'in', f.codes)] : []),
        ...f.prefixes.map((p) => eb('u.region_code', 'like', `${p}%`)),
      ]),
    );
  }
  if (f.q) query = query.where('r.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const page = await query
    .orderBy(sql`latest_at desc nulls last`)
    .orderBy(sql`length(r.code)`)
    .orderBy('r.code')
    .limit(f.limit)
    .execute();
  if (page.length === 0) return [];

  const unread = await db
    .selectFrom('regions as r')
    .leftJoin('feed_reads as fr', (j) => j.onRef('fr.region_code', '=', 'r.code').on('fr.user_id', '=', f.userId))
    .select([
      'r.code',
      sql<number>`(select count(*)::int from (
          select 1 from feed_posts p
          where p.region_code = r.code and p.parent_id is null and p.hidden_at is null
            and p.author_id <> ${f.userId}
            and p.created_at > coalesce(fr.last_read_at, '-infinity'::timestamptz)
          limit ${UNREAD_CAP}) x)`.as('unread'),
    ])
    .where(
      'r.code',
      'in',
      page.map((r) => r.code),
    )
    .execute();
  const unreadOf = new Map(unread.map((u) => [u.code, Number(u.unread)]));
  return page.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    latest_at: r.latest_at ? new Date(r.latest_at as unknown as string) : null,
    unread: unreadOf.get(r.code) ?? 0,
  }));
}

export interface HouseholdRef {
  id: string;
  regionCode: string;
}

/** The households a person is a verified member of. */
export async function verifiedHouseholdsOf(db: Executor, userId: string): Promise<HouseholdRef[]> {
  return db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['h.id', 'h.region_code as regionCode'])
    .where('m.user_id', '=', userId)
    .where('m.status', '=', 'verified')
    .orderBy('h.id')
    .execute();
}

/** Households of a region subtree that have at least one verified member: who a 「@所有人」 notice asks. */
function householdsUnder(db: Executor, prefix: string) {
  return db
    .selectFrom('households as h')
    .where('h.region_code', 'like', `${prefix}%`)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('household_members as m').select('m.user_id').whereRef('m.household_id', '=', 'h.id').where('m.status', '=', 'verified')),
    );
}

export async function countHouseholdsUnder(db: Executor, prefix: string): Promise<number> {
  const row = await householdsUnder(db, prefix)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Acknowledgements of a post that come from households of the subtree (a household that moved away no longer counts). */
export async function countAcksUnder(db: Executor, postIds: string[], prefix: string): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('feed_acks as a')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .select(['a.post_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.post_id', 'in', postIds)
    .where('h.region_code', 'like', `${prefix}%`)
    .groupBy('a.post_id')
    .execute();
  return new Map(rows.map((r) => [r.post_id, Number(r.n)]));
}

export interface AckListRow {
  householdId: string;
  address: string;
  representative: string | null;
  ackedAt: Date | null;
}

/** Households of the subtree with their acknowledgement of the post (null when pending), by address. */
export async function householdAcks(
  db: Executor,
  postId: string,
  prefix: string,
  status: 'acknowledged' | 'pending',
  limit: number,
): Promise<AckListRow[]> {
  let query = householdsUnder(db, prefix)
    .leftJoin('feed_acks as a', (j) => j.onRef('a.household_id', '=', 'h.id').on('a.post_id', '=', postId))
    .leftJoin('users as rep', 'rep.id', 'h.representative_user_id')
    .select(['h.id as householdId', 'h.address', 'rep.name as representative', 'a.acked_at as ackedAt']);
  query = status === 'acknowledged' ? query.where('a.post_id', 'is not', null) : query.where('a.post_id', 'is', null);
  return query.orderBy('h.address').orderBy('h.id').limit(limit).execute();
}

// ---- for the demo seed

/** Holders of a role at a region's own unit (the demo seed's authors), by name. */
export async function grantHoldersAt(db: Executor, role: string, regionCode: string): Promise<{ userId: string; name: string }[]> {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .innerJoin('users as p', 'p.id', 'g.user_id')
    .select(['p.id as userId', 'p.name'])
    .where('g.role', '=', role)
    .where('u.kind', '=', 'region')
    .where('u.region_code', '=', regionCode)
    .where('p.status', '=', 'active')
    .orderBy('p.name')
    .execute();
}

/** Verified members of the households of a subtree (the demo seed's residents), representatives first, by address. */
export async function verifiedMembersUnder(
  db: Executor,
  prefix: string,
): Promise<{ householdId: string; userId: string; name: string; representative: boolean }[]> {
  const rows = await db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .innerJoin('users as p', 'p.id', 'm.user_id')
    .select(['h.id as householdId', 'p.id as userId', 'p.name', sql<boolean>`h.representative_user_id = m.user_id`.as('representative')])
    .where('h.region_code', 'like', `${prefix}%`)
    .where('m.status', '=', 'verified')
    .orderBy('h.address')
    .orderBy(sql`h.representative_user_id = m.user_id`, 'desc')
    .execute();
  return rows.map((r) => ({ ...r, representative: !!r.representative }));
}
