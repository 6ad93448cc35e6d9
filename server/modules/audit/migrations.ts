import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The audit module owns no table (`audit_log` belongs to the platform, see
 * server/platform/db/platform-migrations.ts); it adds what its view needs.
 */
export const auditMigrations: Record<string, Migration> = {
  '0600_audit_action_index': {
    async up(db: Kysely<any>) {
      // Byte-order ("C") collation, so that the action-prefix filter (`LIKE 'case.%'`)
      // and the distinct-actions walk can both use this one B-tree, whatever the
      // database's own collation.
      await sql`create index audit_log_action_idx on audit_log (action collate "C", created_at desc)`.execute(db);
    },
  },
};
