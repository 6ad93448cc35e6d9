import type { ServiceContext } from '../../platform/context.js';
import { badRequest, forbidden, unauthorized } from '../../platform/errors.js';
import * as regions from '../regions/service.js';
import * as directory from './directory.js';
import * as repo from './repo.js';
import { addRow, emptyVector, figuresOf, sumsOf, type Figures, type SumsVector } from './stats-figures.js';
import { addDays, daysBetween, isDay, periodOf, periodsIn, shanghaiDay, type Trend } from './stats-period.js';
import { canReadStats, defaultStatsScope, mayReadRegion, mayReadUnit, seesConfidential, statsReach } from './stats-policy.js';
import { foldCaseStatistics } from './stats-fold.js';
import { overdueTotals, sumsBy, type Grouping, type KeyedSums, type StatsFilter } from './stats-query.js';
import type { StatsInput } from './stats-schema.js';

/**
 * GET /cases/stats: the 三率 of a region subtree or a unit, a category and a
 * period, with rows for drilling down and a trend. Every figure is summed
 * from the roll-ups (or, for the finest cuts, the cases), and "overdue now"
 * is counted live from the open cases, like the queue's `overdue=true`.
 */

export const MAX_DAYS = 366;
/** The deployment's city (株洲市): an admin's view without a region. */
export const DEFAULT_CITY_PREFIX = '4302';
const LEVELS = [4, 6, 9, 12, 15];

export type GroupBy = 'region' | 'unit' | 'category';

export interface StatsResult {
  scope: { regionPrefix: string | null; regionName: string | null; unitId: string | null; unitName: string | null; category: string | null; from: string; to: string; groupBy: GroupBy; trend: Trend };
  totals: Figures;
  rows: ({ key: string; label: string; drillable: boolean } & Figures)[];
  trend: ({ period: string } & Figures)[];
  generatedAt: string;
}

/** The region code of a scope prefix: '430212' → '430212000000'. */
export const prefixCode = (prefix: string) => (prefix.length === 15 ? prefix : prefix.padEnd(12, '0'));

/** Validates the query and resolves the scope the caller may read (400 / 403). */
export async function resolveStats(ctx: ServiceContext, input: StatsInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const reach = statsReach(actor);
  if (!canReadStats(reach)) throw forbidden('cases.stats_forbidden');

  const today = shanghaiDay(ctx.clock.now());
  if (input.to !== undefined && !isDay(input.to)) throw badRequest('cases.stats_bad_day', 'to');
  if (input.from !== undefined && !isDay(input.from)) throw badRequest('cases.stats_bad_day', 'from');
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -29);
  if (from > to) throw badRequest('cases.stats_range_order', 'from');
  if (daysBetween(from, to) > MAX_DAYS) throw badRequest('cases.stats_range_too_long', 'from', { max: MAX_DAYS });
  const trend: Trend = input.trend ?? 'day';

  if (input.category && !(await repo.findCategory(ctx.db, input.category))) throw badRequest('cases.unknown_category', 'category');
  if (input.unitId && input.regionPrefix) throw badRequest('cases.stats_unit_or_region', 'unitId');

  let prefix: string | null = input.regionPrefix ?? null;
  let unitId: string | null = input.unitId ?? null;
  if (!prefix && !unitId) {
    const fallback = defaultStatsScope(reach, DEFAULT_CITY_PREFIX);
    if (!fallback) throw forbidden('cases.stats_forbidden');
    if ('prefix' in fallback) prefix = fallback.prefix;
    else unitId = fallback.unitId;
  }

  let unitName: string | null = null;
  let regionName: string | null = null;
  let includeConfidential: boolean;
  let groupBy: GroupBy;
  if (unitId) {
    const unit = await directory.findUnit(ctx.db, unitId);
    if (!unit) throw badRequest('cases.unknown_unit', 'unitId');
    if (!mayReadUnit(reach, unit)) throw forbidden('cases.stats_scope_forbidden');
    groupBy = input.groupBy ?? 'category';
    if (groupBy !== 'category') throw badRequest('cases.stats_group_unit', 'groupBy');
    unitName = unit.name;
    includeConfidential = seesConfidential(reach, unit.regionCode);
  } else {
    if (!LEVELS.includes(prefix!.length)) throw badRequest('cases.stats_region_level', 'regionPrefix');
    const region = await directory.findRegion(ctx.db, prefixCode(prefix!));
    if (!region) throw badRequest('cases.unknown_region', 'regionPrefix');
    if (!mayReadRegion(reach, prefix!)) throw forbidden('cases.stats_scope_forbidden');
    groupBy = input.groupBy ?? 'region';
    regionName = region.name;
    includeConfidential = seesConfidential(reach, prefix!);
  }
  const filter: StatsFilter = { prefix, unitId, category: input.category ?? null, from, to, includeConfidential };
  return { filter, groupBy, trend, regionName, unitName };
}

