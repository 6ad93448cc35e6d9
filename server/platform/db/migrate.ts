import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import { modules } from '../../modules/index.js';
import { platformMigrations } from './platform-migrations.js';

/**
 * Migrations are owned by the platform and by each module. Names carry a
 * global sequence prefix (platform 0000–0099, then a block per module), so
 * the merged list runs in one order everywhere.
 */
class ModuleMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const all: Record<string, Migration> = { ...platformMigrations };
    for (const mod of modules) {
      for (const [name, migration] of Object.entries(mod.migrations ?? {})) {
        if (all[name]) throw new Error(`duplicate migration name ${name} (module ${mod.name})`);
        all[name] = migration;
      }
    }
    return all;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Blocks are handed out per module, so a module may add a migration whose
  // number sorts before one of another module that a database already ran
  // (cases 1030 after disclosures 2000): run it anyway instead of refusing.
  const migrator = new Migrator({ db, provider: new ModuleMigrationProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
