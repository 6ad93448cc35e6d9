import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import type { MessageKey } from '../../../common/i18n/server-messages.js';
import type { LiveEvent } from './live-hub.js';
import { endsSession, SESSIONS_TOPIC } from './session-events.js';

export interface SseSettings {
  /** A comment line this often keeps proxies and phones from dropping an idle stream. */
  heartbeatMs: number;
  /** What a browser's EventSource waits before reconnecting. */
  retryMs: number;
}

/**
 * Server-Sent Events over the live hub: `event: <type>` with the event's data
 * (ids only; pages refetch). The hub only hears committed changes (NOTIFY is
 * delivered on commit), so a stream never announces a rolled-back write. A
 * stream ends when the client goes away or the server closes; either way its
 * subscription and heartbeat are released. `settings` is read at each open,
 * so tests may shorten the heartbeat.
 *
 * A stream lives no longer than the session it was opened with: it ends
 * (after an `event: session_ended`) as soon as that session is signed out,
 * signed out everywhere or replaced (announced on the hub, session-events.ts),
 * and at the first heartbeat after the session has run out (idle timeout or
 * absolute end, checked against the database once its known end has passed).
 */
export function sseStreams(
  app: FastifyInstance,
  settings: SseSettings,
  unavailableKey: MessageKey,
): { open(reply: FastifyReply, topic: string): void; count(): number } {
  const closers = new Set<() => void>();
  // Open streams would keep `server.close()` waiting forever: end them first.
  app.addHook('preClose', async () => {
    for (const close of [...closers]) close();
  });

  return {
    open(reply, topic) {
      const live = app.live;
      if (!live) throw new AppError(503, 'live_unavailable', unavailableKey);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${settings.retryMs}\n: connected\n\n`);
      const request = reply.request;
      const session = request.actor?.sessionId ? { sessionId: request.actor.sessionId, userId: request.actor.userId } : null;
      let endsAt = request.sessionEndsAt;
      const sessionEnded = () => {
        if (closed) return;
        res.write('event: session_ended\ndata: {}\n\n');
        close();
      };
      const unsubscribe = live.subscribe(session ? [topic, SESSIONS_TOPIC] : [topic], (event: LiveEvent) => {
        if (event.topic === SESSIONS_TOPIC) {
          if (session && endsSession(event, session)) sessionEnded();
          return;
        }
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      });
      let checking = false;
      const heartbeat = setInterval(() => {
        res.write(': heartbeat\n\n');
        if (!session || !endsAt || checking || app.clock.now() < endsAt) return;
        // Past the end known at opening: the person may have been active since; ask again.
        checking = true;
        app.sessionEndsAt(session.sessionId).then(
          (next) => {
            checking = false;
            if (next) endsAt = next;
            else sessionEnded();
          },
          () => {
            checking = false; // the database is away: try again at the next heartbeat
          },
        );
      }, settings.heartbeatMs);
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        closers.delete(close);
        if (!res.writableEnded) res.end();
      };
      closers.add(close);
      // The response's 'close' fires when the client disconnects (or after res.end()).
      res.on('close', close);
      res.on('error', close);
    },
    count: () => closers.size,
  };
}
