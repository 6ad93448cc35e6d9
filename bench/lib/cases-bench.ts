/**
 * Shared by the case benchmarks (bench/suites/cases-*.ts): a database with
 * the demo regions, units and people, topped up to N cases by bulkSeedCases;
 * an app on it listening on a free port; signed-in sessions; and a small
 * closed-loop load generator that reports exact percentiles (autocannon has
 * no p95).
 *
 * The database lives in .tmp/bench-cases-<name> and is kept between runs
 * (generating a million cases takes minutes; BENCH_FRESH_DB=1 starts over),
 * or DATABASE_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/platform/db/database.js';
import { buildApp } from '../../server/platform/http/app.js';
import { loadConfig } from '../../server/platform/config.js';
import { systemClock } from '../../server/platform/context.js';
import { modules } from '../../server/modules/index.js';
import { openDatabase } from '../../server/platform/runtime.js';
import { migrateToLatest } from '../../server/platform/db/migrate.js';
import { seedRegionsDemo } from '../../server/modules/regions/demo-seed.js';
import { seedPeopleDemo } from '../../server/modules/people/demo-seed.js';
import { seedIdentityDemo } from '../../server/modules/identity/demo-seed.js';
import { createSession } from '../../server/modules/identity/sessions.js';
import { bulkSeedCases } from '../../server/modules/cases/bulk-seed.js';

export async function openCasesBenchDatabase(name: string, options: { fresh?: boolean } = {}) {
  const dataDir = path.resolve('.tmp', `bench-cases-${name}`);
  if (options.fresh || process.env.BENCH_FRESH_DB === '1') fs.rmSync(dataDir, { recursive: true, force: true });
  const config = { ...loadConfig(), dataDir };
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  const seeded = await database.db.selectFrom('regions').select('code').where('code', '=', '430212101201').executeTakeFirst();
  if (!seeded) {
    const ctx = { db: database.db, actor: null, clock: systemClock, ip: null, lang: 'zh-CN' as const };
    await seedRegionsDemo(ctx);
    await seedPeopleDemo(ctx);
    await seedIdentityDemo(ctx);
  }
  return { db: database.db, url: database.url, close: () => database.close() };
}

/** Adds cases until there are `target` (a year of them, ending now), in set-based chunks. */
export async function ensureCases(db: Db, target: number, timeline = false): Promise<{ total: number; addedMs: number }> {
  const have = Number((await sql<{ n: number }>`select count(*)::int as n from cases`.execute(db)).rows[0]!.n);
  if (have >= target) {
    await sql`analyze cases`.execute(db);
    return { total: have, addedMs: 0 };
  }
  const now = new Date();
  const t0 = performance.now();
  await bulkSeedCases(db, {
    count: target - have,
    from: new Date(now.getTime() - 365 * 24 * 3600 * 1000),
    to: now,
    now,
    timeline,
    chunkSize: 100_000,
    // The statistics roll-ups are not what these suites measure (bench/suites/cases-stats.ts is).
    rebuildStatistics: false,
    log: (m) => console.log(`  ${m} (${Math.round((performance.now() - t0) / 1000)} s)`),
  });
  // A year of cases in production has been vacuumed by autovacuum (inserts trigger it too):
  // its visibility map is set and index-only scans skip the heap. A fresh bulk load has not.
  await sql`vacuum (analyze) cases`.execute(db);
  return { total: target, addedMs: Math.round(performance.now() - t0) };
}

export async function startBenchApp(db: Db, extra?: (app: FastifyInstance) => Promise<void> | void) {
  const app = await buildApp({ config: { ...loadConfig({}), logLevel: 'silent', demo: false }, db, clock: systemClock, live: null, modules });
  if (extra) await extra(app);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, address };
}

/** A signed-in session (cookie + CSRF token) for a user found by user name or phone. */
export async function sessionFor(db: Db, login: string): Promise<{ userId: string; headers: Record<string, string> }> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('username', '=', login), eb('phone', '=', login)]))
    .executeTakeFirstOrThrow();
  const s = await createSession(db, systemClock, user.id, { ip: '127.0.0.1', userAgent: 'bench' });
  return { userId: user.id, headers: { cookie: `lx_session=${s.token}`, 'x-csrf-token': s.csrfToken } };
}

export interface LoadResult {
  requests: number;
  failures: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * `concurrency` loops each sending GETs back to back (warm-up requests thrown
 * away), driven from a worker thread: the client's own
 * work (undici, timing) then runs on its own event loop instead of queueing
 * in front of the server's, as a real client on another machine would. Every
 * row of a suite, its baseline included, is measured this way.
 */
export function closedLoopGet(url: string, headers: Record<string, string>, options: { requests: number; concurrency: number; warmup?: number }): Promise<LoadResult> {
  const code = `
    const { parentPort, workerData: w } = require('node:worker_threads');
    const get = async () => { const r = await fetch(w.url, { headers: w.headers }); await r.arrayBuffer(); return r.ok; };
    (async () => {
      for (let i = 0; i < w.warmup; i++) await get().catch(() => false);
      const times = []; let failures = 0; let next = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: w.concurrency }, async () => {
        while (next < w.requests) {
          next++;
          const s = performance.now();
          const ok = await get().catch(() => false);
          times.push(performance.now() - s);
          if (!ok) failures += 1;
        }
      }));
      parentPort.postMessage({ times, failures, elapsed: (performance.now() - t0) / 1000 });
    })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { url, headers, requests: options.requests, concurrency: options.concurrency, warmup: options.warmup ?? 20 } });
    worker.once('error', reject);
    worker.once('message', (m: { times: number[]; failures: number; elapsed: number }) => {
      void worker.terminate();
      const times = m.times.sort((a, b) => a - b);
      const r = (x: number) => Math.round(x * 10) / 10;
      resolve({ requests: times.length, failures: m.failures, rps: Math.round(times.length / m.elapsed), p50Ms: r(pct(times, 50)), p95Ms: r(pct(times, 95)), p99Ms: r(pct(times, 99)), maxMs: r(times.at(-1)!) });
    });
  });
}

export function writeResult(name: string, result: unknown): void {
  const dir = path.resolve('bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), ...(result as object) }, null, 2));
}
