import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import type { MessageKey } from '../../../common/i18n/server-messages.js';
import type { LiveEvent } from './live-hub.js';

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
      const unsubscribe = live.subscribe([topic], (event: LiveEvent) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), settings.heartbeatMs);
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
