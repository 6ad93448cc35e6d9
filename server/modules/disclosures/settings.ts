import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { notFound, unauthorized, badRequest } from '../../platform/errors.js';
import { ancestorCodes, regionLevel } from '../../../common/regions.js';
import type { PublicationKind } from '../../../common/disclosures/kinds.js';
import { lookupRegion } from '../regions/service.js';
import * as funds from './repo-funds.js';
import { canEditSettings } from './policy.js';
import type { SettingsInput } from './schema-oversight.js';

/**
 * Per-region settings (DOMAIN.md: "where a rule varies by place, make it a
 * per-region setting"): the due day of the month, the cash limit, the
 * approval threshold that split payments dodge, the major-matter threshold
 * of 四议两公开, the tolerated approved-vs-actual gap and the kinds that must
 * be published monthly. A region without its own row inherits from the
 * nearest ancestor that has one, else the defaults below.
 */
export interface EffectiveSettings {
  regionCode: string;
  inheritedFrom: string | null;
  dueDay: number;
  cashLimitFen: number;
  approvalThresholdFen: number;
  splitWindowDays: number;
  majorSpendFen: number;
  gapTolerancePct: number;
  requiredKinds: PublicationKind[];
  trackingFrom: string | null;
}

export const DEFAULT_SETTINGS = {
  dueDay: 15,
  cashLimitFen: 500_000, // 5,000 元 (DOMAIN.md)
  approvalThresholdFen: 1_000_000, // 10,000 元
  splitWindowDays: 30,
  majorSpendFen: 5_000_000, // 50,000 元
  gapTolerancePct: 10,
  requiredKinds: ['finance'] as PublicationKind[],
  trackingFrom: null as string | null,
};

function fromRow(code: string, row: funds.SettingsRow | undefined): EffectiveSettings {
  if (!row) return { regionCode: code, inheritedFrom: null, ...DEFAULT_SETTINGS };
  return {
    regionCode: code,
    inheritedFrom: row.region_code,
    dueDay: row.due_day,
    cashLimitFen: row.cash_limit_fen,
    approvalThresholdFen: row.approval_threshold_fen,
    splitWindowDays: row.split_window_days,
    majorSpendFen: row.major_spend_fen,
    gapTolerancePct: row.gap_tolerance_pct,
    requiredKinds: row.required_kinds as PublicationKind[],
    trackingFrom: row.tracking_from,
  };
}

/** Effective settings of many regions at once (one query). */
export async function settingsOf(db: Executor, codes: string[]): Promise<Map<string, EffectiveSettings>> {
  const rows = await funds.settingsFor(db, [...new Set(codes.flatMap((c) => ancestorCodes(c)))]);
  const byCode = new Map(rows.map((r) => [r.region_code, r]));
  return new Map(codes.map((code) => [code, fromRow(code, ancestorCodes(code).map((c) => byCode.get(c)).find(Boolean))]));
}

export async function settingsOfRegion(db: Executor, code: string): Promise<EffectiveSettings> {
  return (await settingsOf(db, [code])).get(code)!;
}

function present(s: EffectiveSettings, ctx: ServiceContext) {
  return { ...s, abilities: { edit: canEditSettings(ctx.actor, s.regionCode) } };
}

/** `GET /disclosures/settings/:code` (public: the rules residents are promised). */
export async function getSettings(ctx: ServiceContext, code: string) {
  if (!(await lookupRegion(ctx.db, code))) throw notFound('region.not_found', 'code');
  return present(await settingsOfRegion(ctx.db, code), ctx);
}

/** `PUT /disclosures/settings/:code`: officials of the region (or above) and administrators. */
export async function putSettings(ctx: ServiceContext, code: string, input: SettingsInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const region = await lookupRegion(ctx.db, code);
  if (!region) throw notFound('region.not_found', 'code');
  if (regionLevel(code) === 'grid') throw badRequest('disclosures.village_only', 'code');
  authorize(canEditSettings(actor, code));
  const before = await settingsOfRegion(ctx.db, code);
  const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as EffectiveSettings;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await funds.upsertSettings(trx, {
      region_code: code,
      due_day: next.dueDay,
      cash_limit_fen: next.cashLimitFen,
      approval_threshold_fen: next.approvalThresholdFen,
      split_window_days: next.splitWindowDays,
      major_spend_fen: next.majorSpendFen,
      gap_tolerance_pct: next.gapTolerancePct,
      required_kinds: next.requiredKinds,
      tracking_from: next.trackingFrom,
      updated_by: actor.userId,
      updated_at: now,
    });
    const { inheritedFrom: _a, regionCode: _b, ...b } = before;
    const { inheritedFrom: _c, regionCode: _d, ...a } = next;
    await audit(trx, ctx, { action: 'disclosures.settings', targetType: 'region', targetId: code, before: b, after: a });
  });
  return present(await settingsOfRegion(ctx.db, code), ctx);
}
