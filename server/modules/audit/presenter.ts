import type { Lang } from '../../platform/context.js';
import { translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import { maskIdNumber, maskPhone } from '../../../common/masking.js';
import type { AuditRow } from './repo.js';
import type { AuditEntryView } from './schema.js';

/**
 * What an audit entry's `before`/`after` are: **summaries**, written by the
 * use case that made the change: ids, states, counts, names of fields that
 * changed. Never the contents of a report, a case description, a message
 * body, a password, a token, or unmasked personal data. A whistle-blower's
 * identity must never leak through an audit view.
 *
 * The presenter does not trust every writer to get that right: keys that
 * name contents or secrets are dropped, mobile and ID numbers are masked,
 * long strings are cut, deep or large structures are shortened.
 */
/** Keys dropped when they contain one of these (after lower-casing and removing `_`/`-`): `reportContent`, `reporter_phone` … */
const REDACTED_PARTS = ['content', 'body', 'description', 'reporter', 'phone', 'mobile', 'password', 'token', 'secret', 'idnumber', 'idcard'];
/** Keys dropped when they are exactly one of these (too short to match inside other words). */
const REDACTED_KEYS = new Set(['text', 'message', 'details', 'otp', 'code']);
export const REDACTED = '[redacted]';
const MAX_STRING = 200;
const MAX_ITEMS = 20;
const MAX_DEPTH = 4;

function normaliseKey(key: string): string {
  return key.replace(/[_\-\s]/g, '').toLowerCase();
}

function isRedacted(key: string): boolean {
  const k = normaliseKey(key);
  return REDACTED_KEYS.has(k) || REDACTED_PARTS.some((part) => k.includes(part));
}

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;

function maskString(value: string): string {
  const masked = value.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
  const chars = Array.from(masked);
  return chars.length > MAX_STRING ? `${chars.slice(0, MAX_STRING).join('')}…` : masked;
}

/** A stored `before`/`after` made safe to show (see above). */
export function summarize(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return maskString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => summarize(v, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… +${value.length - MAX_ITEMS}`);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      out[key] = isRedacted(key) ? REDACTED : summarize(v, depth + 1);
    }
    return out;
  }
  return String(value);
}

/**
 * One entry as the audit view shows it, with the actor's name joined from
 * `names`. No actor means the system, or a protected reporter.
 */
export function presentAuditEntry(row: AuditRow, names: ReadonlyMap<string, string>): AuditEntryView {
  return {
    id: Number(row.id),
    createdAt: row.created_at.toISOString(),
    actor: row.actor_id ? { id: row.actor_id, name: names.get(row.actor_id) ?? null } : null,
    actorRoles: row.actor_roles ? row.actor_roles.split(',').filter(Boolean) : [],
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    before: summarize(row.before),
    after: summarize(row.after),
  };
}

// ---- CSV --------------------------------------------------------------------

/** The byte-order mark Excel needs to read UTF-8 (Chinese) instead of GBK. */
export const CSV_BOM = '\uFEFF';

const CSV_COLUMNS: MessageKey[] = [
  'audit.csv.id',
  'audit.csv.time',
  'audit.csv.actor_id',
  'audit.csv.actor_name',
  'audit.csv.actor_roles',
  'audit.csv.action',
  'audit.csv.target_type',
  'audit.csv.target_id',
  'audit.csv.ip',
  'audit.csv.before',
  'audit.csv.after',
];

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe: names and
 * ids in the log can be typed by anyone, and admins open this in Excel.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(lang: Lang): string {
  return csvLine(CSV_COLUMNS.map((key) => translate(lang, key)));
}

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `2026-11-20 10:00:00` in Beijing time: what Excel reads as a date and people read at a glance. */
export function shanghaiTime(date: Date): string {
  return SHANGHAI.format(date);
}

export function csvRow(row: AuditRow, names: ReadonlyMap<string, string>, lang: Lang): string {
  const view = presentAuditEntry(row, names);
  const json = (v: unknown) => (v === null ? '' : JSON.stringify(v));
  return csvLine([
    view.id,
    shanghaiTime(row.created_at),
    view.actor?.id ?? '',
    view.actor ? (view.actor.name ?? '') : translate(lang, 'audit.actor.system'),
    view.actorRoles.join(' '),
    view.action,
    view.targetType,
    view.targetId,
    view.ip,
    json(view.before),
    json(view.after),
  ]);
}
