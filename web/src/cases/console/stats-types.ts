import type { TFunction } from 'i18next';
// The figures of `GET /api/cases/stats` are the server's own type (type-only: nothing of the server reaches the bundle).
import type { Figures } from '../../../../server/modules/cases/stats-figures.js';

export type { Figures };

export interface StatsAnswer {
  scope: {
    regionPrefix: string | null;
    regionName: string | null;
    unitId: string | null;
    unitName: string | null;
    category: string | null;
    from: string;
    to: string;
    groupBy: 'region' | 'unit' | 'category';
    trend: 'day' | 'week' | 'month';
  };
  totals: Figures;
  rows: ({ key: string; label: string; drillable: boolean } & Figures)[];
  trend: ({ period: string } & Figures)[];
  generatedAt: string;
}

/** `GET /api/cases/supervision-board` items. */
export interface SupervisionItem {
  id: string;
  kind: 'resolution_overdue' | 'reopened_overdue' | 'still_overdue';
  status: 'open' | 'closed';
  case: {
    id: string;
    trackingNumber: string;
    title: string;
    status: import('../types.js').CaseStatus;
    categoryCode: string;
    categoryName: string;
    regionCode: string;
    regionName: string;
    priority: import('../types.js').CasePriority;
    resolutionDueAt: string;
  };
  fromUnit: { id: string; name: string } | null;
  toUnit: { id: string; name: string };
  dueAt: string;
  overdueMinutes: number;
  createdAt: string;
  closedAt: string | null;
  closedBy: { id: string; name: string } | null;
  closeNote: string | null;
  abilities: { close: boolean };
}

export interface SupervisionBoard {
  items: SupervisionItem[];
  total: number;
  page: number;
  pageSize: number;
  openCount: number;
}

/** 98.5% (one decimal), or — when there is nothing to divide by. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Minutes as words: 45 分钟, 3.5 小时, 2.1 天. */
export function formatMinutes(t: TFunction, minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes < 60) return t('cases.minutes', { n: Math.round(minutes) });
  if (minutes < 48 * 60) return t('cases.hoursShort', { n: Math.round(minutes / 6) / 10 });
  return t('cases.daysShort', { n: Math.round(minutes / 144) / 10 });
}
