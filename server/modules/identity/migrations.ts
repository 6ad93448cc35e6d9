import { sql, type Kysely, type Migration } from 'kysely';

export const identityMigrations: Record<string, Migration> = {
  '0300_identity_sessions': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await sql`create index sessions_user_idx on sessions (user_id) where revoked_at is null`.execute(db);
    },
  },
  '0301_identity_credentials': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('credentials')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failed_attempts >= 0`))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '0302_identity_otp': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('otp_codes')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().defaultTo('pending').check(sql`status in ('pending', 'used', 'burned', 'superseded')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      // Serves both the latest-code lookup and the per-day count of one phone.
      await sql`create index otp_codes_phone_idx on otp_codes (phone, created_at desc)`.execute(db);
    },
  },
  // Failed sign-ins of logins that name no account with a password: they lock
  // exactly like an account does, so a 423 does not tell that an account exists.
  '0303_identity_login_failures': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('login_failures')
        .addColumn('login_key', 'text', (c) => c.primaryKey())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failed_attempts >= 0`))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
};
