/**
 * The read suites on the million-case database (cases-queue, cases-search):
 * the same set-up, load and table. Each scenario is one GET as one signed-in
 * person (or anonymous), measured closed-loop (the client in a worker thread)
 * after a baseline GET /healthz in the same run, twice:
 *
 * - **latency** — one client, requests back to back: what a cadre waits for a
 *   page on a server that is not saturated. The p95 target is judged here, as
 *   the dashboard's is (bench/suites/cases-stats.ts times calls one after
 *   another).
 * - **saturated** — `BENCH_CONCURRENCY` clients (default 4): on 2 cores, with
 *   the load generator on one of them, this keeps the machine busy, so its
 *   p95 is mostly queueing (≈ clients ÷ throughput) and says how many
 *   requests a second the machine serves, not how long one takes.
 *
 * `matching` is the list's total, with "+" when the server capped it (totalCapped).
 */
import { closedLoopGet, ensureCases, openCasesBenchDatabase, sessionFor, startBenchApp, writeResult, type LoadResult } from './cases-bench.js';
import os from 'node:os';

export interface ReadScenario {
  name: string;
  /** User name or phone; null for an anonymous request. */
  login: string | null;
  path: string;
}

export async function runReadSuite(options: { name: string; column: string; targetP95Ms: number; defaultRequests: number; scenarios: ReadScenario[] }): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 1_000_000);
  const requests = Number(process.env.BENCH_REQUESTS ?? options.defaultRequests);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
  const database = await openCasesBenchDatabase('1m');
  let failed = false;
  try {
    const seeded = await ensureCases(database.db, cases);
    if (seeded.addedMs) console.log(`generated cases up to ${seeded.total} in ${(seeded.addedMs / 1000).toFixed(0)} s`);
    const { app, address } = await startBenchApp(database.db);
    try {
      const rows: { name: string; latency: LoadResult; saturated: LoadResult; total: number; totalCapped: boolean }[] = [];
      const loadBefore = os.loadavg()[0]!;
      const measure = async (url: string, headers: Record<string, string>) => ({
        latency: await closedLoopGet(url, headers, { requests, concurrency: 1 }),
        saturated: await closedLoopGet(url, headers, { requests, concurrency }),
      });
      const baseline = await measure(`${address}/healthz`, {});
      for (const s of options.scenarios) {
        const headers = s.login ? (await sessionFor(database.db, s.login)).headers : {};
        const url = `${address}${s.path}`;
        const first = await fetch(url, { headers });
        if (!first.ok) throw new Error(`${s.name}: ${first.status} ${await first.text()}`);
        const body = (await first.json()) as { total: number; totalCapped?: boolean };
        rows.push({ name: s.name, ...(await measure(url, headers)), total: body.total, totalCapped: body.totalCapped === true });
      }
      const load = [loadBefore, os.loadavg()[0]!].map((x) => x.toFixed(2)).join(' → ');
      console.log(`\n${options.name}: ${cases.toLocaleString()} cases, ${requests} requests per cell, load average ${load} (${os.cpus().length} cores)\n`);
      console.log(`| ${options.column} | matching | 1 client: p50 ms | p95 ms | p99 ms | ${concurrency} clients: req/s | p50 ms | p95 ms | failures |`);
      console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
      const line = (name: string, matching: string, r: { latency: LoadResult; saturated: LoadResult }) =>
        `| ${name} | ${matching} | ${r.latency.p50Ms} | ${r.latency.p95Ms} | ${r.latency.p99Ms} | ${r.saturated.rps} | ${r.saturated.p50Ms} | ${r.saturated.p95Ms} | ${r.latency.failures + r.saturated.failures} |`;
      console.log(line('baseline GET /healthz', '–', baseline));
      for (const r of rows) console.log(line(r.name, `${r.total}${r.totalCapped ? '+' : ''}`, r));
      const worst = Math.max(...rows.map((r) => r.latency.p95Ms));
      const worstSaturated = Math.max(...rows.map((r) => r.saturated.p95Ms));
      const met = worst < options.targetP95Ms;
      console.log(`\nworst p95 at 1 client ${worst} ms (target < ${options.targetP95Ms} ms): ${met ? 'met' : 'MISSED'}; at ${concurrency} clients ${worstSaturated} ms`);
      failed = [baseline, ...rows].some((r) => r.latency.failures > 0 || r.saturated.failures > 0);
      writeResult(options.name, { cases, concurrency, requests, loadAverage: load, targetP95Ms: options.targetP95Ms, worstP95Ms: worst, worstSaturatedP95Ms: worstSaturated, met, baseline, rows });
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
  if (failed) process.exitCode = 1;
}
