import type { ServiceContext } from '../../platform/context.js';
import { badRequest, unauthorized } from '../../platform/errors.js';
import { translate } from '../../../common/i18n/server-messages.js';
import { KIND_LABELS } from '../../../common/disclosures/kinds.js';
import { submitCase } from '../cases/intake.js';
import * as repo from './repo.js';
import { requireReadable, requireStatus, requireVillage } from './access.js';
import type { ReportInput } from './schema-oversight.js';

/**
 * A confidential report about a publication (监督一点通, seed 001: "reports
 * go to the discipline inspectors, not to the cadre reported").
 *
 * It is a case of the case engine's confidential category
 * `supervision.village_affairs`, submitted through the engine's own intake
 * use case (server/modules/cases/intake.ts `submitCase`): the engine routes
 * it to the township's 纪委 (never falling back to the village), shows it and
 * its reporter only to discipline inspectors in scope, and writes its audit
 * row with `confidential: true`, i.e. with actor_id NULL and no IP — the
 * reporter is kept only in the case itself, which only inspectors can open.
 * This module writes nothing of its own for a report, so no list, export,
 * audit row, notification or error message of the disclosures module can
 * name the reporter: the report's text carries a reference to the
 * publication (village, period, kind, version, id, vouchers), not the other
 * way round.
 */
export const REPORT_CATEGORY = 'supervision.village_affairs';

export async function reportPublication(ctx: ServiceContext, id: string, input: ReportInput, idempotencyKey?: string) {
  if (!ctx.actor) throw unauthorized();
  const p = await requireReadable(ctx.db, ctx.actor, id);
  requireStatus(p, 'published', ctx.lang);
  const village = await requireVillage(ctx.db, p.region_code);
  let vouchers = '';
  if (input.entryIds?.length) {
    const entries = await repo.entriesByIds(ctx.db, input.entryIds);
    if (entries.length !== input.entryIds.length || entries.some((e) => e.publication_id !== p.id)) throw badRequest('disclosures.entries_unknown', 'entryIds');
    vouchers = `，凭证号 ${entries.map((e) => e.voucher_no).join('、')}`;
  }
  const kind = KIND_LABELS[p.kind]['zh-CN'];
  const title = translate('zh-CN', 'disclosures.report_title', { village: village.name, period: p.period, kind }).slice(0, 60);
  const reference = translate('zh-CN', 'disclosures.report_reference', { village: village.name, period: p.period, kind, version: p.version, id: p.id, vouchers });
  const description = `${input.description.trim()}\n\n${reference}`.slice(0, 2000);
  const { view } = await submitCase(
    ctx,
    { channel: 'app', categoryCode: REPORT_CATEGORY, title, description, regionCode: p.region_code, isAnonymous: input.isAnonymous ?? true },
    idempotencyKey,
  );
  const v = view as { id: string; trackingNumber: string; handlingUnit?: { name?: string } | null };
  return { caseId: v.id, trackingNumber: v.trackingNumber, routedTo: v.handlingUnit?.name ?? null };
}
