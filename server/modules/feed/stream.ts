import type { FastifyInstance } from 'fastify';
import { sseStreams, type SseSettings } from '../../platform/live/sse.js';

/** Settings of the feed's Server-Sent Events streams (tests shorten the heartbeat). */
export const sseSettings: SseSettings = { heartbeatMs: 25_000, retryMs: 5_000 };

/** The feed's streams: `event: post|reply|ack|hidden` with `data: {"postId": …}`. */
export function feedStreams(app: FastifyInstance) {
  return sseStreams(app, sseSettings, 'feed.live_unavailable');
}
