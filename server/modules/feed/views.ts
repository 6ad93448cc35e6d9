import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { notFound, unauthorized } from '../../platform/errors.js';
import { regionPrefix } from '../../../common/regions.js';
import { countAcksUnder, countHouseholdsUnder, findFeedRegion, verifiedHouseholdsOf, type FeedRegion } from './directory.js';
import { ackedByHouseholds, findPost, replyCounts, type PostRow } from './repo.js';
import type { PostView } from './presenter.js';

/** Helpers shared by the feed's use cases: the caller, the feed, a post and what a post view needs. */

export const feedTopic = (regionCode: string) => `feed:${regionCode}`;

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

export async function requireFeed(db: Executor, regionCode: string): Promise<FeedRegion> {
  const feed = await findFeedRegion(db, regionCode);
  if (!feed) throw notFound('feed.not_found', 'regionCode');
  return feed;
}

export async function requirePost(db: Executor, id: string): Promise<PostRow> {
  const row = await findPost(db, id);
  if (!row) throw notFound('feed.post_not_found');
  return row;
}

/** Reply counts and acknowledgement summaries for a set of posts, in a few queries. */
export async function buildViews(db: Executor, actor: Actor | null, rows: PostRow[]): Promise<PostView[]> {
  const topLevel = rows.filter((r) => r.parent_id === null).map((r) => r.id);
  const counts = await replyCounts(db, topLevel);
  const ackRows = rows.filter((r) => r.requires_ack);
  const acks = new Map<string, { acknowledged: number; total: number }>();
  let mine = new Set<string>();
  if (ackRows.length > 0) {
    const byRegion = new Map<string, string[]>();
    for (const r of ackRows) byRegion.set(r.region_code, [...(byRegion.get(r.region_code) ?? []), r.id]);
    for (const [regionCode, ids] of byRegion) {
      const prefix = regionPrefix(regionCode);
      const total = await countHouseholdsUnder(db, prefix);
      const acknowledged = await countAcksUnder(db, ids, prefix);
      for (const id of ids) acks.set(id, { acknowledged: acknowledged.get(id) ?? 0, total });
    }
    if (actor) {
      const households = await verifiedHouseholdsOf(db, actor.userId);
      mine = await ackedByHouseholds(
        db,
        ackRows.map((r) => r.id),
        households.map((h) => h.id),
      );
    }
  }
  return rows.map((row) => {
    const a = acks.get(row.id);
    return {
      row,
      replyCount: counts.get(row.id) ?? 0,
      ack: a ? { mine: mine.has(row.id), acknowledged: a.acknowledged, total: a.total } : null,
    };
  });
}

export async function loadView(db: Executor, actor: Actor | null, id: string): Promise<PostView> {
  const [view] = await buildViews(db, actor, [await requirePost(db, id)]);
  return view;
}
