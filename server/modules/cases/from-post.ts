import type { ServiceContext } from '../../platform/context.js';
import { badRequest, conflict, forbidden, unauthorized } from '../../platform/errors.js';
import * as directory from './directory.js';
import { createCase } from './new-case.js';
import { canConvertPost } from './policy.js';
import * as repo from './repo.js';
import { getCase } from './reading.js';
import type { FromPostInput } from './schema.js';
import { optionalText } from './transition-kit.js';

/**
 * A cadre turns a resident's question in a group (or a resident's reply in a
 * thread) into a case: the post's author becomes the requester — they see the
 * case among theirs and confirm it — and the post is its source. One post
 * makes at most one case.
 */
const CONVERTIBLE = new Set(['question', 'answer']);

function isSourcePostConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'cases_source_post_idx';
}

/** `POST /cases/from-post/:postId` */
export async function caseFromPost(ctx: ServiceContext, postId: string, input: FromPostInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const post = await directory.readPost(ctx, postId);
  if (!canConvertPost(actor, post.regionCode)) throw forbidden();
  if (!CONVERTIBLE.has(post.kind) || post.hidden) throw badRequest('cases.post_not_convertible', 'postId');
  if (await repo.findBySourcePost(ctx.db, post.id)) throw conflict('cases.post_already_converted', 'postId');
  const category = await repo.findCategory(ctx.db, input.categoryCode);
  if (!category || !category.active) throw badRequest('cases.unknown_category', 'categoryCode');
  if (category.confidential) throw badRequest('cases.confidential_from_post', 'categoryCode');

  const body = post.body.trim();
  const title = optionalText(input.title) ?? (post.title?.trim() || Array.from(body).slice(0, 30).join(''));
  try {
    const { c } = await createCase(ctx, {
      channel: 'feed',
      category,
      title,
      description: optionalText(input.description) ?? body,
      regionCode: post.regionCode,
      address: null,
      lat: null,
      lng: null,
      priority: input.priority ?? category.default_priority,
      isPublic: input.isPublic ?? false,
      isAnonymous: false,
      requester: { id: post.author.id, name: post.author.name, phone: 'account' },
      idempotencyKey: null,
      sourcePostId: post.id,
    });
    return getCase(ctx, c.id);
  } catch (error) {
    if (isSourcePostConflict(error)) throw conflict('cases.post_already_converted', 'postId');
    throw error;
  }
}
