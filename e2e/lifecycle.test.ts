/**
 * The start/stop lifecycle of the real server as `npm start` runs it
 * (`node server/start.mjs`: server/main.ts compiled to dist-server/main.mjs),
 * on a private data directory: first start, Ctrl-C, restart time, recovery
 * after a crash, stale lock files, the CLI's `db url`, and an external
 * PostgreSQL through DATABASE_URL.
 */
import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/platform/runtime.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../server/platform/db/embedded.js';
import { platformMigrations } from '../server/platform/db/platform-migrations.js';
import { modules } from '../server/modules/index.js';

const tmpRoot = path.join(projectRoot, '.tmp');
fs.mkdirSync(tmpRoot, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'lifecycle-'));
const pgDir = path.join(dataDir, 'pg');
const pidFile = path.join(pgDir, 'postmaster.pid');
const extDir = fs.mkdtempSync(path.join(tmpRoot, 'lifecycle-ext-'));
const extAppDir = fs.mkdtempSync(path.join(tmpRoot, 'lifecycle-extapp-'));
const allMigrations = [...Object.keys(platformMigrations), ...modules.flatMap((m) => Object.keys(m.migrations ?? {}))].sort();

let port = 0;
let external: EmbeddedServer | null = null;
const started: ChildProcess[] = [];

interface Server {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Milliseconds from spawn to the first 200 on /healthz. */
  readyMs: number;
}

function canListen(p: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port in the range this team's servers use (8200-8299). */
async function freePort(): Promise<number> {
  const candidates = Array.from({ length: 100 }, (_, i) => 8200 + i).sort(() => Math.random() - 0.5);
  for (const p of candidates) if (await canListen(p)) return p;
  throw new Error('no free port in 8200-8299');
}

function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LIANXIN_SKIP_WEB_BUILD: '1' };
  delete env.DATABASE_URL;
  delete env.LIANXIN_DEMO;
  delete env.NODE_TEST_CONTEXT; // the server is not a test file
  return { ...env, ...extra };
}

/** Spawns the real server in its own process group (so a group signal is a terminal's Ctrl-C) and waits for /healthz. */
async function startServer(env: Record<string, string> = { LIANXIN_DATA_DIR: dataDir }, timeoutMs = 60_000): Promise<Server> {
  // Never mistake a server left running by an earlier step for this one.
  assert.ok(await canListen(port), `port ${port} is still in use`);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['server/start.mjs'], {
    cwd: projectRoot,
    env: serverEnv(env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready:\n${out}\n${err}`);
    if (Date.now() > deadline) throw new Error(`the server was not ready in ${timeoutMs} ms:\n${out}\n${err}`);
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await sleep(25);
  }
  return { child, out: () => out, err: () => err, exited, readyMs: performance.now() - t0 };
}

async function stopServer(s: Server, how: 'SIGINT' | 'Ctrl-C' | 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const pid = s.child.pid!;
  if (how === 'Ctrl-C') process.kill(-pid, 'SIGINT');
  else process.kill(pid, how);
  const result = await Promise.race([s.exited, sleep(20_000).then(() => null)]);
  assert.ok(result, `the server did not stop within 20 s after ${how}:\n${s.out()}\n${s.err()}`);
  return result;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A zombie (exited, not yet reaped by a PID 1 that may never reap) counts as dead, as in embedded.ts. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

/** Every live process whose working directory is `dir` (a PostgreSQL server and its backends chdir into their data directory). */
function processesHolding(dir: string): number[] {
  const target = fs.realpathSync(dir);
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) === target) pids.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

const postmasterPid = () => Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);

/** `npm run lianxin -- db url` with the given environment. */
function dbUrl(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('npm', ['run', '--silent', 'lianxin', '--', 'db', 'url'], { cwd: projectRoot, env: serverEnv(env) }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stdout}\n${stderr}`));
      const url = stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('postgres://'));
      if (!url) return reject(new Error(`no URL printed:\n${stdout}\n${stderr}`));
      resolve(url);
    });
  });
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** A clean stop: exit code 0, nothing on stderr, and no process left in the data directory. */
function assertCleanStop(result: { code: number | null; signal: NodeJS.Signals | null }, s: Server, pgPid: number): void {
  assert.deepEqual(result, { code: 0, signal: null }, `${s.out()}\n${s.err()}`);
  assert.equal(s.err().trim(), '', 'nothing on stderr');
  assert.doesNotMatch(s.out(), /terminating connection|job queue:|error/i);
  assert.ok(!fs.existsSync(pidFile), 'postmaster.pid is removed by a clean shutdown');
  assert.ok(!isAlive(pgPid), `PostgreSQL (pid ${pgPid}) has stopped`);
  assert.deepEqual(processesHolding(pgDir), [], 'no process holds the data directory');
}

