import pg from 'pg';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Live updates across every app instance: a change publishes on PostgreSQL's
 * NOTIFY inside its transaction (so only committed changes are announced), each
 * instance LISTENs once and fans out to its open SSE streams by topic.
 */
export interface LiveEvent {
  topic: string;
  type: string;
  data: Record<string, unknown>;
}

const CHANNEL = 'lianxin_live';

export async function publishLive(trx: Executor, event: LiveEvent): Promise<void> {
  await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(trx);
}

/**
 * The same notifications as an expression (their count) to put in a larger
 * statement, so a write and its announcements take one round trip. Sent at
 * commit, like publishLive's.
 */
export function liveNotifications(events: LiveEvent[]): RawBuilder<number> {
  return sql<number>`(select count(pg_notify(${CHANNEL}, p))::int from unnest(${events.map((e) => JSON.stringify(e))}::text[]) p)`;
}

type Listener = (event: LiveEvent) => void;

export class LiveHub {
  private listeners = new Map<string, Set<Listener>>();
  private client: pg.Client | null = null;

  /** The URL may come later (the platform builds its app while PostgreSQL starts). */
  constructor(private readonly connectionString: string | Promise<string>) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: await this.connectionString });
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        this.dispatch(JSON.parse(msg.payload) as LiveEvent);
      } catch {
        /* ignore a malformed payload */
      }
    });
    client.on('error', () => {
      /* the stream ends; pages reconnect and refetch */
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
  }

  subscribe(topics: string[], listener: Listener): () => void {
    for (const topic of topics) {
      let set = this.listeners.get(topic);
      if (!set) this.listeners.set(topic, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const topic of topics) {
        const set = this.listeners.get(topic);
        set?.delete(listener);
        if (set && set.size === 0) this.listeners.delete(topic);
      }
    };
  }

  private dispatch(event: LiveEvent): void {
    for (const listener of this.listeners.get(event.topic) ?? []) listener(event);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
