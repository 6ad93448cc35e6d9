/**
 * The cadre queue with filters at 1,000,000 cases (issue 3: p95 < 20 ms).
 *
 * A year of cases across every demo village (bulkSeedCases, kept in
 * .tmp/bench-cases-1m between runs), then GET /api/cases/queue through the
 * whole app (session lookup, actor, policy scope in SQL, filters, page and
 * total) as the cadres who use it: a village cadre, a township official
 * (open / overdue / text), a county department handler, the city hotline
 * operator filtering a county. Baseline in the same run: GET /healthz (the
 * platform plus one `select 1`). Closed loop, 4 clients, exact percentiles.
 *
 *   node --import tsx bench/suites/cases-queue.ts     (BENCH_CASES=1000000, BENCH_REQUESTS=300)
 */
import { closedLoop, ensureCases, openCasesBenchDatabase, sessionFor, startBenchApp, writeResult, type LoadResult } from '../lib/cases-bench.js';

const TARGET_P95_MS = 20;
const cases = Number(process.env.BENCH_CASES ?? 1_000_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 300);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

const SCENARIOS: { name: string; login: string; query: string }[] = [
  { name: 'village cadre 双江村: open', login: 'sjc_shuji', query: 'status=assigned&status=accepted' },
  { name: 'township 朱亭镇: open, newest', login: 'zt_ganbu', query: 'status=assigned&status=accepted&status=in_progress' },
  { name: 'township 朱亭镇: overdue, by due', login: 'zt_ganbu', query: 'overdue=true&sort=due' },
  { name: 'township 朱亭镇: text 噪音', login: 'zt_ganbu', query: 'q=%E5%99%AA%E9%9F%B3' },
  { name: 'county 城管 (芦淞区): category, page 3', login: 'cg_wang', query: 'category=infrastructure&page=3' },
  { name: 'city 12345: county 渌口区 open, priority', login: 'rx_12345', query: 'regionPrefix=430212&status=assigned&priority=normal' },
];

const database = await openCasesBenchDatabase('1m');
let failed = false;
try {
  const seeded = await ensureCases(database.db, cases);
  if (seeded.addedMs) console.log(`generated cases up to ${seeded.total} in ${(seeded.addedMs / 1000).toFixed(0)} s`);
  const { app, address } = await startBenchApp(database.db);
  try {
    const rows: { name: string; result: LoadResult; total: number }[] = [];
    const baseline = await closedLoop(async () => (await fetch(`${address}/healthz`)).ok, { requests, concurrency });
    for (const s of SCENARIOS) {
      const { headers } = await sessionFor(database.db, s.login);
      const url = `${address}/api/cases/queue?${s.query}`;
      const first = await fetch(url, { headers });
      if (!first.ok) throw new Error(`${s.name}: ${first.status} ${await first.text()}`);
      const total = ((await first.json()) as { total: number }).total;
      const result = await closedLoop(async () => (await fetch(url, { headers })).ok, { requests, concurrency });
      rows.push({ name: s.name, result, total });
    }
    console.log(`\ncases-queue: ${cases.toLocaleString()} cases, ${concurrency} clients, ${requests} requests per row\n`);
    console.log('| request | matching | req/s | p50 ms | p95 ms | p99 ms | p95 vs baseline | failures |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    console.log(`| baseline GET /healthz | – | ${baseline.rps} | ${baseline.p50Ms} | ${baseline.p95Ms} | ${baseline.p99Ms} | 1.0× | ${baseline.failures} |`);
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.total} | ${r.result.rps} | ${r.result.p50Ms} | ${r.result.p95Ms} | ${r.result.p99Ms} | ${(r.result.p95Ms / baseline.p95Ms).toFixed(1)}× | ${r.result.failures} |`);
    }
    const worst = Math.max(...rows.map((r) => r.result.p95Ms));
    console.log(`\nworst p95 ${worst} ms (target < ${TARGET_P95_MS} ms): ${worst < TARGET_P95_MS ? 'met' : 'MISSED'}`);
    failed = rows.some((r) => r.result.failures > 0) || baseline.failures > 0;
    writeResult('cases-queue', { cases, concurrency, requests, targetP95Ms: TARGET_P95_MS, worstP95Ms: worst, met: worst < TARGET_P95_MS, baseline, rows });
  } finally {
    await app.close();
  }
} finally {
  await database.close();
}
if (failed) process.exitCode = 1;
