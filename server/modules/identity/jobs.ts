import type PgBoss from 'pg-boss';
import type { ServiceContext } from '../../platform/context.js';
import { purgeStale } from './session-service.js';

const PURGE_QUEUE = 'identity.purge-stale';

/** Nightly (03:30 Beijing time) removal of old sign-in codes and ended sessions. */
export async function identityJobs(boss: PgBoss, ctx: Pick<ServiceContext, 'db' | 'clock'>): Promise<void> {
  await boss.createQueue(PURGE_QUEUE);
  await boss.schedule(PURGE_QUEUE, '30 3 * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(PURGE_QUEUE, async () => {
    await purgeStale(ctx);
  });
}
