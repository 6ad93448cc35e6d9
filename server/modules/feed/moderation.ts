import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { clearHidden, lockPost, setHidden } from './repo.js';
import { canModerate, canReadFeed } from './policy.js';
import { factsOf, presentPost } from './presenter.js';
import { feedTopic, loadView, requireActor, requirePost } from './views.js';
import type { Post } from './schema.js';

/**
 * Moderation by the feed's cadres and admins: a hidden post stays in its
 * place, shown to others as 「该内容已被管理员隐藏」; the reason is audited.
 */
async function setVisibility(ctx: ServiceContext, input: { postId: string; reason: string }, hide: boolean): Promise<Post> {
  const actor = requireActor(ctx);
  const post = await requirePost(ctx.db, input.postId);
  authorize(canReadFeed(actor, post.region_code));
  authorize(canModerate(actor, factsOf(post)));
  const reason = input.reason.trim();
  if (!reason) throw badRequest('feed.reason_blank', 'reason');

  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockPost(trx, post.id);
    if (!locked) throw notFound('feed.post_not_found');
    if (hide && locked.hidden_at !== null) throw conflict('feed.already_hidden');
    if (!hide && locked.hidden_at === null) throw conflict('feed.not_hidden');
    if (hide) await setHidden(trx, post.id, actor.userId, reason, ctx.clock.now());
    else await clearHidden(trx, post.id);
    await audit(trx, ctx, {
      action: hide ? 'feed.hide' : 'feed.unhide',
      targetType: 'feed_post',
      targetId: post.id,
      before: { hidden: !hide },
      after: { hidden: hide, reason },
    });
    await publishLive(trx, {
      topic: feedTopic(post.region_code),
      type: 'hidden',
      data: { postId: post.id, threadId: post.parent_id ?? post.id, hidden: hide },
    });
  });
  return presentPost(await loadView(ctx.db, actor, post.id), actor, ctx.lang);
}

export function hidePost(ctx: ServiceContext, input: { postId: string; reason: string }): Promise<Post> {
  return setVisibility(ctx, input, true);
}

export function unhidePost(ctx: ServiceContext, input: { postId: string; reason: string }): Promise<Post> {
  return setVisibility(ctx, input, false);
}
