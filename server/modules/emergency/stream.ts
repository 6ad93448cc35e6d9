import type { FastifyInstance } from 'fastify';
import { sseStreams, type SseSettings } from '../../platform/live/sse.js';

/** Heartbeat of the emergency streams (tests shorten it). */
export const emergencySse: SseSettings = { heartbeatMs: 25_000, retryMs: 5_000 };

/** Streams for the boards (grid board, a notice's delivery progress, a station's alerts). */
export function emergencyStreams(app: FastifyInstance) {
  return sseStreams(app, emergencySse, 'emergency.live_unavailable');
}