function rowGrouping(f: StatsFilter, groupBy: GroupBy): Grouping | null {
  if (groupBy === 'unit') return { by: 'unit' };
  if (groupBy === 'category') return { by: 'category', depth: f.category ? f.category.split('.').length + 1 : 1 };
  const next = LEVELS[LEVELS.indexOf(f.prefix!.length) + 1];
  return next ? { by: 'region', level: next } : null;
}

export async function caseStatistics(ctx: ServiceContext, input: StatsInput): Promise<StatsResult> {
  const { filter: f, groupBy, trend, regionName, unitName } = await resolveStats(ctx, input);
  const now = ctx.clock.now();
  const grouping = rowGrouping(f, groupBy);
  // Pending deltas first (a short set-based fold; the job keeps few waiting), so the figures are exact.
  await foldCaseStatistics(ctx.db);
  // The trend is summed per period in SQL; the region names are fetched meanwhile.
  const childRegions = grouping?.by === 'region' ? regions.getRegionDetail(ctx, prefixCode(f.prefix!)) : null;
  const [series, rowSums, overdue] = await Promise.all([
    sumsBy(ctx.db, f, { by: 'day', trend }),
    grouping ? sumsBy(ctx.db, f, grouping) : Promise.resolve([] as KeyedSums[]),
    overdueTotals(ctx.db, f, grouping, now, trend),
  ]);

  const totals = emptyVector();
  const byPeriod = new Map<string, SumsVector>(periodsIn(f.from, f.to, trend).map((p) => [p, emptyVector()]));
  for (const row of series) addRow(row, totals, byPeriod.get(periodOf(row.key, trend))!);

  const labels = await rowLabels(ctx, f, grouping, rowSums.map((r) => r.key), childRegions);
  const sumsByKey = new Map(rowSums.map((r) => [r.key, r]));
  const rows = [...labels.entries()]
    .map(([key, l]) => {
      const sums = emptyVector();
      const row = sumsByKey.get(key);
      if (row) addRow(row, sums);
      return { key, label: l.label, drillable: l.drillable, ...figuresOf(sumsOf(sums), overdue.byKey.get(key) ?? 0) };
    })
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));

  return {
    scope: { regionPrefix: f.prefix, regionName, unitId: f.unitId, unitName, category: f.category, from: f.from, to: f.to, groupBy, trend },
    totals: figuresOf(sumsOf(totals), overdue.total),
    rows,
    trend: [...byPeriod.entries()].map(([period, sums]) => ({ period, ...figuresOf(sumsOf(sums), overdue.byPeriod.get(period) ?? 0) })),
    generatedAt: now.toISOString(),
  };
}

/**
 * The rows to show and their names: every child region (also those without
 * cases), every sub-category, every unit that has figures.
 */
async function rowLabels(
  ctx: ServiceContext,
  f: StatsFilter,
  g: Grouping | null,
  keys: string[],
  childRegions: ReturnType<typeof regions.getRegionDetail> | null,
): Promise<Map<string, { label: string; drillable: boolean }>> {
  const out = new Map<string, { label: string; drillable: boolean }>();
  if (!g) return out;
  if (g.by === 'region') {
    const detail = await childRegions!;
    for (const child of detail.children) {
      const key = child.code.slice(0, g.level);
      if (g.level < 15 && child.code.length === 12) out.set(key, { label: child.name, drillable: g.level < 12 });
      else if (g.level === 15) out.set(child.code, { label: child.name, drillable: false });
    }
    const extra = keys.filter((k) => !out.has(k));
    if (extra.length) {
      const named = await regions.lookupRegions(ctx.db, extra.map(prefixCode));
      for (const k of extra) out.set(k, { label: named.get(prefixCode(k))?.name ?? k, drillable: g.level < 12 });
    }
    return out;
  }
  if (g.by === 'category') {
    const all = await repo.listCategories(ctx.db, false);
    const children = all.filter((c) => (f.category ? c.parent_code === f.category : c.parent_code === null));
    for (const c of children) {
      if (c.confidential && !f.includeConfidential) continue;
      out.set(c.code, { label: categoryName(ctx, c), drillable: all.some((x) => x.parent_code === c.code) });
    }
    for (const k of keys) if (!out.has(k)) out.set(k, { label: k, drillable: false });
    return out;
  }
  const units = await regions.lookupUnits(ctx.db, keys);
  for (const k of keys) out.set(k, { label: units.get(k)?.name ?? k, drillable: false });
  return out;
}

export function categoryName(ctx: Pick<ServiceContext, 'lang'>, c: { name: string; name_en: string | null }): string {
  return ctx.lang === 'en' ? (c.name_en ?? c.name) : c.name;
}
