/**
 * The `http` suite of `npm run bench` (bench/run.ts runs it first, as a child
 * process): the platform in-process on a fresh embedded PostgreSQL with the
 * Zhuzhou demo data, measured with autocannon against a bare Fastify route
 * measured in the same run (see bench/README.md).
 *
 *   npm run bench -- http               only this suite
 *   BENCH_DURATION=10 npm run bench     longer runs (seconds)
 *   BENCH_CONNECTIONS=100 npm run bench
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import autocannon, { type Result } from 'autocannon';
import { loadConfig } from '../../server/platform/config.js';
import { projectRoot, startPlatform, type Running } from '../../server/platform/runtime.js';
import { systemClock } from '../../server/platform/context.js';
import { createSession } from '../../server/modules/identity/sessions.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = 1;
/** 朱亭镇双江村 (seed 001), the demo's village. */
const VILLAGE = '430212101201';

interface Row {
  name: string;
  what: string;
  url: string;
  requestsPerSecond: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  non2xx: number;
  errors: number;
  ratio: number | null;
  note?: string;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port in 8200-8299 (the range this project's local servers use). */
async function freePort(exclude: number[] = []): Promise<number> {
  for (let p = 8200; p < 8300; p++) if (!exclude.includes(p) && (await canListen(p))) return p;
  throw new Error('no free port in 8200-8299');
}

/**
 * One measurement: a warm-up run that is thrown away (JIT, connection pools,
 * caches), then the measured run. The load generator runs in a worker thread
 * so that it does not share the server's event loop.
 */
async function measure(url: string, headers: Record<string, string> = {}): Promise<Result> {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: WARMUP, workers: 1 });
  return autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION, workers: 1 });
}

function row(name: string, what: string, url: string, r: Result): Row {
  return {
    name,
    what,
    url,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    ratio: null,
  };
}

async function bareFastify(port: number) {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  await app.listen({ port, host: '127.0.0.1' });
  return app;
}

/** A verified resident of the village in the demo data, signed in with a real session cookie. */
async function residentSession(running: Running): Promise<{ cookie: string; name: string } | { missing: string }> {
  const db = running.app.db;
  const resident = await db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name'])
    .where('h.region_code', '=', VILLAGE)
    .where('m.status', '=', 'verified')
    .orderBy('u.name')
    .executeTakeFirst();
  if (!resident) return { missing: `no verified resident of ${VILLAGE} in the demo data` };
  const session = await createSession(db, systemClock, resident.id, { ip: '127.0.0.1', userAgent: 'lianxin-bench' });
  return { cookie: `lx_session=${session.token}`, name: resident.name };
}