before(async () => {
  port = await freePort();
});

// A step that failed half-way must not leave its server to the next step.
beforeEach(async () => {
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await Promise.race([gone, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

after(async () => {
  try {
    for (const child of started) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    // A PostgreSQL orphaned by a failed step is ours: stop it by its pid.
    if (fs.existsSync(pidFile)) {
      const pid = postmasterPid();
      if (processesHolding(pgDir).includes(pid)) process.kill(pid, 'SIGINT');
      for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50);
    }
    await external?.stop();
  } finally {
    for (const dir of [dataDir, extDir, extAppDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the first start initialises the embedded database, migrates, loads the demo data and answers /healthz', async () => {
  // initdb, every migration and the whole demo data set: minutes on a loaded CI box.
  const s = await startServer({ LIANXIN_DATA_DIR: dataDir }, 240_000);
  console.log(`# first start (initdb, migrations, demo data) ready in ${Math.round(s.readyMs)} ms`);
  assert.ok(fs.existsSync(path.join(pgDir, 'PG_VERSION')), 'the cluster was initialised');
  const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
  assert.equal(health.status, 'ok');
  assert.equal(health.database, 'ready');

  // The CLI finds the running database, and its URL connects.
  const url = await dbUrl({ LIANXIN_DATA_DIR: dataDir });
  // TCP for other tools, and the Unix socket in the cluster's directory (which the platform uses) when its path fits.
  const m = url.match(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/lianxin(?:\?host=([^&]+))?$/);
  assert.ok(m, url);
  if (m[1]) assert.equal(decodeURIComponent(m[1]), path.resolve(pgDir));
  const applied = (await query<{ name: string }>(url, 'select name from kysely_migration order by name')).map((r) => r.name);
  assert.deepEqual(applied, allMigrations);
  const seeded = await query(url, `select value from platform_state where key = 'demo_seeded'`);
  assert.equal(seeded.length, 1, 'the demo data is marked as loaded');
  const [{ n }] = await query<{ n: number }>(url, `select count(*)::int as n from regions where code = '430212101201'`);
  assert.equal(n, 1, '双江村 of the demo data is there');
  const pgPid = postmasterPid();
  assertCleanStop(await stopServer(s, 'SIGINT'), s, pgPid);
});

test('SIGINT stops Node and then PostgreSQL in order, leaving nothing behind', async () => {
  const s = await startServer();
  const pgPid = postmasterPid();
  assert.ok(isAlive(pgPid));
  assert.ok(processesHolding(pgDir).includes(pgPid));
  assertCleanStop(await stopServer(s, 'SIGINT'), s, pgPid);
  assert.match(s.out(), /正在停止/);
});

// The goal is < 3 s on an idle machine (README: measured figure). The
// assertion allows a loaded CI box; LIANXIN_START_BUDGET_MS tightens it.
const START_BUDGET_MS = Number(process.env.LIANXIN_START_BUDGET_MS ?? 20000);

test('a second start is ready quickly (goal 3 s idle; asserted within LIANXIN_START_BUDGET_MS), and Ctrl-C on the terminal stops it cleanly', async () => {
  const s = await startServer();
  // The server prints its own figure just after it starts listening.
  for (let i = 0; i < 200 && !/ready in/.test(s.out()); i++) await sleep(25);
  const ownReport = /ready in ([\d.]+) s/.exec(s.out())?.[1];
  console.log(`# second start ready in ${Math.round(s.readyMs)} ms from spawn to /healthz 200 (the server reports ${ownReport} s)`);
  const pgPid = postmasterPid();
  // Ctrl-C signals the whole foreground process group: Node and PostgreSQL alike.
  const result = await stopServer(s, 'Ctrl-C');
  assert.ok(s.readyMs < START_BUDGET_MS, `second start took ${Math.round(s.readyMs)} ms`);
  assert.deepEqual(result, { code: 0, signal: null }, `${s.out()}\n${s.err()}`);
  assert.equal(s.err().trim(), '');
  assert.ok(!isAlive(pgPid));
  assert.deepEqual(processesHolding(pgDir), []);
  assert.ok(!fs.existsSync(pidFile));
});

test('after SIGKILL of Node the orphaned PostgreSQL is found and stopped by the next start, which then works', async () => {
  const s = await startServer();
  const orphan = postmasterPid();
  const killed = await stopServer(s, 'SIGKILL');
  assert.equal(killed.signal, 'SIGKILL');
  assert.ok(isAlive(orphan), 'PostgreSQL outlives a killed Node (the crash this start-up must survive)');
  assert.ok(processesHolding(pgDir).includes(orphan));

  const next = await startServer();
  console.log(`# start after a crash (orphan PostgreSQL stopped first) ready in ${Math.round(next.readyMs)} ms`);
  assert.ok(!isAlive(orphan), 'the orphan was stopped');
  const fresh = postmasterPid();
  assert.notEqual(fresh, orphan);
  const res = await fetch(`http://127.0.0.1:${port}/api/audit`);
  assert.equal(res.status, 401, 'the API answers (signed out) after recovery');
  assertCleanStop(await stopServer(next, 'SIGINT'), next, fresh);
});

/** A postmaster.pid as PostgreSQL writes it, naming `pid`. */
function writeStalePidFile(pid: number): void {
  const lines = [String(pid), pgDir, String(Math.floor(Date.now() / 1000) - 3600), '5432', '', '127.0.0.1', '  1234567     98304', 'ready   '];
  fs.writeFileSync(pidFile, `${lines.join('\n')}\n`, { mode: 0o600 });
}

test('a stale postmaster.pid whose process is dead does not stop the next start', async () => {
  const dead = await new Promise<number>((resolve) => {
    const p = spawn('true');
    p.once('exit', () => resolve(p.pid!));
  });
  assert.ok(!isAlive(dead));
  writeStalePidFile(dead);
  const s = await startServer();
  const pgPid = postmasterPid();
  assert.notEqual(pgPid, dead);
  assertCleanStop(await stopServer(s, 'SIGINT'), s, pgPid);
});

test('a stale postmaster.pid whose number now belongs to another PostgreSQL leaves that server alone', async () => {
  // Another cluster (also used below as the external database): its postmaster
  // has a live pid and the name "postgres", but it is not ours to stop.
  external = await startEmbeddedPostgres(extDir);
  const other = Number(fs.readFileSync(path.join(extDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]);
  writeStalePidFile(other);
  const s = await startServer();
  const pgPid = postmasterPid();
  assert.notEqual(pgPid, other);
  assert.ok(isAlive(other), 'the other PostgreSQL was not stopped');
  const [{ one }] = await query<{ one: number }>(external.url('postgres'), 'select 1 as one');
  assert.equal(one, 1);
  assertCleanStop(await stopServer(s, 'SIGINT'), s, pgPid);
});

test('with DATABASE_URL the server uses that database, loads no demo data and leaves that PostgreSQL running', async () => {
  assert.ok(external, 'the external server of the previous test');
  await query(external.url('postgres'), 'create database lianxin_external');
  const url = external.url('lianxin_external');
  const env = { DATABASE_URL: url, LIANXIN_DATA_DIR: extAppDir };
  const s = await startServer(env);
  assert.equal(await dbUrl(env), url);
  const applied = (await query<{ name: string }>(url, 'select name from kysely_migration order by name')).map((r) => r.name);
  assert.deepEqual(applied, allMigrations);
  assert.deepEqual(await query(url, `select key from platform_state where key like 'demo%'`), []);
  for (const table of ['regions', 'users', 'units']) {
    const [{ n }] = await query<{ n: number }>(url, `select count(*)::int as n from ${table}`);
    assert.equal(n, 0, `${table} is empty`);
  }
  assert.ok(!fs.existsSync(path.join(extAppDir, 'pg')), 'no embedded cluster was created');
  const result = await stopServer(s, 'SIGINT');
  assert.deepEqual(result, { code: 0, signal: null }, `${s.out()}\n${s.err()}`);
  assert.equal(s.err().trim(), '');
  const [{ one }] = await query<{ one: number }>(url, 'select 1 as one');
  assert.equal(one, 1, 'the external PostgreSQL is still running');
});
