/**
 * Writing tables as CSV (UTF-8 with a BOM, so Excel reads Chinese) or XLSX
 * (exceljs). Cells a spreadsheet would run as a formula get a leading
 * apostrophe: titles and names are typed by residents.
 */

export type Cell = string | number | null | undefined;
export interface Sheet {
  name: string;
  rows: Cell[][];
}

export const CSV_BOM = '\uFEFF';

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Cell[][]): string {
  return CSV_BOM + rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31));
    for (const row of sheet.rows) ws.addRow(row.map((c) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : (c ?? null))));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col) => (col.width = 14));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** '2026-11-20 10:00' in Beijing time. */
export function beijingTime(at: Date | null): string {
  return at ? SHANGHAI.format(at).replace(',', '') : '';
}

/** 'YYYYMMDDHHmm' for file names. */
export function stamp(at: Date): string {
  return beijingTime(at).replace(/\D/g, '').slice(0, 12);
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