function table(rows: Row[]): string {
  const fmt = (n: number | null, digits = 0) => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const lines = [
    '| benchmark | requests/s | p50 ms | p99 ms | vs bare Fastify | failed |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.requestsPerSecond)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.ratio === null ? '—' : `${(r.ratio * 100).toFixed(0)} %`} | ${r.note ?? r.non2xx + r.errors} |`,
    ),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg().map((n) => Number(n.toFixed(2)));
  const dataDir = path.join(projectRoot, '.tmp', `bench-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const appPort = await freePort();
  const basePort = await freePort([appPort]);
  const config = { ...loadConfig({}), port: appPort, host: '127.0.0.1', dataDir, demo: true, logLevel: 'silent' };

  console.log(`starting the platform on a fresh embedded database (${dataDir}) …`);
  const t0 = performance.now();
  const running = await startPlatform(config, () => {});
  console.log(`platform ready in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${running.url}`);
  const base = await bareFastify(basePort);
  const rows: Row[] = [];
  try {
    console.log(`measuring: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s each\n`);

    const baseUrl = `http://127.0.0.1:${basePort}/`;
    rows.push(row('bare Fastify GET', 'a separate Fastify instance answering {ok:true}: the ceiling of this machine and Node', baseUrl, await measure(baseUrl)));
    const healthUrl = `${running.url}/healthz`;
    rows.push(row('GET /healthz', 'the full platform app (hooks, headers, error handler) plus `select 1` on the pool', healthUrl, await measure(healthUrl)));

    const feedUrl = `${running.url}/api/feeds/${VILLAGE}/posts`;
    const feedWhat = 'a signed-in resident reads the first page of 双江村’s feed: session lookup, actor, posts with authors and acks, read marker';
    const session = await residentSession(running);
    if ('missing' in session) {
      rows.push({ name: 'GET /api/feeds/:code/posts', what: feedWhat, url: feedUrl, requestsPerSecond: null, p50Ms: null, p99Ms: null, non2xx: 0, errors: 0, ratio: null, note: `skipped: ${session.missing}` });
    } else {
      // The feed module is built alongside this benchmark: measure it only once it answers.
      const probe = await fetch(feedUrl, { headers: { cookie: session.cookie } });
      const body = await probe.text();
      if (probe.status !== 200) {
        rows.push({ name: 'GET /api/feeds/:code/posts', what: feedWhat, url: feedUrl, requestsPerSecond: null, p50Ms: null, p99Ms: null, non2xx: 0, errors: 0, ratio: null, note: `skipped: ${probe.status} ${body.slice(0, 80)}` });
      } else {
        const posts = (JSON.parse(body) as { items?: unknown[] }).items?.length ?? 0;
        console.log(`feed probe: 200, ${posts} posts on the first page, signed in as ${session.name}`);
        rows.push(row('GET /api/feeds/:code/posts (signed in)', `${feedWhat} (${posts} posts, ${(body.length / 1024).toFixed(1)} kB)`, feedUrl, await measure(feedUrl, { cookie: session.cookie })));
      }
    }
    // The baseline again at the end: how much the machine drifted during the run.
    const again = row('bare Fastify GET (again, at the end)', 'the same baseline measured after the others, to show the drift of the machine during the run', baseUrl, await measure(baseUrl));
    rows.push(again);
  } finally {
    await base.close();
    await running.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // Ratios against the mean of the two baseline runs (before and after).
  const baselines = [rows[0], rows[rows.length - 1]].map((r) => r.requestsPerSecond ?? 0);
  const baseline = (baselines[0] + baselines[1]) / 2;
  for (const r of rows) r.ratio = baseline && r.requestsPerSecond !== null ? r.requestsPerSecond / baseline : null;
  const drift = baseline ? Math.abs(baselines[0] - baselines[1]) / baseline : 0;

  console.table(
    rows.map((r) => ({
      benchmark: r.name,
      'requests/s': r.requestsPerSecond,
      'p99 ms': r.p99Ms,
      'vs baseline': r.ratio === null ? '—' : `${(r.ratio * 100).toFixed(1)} %`,
      'non-2xx/errors': r.note ?? r.non2xx + r.errors,
    })),
  );
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
  const markdown = `${table(rows)}\n\n${CONNECTIONS} connections, ${DURATION} s per benchmark after a ${WARMUP} s warm-up; ratios against the mean of the two baseline runs (they differ by ${(drift * 100).toFixed(0)} %); ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart[0]} at the start and ${machine.loadAverageAtEnd[0]} at the end.`;
  console.log(`\nMarkdown (for the README):\n\n${markdown}\n`);

  const failures = rows.filter((r) => r.requestsPerSecond !== null && r.non2xx + r.errors > 0);
  const out = path.join(projectRoot, 'bench/results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, 'http.json');
  fs.writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), settings: { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP }, machine, baselineDrift: Number(drift.toFixed(3)), results: rows, markdown }, null, 2)}\n`,
  );
  console.log(`written ${path.relative(projectRoot, file)}`);
  if (failures.length > 0) {
    console.error(`some requests failed: ${failures.map((f) => `${f.name} (${f.non2xx} non-2xx, ${f.errors} errors)`).join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
