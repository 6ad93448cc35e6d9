import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { translate } from '../../../common/i18n/server-messages.js';
import { KIND_LABELS } from '../../../common/disclosures/kinds.js';
import { formatFen } from '../../../common/disclosures/money.js';
import { createPost } from '../feed/service.js';
import { loadActor } from '../people/actor.js';
import type { PublicationRow } from './repo.js';
import type { LedgerTotals } from './figures.js';

/**
 * INTEGRATION POINT with the feed module: publishing pushes a notice into
 * the village's feed (服务与监督群).
 *
 * The feed's service has no "system notice" use case that joins the
 * caller's transaction (only `createDutyCheckInPost`, which is for duty
 * check-ins). So the notice is written to an outbox (`disclosure_notices`)
 * in the publishing transaction, and delivered right after commit through
 * the feed's own `createPost` as the publishing cadre (who may post notices
 * in their village's feed): the post is audited and announced live by the
 * feed module itself. A delivery that fails keeps its error and is retried
 * by a pg-boss job (jobs.ts: a retry with backoff right away, and a sweep
 * every minute for anything left pending). When the feed module offers
 * `postSystemNotice(trx, ctx, …)`, call it from `queueNotice` instead and
 * drop the outbox.
 */
export async function queueNotice(trx: Executor, ctx: ServiceContext, p: PublicationRow, villageName: string, totals: LedgerTotals): Promise<string> {
  const kind = KIND_LABELS[p.kind]['zh-CN'];
  const title = translate('zh-CN', 'disclosures.notice_title', { period: p.period, kind }).slice(0, 60);
  const body = translate('zh-CN', 'disclosures.notice_body', {
    village: villageName,
    period: p.period,
    kind,
    version: p.version,
    income: formatFen(totals.incomeFen),
    expense: formatFen(totals.expenseFen),
    count: totals.entryCount,
    correction: p.correction_reason ? translate('zh-CN', 'disclosures.notice_correction', { reason: p.correction_reason }) : '',
  }).slice(0, 2000);
  const row = await trx
    .insertInto('disclosure_notices')
    .values({ publication_id: p.id, region_code: p.region_code, title, body, author_id: ctx.actor?.userId ?? null, created_at: ctx.clock.now(), delivered_at: null, feed_post_id: null, error: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How long a worker may hold a notice while posting it before another may take over. */
const CLAIM_MS = 2 * 60 * 1000;

export type DeliveryResult = { status: 'delivered'; feedPostId: string } | { status: 'already' | 'busy' | 'gone' } | { status: 'failed'; error: string };

/**
 * Posts a queued notice to the feed as its author (the publishing cadre),
 * after the publication committed. Idempotent: a notice already delivered
 * is left alone, and a claim (claimed_until) keeps two workers from posting
 * it twice. A failure is recorded on the notice (error, attempts) and
 * returned; the job (jobs.ts) turns it into a pg-boss retry. At-least-once
 * only in one narrow case: the process dies between the feed's commit and
 * marking the notice delivered (the feed's service has no way to join this
 * transaction, see above).
 */
export async function deliverNotice(ctx: Pick<ServiceContext, 'db' | 'clock'>, noticeId: string): Promise<DeliveryResult> {
  const now = ctx.clock.now();
  const notice = await ctx.db
    .updateTable('disclosure_notices')
    .set((eb) => ({ claimed_until: new Date(now.getTime() + CLAIM_MS), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', noticeId)
    .where('delivered_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .returningAll()
    .executeTakeFirst();
  if (!notice) {
    const row = await ctx.db.selectFrom('disclosure_notices').select(['delivered_at']).where('id', '=', noticeId).executeTakeFirst();
    return { status: !row ? 'gone' : row.delivered_at ? 'already' : 'busy' };
  }
  try {
    const actor = notice.author_id ? await loadActor(ctx.db, notice.author_id, null) : null;
    if (!actor) throw new Error('the author of the notice no longer exists');
    const post = await createPost({ db: ctx.db, clock: ctx.clock, actor, ip: null, lang: 'zh-CN' }, { regionCode: notice.region_code, kind: 'notice', title: notice.title, body: notice.body });
    await ctx.db
      .updateTable('disclosure_notices')
      .set({ delivered_at: ctx.clock.now(), feed_post_id: post.id, error: null, claimed_until: null })
      .where('id', '=', noticeId)
      .execute();
    return { status: 'delivered', feedPostId: post.id };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await ctx.db.updateTable('disclosure_notices').set({ error: message, claimed_until: null }).where('id', '=', noticeId).execute();
    return { status: 'failed', error: message };
  }
}

/** Notices still undelivered that were queued before `olderThan` (the sweep's work list), oldest first. */
export async function pendingNotices(db: Executor, olderThan: Date, limit = 100): Promise<string[]> {
  const rows = await db
    .selectFrom('disclosure_notices')
    .select('id')
    .where('delivered_at', 'is', null)
    .where('created_at', '<', olderThan)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Set by jobs.ts when the pg-boss workers run: where a failed delivery is queued for retry. */
let queue: { send(noticeId: string): Promise<void> } | null = null;
export function useNoticeQueue(q: typeof queue): void {
  queue = q;
}

/** After publishing: deliver now; on failure hand the notice to the retry job (the minute sweep catches it otherwise). */
export async function deliverAfterPublish(ctx: Pick<ServiceContext, 'db' | 'clock'>, noticeId: string): Promise<DeliveryResult> {
  const result = await deliverNotice(ctx, noticeId);
  if (result.status === 'failed' && queue) await queue.send(noticeId).catch(() => {});
  return result;
}
