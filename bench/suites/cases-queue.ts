/**
 * The cadre queue with filters at 1,000,000 cases (issue 3: p95 < 20 ms).
 *
 * A year of cases across every demo village (bulkSeedCases, kept in
 * .tmp/bench-cases-1m between runs), then GET /api/cases/queue through the
 * whole app (session lookup, actor, policy scope in SQL, filters, page and
 * capped total) as the cadres who use it: a village cadre, a township official
 * (open / overdue / text), a county department handler, the city hotline
 * operator filtering a county. Baseline in the same run: GET /healthz (the
 * platform plus one `select 1`). Closed loop, exact percentiles; the target is judged at 1 client (latency), 4 clients reported beside it (saturated; see bench/lib/cases-read-bench.ts).
 *
 *   node --import tsx bench/suites/cases-queue.ts     (BENCH_CASES=1000000, BENCH_REQUESTS=300)
 */
import { runReadSuite } from '../lib/cases-read-bench.js';

const queue = (query: string) => `/api/cases/queue?${query}`;

await runReadSuite({
  name: 'cases-queue',
  column: 'request',
  targetP95Ms: 20,
  defaultRequests: 300,
  scenarios: [
    { name: 'village cadre 双江村: open', login: 'sjc_shuji', path: queue('status=assigned&status=accepted') },
    { name: 'township 朱亭镇: open, newest', login: 'zt_ganbu', path: queue('status=assigned&status=accepted&status=in_progress') },
    { name: 'township 朱亭镇: overdue, by due', login: 'zt_ganbu', path: queue('overdue=true&sort=due') },
    { name: 'township 朱亭镇: text 噪音', login: 'zt_ganbu', path: queue('q=%E5%99%AA%E9%9F%B3') },
    { name: 'county 城管 (芦淞区): category, page 3', login: 'cg_wang', path: queue('category=infrastructure&page=3') },
    { name: 'city 12345: county 渌口区 open, priority', login: 'rx_12345', path: queue('regionPrefix=430212&status=assigned&priority=normal') },
  ],
});
