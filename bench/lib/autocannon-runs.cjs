// Forked by bench/lib/load.ts: runs autocannon several times in this one
// process (a warm-up, then the measured run), so the measured run's client is
// as warm as the server. With autocannon's own `workers: 1` every run got a
// new thread whose JIT started cold: the first seconds of each measured run
// were the client compiling itself on the server's cores.
const autocannon = require('autocannon');

process.once('message', async ({ options, durations, setupRequestFile }) => {
  const setupRequest = setupRequestFile ? require(setupRequestFile) : undefined;
  const requests = options.requests?.map((r) => (setupRequest ? { ...r, setupRequest } : r));
  const results = [];
  for (const duration of durations) {
    const r = await autocannon({ ...options, requests, duration });
    results.push({ requestsPerSecond: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts });
  }
  process.send(results, () => process.exit(0));
});
