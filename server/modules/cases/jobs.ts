import type PgBoss from 'pg-boss';
import type { ServiceContext } from '../../platform/context.js';
import { runDeadlineSweep } from './deadlines.js';

/** The pg-boss queue of the deadline sweep (warnings, heads' notices, escalation). */
export const DEADLINE_QUEUE = 'cases.deadlines';

/**
 * Every minute (a pg-boss schedule: one job per minute across all app
 * servers); the sweep itself is idempotent, so a retried or doubled run
 * sends nothing twice.
 */
export async function caseJobs(boss: PgBoss, ctx: Pick<ServiceContext, 'db' | 'clock'>): Promise<void> {
  await boss.createQueue(DEADLINE_QUEUE);
  await boss.schedule(DEADLINE_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(DEADLINE_QUEUE, async () => {
    await runDeadlineSweep(ctx.db, ctx.clock);
  });
}
