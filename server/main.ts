import { loadConfig } from './platform/config.js';
import { startPlatform } from './platform/runtime.js';
import { ensureWebBuilt } from './platform/web-build.js';
import { demoSignInLines } from './platform/demo-banner.js';

const config = loadConfig();
const started = Date.now();
await ensureWebBuilt((m) => console.log(m));
const running = await startPlatform(config);
console.log(`\n连心 Lianxin is running at ${running.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`  API docs: ${running.url}/docs    health: ${running.url}/healthz`);
if (config.demo) for (const line of await demoSignInLines(running.app.db)) console.log(line);
console.log('Press Ctrl-C to stop.\n');

let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    console.log('\n正在停止… stopping the server and its database');
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
