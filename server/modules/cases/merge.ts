import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, unauthorized } from '../../platform/errors.js';
import { isOpen, nextStatus } from '../../../common/cases/states.js';
import { canView, mayAct } from './policy.js';
import * as repo from './repo.js';
import { announce } from './notify.js';
import { getCase } from './reading.js';
import { caseNotFound, eventRow, illegalTransition, optionalText } from './transition-kit.js';
import { documentText } from './segment.js';

/**
 * 合并: a duplicate is folded into a primary case. The duplicate's requester
 * and followers follow the primary from then on, so they hear of its progress;
 * the primary's search also finds the duplicate's words.
 */
export async function mergeCase(ctx: ServiceContext, caseId: string, input: { primaryId: string; note?: string }) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (input.primaryId === caseId) throw badRequest('cases.merge_self', 'primaryId');
  const note = optionalText(input.note);

  await ctx.db.transaction().execute(async (trx) => {
    // Both rows are locked in id order, so two opposite merges cannot deadlock.
    const [firstId, secondId] = [caseId, input.primaryId].sort();
    const first = await repo.lockCase(trx, firstId);
    const second = await repo.lockCase(trx, secondId);
    const dup = firstId === caseId ? first : second;
    const primary = firstId === caseId ? second : first;

    if (!dup || !canView(actor, dup, await repo.isFollowing(trx, dup.id, actor.userId))) throw caseNotFound();
    if (!mayAct(actor, 'merge', dup)) throw forbidden();
    const to = nextStatus('merge', dup.status);
    if (!to) throw illegalTransition(ctx, 'merge', dup.status);
    if (!primary || !canView(actor, primary, await repo.isFollowing(trx, primary.id, actor.userId))) {
      throw badRequest('cases.not_found', 'primaryId');
    }
    if (primary.confidential !== dup.confidential) throw badRequest('cases.merge_confidential', 'primaryId');
    if (!isOpen(primary.status)) throw conflict('cases.merge_primary_closed', 'primaryId');

    const now = ctx.clock.now();
    const merged = await repo.updateCase(trx, dup.id, { status: to, merged_into: primary.id, updated_at: now });
    await repo.updateCase(trx, primary.id, { updated_at: now });
    await repo.appendEvents(trx, [
      eventRow(dup, actor, now, {
        kind: 'merged',
        from: dup.status,
        to,
        note,
        visible: true,
        data: { relatedCaseId: primary.id, relatedTrackingNumber: primary.tracking_number },
      }),
      eventRow(primary, actor, now, {
        kind: 'merged_in',
        from: primary.status,
        to: primary.status,
        note,
        visible: false,
        data: { relatedCaseId: dup.id, relatedTrackingNumber: dup.tracking_number },
      }),
    ]);
    const followers = [...(await repo.followerIds(trx, dup.id)), ...(dup.requester_user_id ? [dup.requester_user_id] : [])].filter(
      (id) => id !== primary.requester_user_id,
    );
    await repo.addFollowers(trx, primary.id, followers, 'merged', now);
    await repo.addSearchText(trx, primary.id, documentText(`${dup.title} ${dup.description}`), 'C');
    await audit(trx, ctx, {
      action: 'case.merge',
      targetType: 'case',
      targetId: dup.id,
      before: { status: dup.status },
      after: { status: to, mergedInto: primary.id },
    });
    await announce(trx, merged, 'case.merge', { mergedInto: primary.id });
    await announce(trx, { ...primary, updated_at: now }, 'case.merged_in', { duplicateId: dup.id });
  });
  return getCase(ctx, caseId);
}
