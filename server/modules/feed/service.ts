import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { authorize, grantsOf, isAdmin, scopePrefixes, STAFF_ROLES } from '../../platform/policy.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { ancestorCodes, regionPrefix } from '../../../common/regions.js';
import { listFeeds } from './directory.js';
import { insertPost, isTopLevelPostOf, listFeedPage, listReplies, markRead } from './repo.js';
import { canAsk, canPostNotice, canReadFeed, canReply, capacityIn, isFeedCadre } from './policy.js';
import { factsOf, presentFeedList, presentPost, presentPostPage, presentThread, type PostView } from './presenter.js';
import { buildViews, feedTopic, loadView, requireActor, requireFeed, requirePost } from './views.js';
import type { CreatePostBody, FeedList, Post, PostPage, Thread } from './schema.js';

/**
 * Use cases of the unit feeds (the seeds' 服务与监督群): reading feeds and
 * threads, posting notices and questions, replying. Acknowledgements are in
 * `acks.ts`, moderation in `moderation.ts`. Each write is one transaction
 * with its audit row and its live event (sent by PostgreSQL on commit).
 */

export { acknowledgePost, listAcks } from './acks.js';
export { hidePost, unhidePost } from './moderation.js';

/** Longest thread returned by `getThread`. */
export const THREAD_MAX_REPLIES = 500;

/** The region code of a grant's own unit, from its prefix ('430212' → '430212000000'). */
function unitCodeOf(prefix: string): string {
  return prefix.length >= 12 ? prefix : prefix.padEnd(12, '0');
}

/**
 * The feeds I can see, most recently active first: my household's village or
 * community (and grid) and every unit above; as staff, the units in my scope
 * and the units above my own.
 */
export async function listMyFeeds(ctx: ServiceContext, input: { q?: string; limit?: number }): Promise<FeedList> {
  const actor = requireActor(ctx);
  const limit = input.limit ?? 100;
  const codes = new Set<string>();
  for (const home of actor.householdRegions) for (const c of ancestorCodes(home)) codes.add(c);
  for (const g of grantsOf(actor, STAFF_ROLES)) for (const c of ancestorCodes(unitCodeOf(g.regionPrefix))) codes.add(c);
  const rows = await listFeeds(ctx.db, {
    userId: actor.userId,
    all: isAdmin(actor),
    codes: [...codes],
    prefixes: scopePrefixes(actor, STAFF_ROLES),
    q: input.q?.trim() || undefined,
    limit: limit + 1,
  });
  return presentFeedList(rows.slice(0, limit), rows.length > limit);
}

/** A page of a feed, newest first; opening the first page marks the feed read. */
export async function listPosts(
  ctx: ServiceContext,
  input: { regionCode: string; before?: string; limit?: number },
): Promise<PostPage> {
  const actor = requireActor(ctx);
  const feed = await requireFeed(ctx.db, input.regionCode);
  authorize(canReadFeed(actor, feed.code));
  const before = input.before ?? null;
  if (before && !(await isTopLevelPostOf(ctx.db, feed.code, before))) throw badRequest('feed.before_unknown', 'before');
  const limit = input.limit ?? 20;
  const rows = await listFeedPage(ctx.db, { regionCode: feed.code, prefix: regionPrefix(feed.code), before, limit, userId: actor.userId });
  const page = rows.slice(0, limit);
  const views: PostView[] = page.map((row) => ({
    row,
    replyCount: row.reply_count,
    ack: row.requires_ack ? { mine: row.acked_by_me, acknowledged: row.ack_count ?? 0, total: row.ack_total ?? 0 } : null,
  }));
  // A read marker is the reader's own bookmark, not a change to the feed: not audited. Written only
  // when it moves (a post newer than the marker), so reading a quiet feed again writes nothing.
  const newest = page[0]?.created_at;
  const marker = page[0]?.my_last_read_at ?? null;
  if (!before && newest && (!marker || newest > marker)) await markRead(ctx.db, actor.userId, feed.code, ctx.clock.now());
  return presentPostPage(feed, views, rows.length > limit ? page[page.length - 1].id : null, actor, ctx.lang);
}

function cleanBody(body: string): string {
  const text = body.trim();
  if (!text) throw badRequest('feed.body_blank', 'body');
  return text;
}

/** A notice (「@所有人」 when `requiresAck`) by a cadre of the feed, or a question by a resident. */
export async function createPost(ctx: ServiceContext, input: CreatePostBody & { regionCode: string }): Promise<Post> {
  const actor = requireActor(ctx);
  const feed = await requireFeed(ctx.db, input.regionCode);
  const notice = input.kind === 'notice';
  authorize(notice ? canPostNotice(actor, feed.code) : canAsk(actor, feed.code));
  const body = cleanBody(input.body);
  const rawTitle = input.title ?? null;
  const title = rawTitle === null ? null : rawTitle.trim() || null;
  if (rawTitle !== null && rawTitle !== '' && title === null) throw badRequest('feed.title_blank', 'title');
  const requiresAck = input.requiresAck ?? false;
  if (requiresAck && !notice) throw badRequest('feed.ack_notice_only', 'requiresAck');
  const capacity = notice ? capacityIn(actor, feed.code) : null;

  const id = await ctx.db.transaction().execute(async (trx) => {
    const postId = await insertPost(trx, {
      regionCode: feed.code,
      parentId: null,
      kind: input.kind,
      title,
      body,
      authorId: actor.userId,
      authorRole: capacity?.role ?? 'resident',
      authorUnitName: capacity?.unitName ?? null,
      requiresAck,
      at: ctx.clock.now(),
    });
    await audit(trx, ctx, {
      action: 'feed.post',
      targetType: 'feed_post',
      targetId: postId,
      after: { regionCode: feed.code, kind: input.kind, requiresAck, titleLength: title?.length ?? 0, bodyLength: body.length },
    });
    await publishLive(trx, { topic: feedTopic(feed.code), type: 'post', data: { postId } });
    return postId;
  });
  return presentPost(await loadView(ctx.db, actor, id), actor, ctx.lang);
}

