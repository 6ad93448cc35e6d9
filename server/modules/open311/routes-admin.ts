import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createKey, listKeys, revokeKey } from './keys.js';
import { CreateKeyBody, CreatedKey, KeyIdParams, KeyList, KeyView, errors } from './schema.js';

/** `/api/open311/keys`: administrators issue, list and revoke client keys. */
export async function open311AdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['open311'];
  const security = [{ session: [] }];

  app.get(
    '/open311/keys',
    { schema: { tags, summary: 'Open311 client keys (administrators)', security, response: { 200: KeyList, ...errors(401, 403) } } },
    async (r) => listKeys(r.ctx(), r.server.config.demo),
  );
  app.post(
    '/open311/keys',
    {
      schema: {
        tags,
        summary: 'Issue a key to a client application; the key is shown in this answer only (administrators)',
        security,
        body: CreateKeyBody,
        response: { 201: CreatedKey, ...errors(400, 401, 403) },
      },
    },
    async (r, reply) => reply.status(201).send(await createKey(r.ctx(), r.body)),
  );
  app.post(
    '/open311/keys/:id/revoke',
    { schema: { tags, summary: 'Revoke a key at once (administrators)', security, params: KeyIdParams, response: { 200: KeyView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => revokeKey(r.ctx(), r.params.id),
  );
}
