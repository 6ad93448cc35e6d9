import type { ComplianceState, PublicationKind } from '../../../common/disclosures/kinds.js';
import { dueDateOf, dueDeadline } from '../../../common/disclosures/periods.js';

/**
 * On time, late or missing (pure): a period's publication counts from the
 * first time any version of it was published; it is on time when that was
 * by the end of the due day (Asia/Shanghai), late after it, missing when the
 * due day has passed without one, pending before that.
 */
export interface PublishedFact {
  id: string;
  period: string;
  kind: PublicationKind;
  published_at: Date | null;
}

export interface ComplianceCellValue {
  period: string;
  state: ComplianceState;
  dueOn: string;
  publishedAt: Date | null;
  daysLate: number | null;
  publicationId: string | null;
}

const DAY_MS = 86_400_000;

export function complianceCell(period: string, facts: PublishedFact[], dueDay: number, now: Date): ComplianceCellValue {
  const dueOn = dueDateOf(period, dueDay);
  const deadline = dueDeadline(dueOn);
  const first = facts
    .filter((f) => f.period === period && f.published_at)
    .sort((a, b) => a.published_at!.getTime() - b.published_at!.getTime())[0];
  if (first) {
    const late = first.published_at!.getTime() > deadline.getTime();
    return {
      period,
      state: late ? 'late' : 'on_time',
      dueOn,
      publishedAt: first.published_at,
      daysLate: late ? Math.ceil((first.published_at!.getTime() - deadline.getTime()) / DAY_MS) : null,
      publicationId: first.id,
    };
  }
  return { period, state: now.getTime() > deadline.getTime() ? 'missing' : 'pending', dueOn, publishedAt: null, daysLate: null, publicationId: null };
}

export function countStates(cells: { state: ComplianceState }[]): Record<ComplianceState, number> {
  const counts: Record<ComplianceState, number> = { on_time: 0, late: 0, missing: 0, pending: 0 };
  for (const c of cells) counts[c.state] += 1;
  return counts;
}
