import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T } from '@sinclair/typebox';
import type { Actor, ServiceContext } from '../../platform/context.js';
import { forbidden, unauthorized } from '../../platform/errors.js';
import { grantsOf, isAdmin } from '../../platform/policy.js';
import type { LiveEvent } from '../../platform/live/live-hub.js';
import { sseStreams, type SseSettings } from '../../platform/live/sse.js';
import { canView, DISPATCHER_ROLES, HANDLER_ROLES, INSPECTOR_ROLES } from './policy.js';
import * as repo from './repo.js';
import { Uuid, errors } from './schema.js';

/**
 * `GET /api/cases/stream`: the live events that `notify.ts` publishes, for
 * the topics this person may hear and no others:
 *
 * - `user:<me>` (my cases, cases I follow, "a case reached your unit" when on duty);
 * - `unit:<id>` for each unit where I work cases (handler or inspector grants);
 * - `dispatch:<county>` for the counties my dispatcher grants reach — each
 *   event there is checked against `canView` before it is sent, because a
 *   township official's grant covers only part of the county's pool and a
 *   confidential report in the pool is the inspectors' alone;
 * - `case:<id>` when `?caseId=` names a case I may read (403 otherwise).
 *
 * Payloads are ids and states (never names or phones): pages refetch.
 */
export const casesSse: SseSettings = { heartbeatMs: 25_000, retryMs: 5_000 };

export const StreamQuery = T.Object({ caseId: T.Optional(Uuid) }, { additionalProperties: false });

export interface StreamPlan {
  /** Topics whose events go straight through. */
  direct: string[];
  /** Dispatch pools whose events are checked case by case. */
  checked: string[];
}

/** The topics an actor may subscribe to (pure; the case topic is added after its policy check). */
export function streamTopics(actor: Actor): StreamPlan {
  const units = new Set(grantsOf(actor, [...HANDLER_ROLES, ...INSPECTOR_ROLES]).map((g) => g.unitId));
  const counties = new Set(
    grantsOf(actor, [...DISPATCHER_ROLES, ...INSPECTOR_ROLES])
      .map((g) => g.regionPrefix)
      // A county's pool: grants at county level or below share its 6-digit prefix; a city-wide grant reaches none
      // by topic (there is no wildcard), and its holder sees arrivals in the queue on refresh.
      .filter((p) => p.length >= 6)
      .map((p) => p.slice(0, 6)),
  );
  if (isAdmin(actor)) for (const g of actor.grants) if (g.regionPrefix.length >= 6) counties.add(g.regionPrefix.slice(0, 6));
  return {
    direct: [`user:${actor.userId}`, ...[...units].map((u) => `unit:${u}`)],
    checked: [...counties].map((c) => `dispatch:${c}`),
  };
}

/** May this dispatch-pool event reach the actor? Only when they may read the case itself. */
async function mayHear(ctx: Pick<ServiceContext, 'db'>, actor: Actor, event: LiveEvent): Promise<boolean> {
  const caseId = event.data.caseId;
  if (typeof caseId !== 'string') return false;
  const c = await repo.findCase(ctx.db, caseId);
  return !!c && canView(actor, c);
}

export async function caseStreamRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const streams = sseStreams(fastify, casesSse, 'feed.live_unavailable');

  app.get(
    '/cases/stream',
    {
      schema: {
        tags: ['cases'],
        security: [{ session: [] }],
        summary: 'Live case events (text/event-stream) for my cases, my units, the dispatch pools I serve, and optionally one case',
        description:
          'Events: `case.submitted`, `case.assigned` (to the cadre on duty: `onDuty: true`), and one per action (`case.accept`, `case.resolve`, `case.attachment` …), each with `{caseId, trackingNumber, status}`.',
        querystring: StreamQuery,
        response: { 200: T.String({ description: 'text/event-stream' }), ...errors(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const actor = ctx.actor;
      if (!actor) throw unauthorized();
      const plan = streamTopics(actor);
      if (request.query.caseId) {
        const c = await repo.findCase(ctx.db, request.query.caseId);
        const following = c ? await repo.isFollowing(ctx.db, c.id, actor.userId) : false;
        if (!c || !canView(actor, c, following)) throw forbidden();
        plan.direct.push(`case:${c.id}`);
      }
      // The platform helper opens the stream on the first topic (headers, heartbeat, close on shutdown);
      // the other topics write to the same response and are released when it closes.
      const [first, ...rest] = plan.direct;
      streams.open(reply, first!);
      const res = reply.raw;
      const write = (event: LiveEvent) => {
        if (!res.writableEnded) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      };
      const live = fastify.live!;
      const releases = [
        live.subscribe(rest, write),
        live.subscribe(plan.checked, (event) => {
          void mayHear(ctx, actor, event).then((ok) => ok && write(event)).catch(() => undefined);
        }),
      ];
      res.on('close', () => releases.forEach((release) => release()));
    },
  );
}
