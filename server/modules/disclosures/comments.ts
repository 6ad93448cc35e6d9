import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { maskName } from '../../../common/masking.js';
import { lookupRegion } from '../regions/service.js';
import * as repo from './repo.js';
import { requireReadable, requireStatus } from './access.js';
import { canAnswer, canComment, seesNames } from './policy.js';

/**
 * Public comments on a published publication (one thread per village,
 * period and kind, across its versions): residents of the village ask,
 * the village answers. Everyone may read them; residents' names are masked
 * (张*三) except to those who keep or check the accounts; the village
 * answers as its unit, not as a person.
 */

async function thread(ctx: ServiceContext, seriesId: string) {
  return ctx.db
    .selectFrom('disclosure_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .innerJoin('disclosure_publications as p', 'p.id', 'c.publication_id')
    .select(['c.id', 'c.publication_id', 'c.parent_id', 'c.region_code', 'c.author_role', 'c.body', 'c.created_at', 'u.name as author_name', 'p.version'])
    .where('c.series_id', '=', seriesId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

function authorLabel(row: { author_role: string; author_name: string; region_code: string }, ctx: ServiceContext, villageName: string) {
  if (row.author_role === 'village') return `${villageName}村（居）民委员会`.replace(/(村|社区)村（居）/, '$1');
  return seesNames(ctx.actor, row.region_code) ? row.author_name : maskName(row.author_name);
}

/** `GET /disclosures/publications/:id/comments` */
export async function listComments(ctx: ServiceContext, id: string) {
  const p = await requireReadable(ctx.db, ctx.actor, id);
  const rows = await thread(ctx, p.series_id);
  const village = (await lookupRegion(ctx.db, p.region_code))?.name ?? '';
  const answers = new Map<string, typeof rows>();
  for (const r of rows) if (r.parent_id) answers.set(r.parent_id, [...(answers.get(r.parent_id) ?? []), r]);
  return {
    items: rows
      .filter((r) => !r.parent_id)
      .map((r) => ({
        id: r.id,
        publicationId: r.publication_id,
        version: r.version,
        author: authorLabel(r, ctx, village),
        authorRole: r.author_role,
        body: r.body,
        createdAt: r.created_at.toISOString(),
        replies: (answers.get(r.id) ?? []).map((a) => ({ id: a.id, author: authorLabel(a, ctx, village), authorRole: a.author_role, body: a.body, createdAt: a.created_at.toISOString() })),
        abilities: { answer: canAnswer(ctx.actor, r.region_code) },
      })),
  };
}

/** `POST /disclosures/publications/:id/comments`: a resident of the village asks in public. */
export async function addComment(ctx: ServiceContext, id: string, body: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const text = body.trim();
  if (!text) throw badRequest('disclosures.text_blank', 'body');
  const p = await requireReadable(ctx.db, actor, id);
  requireStatus(p, 'published', ctx.lang);
  authorize(canComment(actor, p.region_code));
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('disclosure_comments')
      .values({ publication_id: p.id, series_id: p.series_id, parent_id: null, region_code: p.region_code, author_id: actor.userId, author_role: 'resident', body: text, created_at: ctx.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'disclosures.comment', targetType: 'disclosure_comment', targetId: row.id, after: { publicationId: p.id, bodyLength: text.length } });
    await publishLive(trx, { topic: `disclosures:${p.region_code}`, type: 'comment', data: { publicationId: p.id, commentId: row.id } });
  });
  return listComments(ctx, id);
}

/** `POST /disclosures/comments/:id/replies`: the village answers in the thread. */
export async function answerComment(ctx: ServiceContext, commentId: string, body: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const text = body.trim();
  if (!text) throw badRequest('disclosures.text_blank', 'body');
  const c = await ctx.db.selectFrom('disclosure_comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!c) throw notFound('disclosures.comment_not_found', 'id');
  const p = await repo.findPublication(ctx.db, c.publication_id);
  authorize(canAnswer(actor, c.region_code));
  if (c.parent_id) throw conflict('disclosures.reply_to_reply', 'id');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('disclosure_comments')
      .values({ publication_id: c.publication_id, series_id: c.series_id, parent_id: c.id, region_code: c.region_code, author_id: actor.userId, author_role: 'village', body: text, created_at: ctx.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'disclosures.answer', targetType: 'disclosure_comment', targetId: row.id, after: { parentId: c.id, bodyLength: text.length } });
    await publishLive(trx, { topic: `disclosures:${c.region_code}`, type: 'answer', data: { publicationId: c.publication_id, commentId: c.id } });
  });
  return listComments(ctx, p!.id);
}
