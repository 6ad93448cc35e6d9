import type { Lang } from '../../../common/i18n/catalogue.js';
import { translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import { numberToFen, parseYuanToFen } from '../../../common/disclosures/money.js';
import { isCalendarDate } from '../../../common/disclosures/periods.js';
import type { Direction, PaymentMethod } from '../../../common/disclosures/kinds.js';
import type { Cell } from './import-parse.js';
import type { ImportField, ImportMappingType } from './schema-oversight.js';

/**
 * Turning the records of a ledger file into entries: finding the header,
 * matching columns to fields (the village's saved mapping, else the usual
 * Chinese headers), and checking every row, collecting every problem of
 * every row — a bad amount, a bad date or one outside the period, an empty
 * required value, a duplicate voucher, an unknown fund — so the preview can
 * show them all and the import can refuse the whole file.
 */

export const SYNONYMS: Record<ImportField, string[]> = {
  date: ['日期', '记账日期', '业务日期', '凭证日期', '发生日期', 'date'],
  voucherNo: ['凭证号', '凭证编号', '凭证字号', '凭证', 'voucher', 'voucherno'],
  direction: ['收支类型', '收支', '收支方向', '类型', '方向', 'direction'],
  amount: ['金额', '发生额', '金额（元）', '金额(元)', 'amount'],
  income: ['收入', '收入金额', '收入（元）', '收入(元)', '借方', '借方金额', 'income'],
  expense: ['支出', '支出金额', '支出（元）', '支出(元)', '贷方', '贷方金额', 'expense'],
  counterparty: ['对方单位', '对方', '往来单位', '收款人', '收款单位', '付款人', '领取人', '收（付）款人', 'counterparty'],
  purpose: ['摘要', '用途', '事由', '说明', 'purpose'],
  fund: ['资金项目', '资金来源', '项目', '资金', '资金名称', 'fund'],
  toFund: ['转入项目', '使用项目', '用于项目', '实际用途项目', 'tofund'],
  approvers: ['审批人', '批准人', '审批', 'approvers'],
  paymentMethod: ['支付方式', '结算方式', '付款方式', 'payment', 'paymentmethod'],
};

export const FIELD_LABELS: Record<ImportField, string> = {
  date: '日期',
  voucherNo: '凭证号',
  direction: '收支类型',
  amount: '金额',
  income: '收入',
  expense: '支出',
  counterparty: '对方单位',
  purpose: '摘要',
  fund: '资金项目',
  toFund: '转入项目',
  approvers: '审批人',
  paymentMethod: '支付方式',
};

const norm = (s: string) => s.replace(/[\s:：*]/g, '').toLowerCase();
export const cellText = (c: Cell | undefined): string => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());

export interface Columns {
  mapping: ImportMappingType;
  index: Partial<Record<ImportField, number>>;
}

export type MappingProblem = { kind: 'missing'; field: ImportField; header: string } | { kind: 'incomplete'; field: ImportField };

const REQUIRED: readonly ImportField[] = ['date', 'voucherNo', 'purpose', 'fund'];

/**
 * Columns of the header row for the mapping given (or guessed), or the first
 * problem. A mapping sent with the file is strict (every column it names must
 * be there); the village's saved mapping is lenient for optional columns, so
 * an export without, say, 支付方式 still reads.
 */
export function resolveColumns(headers: string[], given: ImportMappingType | null, strict = true): Columns | MappingProblem {
  const normalized = headers.map(norm);
  const mapping: ImportMappingType = {};
  const index: Partial<Record<ImportField, number>> = {};
  for (const field of Object.keys(SYNONYMS) as ImportField[]) {
    const wanted = given?.[field];
    if (wanted) {
      const i = normalized.indexOf(norm(wanted));
      if (i < 0) {
        if (strict || REQUIRED.includes(field)) return { kind: 'missing', field, header: wanted };
        continue;
      }
      mapping[field] = headers[i];
      index[field] = i;
    } else if (!given || !Object.values(given).some(Boolean)) {
      const i = normalized.findIndex((h, k) => SYNONYMS[field].some((s) => norm(s) === h) && !Object.values(index).includes(k));
      if (i >= 0) {
        mapping[field] = headers[i];
        index[field] = i;
      }
    }
  }
  for (const field of REQUIRED) if (index[field] === undefined) return { kind: 'incomplete', field };
  const hasAmount = index.amount !== undefined;
  const hasSplit = index.income !== undefined || index.expense !== undefined;
  if (!hasAmount && !hasSplit) return { kind: 'incomplete', field: 'amount' };
  if (hasAmount && !hasSplit && index.direction === undefined) return { kind: 'incomplete', field: 'direction' };
  return { mapping, index };
}

