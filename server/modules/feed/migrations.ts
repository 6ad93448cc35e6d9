import { sql, type Kysely, type Migration } from 'kysely';

export const feedMigrations: Record<string, Migration> = {
  '0400_feed_posts_acks_reads': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('feed_posts')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'uuid', (c) => c.references('feed_posts.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('notice', 'question', 'answer', 'duty_check_in')`))
        .addColumn('title', 'text', (c) => c.check(sql`title is null or char_length(title) between 1 and 60`))
        .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 2000`))
        .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('author_unit_name', 'text')
        .addColumn('requires_ack', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('hidden_at', 'timestamptz')
        .addColumn('hidden_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('hidden_reason', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        // Threads are one level deep; only notices ask for acknowledgement.
        .addCheckConstraint(
          'feed_posts_shape',
          sql`(parent_id is null and kind in ('notice', 'question', 'duty_check_in'))
              or (parent_id is not null and kind in ('answer', 'question') and title is null)`,
        )
        .addCheckConstraint('feed_posts_ack_on_notices', sql`not requires_ack or (kind = 'notice' and parent_id is null)`)
        .addCheckConstraint('feed_posts_hidden_reason', sql`(hidden_at is null) = (hidden_reason is null)`)
        .execute();
      // The feed page: newest first, keyset-paged on (created_at, id).
      await sql`create index feed_posts_feed_idx on feed_posts (region_code, created_at desc, id desc) where parent_id is null`.execute(db);
      await sql`create index feed_posts_thread_idx on feed_posts (parent_id, created_at) where parent_id is not null`.execute(db);
      await sql`create index feed_posts_latest_idx on feed_posts (region_code, created_at desc)`.execute(db);
      await sql`create index feed_posts_author_idx on feed_posts (author_id)`.execute(db);

      await db.schema
        .createTable('feed_acks')
        .addColumn('post_id', 'uuid', (c) => c.notNull().references('feed_posts.id'))
        .addColumn('household_id', 'uuid', (c) => c.notNull().references('households.id').onDelete('cascade'))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('acked_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('feed_acks_pk', ['post_id', 'household_id'])
        .execute();

      await db.schema
        .createTable('feed_reads')
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('last_read_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('feed_reads_pk', ['user_id', 'region_code'])
        .execute();
    },
  },
};
