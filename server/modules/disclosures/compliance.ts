import type { ServiceContext } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, unauthorized } from '../../platform/errors.js';
import { regionLevel, regionPrefix } from '../../../common/regions.js';
import { periodsBetween } from '../../../common/disclosures/periods.js';
import type { ComplianceState } from '../../../common/disclosures/kinds.js';
import { lookupRegion } from '../regions/service.js';
import * as flagsRepo from './repo-flags.js';
import { canSeeCompliance } from './policy.js';
import { settingsOf } from './settings.js';
import { complianceCell, countStates } from './compliance-logic.js';
import type { ComplianceInput } from './schema-oversight.js';

/**
 * The compliance board (DESIGN §5, seed 001 "每月上半月"): for a township or
 * a district, every village month by month — published on time, late, or
 * missing — with counts per village, per month and overall. For township
 * officials and discipline inspectors whose scope covers it, and admins.
 */
export const MAX_MONTHS = 36;

export async function complianceBoard(ctx: ServiceContext, input: ComplianceInput) {
  if (!ctx.actor) throw unauthorized();
  const region = await lookupRegion(ctx.db, input.region);
  if (!region) throw badRequest('region.unknown', 'region', { code: input.region });
  if (regionLevel(input.region) === 'grid') throw badRequest('disclosures.scope_region', 'region');
  const periods = periodsBetween(input.from, input.to);
  if (periods.length === 0 || periods.length > MAX_MONTHS) throw badRequest('disclosures.compliance_range', 'from');
  const prefix = regionPrefix(input.region);
  authorize(canSeeCompliance(ctx.actor, prefix));
  const kind = input.kind ?? 'finance';
  const villages = await flagsRepo.villagesUnder(ctx.db, prefix);
  const codes = villages.map((v) => v.code);
  const [facts, settings] = await Promise.all([flagsRepo.publishedFacts(ctx.db, codes, [kind], input.from, input.to), settingsOf(ctx.db, codes)]);
  const now = ctx.clock.now();
  const byPeriod = new Map(periods.map((p) => [p, [] as { state: ComplianceState }[]]));
  const rows = villages.map((v) => {
    const dueDay = settings.get(v.code)!.dueDay;
    const mine = facts.get(v.code) ?? [];
    const months = periods.map((period) => {
      const c = complianceCell(period, mine, dueDay, now);
      byPeriod.get(period)!.push(c);
      return { ...c, publishedAt: c.publishedAt?.toISOString() ?? null };
    });
    return { regionCode: v.code, name: v.name, townshipCode: v.township_code, townshipName: v.township_name, months, counts: countStates(months) };
  });
  return {
    region: { code: region.code, name: region.name },
    kind,
    periods,
    villages: rows,
    byPeriod: periods.map((p) => ({ period: p, counts: countStates(byPeriod.get(p)!) })),
    totals: countStates(rows.flatMap((r) => r.months)),
  };
}