/** The header is the first of the first ten rows that names at least three known columns (titles above it are skipped). */
export function isHeaderRow(cells: Cell[], given: ImportMappingType | null): boolean {
  const names = new Set(cells.map((c) => norm(cellText(c))));
  const known = given && Object.values(given).some(Boolean) ? Object.values(given).filter(Boolean).map((h) => norm(h!)) : Object.values(SYNONYMS).flat().map(norm);
  return known.filter((k) => names.has(k)).length >= 3;
}

export interface FundLookup {
  byKey: Map<string, string>;
}

export function fundLookup(funds: { id: string; code: string; name: string }[]): FundLookup {
  const byKey = new Map<string, string>();
  for (const f of funds) {
    byKey.set(norm(f.code), f.id);
    byKey.set(norm(f.name), f.id);
  }
  return { byKey };
}

export interface RowProblem {
  row: number;
  field: string;
  code: string;
  message: string;
  value: string;
}

export interface AcceptedRow {
  row: number;
  date: string;
  voucherNo: string;
  direction: Direction;
  amountFen: number;
  counterparty: string;
  purpose: string;
  fundId: string;
  fundText: string;
  toFundId: string | null;
  approvers: string[];
  paymentMethod: PaymentMethod;
}

const DIRECTIONS: Record<string, Direction> = {
  收入: 'income', 收: 'income', 借: 'income', 借方: 'income', income: 'income', in: 'income',
  支出: 'expense', 支: 'expense', 付: 'expense', 贷: 'expense', 贷方: 'expense', expense: 'expense', out: 'expense',
  调拨: 'transfer', 转: 'transfer', 调: 'transfer', 内部调拨: 'transfer', 内部转账: 'transfer', transfer: 'transfer',
};
const PAYMENTS: Record<string, PaymentMethod> = {
  现金: 'cash', cash: 'cash',
  转账: 'bank', 银行: 'bank', 银行转账: 'bank', 网银: 'bank', 对公转账: 'bank', 非现金: 'bank', bank: 'bank',
  其他: 'other', other: 'other',
};

/** YYYY-MM-DD from a cell: an Excel date or serial number, 2022-11-03, 2022/11/3, 2022.11.3, 2022年11月3日, 20221103. */
export function parseDate(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    if (!Number.isInteger(c) || c < 1 || c > 2958465) return null;
    return new Date(Date.UTC(1899, 11, 30) + c * 86_400_000).toISOString().slice(0, 10);
  }
  const s = cellText(c);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

function amountOf(c: Cell): number | null {
  if (typeof c === 'number') return numberToFen(c);
  return parseYuanToFen(cellText(c));
}

export interface RowContext {
  columns: Columns;
  period: string;
  funds: FundLookup;
  existingVouchers: Set<string>;
  seenVouchers: Map<string, number>;
  lang: Lang;
}

