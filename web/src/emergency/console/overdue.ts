import type { Need, NeedsSummary } from '../api.js';

/**
 * When an unfinished need counts as overdue: the server decides
 * (server/modules/emergency/needs-summary.ts — past its case's resolution
 * deadline) and sends the windows with the summary (`overdueHours`); the list
 * marks its rows with the same windows. Nothing is hard-coded here.
 */
export const FINISHED: readonly Need['status'][] = ['delivered', 'confirmed', 'cancelled'];

export function isOverdue(need: Pick<Need, 'urgency' | 'status' | 'createdAt'>, hours: NeedsSummary['overdueHours'] | undefined, now: number = Date.now()): boolean {
  if (!hours || FINISHED.includes(need.status)) return false;
  return now - new Date(need.createdAt).getTime() > hours[need.urgency] * 3_600_000;
}