/** A post with its thread (replies oldest first); a reply comes alone. */
export async function getThread(ctx: ServiceContext, input: { postId: string }): Promise<Thread> {
  const actor = requireActor(ctx);
  const row = await requirePost(ctx.db, input.postId);
  authorize(canReadFeed(actor, row.region_code));
  const replies = row.parent_id === null ? await listReplies(ctx.db, row.id, THREAD_MAX_REPLIES) : [];
  const [view, ...replyViews] = await buildViews(ctx.db, actor, [row, ...replies]);
  return presentThread(view, replyViews, actor, ctx.lang);
}

/** A cadre's answer in a thread, or the asker's follow-up to their own question. */
export async function replyToPost(ctx: ServiceContext, input: { postId: string; body: string }): Promise<Post> {
  const actor = requireActor(ctx);
  const parent = await requirePost(ctx.db, input.postId);
  authorize(canReadFeed(actor, parent.region_code));
  if (parent.parent_id !== null) throw conflict('feed.reply_to_reply');
  if (parent.hidden_at !== null) throw conflict('feed.post_hidden');
  authorize(canReply(actor, factsOf(parent)));
  const body = cleanBody(input.body);
  const followUp = parent.kind === 'question' && parent.author_id === actor.userId && !isFeedCadre(actor, parent.region_code);
  const capacity = followUp ? null : capacityIn(actor, parent.region_code);

  const id = await ctx.db.transaction().execute(async (trx) => {
    const replyId = await insertPost(trx, {
      regionCode: parent.region_code,
      parentId: parent.id,
      kind: followUp ? 'question' : 'answer',
      title: null,
      body,
      authorId: actor.userId,
      authorRole: capacity?.role ?? 'resident',
      authorUnitName: capacity?.unitName ?? null,
      requiresAck: false,
      at: ctx.clock.now(),
    });
    await audit(trx, ctx, {
      action: 'feed.reply',
      targetType: 'feed_post',
      targetId: replyId,
      after: { parentId: parent.id, kind: followUp ? 'question' : 'answer', bodyLength: body.length },
    });
    await publishLive(trx, { topic: feedTopic(parent.region_code), type: 'reply', data: { postId: parent.id, replyId } });
    return replyId;
  });
  return presentPost(await loadView(ctx.db, actor, id), actor, ctx.lang);
}

/** Checks that the caller may follow a feed live; returns the live topic. */
export async function authorizeFeedStream(ctx: ServiceContext, input: { regionCode: string }): Promise<string> {
  const actor = requireActor(ctx);
  const feed = await requireFeed(ctx.db, input.regionCode);
  authorize(canReadFeed(actor, feed.code));
  return feedTopic(feed.code);
}

// ---- for other modules (the duty roster)

/** True when the person may read the feed of this region (the duty roster is as visible as the feed). */
export function canReadFeedOf(actor: Actor | null, regionCode: string): boolean {
  return canReadFeed(actor, regionCode);
}

/**
 * Posts the on-duty cadre's 「今天我值班」 into the unit's feed, inside the
 * caller's transaction (the caller has checked that the actor is on duty).
 * Audited and announced live like any post. Returns the post id.
 */
export async function createDutyCheckInPost(
  trx: Executor,
  ctx: ServiceContext,
  input: { regionCode: string; body: string; role: string; unitName: string | null },
): Promise<string> {
  const actor = requireActor(ctx);
  const body = cleanBody(input.body);
  const postId = await insertPost(trx, {
    regionCode: input.regionCode,
    parentId: null,
    kind: 'duty_check_in',
    title: null,
    body,
    authorId: actor.userId,
    authorRole: input.role,
    authorUnitName: input.unitName,
    requiresAck: false,
    at: ctx.clock.now(),
  });
  await audit(trx, ctx, {
    action: 'feed.post',
    targetType: 'feed_post',
    targetId: postId,
    after: { regionCode: input.regionCode, kind: 'duty_check_in', requiresAck: false, bodyLength: body.length },
  });
  await publishLive(trx, { topic: feedTopic(input.regionCode), type: 'post', data: { postId } });
  return postId;
}

/** A post as the caller sees it (for other modules' responses). */
export async function getPost(ctx: ServiceContext, input: { postId: string }): Promise<Post> {
  const actor = requireActor(ctx);
  const row = await requirePost(ctx.db, input.postId);
  authorize(canReadFeed(actor, row.region_code));
  return presentPost((await buildViews(ctx.db, actor, [row]))[0], actor, ctx.lang);
}
