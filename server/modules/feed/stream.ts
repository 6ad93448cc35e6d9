import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { LiveEvent } from '../../platform/live/live-hub.js';

/** Settings of the feed's Server-Sent Events streams (tests shorten the heartbeat). */
export const sseSettings = {
  /** A comment line this often keeps proxies and phones from dropping an idle stream. */
  heartbeatMs: 25_000,
  /** What a browser's EventSource waits before reconnecting. */
  retryMs: 5_000,
};

/**
 * Server-Sent Events over the live hub: `event: post|reply|ack|hidden` with
 * `data: {"postId": …}`. The hub only hears committed changes (NOTIFY is
 * delivered on commit), so a stream never announces a rolled-back write. A
 * stream ends when the client goes away or the server closes; either way
 * its subscription and heartbeat are released.
 */
export function feedStreams(app: FastifyInstance): {
  open(reply: FastifyReply, topic: string): void;
  /** Open streams (for tests and diagnostics). */
  count(): number;
} {
  const closers = new Set<() => void>();
  // Open streams would keep `server.close()` waiting forever: end them first.
  app.addHook('preClose', async () => {
    for (const close of [...closers]) close();
  });

  return {
    open(reply, topic) {
      const live = app.live;
      if (!live) throw new AppError(503, 'live_unavailable', 'feed.live_unavailable');
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${sseSettings.retryMs}\n: connected\n\n`);
      const send = (event: LiveEvent) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      };
      const unsubscribe = live.subscribe([topic], send);
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), sseSettings.heartbeatMs);
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
