/**
 * `npm run bench`: every benchmark suite, one after another, each in its own
 * process (its own embedded PostgreSQL, nothing shared between suites): first
 * the `http` suite (bench/lib/http-suite.ts: /healthz and the signed-in feed
 * read against bare Fastify), then every bench/suites/*.ts in name order.
 * Ends with a summary of each suite's exit code and duration; exits non-zero
 * when any suite failed. See bench/README.md.
 *
 *   npm run bench                     every suite
 *   npm run bench -- http             suites whose name contains "http"
 *   npm run bench -- cases emergency  suites matching any of the words
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../server/platform/paths.js';

interface Suite {
  name: string;
  file: string;
}

const suitesDir = path.join(projectRoot, 'bench/suites');
const suites: Suite[] = [
  { name: 'http', file: 'bench/lib/http-suite.ts' },
  ...(fs.existsSync(suitesDir) ? fs.readdirSync(suitesDir, { withFileTypes: true }) : [])
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name: name.replace(/\.ts$/, ''), file: `bench/suites/${name}` })),
];

const filters = process.argv.slice(2).filter((a) => a !== '--');
const selected = filters.length ? suites.filter((s) => filters.some((f) => s.name.includes(f))) : suites;
if (selected.length === 0) {
  console.error(`no suite matches ${filters.join(', ')}; suites: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(1);
}

function run(suite: Suite): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', suite.file], { cwd: projectRoot, stdio: 'inherit' });
    child.once('error', (err) => {
      console.error(err);
      resolve({ code: 1, signal: null });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

// A Ctrl-C reaches the running suite too (same terminal); stop after it instead of starting the next.
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));

const results: { name: string; status: string; seconds: number }[] = [];
console.log(`benchmark suites: ${selected.map((s) => s.name).join(', ')}\n`);
for (const suite of selected) {
  if (interrupted) break;
  console.log(`\n==== ${suite.name} (${suite.file}) ====\n`);
  const t0 = performance.now();
  const { code, signal } = await run(suite);
  const seconds = (performance.now() - t0) / 1000;
  results.push({ name: suite.name, status: signal ? `killed (${signal})` : code === 0 ? 'ok' : `failed (exit ${code})`, seconds });
}

console.log('\n==== summary ====\n');
console.log('| suite | result | duration |');
console.log('|---|---|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.status} | ${r.seconds.toFixed(1)} s |`);
const notRun = selected.length - results.length;
if (notRun > 0) console.log(`\n${notRun} suite(s) not run (interrupted)`);
console.log('\nresults: bench/results/<suite>.json');
if (interrupted || results.some((r) => r.status !== 'ok')) process.exitCode = 1;
