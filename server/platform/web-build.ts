import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, webDistDir } from './paths.js';

/**
 * Builds the web app when its bundle is missing or older than its sources, so
 * `npm install && npm start` is all a newcomer types. A later start with an
 * up-to-date bundle skips this in milliseconds.
 */
export async function ensureWebBuilt(log: (m: string) => void): Promise<void> {
  // Tests that start the real server (e2e/lifecycle.test.ts) do not need the web app.
  if (process.env.LIANXIN_SKIP_WEB_BUILD === '1') return;
  const webRoot = path.join(projectRoot, 'web');
  const outDir = webDistDir();
  const index = path.join(outDir, 'index.html');
  if (fs.existsSync(index) && newestMtime([path.join(webRoot, 'src'), path.join(projectRoot, 'common'), path.join(webRoot, 'index.html')]) <= fs.statSync(index).mtimeMs) {
    return;
  }
  log('正在构建网页… building the web app (first start only)');
  const { build } = await import('vite');
  await build({ root: webRoot, logLevel: 'warn', configFile: path.join(webRoot, 'vite.config.ts'), build: { outDir, emptyOutDir: true } });
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime([path.join(p, entry)]));
    } else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}
