import { sql, type Kysely, type Migration } from 'kysely';
import { trackReferenceTable } from '../../platform/reference-cache.js';

export const dutyMigrations: Record<string, Migration> = {
  '0500_duty_shifts': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('duty_shifts')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('duty_date', 'date', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('assigned_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('checked_in_at', 'timestamptz')
        .addColumn('check_in_post_id', 'uuid', (c) => c.references('feed_posts.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('duty_shifts_one_per_day', ['unit_id', 'duty_date'])
        .addCheckConstraint('duty_shifts_check_in', sql`(checked_in_at is null) = (check_in_post_id is null)`)
        .execute();
      await sql`create index duty_shifts_user_idx on duty_shifts (user_id, duty_date)`.execute(db);
      await sql`create index duty_shifts_region_idx on duty_shifts (region_code text_pattern_ops, duty_date)`.execute(db);
    },
  },
  '0501_duty_shifts_reference_version': {
    async up(db: Kysely<any>) {
      // The intake reads who is on duty from a per-process snapshot checked against this version (roster-cache.ts).
      await trackReferenceTable('duty_shifts').execute(db);
      await sql`create index duty_shifts_date_idx on duty_shifts (duty_date)`.execute(db);
    },
  },
};
