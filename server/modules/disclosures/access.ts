import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { isRegionCode, regionLevel } from '../../../common/regions.js';
import { EDITABLE_STATUSES, KIND_LABELS, LEDGER_KINDS, type PublicationStatus } from '../../../common/disclosures/kinds.js';
import type { Lang } from '../../../common/i18n/catalogue.js';
import { labelOf, type Labels } from '../../../common/labels.js';
import { lookupRegion } from '../regions/service.js';
import * as repo from './repo.js';
import { canReadPublication } from './policy.js';

/** Loading what a request names, with the module's 400/404/409 answers in one place. */

export async function requireVillage(db: Executor, code: string) {
  if (!isRegionCode(code) || code.length !== 12) throw badRequest('disclosures.village_only', 'code');
  const region = await lookupRegion(db, code);
  if (!region) throw notFound('disclosures.village_not_found', 'code');
  if (regionLevel(code) !== 'village') throw badRequest('disclosures.village_only', 'code');
  return region;
}

/** The publication, or a 404 also when the caller may not see an unpublished one (its existence is not told). */
export async function requireReadable(db: Executor, actor: Actor | null, id: string): Promise<repo.PublicationRow> {
  const p = await repo.findPublication(db, id);
  if (!p || !canReadPublication(actor, { regionCode: p.region_code, status: p.status })) throw notFound('disclosures.publication_not_found', 'id');
  return p;
}

export function requireEditable(p: { status: PublicationStatus }, lang: Lang): void {
  if (!EDITABLE_STATUSES.includes(p.status)) throw conflict('disclosures.not_editable', 'status', { status: statusLabel(p.status, lang) });
}

export function requireStatus(p: { status: PublicationStatus }, wanted: PublicationStatus, lang: Lang): void {
  if (p.status !== wanted) throw conflict('disclosures.wrong_status', 'status', { status: statusLabel(p.status, lang) });
}

export function requireLedgerKind(p: repo.PublicationRow, lang: Lang): void {
  if (!LEDGER_KINDS.includes(p.kind)) throw new AppError(409, 'conflict', 'disclosures.no_ledger_for_kind', 'kind', { kind: KIND_LABELS[p.kind][lang] });
}

const STATUS_LABELS: Labels<PublicationStatus> = {
  draft: { 'zh-CN': '草稿', 'zh-TW': '草稿', en: 'a draft' },
  in_review: { 'zh-CN': '监委会审核中', 'zh-TW': '監委會審核中', en: 'in review' },
  returned: { 'zh-CN': '已退回修改', 'zh-TW': '已退回修改', en: 'returned' },
  approved: { 'zh-CN': '审核通过待发布', 'zh-TW': '審核通過待發布', en: 'approved' },
  published: { 'zh-CN': '已发布', 'zh-TW': '已發布', en: 'published' },
};

export function statusLabel(status: PublicationStatus, lang: Lang): string {
  return labelOf(STATUS_LABELS, status, lang);
}
