import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { translate } from '../../../common/i18n/server-messages.js';
import { KIND_LABELS } from '../../../common/disclosures/kinds.js';
import { formatFen } from '../../../common/disclosures/money.js';
import { createPost } from '../feed/service.js';
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
 * feed module itself. An undelivered notice keeps its error and can be
 * delivered again (`deliverPendingNotices`). When the feed module offers
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

/** Posts a queued notice to the feed (after the publication committed). Never throws: a failure is recorded on the notice. */
export async function deliverNotice(ctx: ServiceContext, noticeId: string): Promise<string | null> {
  const notice = await ctx.db.selectFrom('disclosure_notices').selectAll().where('id', '=', noticeId).executeTakeFirst();
  if (!notice || notice.delivered_at) return notice?.feed_post_id ?? null;
  try {
    const post = await createPost(ctx, { regionCode: notice.region_code, kind: 'notice', title: notice.title, body: notice.body });
    await ctx.db.updateTable('disclosure_notices').set({ delivered_at: ctx.clock.now(), feed_post_id: post.id, error: null }).where('id', '=', noticeId).execute();
    return post.id;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db.updateTable('disclosure_notices').set({ error: message.slice(0, 500) }).where('id', '=', noticeId).execute();
    return null;
  }
}
