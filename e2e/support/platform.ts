import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/platform/config.js';
import { startPlatform, type Running } from '../../server/platform/runtime.js';

/**
 * The whole platform in-process on a private embedded PostgreSQL with the demo
 * data, listening on a free port, for browser tests. The web bundle is built by
 * `npm test` before browser tests run.
 */
export async function startDemoPlatform(): Promise<Running & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, demo: true, logLevel: 'warn' };
  const running = await startPlatform(config, () => {});
  return {
    ...running,
    dataDir,
    async stop() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
