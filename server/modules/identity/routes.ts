import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clearSessionCookie, setSessionCookie } from './sessions.js';
import { routeSchemas } from './schema.js';
import { retryLaterError } from './identity-errors.js';
import * as service from './service.js';

/**
 * Per-IP limits of the sign-in routes (in memory, per instance), on top of
 * the per-account lockout and the per-phone code limits kept in the database.
 */
const perIp = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: 60_000,
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      retryLaterError('identity.rate_limited', context.ttl / 1000),
  },
});

function sessionMeta(request: FastifyRequest) {
  return { userAgent: request.headers['user-agent'] ?? null, replacesSessionId: request.actor?.sessionId ?? null };
}

function startSession(request: FastifyRequest, reply: FastifyReply, token: string): void {
  setSessionCookie(reply, token, request.server.config.secureCookies);
}

export async function identityRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/auth/password', { schema: routeSchemas.passwordSignIn, config: perIp(10) }, async (request, reply) => {
    const result = await service.signInWithPassword(request.ctx(), { ...request.body, ...sessionMeta(request) });
    startSession(request, reply, result.session.token);
    return { user: result.user, csrfToken: result.session.csrfToken };
  });

  app.post('/auth/otp/request', { schema: routeSchemas.otpRequest, config: perIp(5) }, async (request, reply) => {
    const result = await service.requestOtp(request.ctx(), request.body);
    return reply.status(202).send(result);
  });

  app.post('/auth/otp/verify', { schema: routeSchemas.otpVerify, config: perIp(10) }, async (request, reply) => {
    const result = await service.verifyOtp(request.ctx(), { ...request.body, ...sessionMeta(request) });
    startSession(request, reply, result.session.token);
    return { user: result.user, csrfToken: result.session.csrfToken, isNew: result.isNew };
  });

  app.get('/auth/me', { schema: routeSchemas.me }, async (request) => {
    request.requireActor();
    return service.currentAccount(request.ctx());
  });

  app.patch('/auth/me', { schema: routeSchemas.updateMe }, async (request) => {
    request.requireActor();
    return service.updateAccount(request.ctx(), request.body);
  });

  app.post('/auth/sign-out', { schema: routeSchemas.signOut }, async (request, reply) => {
    await service.signOut(request.ctx());
    clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  app.post('/auth/sign-out-everywhere', { schema: routeSchemas.signOutEverywhere }, async (request, reply) => {
    request.requireActor();
    await service.signOutEverywhere(request.ctx());
    clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  app.post('/auth/password/change', { schema: routeSchemas.passwordChange, config: perIp(10) }, async (request, reply) => {
    request.requireActor();
    await service.changePassword(request.ctx(), request.body);
    return reply.status(204).send(null);
  });

  app.get('/dev/outbox', { schema: routeSchemas.devOutbox }, async (request) => {
    return { items: await service.devOutbox(request.ctx(), request.server.config) };
  });
}
