import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as t from './transitions.js';
import { mergeCase } from './merge.js';
import { followCase, unfollowCase } from './following.js';
import {
  AssignBody,
  CaseParams,
  CaseView,
  MergeBody,
  NoteBody,
  OptionalReasonBody,
  RateBody,
  ReasonBody,
  ResolveBody,
  TransferBody,
  errors,
} from './schema.js';

/**
 * One route per action of the state table (common/cases/states.ts). Each
 * answers with the case as the caller now sees it; 404 when the caller may
 * not see the case, 403 when they may not take the action, 409 when the
 * case's state does not allow it.
 */
export async function caseActionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const security = [{ session: [] }];
  const response = { 200: CaseView, ...errors(400, 401, 403, 404, 409) };
  const schema = (summary: string) => ({ tags, summary, security, params: CaseParams, response });

  app.post('/cases/:id/accept', { schema: schema('Accept the case (签收); no body') }, async (r) => t.acceptCase(r.ctx(), r.params.id));
  app.post('/cases/:id/reply', { schema: { ...schema('Reply to the requester (a public note)'), body: NoteBody } }, async (r) =>
    t.replyToCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/request-info', { schema: { ...schema('Ask the requester for more information'), body: NoteBody } }, async (r) =>
    t.requestInformation(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/add-info', { schema: { ...schema('The requester adds information'), body: NoteBody } }, async (r) =>
    t.addInformation(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/transfer', { schema: { ...schema('Transfer to another unit (转办), with the reason'), body: TransferBody } }, async (r) =>
    t.transferCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/return', { schema: { ...schema('Return a misrouted case to the dispatchers (退回)'), body: ReasonBody } }, async (r) =>
    t.returnCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/assign', { schema: { ...schema('Dispatch an unrouted or returned case to a unit (派单)'), body: AssignBody } }, async (r) =>
    t.assignCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/merge', { schema: { ...schema('Merge this duplicate into a primary case'), body: MergeBody } }, async (r) =>
    mergeCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/reject', { schema: { ...schema('Reject (不予受理), with the reason the requester sees'), body: ReasonBody } }, async (r) =>
    t.rejectCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/resolve', { schema: { ...schema('Resolve (办结), with the result'), body: ResolveBody } }, async (r) =>
    t.resolveCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/rate', { schema: { ...schema('The requester confirms and rates the result: closed'), body: RateBody } }, async (r) =>
    t.rateCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/reopen', { schema: { ...schema('The requester is not satisfied: back to the unit'), body: ReasonBody } }, async (r) =>
    t.reopenCase(r.ctx(), r.params.id, r.body),
  );
  app.post('/cases/:id/withdraw', { schema: { ...schema('The requester withdraws the case'), body: OptionalReasonBody } }, async (r) =>
    t.withdrawCase(r.ctx(), r.params.id, r.body),
  );

  app.post('/cases/:id/follow', { schema: schema('Follow a public case (hear of its progress)') }, async (r) => followCase(r.ctx(), r.params.id));
  app.delete(
    '/cases/:id/follow',
    { schema: { tags, summary: 'Stop following a case', security, params: CaseParams, response: { 204: { type: 'null' }, ...errors(400, 401, 404) } } },
    async (r, reply) => {
      await unfollowCase(r.ctx(), r.params.id);
      return reply.status(204).send();
    },
  );
}
