import type { TFunction } from 'i18next';
import type { PublicationStatus } from './types.js';

/** Label helpers: every word through i18n (web/src/i18n/features/disclosures.*.ts). */
export const kindLabel = (t: TFunction, kind: string) => t(`disclosures.kind.${kind}`);
export const statusLabel = (t: TFunction, status: string) => t(`disclosures.status.${status}`);
export const directionLabel = (t: TFunction, d: string) => t(`disclosures.direction.${d}`);
export const paymentLabel = (t: TFunction, p: string) => t(`disclosures.payment.${p}`);
export const fundKindLabel = (t: TFunction, k: string) => t(`disclosures.fundKind.${k}`);
export const stepLabel = (t: TFunction, s: string) => t(`disclosures.step.${s}`);
export const ruleLabel = (t: TFunction, r: string) => t(`disclosures.rule.${r}`);

export const STATUS_TONE: Record<PublicationStatus, 'success' | 'pending' | 'danger' | 'neutral' | 'notice'> = {
  draft: 'neutral',
  in_review: 'pending',
  returned: 'danger',
  approved: 'notice',
  published: 'success',
};

/** The village (12 digits) a household's region belongs to: itself, or the village above a grid. */
export function villageOf(code: string): string | null {
  if (code.length < 12) return null;
  const village = code.slice(0, 12);
  return village.slice(9) === '000' ? null : village;
}

/** 「2026-03」 → 「2026年3月」 / 「Mar 2026」. */
export function periodLabel(period: string, lang: string): string {
  const [y, m] = period.split('-').map(Number);
  if (!y || !m) return period;
  if (lang === 'en') return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${y}年${m}月`;
}
