/**
 * The read suites on the million-case database (cases-queue, cases-search):
 * the same set-up, load and table. Each scenario is one GET as one signed-in
 * person (or anonymous), measured closed-loop (the client in a worker thread)
 * after a baseline GET /healthz in the same run. `matching` is the list's total, with "+" when the server
 * capped it (totalCapped).
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
      const rows: { name: string; result: LoadResult; total: number; totalCapped: boolean }[] = [];
      const loadBefore = os.loadavg()[0]!;
      const baseline = await closedLoopGet(`${address}/healthz`, {}, { requests, concurrency });
      for (const s of options.scenarios) {
        const headers = s.login ? (await sessionFor(database.db, s.login)).headers : {};
        const url = `${address}${s.path}`;
        const first = await fetch(url, { headers });
        if (!first.ok) throw new Error(`${s.name}: ${first.status} ${await first.text()}`);
        const body = (await first.json()) as { total: number; totalCapped?: boolean };
        const result = await closedLoopGet(url, headers, { requests, concurrency });
        rows.push({ name: s.name, result, total: body.total, totalCapped: body.totalCapped === true });
      }
      const load = [loadBefore, os.loadavg()[0]!].map((x) => x.toFixed(2)).join(' → ');
      console.log(`\n${options.name}: ${cases.toLocaleString()} cases, ${concurrency} clients, ${requests} requests per row, load average ${load} (${os.cpus().length} cores)\n`);
      console.log(`| ${options.column} | matching | req/s | p50 ms | p95 ms | p99 ms | p95 vs baseline | failures |`);
      console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
      console.log(`| baseline GET /healthz | – | ${baseline.rps} | ${baseline.p50Ms} | ${baseline.p95Ms} | ${baseline.p99Ms} | 1.0× | ${baseline.failures} |`);
      for (const r of rows) {
        const matching = `${r.total}${r.totalCapped ? '+' : ''}`;
        console.log(`| ${r.name} | ${matching} | ${r.result.rps} | ${r.result.p50Ms} | ${r.result.p95Ms} | ${r.result.p99Ms} | ${(r.result.p95Ms / baseline.p95Ms).toFixed(1)}× | ${r.result.failures} |`);
      }
      const worst = Math.max(...rows.map((r) => r.result.p95Ms));
      const met = worst < options.targetP95Ms;
      console.log(`\nworst p95 ${worst} ms (target < ${options.targetP95Ms} ms): ${met ? 'met' : 'MISSED'}`);
      failed = rows.some((r) => r.result.failures > 0) || baseline.failures > 0;
      writeResult(options.name, { cases, concurrency, requests, loadAverage: load, targetP95Ms: options.targetP95Ms, worstP95Ms: worst, met, baseline, rows });
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
  if (failed) process.exitCode = 1;
}
