import type { CasePriority } from './types.js';

/**
 * Time limits (DOMAIN.md "Request hotlines"): each category carries a response
 * and a resolution limit (emergencies 2 h, water/power/gas/heating 24 h,
 * ordinary 7 days, complex 15 days); a higher priority can only shorten them.
 * Calendar hours: a later per-region setting may count working days instead.
 */
export const PRIORITY_CAPS: Record<CasePriority, { responseHours: number; resolutionHours: number } | null> = {
  emergency: { responseHours: 1, resolutionHours: 2 },
  urgent: { responseHours: 2, resolutionHours: 24 },
  normal: null,
};

export interface Limits {
  responseHours: number;
  resolutionHours: number;
}

export function effectiveLimits(category: Limits, priority: CasePriority): Limits {
  const cap = PRIORITY_CAPS[priority];
  if (!cap) return { responseHours: category.responseHours, resolutionHours: category.resolutionHours };
  return {
    responseHours: Math.min(category.responseHours, cap.responseHours),
    resolutionHours: Math.min(category.resolutionHours, cap.resolutionHours),
  };
}

const HOUR = 60 * 60 * 1000;

/**
 * The deadlines of a case received at `from`.
 *
 * @example computeDeadlines(new Date('2026-11-20T02:00Z'), { responseHours: 24, resolutionHours: 168 }, 'normal')
 *   // → response 2026-11-21T02:00Z, resolution 2026-11-27T02:00Z
 */
export function computeDeadlines(from: Date, category: Limits, priority: CasePriority): { responseDueAt: Date; resolutionDueAt: Date } {
  const limits = effectiveLimits(category, priority);
  return {
    responseDueAt: new Date(from.getTime() + limits.responseHours * HOUR),
    resolutionDueAt: new Date(from.getTime() + limits.resolutionHours * HOUR),
  };
}

// ---- Warnings and escalation (督办): the deadline job (server/modules/cases/deadlines.ts) ----

/** What the deadline job records, once per case per deadline. */
export const DEADLINE_STEPS = ['response_warning', 'resolution_warning', 'response_overdue', 'resolution_overdue'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

/**
 * Why a case went up to the parent unit's board: its resolution deadline
 * passed; the deadline of a reopened case passed; it was still overdue a day
 * after the upper unit closed the previous item.
 */
export const ESCALATION_KINDS = ['resolution_overdue', 'reopened_overdue', 'still_overdue'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

/** In-app notices of the deadline job. */
export const NOTIFICATION_KINDS = ['response_warning', 'resolution_warning', 'response_overdue', 'escalated'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface WarningPolicy {
  /** Never warn earlier than this before a deadline. */
  maxLeadHours: number;
  /** Warn this share of the window before the deadline (a 2 h emergency: 30 min before). */
  fractionOfWindow: number;
  /** A closed board item whose case is still overdue this long after the closing goes up again. */
  reEscalateAfterHours: number;
}

export const DEFAULT_WARNING_POLICY: WarningPolicy = { maxLeadHours: 24, fractionOfWindow: 0.25, reEscalateAfterHours: 24 };

/** How long before a deadline the unit is warned: min(maxLeadHours, fraction × window). */
export function warningLeadMs(windowMs: number, policy: WarningPolicy = DEFAULT_WARNING_POLICY): number {
  return Math.min(policy.maxLeadHours * HOUR, Math.max(0, windowMs) * policy.fractionOfWindow);
}
