import { sql, type Kysely, type Migration } from 'kysely';
import { noticeDeliveryMigrations } from './migrations-notices.js';
import { scanKeyMigrations } from './migrations-scan.js';

/**
 * The disclosures block (2000–2099). Published versions are immutable in
 * the database itself: triggers refuse to change or delete a published
 * publication, its ledger entries or its fund snapshot (statement-level, so
 * bulk imports pay one check per statement, not per row). A correction is a
 * new version. The hash chain (SM3) detects what gets past the triggers
 * (someone with the rights to switch them off).
 */
export const disclosureMigrations: Record<string, Migration> = {
  '2000_disclosures': {
    async up(db: Kysely<any>) {
      await sql`
        create table disclosure_settings (
          region_code text primary key references regions (code),
          due_day integer not null default 15 check (due_day between 1 and 31),
          cash_limit_fen bigint not null default 500000 check (cash_limit_fen > 0),
          approval_threshold_fen bigint not null default 1000000 check (approval_threshold_fen > 0),
          split_window_days integer not null default 30 check (split_window_days between 1 and 366),
          major_spend_fen bigint not null default 5000000 check (major_spend_fen > 0),
          gap_tolerance_pct integer not null default 10 check (gap_tolerance_pct between 0 and 100),
          required_kinds text[] not null default '{finance}',
          tracking_from text check (tracking_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
          updated_by uuid references users (id),
          updated_at timestamptz not null default now()
        )`.execute(db);

      await sql`
        create table disclosure_decisions (
          id uuid primary key default gen_random_uuid(),
          region_code text not null references regions (code),
          county_code text not null,
          title text not null check (length(btrim(title)) between 1 and 100),
          subject text not null default '' check (length(subject) <= 2000),
          created_by uuid references users (id),
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index disclosure_decisions_region_idx on disclosure_decisions (region_code)`.execute(db);
      await sql`
        create table disclosure_decision_steps (
          decision_id uuid not null references disclosure_decisions (id),
          step text not null check (step in ('proposal', 'committees', 'party_members', 'villagers', 'decision_published', 'result_published')),
          held_on date not null,
          document text not null default '' check (length(document) <= 200),
          present integer check (present >= 0),
          eligible integer check (eligible > 0),
          in_favour integer check (in_favour >= 0),
          recorded_by uuid references users (id),
          recorded_at timestamptz not null default now(),
          primary key (decision_id, step)
        )`.execute(db);

      await sql`
        create table disclosure_funds (
          id uuid primary key default gen_random_uuid(),
          region_code text not null references regions (code),
          county_code text not null,
          code text not null check (length(btrim(code)) between 1 and 40),
          name text not null check (length(btrim(name)) between 1 and 100),
          kind text not null check (kind in ('special', 'project', 'general', 'livelihood')),
          purpose text not null default '' check (length(purpose) <= 500),
          approved_fen bigint not null default 0 check (approved_fen >= 0),
          approval_document text check (length(approval_document) <= 200),
          decision_id uuid references disclosure_decisions (id),
          status text not null default 'open' check (status in ('open', 'completed')),
          gap_explanation text check (length(gap_explanation) <= 1000),
          balance_disposition text check (length(balance_disposition) <= 1000),
          created_by uuid references users (id),
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          unique (region_code, code),
          unique (region_code, name)
        )`.execute(db);

      await sql`
        create table disclosure_publications (
          id uuid primary key default gen_random_uuid(),
          series_id uuid not null,
          region_code text not null references regions (code),
          county_code text not null,
          period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
          kind text not null check (kind in ('party', 'village', 'finance', 'assets', 'livelihood', 'projects')),
          version integer not null check (version >= 1),
          title text not null check (length(btrim(title)) between 1 and 100),
          body text not null default '' check (length(body) <= 20000),
          status text not null check (status in ('draft', 'in_review', 'returned', 'approved', 'published')),
          previous_id uuid references disclosure_publications (id),
          correction_reason text check (length(correction_reason) <= 1000),
          due_on date not null,
          created_by uuid references users (id),
          created_at timestamptz not null,
          updated_at timestamptz not null,
          submitted_at timestamptz,
          approved_by uuid references users (id),
          approved_at timestamptz,
          published_by uuid references users (id),
          published_at timestamptz,
          chain_seq integer,
          prev_hash text,
          hash text,
          unique (region_code, period, kind, version),
          unique (region_code, chain_seq),
          check ((status = 'published') = (published_at is not null and hash is not null and chain_seq is not null)),
          check ((version = 1) = (previous_id is null)),
          check (version = 1 or correction_reason is not null)
        )`.execute(db);
      await sql`create unique index disclosure_publications_one_open_idx on disclosure_publications (region_code, period, kind) where status <> 'published'`.execute(db);
      await sql`create index disclosure_publications_series_idx on disclosure_publications (series_id, version)`.execute(db);
      await sql`create index disclosure_publications_region_idx on disclosure_publications (region_code text_pattern_ops, period)`.execute(db);

      await sql`
        create table disclosure_publication_funds (
          publication_id uuid not null references disclosure_publications (id),
          fund_id uuid not null references disclosure_funds (id),
          code text not null,
          name text not null,
          kind text not null,
          purpose text not null,
          approved_fen bigint not null,
          approval_document text,
          status text not null,
          gap_explanation text,
          balance_disposition text,
          decision_id uuid,
          decision_title text,
          decision_steps text[] not null default '{}',
          primary key (publication_id, fund_id)
        )`.execute(db);

      await sql`
        create table disclosure_attachments (
          id uuid primary key default gen_random_uuid(),
          region_code text not null references regions (code),
          file_name text not null,
          content_type text not null,
          size_bytes integer not null,
          sha256 text not null,
          bytes bytea not null,
          uploaded_by uuid references users (id),
          created_at timestamptz not null default now()
        )`.execute(db);

      await sql`
        create table disclosure_entries (
          id uuid primary key default gen_random_uuid(),
          publication_id uuid not null references disclosure_publications (id),
          region_code text not null,
          county_code text not null,
          seq integer not null,
          entry_date date not null,
          voucher_no text not null check (length(btrim(voucher_no)) between 1 and 40),
          direction text not null check (direction in ('income', 'expense', 'transfer')),
          amount_fen bigint not null check (amount_fen > 0),
          counterparty text not null check (length(counterparty) <= 100),
          counterparty_kind text not null check (counterparty_kind in ('person', 'organisation')),
          counterparty_salt text not null,
          purpose text not null check (length(purpose) <= 300),
          fund_id uuid not null references disclosure_funds (id),
          to_fund_id uuid references disclosure_funds (id),
          approvers text[] not null default '{}',
          payment_method text not null check (payment_method in ('cash', 'bank', 'other')),
          decision_id uuid references disclosure_decisions (id),
          attachment_ids uuid[] not null default '{}',
          import_id uuid,
          created_at timestamptz not null default now(),
          check ((direction = 'transfer') <= (to_fund_id is not null)),
          check (to_fund_id is null or to_fund_id <> fund_id)
        )`.execute(db);
      await sql`create index disclosure_entries_publication_idx on disclosure_entries (publication_id, seq)`.execute(db);
      await sql`create index disclosure_entries_region_idx on disclosure_entries (region_code, voucher_no)`.execute(db);

      await sql`
        create table disclosure_reviews (
          id uuid primary key default gen_random_uuid(),
          publication_id uuid not null references disclosure_publications (id),
          reviewer_id uuid not null references users (id),
          decision text not null check (decision in ('approve', 'return')),
          comment text not null default '' check (length(comment) <= 2000),
          created_at timestamptz not null
        )`.execute(db);
      await sql`create index disclosure_reviews_publication_idx on disclosure_reviews (publication_id, created_at)`.execute(db);

      await sql`
        create table disclosure_flags (
          id uuid primary key default gen_random_uuid(),
          region_code text not null references regions (code),
          county_code text not null,
          rule text not null,
          fingerprint text not null,
          status text not null check (status in ('open', 'dismissed', 'resolved')),
          params jsonb not null,
          entry_ids uuid[] not null default '{}',
          publication_id uuid references disclosure_publications (id),
          fund_id uuid references disclosure_funds (id),
          period text,
          first_detected_at timestamptz not null,
          last_detected_at timestamptz not null,
          updated_at timestamptz not null,
          unique (region_code, fingerprint)
        )`.execute(db);
      await sql`create index disclosure_flags_scope_idx on disclosure_flags (region_code text_pattern_ops, status)`.execute(db);
      await sql`
        create table disclosure_flag_events (
          id bigserial primary key,
          flag_id uuid not null references disclosure_flags (id),
          action text not null check (action in ('detected', 'dismissed', 'reopened', 'resolved', 'redetected')),
          reason text check (length(reason) <= 1000),
          actor_id uuid references users (id),
          created_at timestamptz not null
        )`.execute(db);
      await sql`create index disclosure_flag_events_flag_idx on disclosure_flag_events (flag_id, id)`.execute(db);

      await sql`
        create table disclosure_comments (
          id uuid primary key default gen_random_uuid(),
          publication_id uuid not null references disclosure_publications (id),
          series_id uuid not null,
          parent_id uuid references disclosure_comments (id),
          region_code text not null,
          author_id uuid not null references users (id),
          author_role text not null check (author_role in ('resident', 'village')),
          body text not null check (length(btrim(body)) between 1 and 1000),
          created_at timestamptz not null
        )`.execute(db);
      await sql`create index disclosure_comments_series_idx on disclosure_comments (series_id, created_at)`.execute(db);

      await sql`
        create table disclosure_import_mappings (
          region_code text primary key references regions (code),
          mapping jsonb not null,
          updated_by uuid references users (id),
          updated_at timestamptz not null
        )`.execute(db);
      await sql`
        create table disclosure_imports (
          id uuid primary key default gen_random_uuid(),
          publication_id uuid not null references disclosure_publications (id),
          region_code text not null,
          file_name text not null,
          format text not null,
          encoding text not null,
          row_count integer not null,
          sha256 text not null,
          mode text not null,
          imported_by uuid references users (id),
          created_at timestamptz not null
        )`.execute(db);

      await sql`
        create table disclosure_notices (
          id uuid primary key default gen_random_uuid(),
          publication_id uuid not null references disclosure_publications (id),
          region_code text not null,
          title text not null,
          body text not null,
          author_id uuid references users (id),
          created_at timestamptz not null,
          delivered_at timestamptz,
          feed_post_id uuid,
          error text
        )`.execute(db);

      await sql`
        create table disclosure_chain_heads (
          region_code text primary key references regions (code),
          seq integer not null,
          hash text not null
        )`.execute(db);

      // ---- immutability of what has been published ----
      await sql`
        create function disclosure_publication_guard() returns trigger language plpgsql as $$
        begin
          if old.status = 'published' then
            raise exception 'disclosure publication % is published and immutable', old.id using errcode = 'P0001';
          end if;
          return case when tg_op = 'DELETE' then old else new end;
        end $$`.execute(db);
      await sql`create trigger disclosure_publication_guard before update or delete on disclosure_publications
        for each row execute function disclosure_publication_guard()`.execute(db);

      await sql`
        create function disclosure_children_guard() returns trigger language plpgsql as $$
        declare hit uuid;
        begin
          if tg_op = 'INSERT' then
            select p.id into hit from new_rows n join disclosure_publications p on p.id = n.publication_id where p.status = 'published' limit 1;
          else
            select p.id into hit from old_rows o join disclosure_publications p on p.id = o.publication_id where p.status = 'published' limit 1;
          end if;
          if hit is not null then
            raise exception 'disclosure publication % is published and immutable', hit using errcode = 'P0001';
          end if;
          return null;
        end $$`.execute(db);
      for (const table of ['disclosure_entries', 'disclosure_publication_funds']) {
        await sql.raw(`create trigger ${table}_insert_guard after insert on ${table} referencing new table as new_rows
          for each statement execute function disclosure_children_guard()`).execute(db);
        await sql.raw(`create trigger ${table}_update_guard after update on ${table} referencing old table as old_rows
          for each statement execute function disclosure_children_guard()`).execute(db);
        await sql.raw(`create trigger ${table}_delete_guard after delete on ${table} referencing old table as old_rows
          for each statement execute function disclosure_children_guard()`).execute(db);
      }
      await sql`
        create function disclosure_attachment_guard() returns trigger language plpgsql as $$
        begin
          raise exception 'disclosure attachments are immutable' using errcode = 'P0001';
        end $$`.execute(db);
      await sql`create trigger disclosure_attachment_guard before update on disclosure_attachments
        for each row execute function disclosure_attachment_guard()`.execute(db);
    },
  },
  ...noticeDeliveryMigrations,
  ...scanKeyMigrations,
};
