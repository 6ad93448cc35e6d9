import type PgBoss from 'pg-boss';
import type { ServiceContext } from '../../platform/context.js';
import { deliverNotice, pendingNotices, useNoticeQueue } from './feed-notice.js';

export const NOTICE_QUEUE = 'disclosures.notice-deliver';
export const NOTICE_SWEEP_QUEUE = 'disclosures.notice-sweep';
/** A notice pending this long was not handed to the queue (a crash right after publishing): the sweep queues it. */
const SWEEP_AFTER_MS = 60 * 1000;

/**
 * Background work of disclosures: delivering the feed notice of a
 * publication when the delivery right after publishing failed. One job per
 * notice (singleton per notice id), retried with backoff by pg-boss while
 * the feed refuses it; every minute a sweep queues whatever is still
 * pending. Delivery itself is idempotent (feed-notice.ts).
 */
export async function disclosuresJobs(boss: PgBoss, ctx: Pick<ServiceContext, 'db' | 'clock'>): Promise<void> {
  await boss.createQueue(NOTICE_QUEUE);
  await boss.createQueue(NOTICE_SWEEP_QUEUE);
  const send = async (noticeId: string) => {
    await boss.send(NOTICE_QUEUE, { noticeId }, { singletonKey: noticeId, retryLimit: 10, retryDelay: 30, retryBackoff: true });
  };
  await boss.work<{ noticeId: string }>(NOTICE_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      const result = await deliverNotice(ctx, job.data.noticeId);
      // Throwing makes pg-boss retry the job later; 'busy' means another worker holds it right now.
      if (result.status === 'failed') throw new Error(result.error);
      if (result.status === 'busy') throw new Error('notice is being delivered by another worker');
    }
  });
  await boss.schedule(NOTICE_SWEEP_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(NOTICE_SWEEP_QUEUE, async () => {
    for (const id of await pendingNotices(ctx.db, new Date(ctx.clock.now().getTime() - SWEEP_AFTER_MS))) await send(id);
  });
  useNoticeQueue({ send });
}
