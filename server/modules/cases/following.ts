import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { badRequest, unauthorized } from '../../platform/errors.js';
import { canView, isRequester } from './policy.js';
import * as repo from './repo.js';
import { getCase } from './reading.js';
import { caseNotFound } from './transition-kit.js';

/**
 * Following a public case (“me too”, FixMyStreet's subscribe): followers hear
 * of its progress and see it among their cases. The case itself does not
 * change, so this leaves no timeline row; the audit log records it.
 */
export async function followCase(ctx: ServiceContext, caseId: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await ctx.db.transaction().execute(async (trx) => {
    const c = await repo.findCase(trx, caseId);
    if (!c) throw caseNotFound();
    const publicCase = c.is_public && !c.confidential;
    if (!publicCase && !canView(actor, c)) throw caseNotFound();
    if (!publicCase || isRequester(actor, c)) throw badRequest('cases.follow_not_public', 'id');
    await repo.addFollowers(trx, c.id, [actor.userId], 'follow', ctx.clock.now());
    await audit(trx, ctx, { action: 'case.follow', targetType: 'case', targetId: c.id });
  });
  return getCase(ctx, caseId);
}

export async function unfollowCase(ctx: ServiceContext, caseId: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await ctx.db.transaction().execute(async (trx) => {
    const c = await repo.findCase(trx, caseId);
    if (!c || !canView(actor, c, await repo.isFollowing(trx, c.id, actor.userId))) throw caseNotFound();
    await repo.removeFollower(trx, c.id, actor.userId);
    await audit(trx, ctx, { action: 'case.unfollow', targetType: 'case', targetId: c.id });
  });
}
