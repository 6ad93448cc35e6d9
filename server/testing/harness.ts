import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { createDb, withDatabase, type Db } from '../platform/db/database.js';
import { buildApp } from '../platform/http/app.js';
import { loadConfig, type Config } from '../platform/config.js';
import type { Clock, ServiceContext, Actor } from '../platform/context.js';
import { LiveHub } from '../platform/live/live-hub.js';
import { modules } from '../modules/index.js';
import '../platform/platform-tables.js';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-20T02:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

function serverUrl(): string {
  const url = process.env.LIANXIN_TEST_SERVER_URL;
  if (!url) throw new Error('run tests with `npm test` (it starts the test database)');
  return url;
}

/** A database of this test file's own, cloned from the migrated template. */
export async function testDatabase(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const name = `lx_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`create database ${name} template ${process.env.LIANXIN_TEST_TEMPLATE ?? 'lianxin_test_template'}`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  // LIANXIN_TEST_POOL=1 finds code that waits for a second connection while holding one (a pool deadlock under load).
  const { db } = createDb(url, Number(process.env.LIANXIN_TEST_POOL ?? 5));
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      const a = new pg.Client({ connectionString: serverUrl() });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  url: string;
  clock: TestClock;
  config: Config;
  /** A service context acting as `actor` (or as the system when null). */
  ctx(actor?: Actor | null): ServiceContext;
  close(): Promise<void>;
}

/** The whole app in-process on a fresh database; use `app.inject`. */
export async function createTestApp(options: { live?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const clock = new TestClock();
  const config: Config = { ...loadConfig({}), logLevel: 'silent', demo: true, trustProxy: true, ...options.config };
  const live = options.live ? new LiveHub(database.url) : null;
  await live?.start();
  const app = await buildApp({ config, db: database.db, clock, live, modules });
  await app.ready();
  return {
    app,
    db: database.db,
    url: database.url,
    clock,
    config,
    ctx: (actor = null) => ({ db: database.db, actor, clock, ip: '127.0.0.1', lang: 'zh-CN' }),
    async close() {
      await app.close();
      await live?.stop();
      await database.drop();
    },
  };
}
