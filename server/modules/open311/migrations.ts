import { sql, type Kysely, type Migration } from 'kysely';

/** Open311 GeoReport v2 (block 1100–1109): client keys and what clients sent with each case. */
export const open311Migrations: Record<string, Migration> = {
  '1100_open311_tables': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('open311_api_keys')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('key_prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_used_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('revoked_by', 'uuid', (c) => c.references('users.id'))
        .execute();
      await db.schema
        .createTable('open311_requests')
        .addColumn('case_id', 'uuid', (c) => c.primaryKey().references('cases.id'))
        .addColumn('api_key_id', 'uuid', (c) => c.references('open311_api_keys.id'))
        // The case's tracking number, kept here so a token resolves without reading the cases.
        .addColumn('service_request_id', 'text', (c) => c.notNull())
        .addColumn('client_name', 'text', (c) => c.notNull())
        .addColumn('token', 'uuid', (c) => c.notNull().unique().defaultTo(sql`gen_random_uuid()`))
        .addColumn('email', 'text')
        .addColumn('device_id', 'text')
        .addColumn('account_id', 'text')
        .addColumn('media_url', 'text')
        .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index open311_requests_key_idx on open311_requests (api_key_id, created_at desc)`.execute(db);
    },
  },
};
