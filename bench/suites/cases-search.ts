/**
 * Chinese full-text search at 1,000,000 cases (issue 3: p95 < 50 ms).
 *
 * Same data as cases-queue (.tmp/bench-cases-1m, bulkSeedCases). Searches
 * through the whole app: the public list (anyone, masked) and a township
 * official's queue, with 2-character words (噪音, 低保, 电梯, 路灯), a rarer
 * word (减速带) and two words at once (夜宵 噪音) — jieba-cut queries on the
 * GIN-indexed tsvector; the newest 100 matches ranked (ts_rank), "100+" when
 * more match; highlighted snippets. Baseline in the same run: GET /healthz.
 * Closed loop, exact percentiles; the target is judged at 1 client (latency), 4 clients reported beside it (saturated; see bench/lib/cases-read-bench.ts).
 *
 *   node --import tsx bench/suites/cases-search.ts     (BENCH_CASES=1000000, BENCH_REQUESTS=200)
 */
import { runReadSuite } from '../lib/cases-read-bench.js';

const q = (words: string) => encodeURIComponent(words);

await runReadSuite({
  name: 'cases-search',
  column: 'search',
  targetP95Ms: 50,
  defaultRequests: 200,
  scenarios: [
    { name: 'public: 噪音', login: null, path: `/api/cases/public?q=${q('噪音')}` },
    { name: 'public: 低保', login: null, path: `/api/cases/public?q=${q('低保')}` },
    { name: 'public: 电梯, 渌口区', login: null, path: `/api/cases/public?q=${q('电梯')}&regionPrefix=430212` },
    { name: 'public: 减速带 (rare)', login: null, path: `/api/cases/public?q=${q('减速带')}` },
    { name: 'public: 夜宵 噪音 (two words)', login: null, path: `/api/cases/public?q=${q('夜宵 噪音')}` },
    { name: 'queue 朱亭镇: 路灯, by relevance', login: 'zt_ganbu', path: `/api/cases/queue?q=${q('路灯')}&sort=relevance` },
  ],
});
