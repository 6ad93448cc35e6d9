import type PgBoss from 'pg-boss';
import type { ServiceContext } from '../../platform/context.js';
import { runDeadlineSweep } from './deadlines.js';
import { foldCaseStatistics } from './stats-fold.js';

/** The pg-boss queue of the deadline sweep (warnings, heads' notices, escalation). */
export const DEADLINE_QUEUE = 'cases.deadlines';
/** The pg-boss queue that folds the statistics deltas into the roll-ups (stats-fold.ts). */
export const STATS_FOLD_QUEUE = 'cases.stats-fold';
const FOLD_EVERY_MS = 5_000;
const FOLD_FOR_MS = 50_000;

/**
 * Every minute (a pg-boss schedule: one job per minute across all app
 * servers); the sweep itself is idempotent, so a retried or doubled run
 * sends nothing twice.
 *
 * The statistics fold: a schedule only fires once a minute, so each minute's
 * job folds every 5 s for 50 s. Reads fold first anyway (figures are exact
 * without it); the job keeps the pending table small, so a read's fold is short.
 */
export async function caseJobs(boss: PgBoss, ctx: Pick<ServiceContext, 'db' | 'clock'>): Promise<void> {
  await boss.createQueue(DEADLINE_QUEUE);
  await boss.schedule(DEADLINE_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(DEADLINE_QUEUE, async () => {
    await runDeadlineSweep(ctx.db, ctx.clock);
  });
  await boss.createQueue(STATS_FOLD_QUEUE);
  await boss.schedule(STATS_FOLD_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(STATS_FOLD_QUEUE, async () => {
    const start = Date.now();
    for (;;) {
      await foldCaseStatistics(ctx.db);
      if (Date.now() - start + FOLD_EVERY_MS > FOLD_FOR_MS) return;
      await new Promise((resolve) => setTimeout(resolve, FOLD_EVERY_MS));
    }
  });
}
