import type { Executor } from '../db/database.js';
import { publishLive, type LiveEvent } from './live-hub.js';

/**
 * Ended sessions, announced on the live hub so that every instance closes the
 * SSE streams opened with them at once (sign-out, sign-out everywhere, a
 * password change, a session replaced by a new sign-in). Like every live
 * event it is sent by PostgreSQL on commit. Sessions that end by running out
 * (idle timeout, absolute lifetime) announce nothing: streams check their
 * session's end themselves (sse.ts).
 */
export const SESSIONS_TOPIC = 'sessions';

export type SessionsEnded =
  /** One session. */
  | { sessionId: string }
  /** Every session of a person, except `keep`. */
  | { userId: string; keep: string | null };

export async function publishSessionsEnded(trx: Executor, ended: SessionsEnded): Promise<void> {
  await publishLive(trx, { topic: SESSIONS_TOPIC, type: 'ended', data: ended });
}

/** True when the event ends this session of this person. */
export function endsSession(event: LiveEvent, session: { sessionId: string; userId: string }): boolean {
  if (event.topic !== SESSIONS_TOPIC) return false;
  const data = event.data as Partial<{ sessionId: string; userId: string; keep: string | null }>;
  if (data.sessionId) return data.sessionId === session.sessionId;
  return data.userId === session.userId && data.keep !== session.sessionId;
}
