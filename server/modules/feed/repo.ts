import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { PostKind } from './tables.js';

/** Queries of the feed's own tables (author names are joined from users). */

export interface PostRow {
  id: string;
  region_code: string;
  parent_id: string | null;
  kind: PostKind;
  title: string | null;
  body: string;
  author_id: string;
  author_name: string;
  author_role: string;
  author_unit_name: string | null;
  requires_ack: boolean;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
}

function selectPosts(db: Executor) {
  return db
    .selectFrom('feed_posts as p')
    .innerJoin('users as au', 'au.id', 'p.author_id')
    .select([
      'p.id',
      'p.region_code',
      'p.parent_id',
      'p.kind',
      'p.title',
      'p.body',
      'p.author_id',
      'au.name as author_name',
      'p.author_role',
      'p.author_unit_name',
      'p.requires_ack',
      'p.hidden_at',
      'p.hidden_reason',
      'p.created_at',
    ]);
}

export interface NewPost {
  regionCode: string;
  parentId: string | null;
  kind: PostKind;
  title: string | null;
  body: string;
  authorId: string;
  authorRole: string;
  authorUnitName: string | null;
  requiresAck: boolean;
  at: Date;
}

export async function insertPost(trx: Executor, p: NewPost): Promise<string> {
  const row = await trx
    .insertInto('feed_posts')
    .values({
      region_code: p.regionCode,
      county_code: p.regionCode.slice(0, 6),
      parent_id: p.parentId,
      kind: p.kind,
      title: p.title,
      body: p.body,
      author_id: p.authorId,
      author_role: p.authorRole,
      author_unit_name: p.authorUnitName,
      requires_ack: p.requiresAck,
      hidden_at: null,
      hidden_by: null,
      hidden_reason: null,
      created_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findPost(db: Executor, id: string): Promise<PostRow | undefined> {
  return selectPosts(db).where('p.id', '=', id).executeTakeFirst();
}

/** Locks the post row for a state change (hide/unhide) within a transaction. */
export async function lockPost(trx: Executor, id: string): Promise<{ id: string; hidden_at: Date | null } | undefined> {
  return trx.selectFrom('feed_posts').select(['id', 'hidden_at']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** True when `id` is a top-level post of the feed (a valid paging cursor). */
export async function isTopLevelPostOf(db: Executor, regionCode: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('feed_posts')
    .select('id')
    .where('id', '=', id)
    .where('region_code', '=', regionCode)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  return !!row;
}

/**
 * Top-level posts of a feed, newest first, after the cursor post `before`
 * (keyset on created_at, id: stable while new posts arrive). Fetches one
 * more than `limit` so the caller knows whether another page follows.
 */
export async function listFeedPosts(db: Executor, regionCode: string, before: string | null, limit: number): Promise<PostRow[]> {
  let query = selectPosts(db).where('p.region_code', '=', regionCode).where('p.parent_id', 'is', null);
  if (before) {
    query = query.where(
      sql<boolean>`(p.created_at, p.id) < (select c.created_at, c.id from feed_posts c where c.id = ${before})`,
    );
  }
  return query.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit + 1).execute();
}

export interface FeedPageRow extends PostRow {
  reply_count: number;
  /** Acknowledgements from households of the feed's subtree; null unless the post asks for them. */
  ack_count: number | null;
  /** Households of the subtree with a verified member (who a notice asks); null unless the post asks. */
  ack_total: number | null;
  /** One of the reader's verified households has acknowledged the post. */
  acked_by_me: boolean;
  /** The reader's read marker of this feed (the same on every row). */
  my_last_read_at: Date | null;
}

/**
 * A page of a feed as `listFeedPosts` returns it, with each post's reply
 * count and acknowledgement summary for `userId`, and the reader's read
 * marker: one round trip for what a feed page shows (the uncorrelated
 * subqueries run once per query, the household total only when a post asks
 * for acknowledgement).
 */
export async function listFeedPage(
  db: Executor,
  q: { regionCode: string; prefix: string; before: string | null; limit: number; userId: string },
): Promise<FeedPageRow[]> {
  const under = `${q.prefix}%`;
  let query = selectPosts(db)
    .select([
      sql<number>`(select count(*)::int from feed_posts r where r.parent_id = p.id)`.as('reply_count'),
      sql<number | null>`case when p.requires_ack then (
          select count(*)::int from feed_acks a join households h on h.id = a.household_id
          where a.post_id = p.id and h.region_code like ${under}) end`.as('ack_count'),
      sql<number | null>`case when p.requires_ack then (
          select count(*)::int from households h
          where h.region_code like ${under}
            and exists (select 1 from household_members m where m.household_id = h.id and m.status = 'verified')) end`.as('ack_total'),
      sql<boolean>`p.requires_ack and exists (
          select 1 from feed_acks a join household_members m on m.household_id = a.household_id
          where a.post_id = p.id and m.user_id = ${q.userId} and m.status = 'verified')`.as('acked_by_me'),
      sql<Date | null>`(select fr.last_read_at from feed_reads fr where fr.user_id = ${q.userId} and fr.region_code = ${q.regionCode})`.as(
        'my_last_read_at',
      ),
    ])
    .where('p.region_code', '=', q.regionCode)
    .where('p.parent_id', 'is', null);
  if (q.before) {
    query = query.where(sql<boolean>`(p.created_at, p.id) < (select c.created_at, c.id from feed_posts c where c.id = ${q.before})`);
  }
  return query.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(q.limit + 1).execute();
}

/** A thread's replies, oldest first. */
export async function listReplies(db: Executor, parentId: string, limit: number): Promise<PostRow[]> {
  return selectPosts(db).where('p.parent_id', '=', parentId).orderBy('p.created_at').orderBy('p.id').limit(limit).execute();
}

export async function replyCounts(db: Executor, postIds: string[]): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('feed_posts')
    .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('parent_id', 'in', postIds)
    .groupBy('parent_id')
    .execute();
  return new Map(rows.map((r) => [r.parent_id as string, Number(r.n)]));
}

/** The posts (of `postIds`) that one of these households has acknowledged. */
export async function ackedByHouseholds(db: Executor, postIds: string[], householdIds: string[]): Promise<Set<string>> {
  if (postIds.length === 0 || householdIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('feed_acks')
    .select('post_id')
    .distinct()
    .where('post_id', 'in', postIds)
    .where('household_id', 'in', householdIds)
    .execute();
  return new Set(rows.map((r) => r.post_id));
}

/** Records acknowledgements; a household that has already acknowledged keeps its first one. Returns the households newly recorded. */
export async function insertAcks(trx: Executor, postId: string, householdIds: string[], userId: string, at: Date): Promise<string[]> {
  if (householdIds.length === 0) return [];
  const rows = await trx
    .insertInto('feed_acks')
    .values(householdIds.map((householdId) => ({ post_id: postId, household_id: householdId, user_id: userId, acked_at: at })))
    .onConflict((oc) => oc.columns(['post_id', 'household_id']).doNothing())
    .returning('household_id')
    .execute();
  return rows.map((r) => r.household_id);
}

export async function setHidden(trx: Executor, id: string, by: string, reason: string, at: Date): Promise<void> {
  await trx.updateTable('feed_posts').set({ hidden_at: at, hidden_by: by, hidden_reason: reason }).where('id', '=', id).execute();
}

export async function clearHidden(trx: Executor, id: string): Promise<void> {
  await trx.updateTable('feed_posts').set({ hidden_at: null, hidden_by: null, hidden_reason: null }).where('id', '=', id).execute();
}

export async function markRead(db: Executor, userId: string, regionCode: string, at: Date): Promise<void> {
  await db
    .insertInto('feed_reads')
    .values({ user_id: userId, region_code: regionCode, last_read_at: at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'region_code']).doUpdateSet({ last_read_at: sql`greatest(feed_reads.last_read_at, excluded.last_read_at)` }),
    )
    .execute();
}

/** True when the feed has any post (the demo seed leaves such feeds alone). */
export async function feedHasPosts(db: Executor, regionCode: string): Promise<boolean> {
  return !!(await db.selectFrom('feed_posts').select('id').where('region_code', '=', regionCode).limit(1).executeTakeFirst());
}
