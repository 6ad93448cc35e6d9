/**
 * `npm test`: starts one private PostgreSQL (or uses DATABASE_URL's server),
 * migrates a template database once, then runs every *.test.ts file with
 * Node's test runner; each file clones the template into its own database.
 *
 *   npm test                      all tests
 *   npm test -- server/modules/feed   only files under a path
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../server/platform/db/embedded.js';
import { createDb, withDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { projectRoot } from '../server/platform/runtime.js';
import '../server/platform/platform-tables.js';

const TEMPLATE = 'lianxin_test_template';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
const filters = process.argv.slice(2);

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'dist' || entry.name === 'data') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(projectRoot, full));
  }
  return out;
}

let files = ['server', 'common', 'web/src', 'e2e', 'scripts'].flatMap((d) => (fs.existsSync(path.join(projectRoot, d)) ? findTests(path.join(projectRoot, d)) : []));
if (filters.length) files = files.filter((f) => filters.some((x) => f.startsWith(x) || f.includes(x)));
files.sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const started = Date.now();
// Browser tests drive the built web app.
if (files.some((f) => f.endsWith('.browser.test.ts'))) {
  const { ensureWebBuilt } = await import('../server/platform/web-build.js');
  await ensureWebBuilt((m) => console.log(m));
}
let serverUrl: string;
let stopServer = async () => {};
if (process.env.DATABASE_URL) {
  serverUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
} else {
  // One cluster per run, so several runs (developers, CI) never share one.
  const tmp = path.join(projectRoot, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  for (const entry of fs.readdirSync(tmp)) {
    const pid = Number(/^test-data-(\d+)$/.exec(entry)?.[1]);
    if (pid && !isAlive(pid)) fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
  }
  const dataDir = path.join(tmp, `test-data-${process.pid}`);
  const server = await startEmbeddedPostgres(dataDir);
  serverUrl = server.url('postgres');
  stopServer = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

// Fresh template each run; leftovers of an interrupted run are dropped.
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const stale = await admin.query(`select datname from pg_database where datname like 'lx_test_%' or datname = $1`, [TEMPLATE]);
for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
await admin.query(`create database ${TEMPLATE} encoding 'UTF8'`);
await admin.end();
const { db } = createDb(withDatabase(serverUrl, TEMPLATE), 2);
await migrateToLatest(db);
await db.destroy();
console.log(`test database ready in ${Date.now() - started} ms; running ${files.length} test files`);

const concurrency = process.env.LIANXIN_TEST_CONCURRENCY ?? '2';
const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], {
  stdio: 'inherit',
  env: { ...process.env, LIANXIN_TEST_SERVER_URL: serverUrl, LIANXIN_TEST_TEMPLATE: TEMPLATE },
});
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await stopServer();
process.exit(code);
