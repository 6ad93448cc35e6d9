import type PgBoss from 'pg-boss';
import type { ModuleManifest } from '../../platform/module.js';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { auditMigrations } from './migrations.js';
import { auditRoutes } from './routes.js';
import { purgeExpiredAudit } from './service.js';

/** The pg-boss queue of the retention job. */
export const AUDIT_RETENTION_QUEUE = 'audit-retention';
/** Daily at 03:17 Beijing time, off the hour when other jobs start. */
export const AUDIT_RETENTION_CRON = '17 3 * * *';

/** Registers the daily retention purge (older than six months). */
export async function registerAuditJobs(boss: PgBoss, ctx: { db: Db; clock: Clock }): Promise<void> {
  await boss.createQueue(AUDIT_RETENTION_QUEUE);
  await boss.schedule(AUDIT_RETENTION_QUEUE, AUDIT_RETENTION_CRON, {}, { tz: 'Asia/Shanghai' });
  await boss.work(AUDIT_RETENTION_QUEUE, async () => {
    await purgeExpiredAudit(ctx);
  });
}

/**
 * The audit view: who did what, when, from where. Administrators read and
 * export it; nobody writes it through the API (the platform's `audit()` is
 * called by each use case in its own transaction).
 */
export const auditModule: ModuleManifest = {
  name: 'audit',
  migrations: auditMigrations,
  routes: auditRoutes,
  jobs: registerAuditJobs,
};
