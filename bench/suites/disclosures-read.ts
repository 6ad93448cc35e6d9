/**
 * Public read of a publication page vs a static file of the same size from
 * the same server (target: ≥ 50 %), then a check that a new version
 * invalidates the cached page.
 *
 *   import { benchDisclosuresRead } from './disclosures-read.js';
 *   const result = await benchDisclosuresRead({ db, connections: 50, duration: 5 });
 *   // db: a migrated Kysely<Database> holding the demo data (any published 双江村 publication)
 *
 * It builds its own app on that database (the platform's buildApp with every
 * module) and adds a static route serving a file with exactly the bytes of
 * the publication's JSON, so both rows go through the same server, hooks and
 * headers. Standalone: `npx tsx bench/disclosures-read.ts` (fresh embedded
 * PostgreSQL under .tmp/ with the demo data, or DATABASE_URL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import fastifyStatic from '@fastify/static';
import type { Db } from '../../server/platform/db/database.js';
import { buildApp } from '../../server/platform/http/app.js';
import { loadConfig } from '../../server/platform/config.js';
import { systemClock } from '../../server/platform/context.js';
import { modules } from '../../server/modules/index.js';
import { correctPublication, publishPublication, reviewPublication, submitPublication } from '../../server/modules/disclosures/publications.js';
import { loadActor } from '../../server/modules/people/actor.js';

export interface ReadBenchResult {
  publicationId: string;
  bytes: number;
  publication: { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number };
  staticFile: { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number };
  ratio: number;
  target: number;
  invalidatedOnNewVersion: boolean | null;
}

const VILLAGE = '430212101201';

async function run(url: string, connections: number, duration: number) {
  await autocannon({ url, connections, duration: 1 });
  const r = await autocannon({ url, connections, duration });
  return { requestsPerSecond: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx + r.errors };
}

export async function benchDisclosuresRead(options: { db: Db; connections?: number; duration?: number; checkInvalidation?: boolean }): Promise<ReadBenchResult> {
  const { db } = options;
  const connections = options.connections ?? 50;
  const duration = options.duration ?? 5;
  const pub = await db
    .selectFrom('disclosure_publications')
    .select(['id'])
    .where('region_code', '=', VILLAGE)
    .where('status', '=', 'published')
    .orderBy('period', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!pub) throw new Error(`no published publication of ${VILLAGE}: load the demo data first`);
  const app = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent', demo: false }, db, clock: systemClock, live: null, modules });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  await app.register(fastifyStatic, { root: dir, prefix: '/bench-static/', decorateReply: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const pageUrl = `${address}/api/disclosures/publications/${pub.id}`;
    const body = await (await fetch(pageUrl)).text();
    fs.writeFileSync(path.join(dir, 'page.json'), body);
    const publication = await run(pageUrl, connections, duration);
    const staticFile = await run(`${address}/bench-static/page.json`, connections, duration);
    let invalidatedOnNewVersion: boolean | null = null;
    if (options.checkInvalidation) invalidatedOnNewVersion = await newVersionInvalidates(db, pub.id, pageUrl);
    return { publicationId: pub.id, bytes: Buffer.byteLength(body), publication, staticFile, ratio: Number((publication.requestsPerSecond / staticFile.requestsPerSecond).toFixed(3)), target: 0.5, invalidatedOnNewVersion };
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Publishes a correction as the village's cadre and supervisor; the cached page must then say it is no longer the latest. */
async function newVersionInvalidates(db: Db, id: string, pageUrl: string): Promise<boolean> {
  const grant = async (role: string) =>
    (await db.selectFrom('role_grants as g').innerJoin('units as u', 'u.id', 'g.unit_id').select('g.user_id').where('g.role', '=', role).where('u.region_code', '=', VILLAGE).executeTakeFirst())?.user_id;
  const [cadreId, supervisorId] = [await grant('village_cadre'), await grant('supervision_member')];
  if (!cadreId || !supervisorId) return false;
  const ctx = async (userId: string) => ({ db, actor: await loadActor(db, userId, null), clock: systemClock, ip: null, lang: 'zh-CN' as const });
  const cadre = await ctx(cadreId);
  const v2 = await correctPublication(cadre, id, '基准测试：更正');
  await submitPublication(cadre, v2.id);
  await reviewPublication(await ctx(supervisorId), v2.id, { decision: 'approve' });
  await publishPublication(cadre, v2.id);
  const after = (await (await fetch(pageUrl)).json()) as { isLatest: boolean };
  return after.isLatest === false;
}

/**
 * A database for a standalone run: DATABASE_URL, or a fresh embedded
 * PostgreSQL under .tmp/ (migrated, demo data loaded). BENCH_KEEP_DB=1 keeps
 * it in .tmp/bench-disclosures-<name> between runs (for profiling).
 */
export async function openBenchDatabase(name: string) {
  const { openDatabase } = await import('../../server/platform/runtime.js');
  const { migrateToLatest } = await import('../../server/platform/db/migrate.js');
  const { seedRegionsDemo } = await import('../../server/modules/regions/demo-seed.js');
  const { seedPeopleDemo } = await import('../../server/modules/people/demo-seed.js');
  const { seedDisclosuresDemo } = await import('../../server/modules/disclosures/demo-seed.js');
  const keep = process.env.BENCH_KEEP_DB === '1';
  const dataDir = path.resolve('.tmp', keep ? `bench-disclosures-${name}` : `bench-disclosures-${name}-${process.pid}`);
  const config = { ...loadConfig(), dataDir };
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  const seeded = keep && (await database.db.selectFrom('regions').select('code').where('code', '=', VILLAGE).executeTakeFirst());
  if (!seeded) {
    const ctx = { db: database.db, actor: null, clock: systemClock, ip: null, lang: 'zh-CN' as const };
    await seedRegionsDemo(ctx);
    await seedPeopleDemo(ctx);
    await seedDisclosuresDemo(ctx);
  }
  return {
    db: database.db,
    async close() {
      await database.close();
      if (!config.databaseUrl && !keep) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const database = await openBenchDatabase('read');
  try {
    const result = await benchDisclosuresRead({ db: database.db, connections: Number(process.env.BENCH_CONNECTIONS ?? 50), duration: Number(process.env.BENCH_DURATION ?? 5), checkInvalidation: true });
    console.log(JSON.stringify(result, null, 2));
    if (result.ratio < result.target || result.invalidatedOnNewVersion === false) process.exitCode = 1;
  } finally {
    await database.close();
  }
}
