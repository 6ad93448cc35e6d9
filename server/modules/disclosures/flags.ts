import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize, grantsOf, isAdmin } from '../../platform/policy.js';
import { badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { regionLevel } from '../../../common/regions.js';
import { lookupRegion } from '../regions/service.js';
import * as repo from './repo.js';
import * as flagsRepo from './repo-flags.js';
import { canDismissFlag, canSeeFlags } from './policy.js';
import { presentFlag } from './presenter.js';
import { presentEntries } from './reading.js';
import { scanRegion } from './flag-scan.js';
import type { FlagListInput } from './schema-oversight.js';
import type { FlagStatus } from '../../../common/disclosures/kinds.js';

/**
 * Red flags for the people who supervise: the village supervision committee
 * (its own village), discipline inspectors (their scope) and administrators.
 * Not for the public nor for the cadres whose accounts they are about —
 * a flag is a question to look into, not a finding. Dismissing needs a
 * reason; the history of every flag is kept.
 */

/** The widest prefix of a region the actor may see flags in (null: none). */
function flagScopeOk(ctx: ServiceContext, regionCode: string): boolean {
  if (isAdmin(ctx.actor)) return true;
  const level = regionLevel(regionCode);
  if (level === 'village') return canSeeFlags(ctx.actor, regionCode);
  // Above a village: inspectors whose scope covers the whole region.
  return grantsOf(ctx.actor, ['discipline_inspector']).some((g) => regionCode.startsWith(g.regionPrefix));
}

function prefixOf(code: string): string {
  const level = regionLevel(code);
  const len = { province: 2, city: 4, county: 6, township: 9, village: 12, grid: 15 }[level];
  return code.slice(0, len);
}

/** `GET /disclosures/flags?region=` */
export async function listFlags(ctx: ServiceContext, input: FlagListInput) {
  if (!ctx.actor) throw unauthorized();
  if (!(await lookupRegion(ctx.db, input.region))) throw badRequest('region.unknown', 'region', { code: input.region });
  authorize(flagScopeOk(ctx, input.region));
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const { rows, total } = await flagsRepo.listFlags(ctx.db, { prefix: prefixOf(input.region), status: input.status, rule: input.rule }, page, pageSize);
  return { items: rows.map((f) => presentFlag(f, ctx.actor, ctx.lang)), total, page, pageSize };
}

async function readableFlag(ctx: ServiceContext, id: string) {
  if (!ctx.actor) throw unauthorized();
  const f = await flagsRepo.findFlag(ctx.db, id);
  // A flag's existence is itself sensitive: 404 to anyone who may not see it.
  if (!f || !canSeeFlags(ctx.actor, f.region_code)) throw notFound('disclosures.flag_not_found', 'id');
  return f;
}

/** `GET /disclosures/flags/:id`: the explanation, the entries behind it and its history. */
export async function getFlag(ctx: ServiceContext, id: string) {
  const f = await readableFlag(ctx, id);
  const [region, entries, history] = await Promise.all([lookupRegion(ctx.db, f.region_code), repo.entriesByIds(ctx.db, f.entry_ids), flagsRepo.flagHistory(ctx.db, id)]);
  return {
    ...presentFlag({ ...f, village_name: region?.name ?? f.region_code }, ctx.actor, ctx.lang),
    entries: await presentEntries(ctx, f.region_code, entries),
    history: history.map((h) => ({ action: h.action, reason: h.reason, actor: h.actor, at: h.created_at.toISOString() })),
    facts: f.params,
  };
}

async function setStatus(ctx: ServiceContext, id: string, from: FlagStatus, to: FlagStatus, reason: string) {
  const why = reason.trim();
  if (!why) throw badRequest('disclosures.reason_blank', 'reason');
  const f = await readableFlag(ctx, id);
  authorize(canDismissFlag(ctx.actor, f.region_code));
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await flagsRepo.lockFlag(trx, id))!;
    if (locked.status !== from) throw conflict(to === 'dismissed' ? 'disclosures.flag_not_open' : 'disclosures.flag_not_dismissed', 'status');
    const now = ctx.clock.now();
    await flagsRepo.updateFlag(trx, id, { status: to, updated_at: now });
    await flagsRepo.insertFlagEvents(trx, [{ flag_id: id, action: to === 'dismissed' ? 'dismissed' : 'reopened', reason: why, actor_id: ctx.actor!.userId, created_at: now }]);
    await audit(trx, ctx, { action: `disclosures.flag.${to === 'dismissed' ? 'dismiss' : 'reopen'}`, targetType: 'disclosure_flag', targetId: id, before: { status: from }, after: { status: to, reasonLength: why.length } });
  });
  return getFlag(ctx, id);
}

/** `POST /disclosures/flags/:id/dismiss` */
export const dismissFlag = (ctx: ServiceContext, id: string, reason: string) => setStatus(ctx, id, 'open', 'dismissed', reason);
/** `POST /disclosures/flags/:id/reopen` */
export const reopenFlag = (ctx: ServiceContext, id: string, reason: string) => setStatus(ctx, id, 'dismissed', 'open', reason);

/** `POST /disclosures/flags/scan?region=`: re-runs every rule over a region (inspectors in scope, administrators). */
export async function rescan(ctx: ServiceContext, regionCode: string) {
  if (!ctx.actor) throw unauthorized();
  if (!(await lookupRegion(ctx.db, regionCode))) throw badRequest('region.unknown', 'region', { code: regionCode });
  authorize(isAdmin(ctx.actor) || grantsOf(ctx.actor, ['discipline_inspector']).some((g) => regionCode.startsWith(g.regionPrefix)));
  const villages = (await flagsRepo.villagesUnder(ctx.db, prefixOf(regionCode))).map((v) => v.code);
  const stats = await scanRegion(ctx.db, villages, ctx.clock.now());
  await ctx.db.transaction().execute((trx) => audit(trx, ctx, { action: 'disclosures.flags.scan', targetType: 'region', targetId: regionCode, after: stats }));
  return stats;
}
