import path from 'node:path';
import { fork } from 'node:child_process';

export interface AutocannonRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** One request template of autocannon's `requests` option; `setupRequest` is given as a file for the load generator's process to require. */
export interface RequestTemplate {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * autocannon from a child process (its work then does not queue in front of
 * the server's, as with a client on another machine), a warm-up and then the
 * measured run in the SAME process (bench/lib/autocannon-runs.cjs), so the
 * client is warm when measured: only the measured run's figures are returned.
 */
export function warmedAutocannon(
  options: { url: string; connections: number; method?: string; requests?: RequestTemplate[] },
  warmupSeconds: number,
  seconds: number,
  setupRequestFile?: string,
): Promise<AutocannonRun> {
  return new Promise((resolve, reject) => {
    const child = fork(path.resolve('bench/lib/autocannon-runs.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let results: AutocannonRun[] | undefined;
    child.once('message', (m) => (results = m as AutocannonRun[]));
    child.once('error', reject);
    child.once('exit', (code) => (results ? resolve(results[1]!) : reject(new Error(`the load generator exited with ${code} before its results`))));
    child.send({ options, durations: [warmupSeconds, seconds], setupRequestFile });
  });
}
