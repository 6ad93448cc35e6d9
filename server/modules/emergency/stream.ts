import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { LiveEvent } from '../../platform/live/live-hub.js';

/** Heartbeat of the emergency streams (tests shorten it). */
export const emergencySse = { heartbeatMs: 25_000, retryMs: 5_000 };

/**
 * Server-Sent Events for the boards (the grid board, a notice's delivery
 * progress, a station's alerts): `event: <type>` with ids only in `data`;
 * pages refetch what changed. Only committed changes are announced (NOTIFY
 * is delivered on commit). Streams end when the client leaves or the
 * server closes.
 */
export function emergencyStreams(app: FastifyInstance): { open(reply: FastifyReply, topic: string): void } {
  const closers = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...closers]) close();
  });
  return {
    open(reply, topic) {
      const live = app.live;
      if (!live) throw new AppError(503, 'live_unavailable', 'emergency.live_unavailable');
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${emergencySse.retryMs}\n: connected\n\n`);
      const unsubscribe = live.subscribe([topic], (event: LiveEvent) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), emergencySse.heartbeatMs);
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
      res.on('close', close);
      res.on('error', close);
    },
  };
}
