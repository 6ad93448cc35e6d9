import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { authorize } from '../../platform/policy.js';
import { AppError, conflict } from '../../platform/errors.js';
import { regionPrefix } from '../../../common/regions.js';
import { countAcksUnder, countHouseholdsUnder, householdAcks, verifiedHouseholdsOf } from './directory.js';
import { insertAcks } from './repo.js';
import { canReadFeed, canViewAcks, seesHouseholdsUnmasked } from './policy.js';
import { factsOf, presentAckList } from './presenter.js';
import { feedTopic, requireActor, requirePost } from './views.js';
import type { AckList } from './schema.js';

/** Longest list of households in an acknowledgement report (the totals are always complete). */
export const ACK_LIST_LIMIT = 2000;

/**
 * 「@所有人」: a verified member acknowledges a notice for their household
 * (一户一人: one acknowledgement per household, whoever gives it). Giving it
 * again changes nothing.
 */
export async function acknowledgePost(ctx: ServiceContext, input: { postId: string }): Promise<void> {
  const actor = requireActor(ctx);
  const post = await requirePost(ctx.db, input.postId);
  authorize(canReadFeed(actor, post.region_code));
  if (post.parent_id !== null || !post.requires_ack) throw conflict('feed.ack_not_required');
  if (post.hidden_at !== null) throw conflict('feed.post_hidden');
  const prefix = regionPrefix(post.region_code);
  const households = (await verifiedHouseholdsOf(ctx.db, actor.userId)).filter((h) => h.regionCode.startsWith(prefix));
  if (households.length === 0) throw new AppError(403, 'forbidden', 'feed.ack_no_household');

  await ctx.db.transaction().execute(async (trx) => {
    const recorded = await insertAcks(
      trx,
      post.id,
      households.map((h) => h.id),
      actor.userId,
      ctx.clock.now(),
    );
    if (recorded.length === 0) return;
    await audit(trx, ctx, { action: 'feed.ack', targetType: 'feed_post', targetId: post.id, after: { householdIds: recorded } });
    await publishLive(trx, { topic: feedTopic(post.region_code), type: 'ack', data: { postId: post.id } });
  });
}

/**
 * Who has and has not acknowledged a notice: the households of its region
 * subtree, with address and representative (masked for anyone but the
 * feed's cadres), and the totals.
 */
export async function listAcks(ctx: ServiceContext, input: { postId: string }): Promise<AckList> {
  const actor = requireActor(ctx);
  const post = await requirePost(ctx.db, input.postId);
  authorize(canReadFeed(actor, post.region_code));
  if (post.parent_id !== null || !post.requires_ack) throw conflict('feed.ack_not_required');
  authorize(canViewAcks(actor, factsOf(post)));
  const prefix = regionPrefix(post.region_code);
  const [households, acknowledgedCount, acknowledged, pending] = await Promise.all([
    countHouseholdsUnder(ctx.db, prefix),
    countAcksUnder(ctx.db, [post.id], prefix),
    householdAcks(ctx.db, post.id, prefix, 'acknowledged', ACK_LIST_LIMIT),
    householdAcks(ctx.db, post.id, prefix, 'pending', ACK_LIST_LIMIT),
  ]);
  return presentAckList(
    acknowledged,
    pending,
    { households, acknowledged: acknowledgedCount.get(post.id) ?? 0 },
    seesHouseholdsUnmasked(actor, post.region_code),
  );
}
