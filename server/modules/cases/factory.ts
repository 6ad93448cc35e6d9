import type { TestApp } from '../../testing/harness.js';
import { loadActor } from '../people/actor.js';
import type { CasePriority } from '../../../common/cases/types.js';
import { createCase } from './new-case.js';
import * as repo from './repo.js';
import type { CaseRow } from './repo.js';

/**
 * Test factory: a case filed by `requesterId` through the real intake
 * (numbered, routed, with its timeline), without going through HTTP.
 *
 *   const c = await makeCase(t, { requesterId, region: '430212101201', category: 'environment.noise' });
 */
export async function makeCase(
  t: TestApp,
  fields: { requesterId: string; region: string; category?: string; title?: string; description?: string; isPublic?: boolean; priority?: CasePriority },
): Promise<CaseRow> {
  const actor = await loadActor(t.db, fields.requesterId, null);
  if (!actor) throw new Error(`no such user ${fields.requesterId}`);
  const category = await repo.findCategory(t.db, fields.category ?? 'environment.noise');
  if (!category) throw new Error(`no such category ${fields.category}`);
  const phone = (await t.db.selectFrom('users').select('phone').where('id', '=', actor.userId).executeTakeFirst())?.phone ?? null;
  const written = await createCase(t.ctx(actor), {
    channel: 'app',
    category,
    title: fields.title ?? '楼上装修噪音太大',
    description: fields.description ?? '晚上十一点还在施工',
    regionCode: fields.region,
    address: null,
    lat: null,
    lng: null,
    priority: fields.priority ?? category.default_priority,
    isPublic: category.confidential ? false : (fields.isPublic ?? true),
    isAnonymous: false,
    requester: { id: actor.userId, name: actor.name, phone },
    idempotencyKey: null,
    sourcePostId: null,
  });
  return written.c;
}
