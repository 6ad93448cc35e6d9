import { sql, type Kysely, type Migration } from 'kysely';
import { ROLES } from '../../platform/context.js';

export const peopleMigrations: Record<string, Migration> = {
  '0200_people': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.unique())
        .addColumn('username', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index users_name_trgm_idx on users using gin (name gin_trgm_ops)`.execute(db);

      await db.schema
        .createTable('role_grants')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql.raw(`role in (${ROLES.map((r) => `'${r}'`).join(', ')})`)))
        .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
        .addColumn('granted_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('role_grants_unique', ['user_id', 'role', 'unit_id'])
        .execute();
      await sql`create index role_grants_unit_idx on role_grants (unit_id, role)`.execute(db);

      await db.schema
        .createTable('households')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('representative_user_id', 'uuid', (c) => c.references('users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index households_region_pattern_idx on households (region_code text_pattern_ops)`.execute(db);

      await db.schema
        .createTable('household_members')
        .addColumn('household_id', 'uuid', (c) => c.notNull().references('households.id').onDelete('cascade'))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('relation', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'verified', 'rejected')`))
        .addColumn('verified_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('verified_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('household_members_pk', ['household_id', 'user_id'])
        .execute();
      await sql`create index household_members_user_idx on household_members (user_id)`.execute(db);
    },
  },
  '0201_people_search_and_pending': {
    async up(db: Kysely<any>) {
      // Staff look people up by a fragment of their phone number (「5678」).
      await sql`create index users_phone_trgm_idx on users using gin (phone gin_trgm_ops)`.execute(db);
      // The cadres' queue: households with members waiting to be verified.
      await sql`create index household_members_pending_idx on household_members (household_id) where status = 'pending'`.execute(db);
      await sql`alter table household_members add constraint household_members_relation_chk check (length(btrim(relation)) between 1 and 20)`.execute(db);
      await sql`alter table households add constraint households_address_chk check (length(btrim(address)) between 1 and 200)`.execute(db);
    },
  },
};
