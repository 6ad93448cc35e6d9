import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { regionPrefix } from '../../../common/regions.js';
import * as repo from './repo-notices.js';

/**
 * Delivery of a notice into the household outbox (emergency_notice_deliveries),
 * in batches: each batch is one transaction that copies the next households
 * of the area (keyset by id) with INSERT … SELECT and moves the progress row
 * on; the sender polls the progress (or follows the notice's stream). A
 * crash between batches loses nothing: the next run resumes at the cursor,
 * and a batch re-run inserts nothing twice (the outbox key is notice +
 * household).
 *
 * Who runs the batches: in production the pg-boss worker registered in
 * jobs.ts (queue `emergency.notice-deliver`), plus a schedule that re-kicks
 * any delivery idle for a while; without a queue (tests, the CLI) the
 * process that created the notice runs them itself, in the background.
 */

/** Households per batch (one transaction each); tests make it small to see several batches. */
export const deliverySettings = { batchSize: 10_000 };
export const noticeTopic = (noticeId: string) => `emergency:notice:${noticeId}`;

export interface NoticeQueue {
  send(noticeId: string): Promise<void>;
}

let queue: NoticeQueue | null = null;
const running = new Map<string, Promise<void>>();

/** Installed by the jobs hook when pg-boss runs; null falls back to in-process delivery. */
export function useNoticeQueue(q: NoticeQueue | null): void {
  queue = q;
}

/** Moves one batch; true when the delivery is finished (or someone else holds it). */
export async function deliverBatch(db: Db, clock: Clock, noticeId: string, size = deliverySettings.batchSize): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const dispatch = await repo.lockDispatch(trx, noticeId);
    // Locked by a concurrent runner (skip locked), or already finished.
    if (!dispatch || dispatch.status === 'delivered' || dispatch.status === 'failed') return true;
    const notice = (await repo.findNotice(trx, noticeId))!;
    const now = clock.now();
    const batch = await repo.queueBatch(trx, { noticeId, prefix: regionPrefix(notice.region_code), cursor: dispatch.cursor, size, at: now });
    const done = batch.seen < size;
    const queued = dispatch.queued + batch.inserted;
    await trx
      .updateTable('emergency_notice_dispatch')
      .set({
        status: done ? 'delivered' : 'delivering',
        queued,
        // Households registered while the notice went out are delivered too.
        total: Math.max(dispatch.total, queued),
        cursor: batch.last ?? dispatch.cursor,
        updated_at: now,
        finished_at: done ? now : null,
      })
      .where('notice_id', '=', noticeId)
      .execute();
    await publishLive(trx, { topic: noticeTopic(noticeId), type: 'progress', data: { noticeId, queued, status: done ? 'delivered' : 'delivering' } });
    return done;
  });
}

/** Runs batches until the notice is delivered. */
export async function runDelivery(db: Db, clock: Clock, noticeId: string, size = deliverySettings.batchSize): Promise<void> {
  for (;;) if (await deliverBatch(db, clock, noticeId, size)) return;
}

/** Records a delivery that could not go on (the sender sees `failed`). */
async function markFailed(db: Db, clock: Clock, noticeId: string, error: unknown): Promise<void> {
  await db
    .updateTable('emergency_notice_dispatch')
    .set({ status: 'failed', error: String((error as Error)?.message ?? error).slice(0, 500), updated_at: clock.now() })
    .where('notice_id', '=', noticeId)
    .where('status', 'in', ['queued', 'delivering'])
    .execute()
    .catch(() => undefined);
}

/** Starts the delivery of a committed notice: on the job queue, or here in the background. */
export async function startDelivery(db: Db, clock: Clock, noticeId: string): Promise<void> {
  if (queue) {
    try {
      await queue.send(noticeId);
      return;
    } catch {
      // The queue is unavailable: deliver here rather than not at all.
    }
  }
  if (running.has(noticeId)) return;
  const run = runDelivery(db, clock, noticeId)
    .catch((e) => markFailed(db, clock, noticeId, e))
    .finally(() => running.delete(noticeId));
  running.set(noticeId, run);
}

/** Waits for the deliveries running in this process (tests, graceful shutdown). */
export async function settleDeliveries(): Promise<void> {
  while (running.size > 0) await Promise.all([...running.values()]);
}

/** Deliveries idle for longer than `idleMs` (a crashed worker): the schedule re-kicks them. */
export async function stalledDeliveries(db: Db, now: Date, idleMs: number): Promise<string[]> {
  const rows = await db
    .selectFrom('emergency_notice_dispatch')
    .select('notice_id')
    .where('status', 'in', ['queued', 'delivering'])
    .where('updated_at', '<', new Date(now.getTime() - idleMs))
    .execute();
  return rows.map((r) => r.notice_id);
}
