/**
 * Money is integer fen (分), never a float (DESIGN §7). These helpers turn
 * the text people and spreadsheets write into fen and back, exactly.
 */

/** The largest amount one entry may carry: 10 亿元. */
export const MAX_ENTRY_FEN = 100_000_000_000;

/**
 * Parses 「1,234.56」「¥1234.5」「1234」「1234.00元」 into fen; null when it is not
 * a positive amount with at most two decimals (「12.345」, 「-5」, 「abc」, 「0」).
 */
export function parseYuanToFen(text: string): number | null {
  const s = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
    .replace(/，/g, ',');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.replace(/,/g, '').split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen <= 0 || fen > MAX_ENTRY_FEN) return null;
  return fen;
}

/**
 * A number read from a spreadsheet cell (a binary float) into fen, when it
 * has at most two decimals as written: 157600.5 → 15760050; 0.1 + 0.2 style
 * noise below a millionth of a fen is tolerated, 12.345 is not.
 */
export function numberToFen(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const fen = Math.round(value * 100);
  if (Math.abs(value * 100 - fen) > 1e-6 * Math.max(1, Math.abs(value))) return null;
  if (fen <= 0 || fen > MAX_ENTRY_FEN) return null;
  return fen;
}

/** 15760000 → 「157,600.00」 (yuan, thousands separated, two decimals). */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
