import { sql, type Kysely, type Migration } from 'kysely';

export const platformMigrations: Record<string, Migration> = {
  '0001_platform_extensions': {
    async up(db: Kysely<any>) {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create extension if not exists btree_gist`.execute(db);
      await sql`create extension if not exists pgcrypto`.execute(db);
    },
  },
  '0002_platform_audit_log': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('actor_id', 'uuid')
        .addColumn('actor_roles', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text')
        .addColumn('before', 'jsonb')
        .addColumn('after', 'jsonb')
        .addColumn('ip', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index audit_log_created_idx on audit_log (created_at desc)`.execute(db);
      await sql`create index audit_log_actor_idx on audit_log (actor_id, created_at desc)`.execute(db);
      await sql`create index audit_log_target_idx on audit_log (target_type, target_id)`.execute(db);
      // Append-only: the application can never rewrite history. Retention purges
      // (older than the 6 months 网络安全法 requires) set lianxin.audit_purge first.
      await sql`
        create function audit_log_append_only() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' and current_setting('lianxin.audit_purge', true) = 'on'
             and old.created_at < now() - interval '6 months' then
            return old;
          end if;
          raise exception 'audit_log is append-only';
        end $$`.execute(db);
      await sql`create trigger audit_log_no_update before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
    },
  },
  '0003_platform_sms_outbox': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sms_outbox')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('sent_at', 'timestamptz')
        .execute();
      await sql`create index sms_outbox_phone_idx on sms_outbox (phone, created_at desc)`.execute(db);
    },
  },
};

platformMigrations['0004_platform_state'] = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('platform_state')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
};

platformMigrations['0005_platform_reference_versions'] = {
  async up(db: Kysely<any>) {
    // Reference data (units, catalogues, routing rules) is cached per process and
    // checked against these versions, which a statement trigger on each source
    // table bumps (server/platform/reference-cache.ts).
    await sql`create table reference_versions (name text collate "C" primary key, version bigint not null)`.execute(db);
    // Cloned databases (tests) tell themselves apart by name; a recreated one by this.
    await sql`insert into reference_versions values ('epoch', (random() * 9e15)::bigint)`.execute(db);
    await sql`create function lianxin_bump_reference_version() returns trigger language plpgsql as $$
begin
  insert into reference_versions as v (name, version) values (tg_table_name, 1)
    on conflict (name) do update set version = v.version + 1;
  return null;
end $$`.execute(db);
  },
};
