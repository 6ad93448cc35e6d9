/**
 * Chinese full-text search at 1,000,000 cases (issue 3: p95 < 50 ms).
 *
 * Same data as cases-queue (.tmp/bench-cases-1m, bulkSeedCases). Searches
 * through the whole app: the public list (anyone, masked) and a township
 * official's queue, with 2-character words (噪音, 低保, 电梯, 路灯), a rarer
 * word (减速带) and two words at once (夜宵 噪音) — jieba-cut queries on the
 * GIN-indexed tsvector, ranked, with highlighted snippets. Baseline in the
 * same run: GET /healthz. Closed loop, 4 clients, exact percentiles.
 *
 *   node --import tsx bench/suites/cases-search.ts     (BENCH_CASES=1000000, BENCH_REQUESTS=200)
 */
import { closedLoop, ensureCases, openCasesBenchDatabase, sessionFor, startBenchApp, writeResult, type LoadResult } from '../lib/cases-bench.js';

const TARGET_P95_MS = 50;
const cases = Number(process.env.BENCH_CASES ?? 1_000_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const q = (words: string) => encodeURIComponent(words);

const SCENARIOS: { name: string; login: string | null; path: string }[] = [
  { name: 'public: 噪音', login: null, path: `/api/cases/public?q=${q('噪音')}` },
  { name: 'public: 低保', login: null, path: `/api/cases/public?q=${q('低保')}` },
  { name: 'public: 电梯, 渌口区', login: null, path: `/api/cases/public?q=${q('电梯')}&regionPrefix=430212` },
  { name: 'public: 减速带 (rare)', login: null, path: `/api/cases/public?q=${q('减速带')}` },
  { name: 'public: 夜宵 噪音 (two words)', login: null, path: `/api/cases/public?q=${q('夜宵 噪音')}` },
  { name: 'queue 朱亭镇: 路灯, by relevance', login: 'zt_ganbu', path: `/api/cases/queue?q=${q('路灯')}&sort=relevance` },
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
      const headers = s.login ? (await sessionFor(database.db, s.login)).headers : {};
      const url = `${address}${s.path}`;
      const first = await fetch(url, { headers });
      if (!first.ok) throw new Error(`${s.name}: ${first.status} ${await first.text()}`);
      const total = ((await first.json()) as { total: number }).total;
      const result = await closedLoop(async () => (await fetch(url, { headers })).ok, { requests, concurrency });
      rows.push({ name: s.name, result, total });
    }
    console.log(`\ncases-search: ${cases.toLocaleString()} cases, ${concurrency} clients, ${requests} requests per row\n`);
    console.log('| search | matching | req/s | p50 ms | p95 ms | p99 ms | p95 vs baseline | failures |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    console.log(`| baseline GET /healthz | – | ${baseline.rps} | ${baseline.p50Ms} | ${baseline.p95Ms} | ${baseline.p99Ms} | 1.0× | ${baseline.failures} |`);
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.total} | ${r.result.rps} | ${r.result.p50Ms} | ${r.result.p95Ms} | ${r.result.p99Ms} | ${(r.result.p95Ms / baseline.p95Ms).toFixed(1)}× | ${r.result.failures} |`);
    }
    const worst = Math.max(...rows.map((r) => r.result.p95Ms));
    console.log(`\nworst p95 ${worst} ms (target < ${TARGET_P95_MS} ms): ${worst < TARGET_P95_MS ? 'met' : 'MISSED'}`);
    failed = rows.some((r) => r.result.failures > 0) || baseline.failures > 0;
    writeResult('cases-search', { cases, concurrency, requests, targetP95Ms: TARGET_P95_MS, worstP95Ms: worst, met: worst < TARGET_P95_MS, baseline, rows });
  } finally {
    await app.close();
  }
} finally {
  await database.close();
}
if (failed) process.exitCode = 1;
