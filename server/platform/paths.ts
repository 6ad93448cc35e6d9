import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json: the nearest one above this file, which is
 * server/platform/ when run from source and dist-server/ when `npm start` runs
 * the compiled bundle (server/start.mjs).
 */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the server code');
    dir = parent;
  }
  return dir;
})();

/** Where the built web app lives: web/dist, or $LIANXIN_WEB_DIST (parallel builds in development must not share one). */
export function webDistDir(): string {
  const custom = process.env.LIANXIN_WEB_DIST;
  return custom ? path.resolve(projectRoot, custom) : path.join(projectRoot, 'web/dist');
}
