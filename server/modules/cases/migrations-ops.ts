import { sql, type Kysely, type Migration } from 'kysely';
import { OPEN_STATUSES } from '../../../common/cases/states.js';
import { CASE_EVENT_KINDS } from '../../../common/cases/types.js';
import { ESCALATION_KINDS, NOTIFICATION_KINDS, DEADLINE_STEPS } from '../../../common/cases/deadlines.js';
import { rollupDdl } from './stats-rollup.js';
import { rebuildSql } from './stats-rebuild.js';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Deadlines, escalation (督办) and statistics (block 1010–1019).
 *
 * - `case_deadline_steps`: which warning or notice the deadline job has sent,
 *   once per case per deadline (the due time is part of the key, so a reopened
 *   case with a new deadline is warned again).
 * - `case_escalations`: the upper unit's supervision board; at most one open
 *   item per case (a unique partial index, so two job runs cannot both escalate).
 * - `case_notifications`: durable in-app notices for a unit (or one person in
 *   it); the platform has no notification inbox of its own.
 * - `case_stats_regions` / `case_stats_units`: the 三率 roll-ups, kept by a
 *   trigger on `cases` (stats-rollup.ts explains the choice).
 */
export const caseOpsMigrations: Record<string, Migration> = {
  '1010_cases_deadlines_escalation': {
    async up(db: Kysely<any>) {
      // The timeline learns two kinds: escalated and supervision_closed.
      await sql`alter table case_events drop constraint if exists case_events_kind_check`.execute(db);
      await sql`alter table case_events add constraint case_events_kind_check check (kind in (${list(CASE_EVENT_KINDS)}))`.execute(db);

      await sql`create table case_deadline_steps (
        case_id uuid not null references cases(id),
        step text not null check (step in (${list(DEADLINE_STEPS)})),
        due_at timestamptz not null,
        created_at timestamptz not null default now(),
        primary key (case_id, step, due_at)
      )`.execute(db);

      await sql`create table case_escalations (
        id uuid primary key default gen_random_uuid(),
        case_id uuid not null references cases(id),
        kind text not null check (kind in (${list(ESCALATION_KINDS)})),
        from_unit_id uuid references units(id),
        to_unit_id uuid not null references units(id),
        to_region_code text not null,
        due_at timestamptz not null,
        overdue_minutes integer not null,
        created_at timestamptz not null default now(),
        closed_at timestamptz,
        closed_by uuid references users(id),
        close_note text,
        check ((closed_at is null) = (closed_by is null))
      )`.execute(db);
      await sql`create unique index case_escalations_one_open_idx on case_escalations (case_id) where closed_at is null`.execute(db);
      await sql`create index case_escalations_board_idx on case_escalations (to_unit_id, created_at desc)`.execute(db);
      await sql`create index case_escalations_region_idx on case_escalations (to_region_code text_pattern_ops, created_at desc)`.execute(db);
      await sql`create index case_escalations_case_idx on case_escalations (case_id, due_at)`.execute(db);

      await sql`create table case_notifications (
        id bigserial primary key,
        unit_id uuid references units(id),
        user_id uuid references users(id) on delete cascade,
        case_id uuid not null references cases(id),
        kind text not null check (kind in (${list(NOTIFICATION_KINDS)})),
        data jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        read_at timestamptz,
        read_by uuid references users(id),
        check (unit_id is not null or user_id is not null)
      )`.execute(db);
      await sql`create index case_notifications_unit_idx on case_notifications (unit_id, created_at desc) where user_id is null`.execute(db);
      await sql`create index case_notifications_user_idx on case_notifications (user_id, created_at desc) where user_id is not null`.execute(db);

      // The job's scans: open cases by response deadline (not yet accepted) and by resolution deadline (exists: cases_resolution_due_idx).
      await sql`create index cases_response_due_idx on cases (response_due_at) where responded_at is null and status in (${list(OPEN_STATUSES)})`.execute(db);
    },
  },
  '1011_cases_statistics_rollups': {
    async up(db: Kysely<any>) {
      for (const statement of rollupDdl()) await sql.raw(statement).execute(db);
      // Roll-up reads: one region level, one category, a scope prefix, a day range.
      await sql`create index case_stats_units_day_idx on case_stats_units (day)`.execute(db);
      // Live "overdue now" counts read the few open cases of a subtree.
      await sql`create index cases_open_region_idx on cases (region_code text_pattern_ops, created_at)
        include (response_due_at, resolution_due_at, responded_at, category_code, handling_unit_id, confidential)
        where status in (${list(OPEN_STATUSES)})`.execute(db);
      // Cases filed before the trigger existed.
      for (const statement of rebuildSql(null, null)) await sql.raw(statement).execute(db);
    },
  },
  '1012_cases_statistics_layout': {
    async up(db: Kysely<any>) {
      // Room in each page for the trigger's updates to stay in place (HOT), so rows stay in key order after a rebuild's CLUSTER.
      await sql`alter table case_stats_regions set (fillfactor = 80)`.execute(db);
      await sql`alter table case_stats_units set (fillfactor = 80)`.execute(db);
    },
  },
};
