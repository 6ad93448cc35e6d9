/**
 * A case acknowledged to a resident is never lost (issue 3, "Bad input and
 * faults"): the real server (`node --import tsx server/main.ts`, embedded
 * PostgreSQL with fsync on) takes a burst of case submissions from several
 * signed-in people; in the middle of it Node is killed with SIGKILL and so is
 * PostgreSQL (a power cut for both); the next start recovers, and every
 * tracking number that was answered with 201 is there — with its timeline
 * and its audit row, written in the same transaction.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/platform/runtime.js';
import { embeddedUrl } from '../server/platform/db/embedded.js';
import { DEMO_PASSWORD } from '../server/modules/people/demo-data.js';

const tmpRoot = path.join(projectRoot, '.tmp');
fs.mkdirSync(tmpRoot, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'durability-'));
const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
const started: ChildProcess[] = [];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function canListen(p: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  const candidates = Array.from({ length: 100 }, (_, i) => 8200 + i).sort(() => Math.random() - 0.5);
  for (const p of candidates) if (await canListen(p)) return p;
  throw new Error('no free port in 8200-8299');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<unknown>;
  log: () => string;
}

async function startServer(port: number): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LIANXIN_SKIP_WEB_BUILD: '1', LIANXIN_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.LIANXIN_DEMO;
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited before it was ready:\n${log}`);
    if (Date.now() > deadline) throw new Error(`the server was not ready in time:\n${log}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(100);
  }
  return { child, base, exited, log: () => log };
}

async function signIn(base: string, login: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: DEMO_PASSWORD }) });
  assert.equal(res.status, 200, `${login}: ${await res.clone().text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

after(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // A PostgreSQL left by a failed step is ours (it runs in our data directory): stop it by its pid.
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
    for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('every case acknowledged before a SIGKILL of Node and PostgreSQL is there after the restart', { timeout: 600_000 }, async () => {
  const port = await freePort();
  const first = await startServer(port);
  const people = await Promise.all(['sjc_shuji', 'zt_ganbu', 'btt_shuji', 'cxc_shuji', 'zgl_zhuren'].map((login) => signIn(first.base, login)));

  const acknowledged: string[] = [];
  let sent = 0;
  let killed = false;
  const submit = async (who: { cookie: string; csrf: string }, n: number) => {
    sent += 1;
    try {
      const res = await fetch(`${first.base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf, 'idempotency-key': `durability-${n}` },
        body: JSON.stringify({ categoryCode: 'environment.noise', title: `夜市噪音扰民${n}`, description: '书城对面的夜宵摊太吵了，影响休息。', regionCode: '430212101201' }),
      });
      const body = (await res.json()) as { trackingNumber?: string };
      if (res.status === 201 && body.trackingNumber) acknowledged.push(body.trackingNumber);
      else if (!killed) assert.fail(`unexpected ${res.status}: ${JSON.stringify(body)}`);
    } catch (error) {
      if (!killed) throw error; // after the kill, connections die: those were never acknowledged
    }
  };
  // Five people, four streams each, up to 48 cases each (under the 60-a-minute limit per person).
  const streams = people.flatMap((who, p) =>
    Array.from({ length: 4 }, async (_, s) => {
      for (let k = 0; k < 12 && !killed; k++) await submit(who, p * 1000 + s * 100 + k);
    }),
  );
  // Kill in the middle of the burst: once some cases are acknowledged and more are in flight.
  while (acknowledged.length < 40 && streams.length) await sleep(5);
  const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  killed = true;
  first.child.kill('SIGKILL');
  process.kill(postmaster, 'SIGKILL');
  await Promise.allSettled(streams);
  await first.exited;
  for (let i = 0; i < 200 && isAlive(postmaster); i++) await sleep(25);
  assert.ok(!isAlive(postmaster));
  const acked = [...acknowledged];
  console.log(`# ${sent} submissions sent, ${acked.length} acknowledged before the kill`);
  assert.ok(acked.length >= 40);
  assert.ok(sent > acked.length, 'the kill came in the middle of the burst');

  const second = await startServer(port);
  const url = embeddedUrl(dataDir);
  assert.ok(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (
      await client.query<{ tracking_number: string; events: number; audits: number }>(
        `select c.tracking_number,
           (select count(*)::int from case_events e where e.case_id = c.id and e.kind = 'submitted') as events,
           (select count(*)::int from audit_log a where a.target_id = c.id::text and a.action = 'case.submit') as audits
         from cases c where c.tracking_number = any($1)`,
        [acked],
      )
    ).rows;
    const found = new Set(rows.map((r) => r.tracking_number));
    assert.deepEqual(
      acked.filter((n) => !found.has(n)),
      [],
      'every acknowledged tracking number exists',
    );
    assert.ok(rows.every((r) => r.events === 1 && r.audits === 1), 'each with its timeline row and audit row');
    const dup = await client.query<{ n: number }>(`select count(*)::int as n from cases where idempotency_key like 'durability-%' group by created_by, idempotency_key having count(*) > 1`);
    assert.equal(dup.rows.length, 0);
  } finally {
    await client.end();
  }
  // The restarted server takes new cases.
  const who = await signIn(second.base, 'sjc_shuji');
  const res = await fetch(`${second.base}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: JSON.stringify({ categoryCode: 'environment.noise', title: '重启后的诉求', description: '重启后再提交一件。', regionCode: '430212101201' }),
  });
  assert.equal(res.status, 201);
  second.child.kill('SIGINT');
  await Promise.race([second.exited, sleep(30_000)]);
});