/** Checks one data row; returns the entry, or every problem it has. */
export function checkRow(line: number, cells: Cell[], rc: RowContext): { ok: AcceptedRow } | { problems: RowProblem[] } {
  const at = (f: ImportField) => (rc.columns.index[f] === undefined ? undefined : cells[rc.columns.index[f]!]);
  const problems: RowProblem[] = [];
  const problem = (field: ImportField, key: string, value: string, params: Record<string, string | number> = {}) =>
    problems.push({ row: line, field, code: key, value, message: translate(rc.lang, `disclosures.row.${key}` as MessageKey, { column: FIELD_LABELS[field], value, period: rc.period, ...params }) });
  const text = (f: ImportField) => cellText(at(f));

  const dateCell = at('date');
  const date = parseDate(dateCell ?? null);
  if (!text('date')) problem('date', 'value_missing', '');
  else if (!date) problem('date', 'date_invalid', text('date'));
  else if (date.slice(0, 7) !== rc.period) problem('date', 'date_outside_period', date);

  const voucher = text('voucherNo');
  if (!voucher) problem('voucherNo', 'value_missing', '');
  else if (voucher.length > 40) problem('voucherNo', 'too_long', voucher, { max: 40 });
  else if (rc.existingVouchers.has(voucher)) problem('voucherNo', 'voucher_duplicate_ledger', voucher);
  else if (rc.seenVouchers.has(voucher)) problem('voucherNo', 'voucher_duplicate_file', voucher, { other: rc.seenVouchers.get(voucher)! });
  else rc.seenVouchers.set(voucher, line);

  let direction: Direction | null = null;
  let amountFen: number | null = null;
  if (rc.columns.index.amount !== undefined && !text('income') && !text('expense')) {
    const d = text('direction');
    direction = DIRECTIONS[d.toLowerCase()] ?? null;
    if (!d) problem('direction', 'value_missing', '');
    else if (!direction) problem('direction', 'direction_invalid', d);
    if (!text('amount')) problem('amount', 'value_missing', '');
    else if ((amountFen = amountOf(at('amount') ?? null)) === null) problem('amount', 'amount_invalid', text('amount'));
  } else {
    const income = text('income');
    const expense = text('expense');
    const zero = (s: string) => !s || /^0+(\.0+)?$/.test(s.replace(/[,，¥￥元\s]/g, ''));
    if (!zero(income) && !zero(expense)) problem('income', 'both_amounts', `${income} / ${expense}`);
    else if (zero(income) && zero(expense)) problem('amount', 'value_missing', '');
    else {
      const field: ImportField = zero(expense) ? 'income' : 'expense';
      const d = text('direction');
      direction = field === 'income' ? 'income' : DIRECTIONS[d.toLowerCase()] === 'transfer' ? 'transfer' : 'expense';
      if ((amountFen = amountOf(at(field) ?? null)) === null) problem(field, 'amount_invalid', text(field));
    }
  }

  const counterparty = text('counterparty');
  if (counterparty.length > 100) problem('counterparty', 'too_long', counterparty.slice(0, 20), { max: 100 });
  const purpose = text('purpose');
  if (!purpose) problem('purpose', 'value_missing', '');
  else if (purpose.length > 300) problem('purpose', 'too_long', purpose.slice(0, 20), { max: 300 });

  const fundText = text('fund');
  const fundId = fundText ? rc.funds.byKey.get(norm(fundText)) : undefined;
  if (!fundText) problem('fund', 'value_missing', '');
  else if (!fundId) problem('fund', 'fund_unknown', fundText);
  const toText = text('toFund');
  const toFundId = toText ? rc.funds.byKey.get(norm(toText)) : undefined;
  if (toText && !toFundId) problem('toFund', 'fund_unknown', toText);
  else if (toFundId && toFundId === fundId) problem('toFund', 'to_fund_same', toText);
  else if (direction === 'transfer' && !toText) problem('toFund', 'to_fund_required', '');

  const payText = text('paymentMethod');
  const paymentMethod = payText ? PAYMENTS[payText.toLowerCase()] : 'bank';
  if (!paymentMethod) problem('paymentMethod', 'payment_invalid', payText);

  if (problems.length > 0) return { problems };
  return {
    ok: {
      row: line,
      date: date!,
      voucherNo: voucher,
      direction: toFundId && direction === 'income' ? 'income' : direction!,
      amountFen: amountFen!,
      counterparty,
      purpose,
      fundId: fundId!,
      fundText,
      toFundId: direction === 'income' ? null : (toFundId ?? null),
      approvers: text('approvers').split(/[、,，;；/\s]+/).map((s) => s.trim()).filter((s) => s && s.length <= 30).slice(0, 5),
      paymentMethod,
    },
  };
}
