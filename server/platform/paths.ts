import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the built web app lives: web/dist, or $LIANXIN_WEB_DIST (parallel builds in development must not share one). */
export function webDistDir(): string {
  const custom = process.env.LIANXIN_WEB_DIST;
  return custom ? path.resolve(projectRoot, custom) : path.join(projectRoot, 'web/dist');
}
