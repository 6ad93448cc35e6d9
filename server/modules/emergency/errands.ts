import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { ERRAND_TRANSITIONS, findErrandTransition, type ErrandAction, type ErrandState } from '../../../common/emergency/errand-states.js';
import { ERRAND_ACTION_LABELS, ERRAND_STATE_LABELS } from '../../../common/emergency/labels.js';
import { errandParts } from './policy.js';
import { clean, cleanOptional, gridFacts, requireIncident } from './access.js';
import { caseLink } from './case-link.js';
import { incidentTopic } from './incidents.js';
import { getNeed, userTopic, visibleNeed } from './needs.js';
import { needFacts, somethingToBuy } from './presenter-needs.js';
import * as needs from './repo-needs.js';
import type { NeedActionBody, NeedDetail } from './schema-needs.js';
import { isActive } from './repo.js';
import type { NeedRow } from './repo-needs.js';
import { caseRefs } from '../cases/service.js';
import type { CaseStatus } from '../../../common/cases/states.js';
import { statusLabel } from '../../../common/cases/labels.js';
import { translate } from '../../../common/i18n/server-messages.js';

/**
 * The errand of a need, step by step, by the state table in
 * common/emergency/errand-states.ts: claim → bought → at the gate → handed
 * over with a photo → delivered → confirmed by the resident. Each step is
 * one transaction: the state change, the timeline entry, the audit row and
 * the live events to the grid's board and the requester. Two volunteers
 * claiming at once: the row lock makes the second one a 409.
 */

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Decides the type from the bytes, never from what the client claims. */
export function sniffImageType(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface ErrandInput extends NeedActionBody {
  photo?: Buffer | null;
}

/** `POST /emergency/needs/:id/actions/:action` and `POST /emergency/needs/:id/handover` (the photo). */
export async function actOnNeed(ctx: ServiceContext, needId: string, action: ErrandAction, input: ErrandInput): Promise<NeedDetail> {
  const { need, inv, grid } = await visibleNeed(ctx, needId);
  const actor = inv.actor;
  const gFacts = grid ? gridFacts(grid) : null;
  // 403 when the caller plays no part that may ever take this action; the state is checked under the lock.
  const parts = errandParts(inv, needFacts(need), gFacts);
  const possible = ERRAND_TRANSITIONS.filter((t) => t.action === action);
  authorize(possible.some((t) => t.by.some((b) => parts.includes(b))));
  const note = cleanOptional(input.note, 'note');
  if (input.shop && action !== 'claim') throw badRequest('validation.unknown_field', 'shop');
  const shop = input.shop ? { name: clean(input.shop.name, 'shop'), lat: input.shop.lat, lng: input.shop.lng } : null;
  let photoType: string | null = null;
  if (possible.some((t) => t.photo)) {
    if (!input.photo || input.photo.length === 0) throw badRequest('emergency.photo_required', 'file');
    photoType = sniffImageType(input.photo);
    if (!photoType) throw badRequest('emergency.photo_type', 'file');
  }
  const incident = await requireIncident(ctx.db, need.incident_id);
  const now = ctx.clock.now();
  if (action === 'claim' && !isActive(incident, now)) throw conflict('emergency.incident_ended');
  // Cancelling is what the case's end asked for anyway; any other step first catches up with the case.
  if (action !== 'cancel') await cancelIfCaseEnded(ctx, need);

  await ctx.db.transaction().execute(async (trx) => {
    const current = (await needs.lockNeed(trx, need.id))!;
    const state = current.status as ErrandState;
    const items = (await needs.itemsOf(trx, [current.id])).get(current.id)!;
    const transition = findErrandTransition(state, action, somethingToBuy(items));
    if (!transition) {
      throw conflict('emergency.errand_transition', 'status', { status: ERRAND_STATE_LABELS[state][ctx.lang], action: ERRAND_ACTION_LABELS[action][ctx.lang] });
    }
    // The parts again, against the locked row (the runner may have changed).
    const nowParts = errandParts(inv, needFacts(current), gFacts);
    if (!transition.by.some((b) => nowParts.includes(b))) throw forbidden();
    const photoId =
      transition.photo && input.photo
        ? await needs.insertPhoto(trx, {
            need_id: current.id,
            content_type: photoType!,
            size_bytes: input.photo.length,
            sha256: crypto.createHash('sha256').update(input.photo).digest('hex'),
            bytes: input.photo,
            uploaded_by: actor.userId,
          })
        : null;
    const claim =
      action === 'claim'
        ? { claimed_by: actor.userId, claimed_at: now }
        : action === 'release'
          ? { claimed_by: null, claimed_at: null }
          : {};
    const updated = await trx
      .updateTable('emergency_needs')
      .set({
        status: transition.to,
        updated_at: now,
        ...claim,
        ...(shop ? { shop_name: shop.name, shop_lat: shop.lat, shop_lng: shop.lng } : {}),
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await needs.insertEvent(trx, { need_id: current.id, action, from_status: state, to_status: transition.to, actor_id: actor.userId, note, photo_id: photoId, at: now });
    await caseLink.errandCaseEvent(trx, ctx, updated, action, transition.to);
    await audit(trx, ctx, {
      action: `emergency.errand.${action}`,
      targetType: 'emergency_need',
      targetId: current.id,
      before: { status: state, claimedBy: current.claimed_by },
      after: { status: transition.to, claimedBy: updated.claimed_by, ...(photoId ? { photoId } : {}), ...(shop ? { shop: shop.name } : {}) },
    });
    const data = { needId: current.id, gridId: current.grid_id, status: transition.to };
    await publishLive(trx, { topic: incidentTopic(current.incident_id), type: 'need', data });
    const requester = current.requester_user_id ?? current.recorded_by;
    if (requester) await publishLive(trx, { topic: userTopic(requester), type: 'need', data });
  });
  return getNeed(ctx, need.id);
}

/** Case states reached on the case's own page (the resident withdrew; the community declined; merged into another). */
const CASE_ENDED_ELSEWHERE: readonly CaseStatus[] = ['withdrawn', 'rejected', 'merged'];
const NOT_STARTED: readonly ErrandState[] = ['open', 'claimed'];

/**
 * The case can end on the case page (the resident withdraws it there). Before
 * anyone acts on a need that nothing has been bought for yet, the need
 * follows its case: it is cancelled (committed, with its timeline row and
 * audit), and the step is refused with a 409 saying why. Errands already
 * under way (bought, at the gate …) finish: the goods exist.
 */
async function cancelIfCaseEnded(ctx: ServiceContext, need: NeedRow): Promise<void> {
  if (!need.case_id || !NOT_STARTED.includes(need.status as ErrandState)) return;
  const ref = (await caseRefs(ctx.db, [need.case_id])).get(need.case_id);
  if (!ref || !CASE_ENDED_ELSEWHERE.includes(ref.status)) return;
  const status = statusLabel(ctx.lang, ref.status);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = (await needs.lockNeed(trx, need.id))!;
    if (!NOT_STARTED.includes(current.status as ErrandState)) return;
    await trx.updateTable('emergency_needs').set({ status: 'cancelled', updated_at: now }).where('id', '=', current.id).execute();
    // Recorded as the requester's (or, for a phoned need, the recorder's) step: they ended it on the case page.
    await needs.insertEvent(trx, {
      need_id: current.id,
      action: 'cancel',
      from_status: current.status,
      to_status: 'cancelled',
      actor_id: current.requester_user_id ?? current.recorded_by ?? ctx.actor!.userId,
      note: translate('zh-CN', 'emergency.case.ended_elsewhere', { status: statusLabel('zh-CN', ref.status) }),
      photo_id: null,
      at: now,
    });
    await audit(trx, ctx, {
      action: 'emergency.errand.cancel',
      targetType: 'emergency_need',
      targetId: current.id,
      before: { status: current.status, claimedBy: current.claimed_by },
      after: { status: 'cancelled', caseStatus: ref.status },
    });
    const data = { needId: current.id, gridId: current.grid_id, status: 'cancelled' };
    await publishLive(trx, { topic: incidentTopic(current.incident_id), type: 'need', data });
  });
  throw conflict('emergency.need_case_ended', undefined, { status });
}

/** `PUT /emergency/needs/:id/shop` — the runner names where to buy (before buying). */
export async function setShop(ctx: ServiceContext, needId: string, shopInput: { name: string; lat: number; lng: number } | null): Promise<NeedDetail> {
  const { need, inv, grid } = await visibleNeed(ctx, needId);
  authorize(errandParts(inv, needFacts(need), grid ? gridFacts(grid) : null).includes('runner'));
  await cancelIfCaseEnded(ctx, need);
  const shop = shopInput ? { name: clean(shopInput.name, 'shop'), lat: shopInput.lat, lng: shopInput.lng } : null;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = (await needs.lockNeed(trx, need.id))!;
    if (current.claimed_by !== inv.actor.userId) throw forbidden();
    if (current.status !== 'claimed') {
      const state = current.status as ErrandState;
      throw conflict('emergency.errand_transition', 'status', { status: ERRAND_STATE_LABELS[state][ctx.lang], action: ERRAND_ACTION_LABELS.buy[ctx.lang] });
    }
    await trx
      .updateTable('emergency_needs')
      .set({ shop_name: shop?.name ?? null, shop_lat: shop?.lat ?? null, shop_lng: shop?.lng ?? null, updated_at: now })
      .where('id', '=', need.id)
      .execute();
    await audit(trx, ctx, {
      action: 'emergency.errand.shop',
      targetType: 'emergency_need',
      targetId: need.id,
      before: { shop: current.shop_name },
      after: { shop: shop?.name ?? null },
    });
    await publishLive(trx, { topic: incidentTopic(need.incident_id), type: 'need', data: { needId: need.id, gridId: need.grid_id, status: current.status } });
  });
  return getNeed(ctx, need.id);
}

/** `GET /emergency/needs/:id/photos/:photoId` — to those who may see the need. */
export async function readPhoto(ctx: ServiceContext, needId: string, photoId: string) {
  const { need } = await visibleNeed(ctx, needId);
  const photo = await needs.findPhoto(ctx.db, need.id, photoId);
  if (!photo) throw notFound('emergency.photo_not_found');
  return { contentType: photo.content_type, bytes: photo.bytes };
}
