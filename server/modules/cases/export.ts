import type { ServiceContext } from '../../platform/context.js';
import { AppError, forbidden, unauthorized } from '../../platform/errors.js';
import type { Lang } from '../../../common/i18n/catalogue.js';
import { maskName, maskPhone } from '../../../common/masking.js';
import { CHANNEL_LABELS, PRIORITY_LABELS, RATING_LABELS, STATUS_LABELS } from '../../../common/cases/labels.js';
import { EXPORT_WORDS, FIGURE_LABELS, percent } from '../../../common/cases/stats-labels.js';
import * as directory from './directory.js';
import { caseScope, hasQueue } from './policy.js';
import * as queries from './queries.js';
import * as repo from './repo.js';
import type { CaseRow } from './repo.js';
import { beijingTime, CONTENT_TYPES, stamp, toCsv, toXlsx, type Cell } from './export-format.js';
import { FIGURE_KEYS, type Figures } from './stats-figures.js';
import { caseStatistics, categoryName } from './stats.js';
import type { CaseExportInput, StatsExportInput } from './stats-schema.js';

/**
 * Exports: the statistics (the same figures as GET /cases/stats) and case
 * lists (the queue's filters and access, personal data always masked).
 */

export const MAX_EXPORT_CASES = 10_000;

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string | Buffer;
  rows: number;
}

const word = (lang: Lang, key: string) => EXPORT_WORDS[key]![lang];

function figureCells(f: Figures): Cell[] {
  return FIGURE_KEYS.map((k) => {
    const v = f[k];
    return k.endsWith('Rate') ? percent(v as number | null) : v;
  });
}

export async function exportStatistics(ctx: ServiceContext, input: StatsExportInput): Promise<ExportFile> {
  const { format, ...query } = input;
  const stats = await caseStatistics(ctx, query);
  const lang = ctx.lang;
  const figureHeads = FIGURE_KEYS.map((k) => FIGURE_LABELS[k]![lang]);
  const table: Cell[][] = [
    [word(lang, 'key'), word(lang, 'label'), ...figureHeads],
    ...stats.rows.map((r) => [r.key, r.label, ...figureCells(r)]),
    [stats.scope.regionPrefix ?? stats.scope.unitId ?? '', `${word(lang, 'total')}（${stats.scope.regionName ?? stats.scope.unitName ?? ''} ${stats.scope.from}~${stats.scope.to}）`, ...figureCells(stats.totals)],
  ];
  const trend: Cell[][] = [[word(lang, 'period'), ...figureHeads], ...stats.trend.map((t) => [t.period, ...figureCells(t)])];
  const name = `lianxin-case-stats-${stamp(ctx.clock.now())}.${format}`;
  if (format === 'csv') return { fileName: name, contentType: CONTENT_TYPES.csv, body: toCsv(table), rows: stats.rows.length };
  const body = await toXlsx([
    { name: word(lang, 'statsSheet'), rows: table },
    { name: word(lang, 'trendSheet'), rows: trend },
  ]);
  return { fileName: name, contentType: CONTENT_TYPES.xlsx, body, rows: stats.rows.length };
}

/** The requester as an export shows them: masked always (a file leaves the system). */
function requesterCells(c: CaseRow, lang: Lang): Cell[] {
  if (c.is_anonymous || c.confidential) return [word(lang, 'anonymous'), ''];
  return [c.requester_name ? maskName(c.requester_name) : '', c.requester_phone ? maskPhone(c.requester_phone) : ''];
}

export async function exportCases(ctx: ServiceContext, input: CaseExportInput): Promise<ExportFile> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!hasQueue(actor)) throw forbidden('cases.no_queue');
  const { format, ...filters } = input;
  const sort = filters.sort ?? (filters.q ? 'relevance' : 'created');
  // An exact total (lists cap theirs): the message says how many match.
  const { rows, total } = await queries.queue(ctx.db, caseScope(actor), filters, sort, 1, MAX_EXPORT_CASES, ctx.clock.now(), Infinity);
  if (total > MAX_EXPORT_CASES) throw new AppError(400, 'invalid_field', 'cases.export_too_many', 'limit', { count: total, max: MAX_EXPORT_CASES });

  const lang = ctx.lang;
  const names = await directory.namesFor(
    ctx.db,
    rows.map((r) => r.handling_unit_id),
    rows.map((r) => r.region_code),
  );
  const categories = new Map((await repo.listCategories(ctx.db, false)).map((c) => [c.code, categoryName(ctx, c)]));
  const heads = ['trackingNumber', 'title', 'category', 'region', 'unit', 'status', 'priority', 'channel', 'receivedAt', 'responseDueAt', 'resolutionDueAt', 'respondedAt', 'resolvedAt', 'rating', 'requester', 'phone'];
  const table: Cell[][] = [
    heads.map((h) => word(lang, h)),
    ...rows.map((c) => [
      c.tracking_number,
      c.title,
      categories.get(c.category_code) ?? c.category_code,
      names.regions.get(c.region_code) ?? c.region_code,
      c.handling_unit_id ? (names.units.get(c.handling_unit_id)?.name ?? '') : word(lang, 'noUnit'),
      STATUS_LABELS[c.status][lang],
      PRIORITY_LABELS[c.priority][lang],
      CHANNEL_LABELS[c.channel][lang],
      beijingTime(c.created_at),
      beijingTime(c.response_due_at),
      beijingTime(c.resolution_due_at),
      beijingTime(c.responded_at),
      beijingTime(c.resolved_at),
      c.rating ? RATING_LABELS[c.rating][lang] : '',
      ...requesterCells(c, lang),
    ]),
  ];
  const name = `lianxin-cases-${stamp(ctx.clock.now())}.${format}`;
  if (format === 'csv') return { fileName: name, contentType: CONTENT_TYPES.csv, body: toCsv(table), rows: rows.length };
  return { fileName: name, contentType: CONTENT_TYPES.xlsx, body: await toXlsx([{ name: word(lang, 'casesSheet'), rows: table }]), rows: rows.length };
}
