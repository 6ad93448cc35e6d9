import { formatFen } from '../../../../common/disclosures/money.js';

/** Integer fen from the API → 「¥157,600.00」 (never through a float). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const text = formatFen(fen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** Fen as a plain number of yuan for a chart axis (display only, never stored or summed). */
export function chartYuan(fen: number): number {
  return fen / 100;
}

/** 「157,600.5」 typed by a person → fen, or null when it is not a positive amount with at most two decimals. */
export { parseYuanToFen } from '../../../../common/disclosures/money.js';
