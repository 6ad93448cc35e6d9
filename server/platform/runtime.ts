import type { FastifyInstance } from 'fastify';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { loadConfig, type Config } from './config.js';
import { createDb, ensureDatabase, withDatabase, type Db } from './db/database.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { LiveHub } from './live/live-hub.js';
import { systemClock, type Clock, type ServiceContext } from './context.js';
import { modules } from '../modules/index.js';
import './platform-tables.js';

export { projectRoot, webDistDir } from './paths.js';
import { webDistDir } from './paths.js';
export interface Database_ {
  db: Db;
  /** The connection pool behind `db`. */
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded server and its `lianxin` database. */
export async function openDatabase(config: Config, log: (m: string) => void = () => {}): Promise<Database_> {
  let embedded: EmbeddedServer | null = null;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres(config.dataDir, log);
    await ensureDatabase(embedded.url('postgres'), 'lianxin');
    url = embedded.url('lianxin');
  }
  const { db, pool } = createDb(url);
  return {
    db,
    pool,
    url,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/** Loads the demo data once per database, in module order. */
export async function seedDemoOnce(db: Db, config: Config, clock: Clock = systemClock): Promise<boolean> {
  const done = await db.selectFrom('platform_state').select('key').where('key', '=', 'demo_seeded').executeTakeFirst();
  if (done) return false;
  await seedDemo(db, config, clock);
  await db.insertInto('platform_state').values({ key: 'demo_seeded', value: JSON.stringify({ at: clock.now() }) }).execute();
  return true;
}

export async function seedDemo(db: Db, config: Config, clock: Clock = systemClock): Promise<void> {
  const ctx: ServiceContext = { db, actor: null, clock, ip: null, lang: 'zh-CN' };
  for (const mod of modules) if (mod.seedDemo) await mod.seedDemo(ctx, config);
}

export interface Running {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/** The whole platform: database, migrations, demo data, jobs, live hub, HTTP. */
export async function startPlatform(config: Config = loadConfig(), log: (m: string) => void = console.log): Promise<Running> {
  const database = await openDatabase(config, () => {});
  const { db } = database;
  await migrateToLatest(db);
  if (config.demo && (await seedDemoOnce(db, config))) log('已加载株洲演示数据 (demo data loaded)');

  const live = new LiveHub(database.url);
  await live.start();
  const boss = new PgBoss({ connectionString: database.url, schema: 'pgboss', max: 4 });
  let stopping: Promise<void> | null = null;
  // While stopping, connections closing under the queue are expected, not news.
  boss.on('error', (err) => {
    if (!stopping) log(`job queue: ${err.message}`);
  });
  await boss.start();
  const jobCtx = { db, clock: systemClock };
  for (const mod of modules) if (mod.jobs) await mod.jobs(boss, jobCtx);

  // Route schemas compile on first use (http/lazy-compilers.ts), so building the app is quick.
  const app = await buildApp({
    config,
    db,
    clock: systemClock,
    live,
    modules,
    webDist: webDistDir(),
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  return {
    app,
    url,
    stop() {
      stopping ??= (async () => {
        await app.close().catch(() => undefined);
        await boss.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
        await live.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}

export { withDatabase };
