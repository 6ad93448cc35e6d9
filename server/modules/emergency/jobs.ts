import type PgBoss from 'pg-boss';
import type { ServiceContext } from '../../platform/context.js';
import { runDelivery, stalledDeliveries, useNoticeQueue } from './notice-delivery.js';

export const NOTICE_QUEUE = 'emergency.notice-deliver';
export const NOTICE_RECOVERY_QUEUE = 'emergency.notice-recover';
/** A delivery with no progress for this long is taken over (its worker died). */
const STALL_MS = 2 * 60 * 1000;

/**
 * Background work of emergency operations: notice delivery runs on pg-boss
 * (one job per notice, a singleton per notice id), and every minute a
 * schedule re-queues deliveries that stopped moving (a crashed instance).
 */
export async function emergencyJobs(boss: PgBoss, ctx: Pick<ServiceContext, 'db' | 'clock'>): Promise<void> {
  await boss.createQueue(NOTICE_QUEUE);
  await boss.createQueue(NOTICE_RECOVERY_QUEUE);
  const send = async (noticeId: string) => {
    await boss.send(NOTICE_QUEUE, { noticeId }, { singletonKey: noticeId, retryLimit: 5, retryDelay: 5 });
  };
  await boss.work<{ noticeId: string }>(NOTICE_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 4 }, async (jobs) => {
    for (const job of jobs) await runDelivery(ctx.db, ctx.clock, job.data.noticeId);
  });
  await boss.schedule(NOTICE_RECOVERY_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(NOTICE_RECOVERY_QUEUE, async () => {
    for (const noticeId of await stalledDeliveries(ctx.db, ctx.clock.now(), STALL_MS)) await send(noticeId);
  });
  useNoticeQueue({ send });
}
