import { sql, type Kysely, type Migration } from 'kysely';
import { CASE_STATUSES } from '../../../common/cases/states.js';
import { CASE_CHANNELS, CASE_EVENT_KINDS, CASE_PRIORITIES, CASE_RATINGS, ROUTING_LEVELS } from '../../../common/cases/types.js';
import { DEFAULT_CATEGORIES, DEFAULT_RULES } from './default-catalogue.js';
import { caseEmergencyMigrations } from './migrations-emergency.js';
import { caseOpsMigrations } from './migrations-ops.js';
import { caseStatsMigrations } from './migrations-stats.js';
import { caseIntakeMigrations } from './migrations-intake.js';
import { caseReadMigrations } from './migrations-read.js';

const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/**
 * The case engine's tables (block 1000–1099).
 *
 * Attachments: the bytes sit in PostgreSQL (`case_attachment_blobs`, bytea,
 * a table of their own so scans of the metadata stay small) rather than under
 * the data directory, because app servers are stateless and may run N at a
 * time (DESIGN §3): a file on one server's disk is missing on the others.
 * One database also means one backup and one transaction: an upload is never
 * half-written. Photos are capped at 5 MB each and 9 per case.
 */
export const caseMigrations: Record<string, Migration> = {
  '1000_cases_tables': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('case_categories')
        .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$'`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text')
        .addColumn('parent_code', 'text', (c) => c.references('case_categories.code'))
        .addColumn('default_priority', 'text', (c) => c.notNull().check(oneOf('default_priority', CASE_PRIORITIES)))
        .addColumn('response_hours', 'integer', (c) => c.notNull().check(sql`response_hours > 0`))
        .addColumn('resolution_hours', 'integer', (c) => c.notNull().check(sql`resolution_hours > 0`))
        .addColumn('keywords', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('confidential', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('anonymity_allowed', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('case_categories_limits', sql`resolution_hours >= response_hours`)
        // A child's code extends its parent's ('utilities.water' under 'utilities'), so a category's ancestors are its dotted prefixes.
        .addCheckConstraint('case_categories_tree', sql`parent_code is null or code like parent_code || '.%'`)
        .execute();

      await db.schema
        .createTable('case_routing_rules')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('category_code', 'text', (c) => c.notNull().references('case_categories.code'))
        .addColumn('region_prefix', 'text', (c) => c.notNull().check(sql`region_prefix ~ '^([0-9]{2,15})?$'`))
        .addColumn('target_level', 'text', (c) => c.notNull().check(oneOf('target_level', ROUTING_LEVELS)))
        .addColumn('department_type', 'text')
        .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('case_routing_rules_unique', ['category_code', 'region_prefix'])
        .addCheckConstraint('case_routing_rules_department_level', sql`department_type is null or target_level <> 'village'`)
        .execute();

      await db.schema
        .createTable('case_tracking_counters')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('cases')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
        .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', CASE_CHANNELS)))
        .addColumn('category_code', 'text', (c) => c.notNull().references('case_categories.code'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('county_code', 'text', (c) => c.notNull().check(sql`county_code = left(region_code, 6)`))
        .addColumn('address', 'text')
        .addColumn('lat', 'double precision', (c) => c.check(sql`lat between -90 and 90`))
        .addColumn('lng', 'double precision', (c) => c.check(sql`lng between -180 and 180`))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', CASE_STATUSES)))
        .addColumn('priority', 'text', (c) => c.notNull().check(oneOf('priority', CASE_PRIORITIES)))
        .addColumn('is_public', 'boolean', (c) => c.notNull())
        .addColumn('is_anonymous', 'boolean', (c) => c.notNull())
        .addColumn('confidential', 'boolean', (c) => c.notNull())
        .addColumn('requester_user_id', 'uuid', (c) => c.references('users.id'))
        .addColumn('requester_name', 'text')
        .addColumn('requester_phone', 'text')
        .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('handling_unit_id', 'uuid', (c) => c.references('units.id'))
        .addColumn('merged_into', 'uuid', (c) => c.references('cases.id'))
        .addColumn('source_post_id', 'uuid')
        .addColumn('response_due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('resolution_due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('responded_at', 'timestamptz')
        .addColumn('resolved_at', 'timestamptz')
        .addColumn('closed_at', 'timestamptz')
        .addColumn('info_requested_at', 'timestamptz')
        .addColumn('rating', 'text', (c) => c.check(oneOf('rating', CASE_RATINGS)))
        .addColumn('rating_comment', 'text')
        .addColumn('rated_at', 'timestamptz')
        .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('idempotency_key', 'text')
        .addColumn('search', sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('cases_lat_lng_together', sql`(lat is null) = (lng is null)`)
        .addCheckConstraint('cases_merged_has_primary', sql`(status = 'merged') = (merged_into is not null)`)
        .addCheckConstraint('cases_confidential_private', sql`not (confidential and is_public)`)
        .execute();
      // The cadre queue: a unit's cases by state, newest first.
      await sql`create index cases_queue_idx on cases (handling_unit_id, status, created_at desc)`.execute(db);
      // Scope and roll-ups: a region subtree is a prefix.
      await sql`create index cases_region_pattern_idx on cases (region_code text_pattern_ops, created_at desc)`.execute(db);
      await sql`create index cases_requester_idx on cases (requester_user_id, created_at desc) where requester_user_id is not null`.execute(db);
      await sql`create index cases_public_idx on cases (created_at desc) where is_public`.execute(db);
      await sql`create index cases_resolution_due_idx on cases (resolution_due_at) where status in ('submitted','assigned','accepted','in_progress','transferred','returned','reopened')`.execute(db);
      await sql`create index cases_location_idx on cases (lat, lng) where lat is not null`.execute(db);
      await sql`create index cases_search_idx on cases using gin (search)`.execute(db);
      await sql`create index cases_title_trgm_idx on cases using gin (title gin_trgm_ops)`.execute(db);
      await sql`create unique index cases_idempotency_idx on cases (created_by, idempotency_key) where idempotency_key is not null`.execute(db);
      await sql`create index cases_merged_into_idx on cases (merged_into) where merged_into is not null`.execute(db);

      await db.schema
        .createTable('case_events')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', CASE_EVENT_KINDS)))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
        .addColumn('actor_role', 'text')
        // Names as they were at the time: a timeline is a record, not a view of today's directory.
        .addColumn('actor_name', 'text')
        .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
        .addColumn('unit_name', 'text')
        .addColumn('note', 'text')
        .addColumn('visible_to_requester', 'boolean', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index case_events_case_idx on case_events (case_id, id)`.execute(db);
      // Statistics and escalation jobs read the timeline by period.
      await sql`create index case_events_kind_time_idx on case_events (kind, created_at)`.execute(db);
      await sql`
        create function case_events_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'case_events is append-only';
        end $$`.execute(db);
      await sql`create trigger case_events_no_rewrite before update or delete on case_events
        for each row execute function case_events_append_only()`.execute(db);

      await db.schema
        .createTable('case_followers')
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('requester', 'merged', 'follow')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('case_followers_pk', ['case_id', 'user_id'])
        .execute();
      await sql`create index case_followers_user_idx on case_followers (user_id)`.execute(db);

      await db.schema
        .createTable('case_attachments')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('image/jpeg', 'image/png', 'image/webp')`))
        .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes between 1 and 5242880`))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index case_attachments_case_idx on case_attachments (case_id, created_at)`.execute(db);
      await db.schema
        .createTable('case_attachment_blobs')
        .addColumn('attachment_id', 'uuid', (c) => c.primaryKey().references('case_attachments.id').onDelete('cascade'))
        .addColumn('bytes', 'bytea', (c) => c.notNull())
        .execute();
    },
  },
  '1001_cases_default_catalogue': {
    async up(db: Kysely<any>) {
      await db
        .insertInto('case_categories')
        .values(
          DEFAULT_CATEGORIES.map((c, i) => ({
            code: c.code,
            name: c.name,
            name_en: c.nameEn,
            parent_code: c.parent,
            default_priority: c.priority,
            response_hours: c.response,
            resolution_hours: c.resolution,
            keywords: c.keywords,
            confidential: c.confidential ?? false,
            anonymity_allowed: c.anonymity ?? true,
            sort_order: (i + 1) * 10,
          })),
        )
        .execute();
      await db
        .insertInto('case_routing_rules')
        .values(DEFAULT_RULES.map((r) => ({ category_code: r.category, region_prefix: '', target_level: r.level, department_type: r.department })))
        .execute();
    },
  },
  '1002_cases_prior_units_and_posts': {
    async up(db: Kysely<any>) {
      // Units that held the case before (transfers, returns): they keep read access.
      await sql`alter table cases add column prior_unit_ids uuid[] not null default '{}'`.execute(db);
      // A group post becomes at most one case.
      await sql`create unique index cases_source_post_idx on cases (source_post_id) where source_post_id is not null`.execute(db);
      // Cases an operator or a cadre recorded for someone else.
      await sql`create index cases_created_by_idx on cases (created_by, created_at desc)`.execute(db);
    },
  },
  ...caseEmergencyMigrations,
  ...caseOpsMigrations,
  ...caseStatsMigrations,
  ...caseIntakeMigrations,
  ...caseReadMigrations,
};
