import type { Command } from 'commander';
import type { CliDeps } from '../cli-commands.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { bulkSeedCases } from './bulk-seed.js';

/**
 * `npm run lianxin -- seed cases --count N [--from 2025-11-22] [--to 2026-11-22] [--region 430212] [--no-timeline]`:
 * N more demo-like cases (for benchmarks and load tests), set-based, with the
 * statistics rebuilt afterwards. Added under the CLI's `seed` group.
 */
export function registerCaseSeedCommand(program: Command, deps: CliDeps): void {
  const seed = program.commands.find((c) => c.name() === 'seed') ?? program.command('seed').description('load data');
  seed
    .command('cases')
    .description('generate N cases across the regions (routed, numbered, indexed, with timelines)')
    .requiredOption('--count <n>', 'how many cases')
    .option('--from <date>', 'first day (default: a year ago)')
    .option('--to <date>', 'last day (default: now)')
    .option('--region <prefix>', 'only villages under this region code prefix, e.g. 430212')
    .option('--no-timeline', 'cases only, without timeline rows (faster)')
    .action(async (options: { count: string; from?: string; to?: string; region?: string; timeline: boolean }) => {
      const count = Number(options.count);
      const to = options.to ? new Date(options.to) : new Date();
      const from = options.from ? new Date(options.from) : new Date(to.getTime() - 365 * 24 * 3600 * 1000);
      if (!Number.isInteger(count) || count < 1 || count > 50_000_000) return fail('--count: a whole number from 1 to 50000000');
      if (Number.isNaN(from.getTime())) return fail('--from: not a date (YYYY-MM-DD)');
      if (Number.isNaN(to.getTime())) return fail('--to: not a date (YYYY-MM-DD)');
      if (from >= to) return fail('--from must come before --to');
      if (options.region && !/^[0-9]{2,15}$/.test(options.region)) return fail('--region: a region code prefix of 2–15 digits');
      const database = await deps.openDatabase();
      try {
        await migrateToLatest(database.db);
        const result = await bulkSeedCases(database.db, { count, from, to, regionPrefix: options.region, timeline: options.timeline, log: (m) => console.log(m) });
        console.log(`${result.inserted} cases in ${(result.ms / 1000).toFixed(1)} s`);
      } finally {
        await database.close();
      }
    });
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 2;
}
