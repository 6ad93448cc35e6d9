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
