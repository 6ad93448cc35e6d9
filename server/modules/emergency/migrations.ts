import { sql, type Kysely, type Migration } from 'kysely';
import { careMigrations } from './migrations-care.js';
import { phoneNeedMigrations } from './migrations-phone.js';

/** Runs each statement of a migration in order. */
function ddl(...statements: string[]): Migration {
  return {
    async up(db: Kysely<any>) {
      for (const s of statements) await sql.raw(s).execute(db);
    },
  };
}

const LINES = `'supervision', 'supply', 'testing', 'transfer', 'publicity'`;

/**
 * Emergency operations, block 3000–3099: incidents, grids and tasks (3000),
 * risk areas (3001), notices (3002), needs and errands (3003); health
 * stations and transfers in migrations-care.ts (3004, 3005); needs recorded
 * for callers in migrations-phone.ts (3006).
 */
export const emergencyMigrations: Record<string, Migration> = {
  '3000_emergency_incidents_grids_tasks': ddl(
    `create table emergency_incidents (
      id uuid primary key default gen_random_uuid(),
      name text not null check (char_length(name) between 1 and 60),
      region_code text not null references regions(code),
      description text check (description is null or char_length(description) <= 2000),
      started_at timestamptz not null,
      ended_at timestamptz,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ended_at is null or ended_at > started_at))`,
    `create index emergency_incidents_region_idx on emergency_incidents (region_code text_pattern_ops)`,
    `create table emergency_grids (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references emergency_incidents(id),
      region_code text not null references regions(code),
      kind text not null check (kind in ('region', 'zone')),
      name text not null check (char_length(name) between 1 and 40),
      leader_user_id uuid references users(id),
      lat double precision check (lat between -90 and 90),
      lng double precision check (lng between -180 and 180),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      check ((lat is null) = (lng is null)),
      check (kind <> 'region' or char_length(region_code) = 15),
      check (kind <> 'zone' or char_length(region_code) = 12))`,
    `create unique index emergency_grids_name_idx on emergency_grids (incident_id, region_code, name)`,
    `create index emergency_grids_leader_idx on emergency_grids (leader_user_id)`,
    `create table emergency_grid_members (
      id uuid primary key default gen_random_uuid(),
      grid_id uuid not null references emergency_grids(id),
      user_id uuid not null references users(id),
      capacity text not null check (capacity in ('cadre', 'department', 'volunteer', 'medic')),
      assigned_by uuid not null references users(id),
      assigned_at timestamptz not null,
      released_by uuid references users(id),
      released_at timestamptz,
      check ((released_at is null) = (released_by is null)))`,
    // One current assignment per person and grid; released ones stay as history.
    `create unique index emergency_grid_members_current_idx on emergency_grid_members (grid_id, user_id) where released_at is null`,
    `create index emergency_grid_members_user_idx on emergency_grid_members (user_id) where released_at is null`,
    `create table emergency_tasks (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references emergency_incidents(id),
      grid_id uuid references emergency_grids(id),
      line text not null check (line in (${LINES})),
      title text not null check (char_length(title) between 1 and 100),
      detail text check (detail is null or char_length(detail) <= 1000),
      owner_user_id uuid references users(id),
      due_at timestamptz,
      status text not null check (status in ('open', 'in_progress', 'done', 'cancelled')),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      done_at timestamptz,
      check ((status = 'done') = (done_at is not null)))`,
    // The grid board: open work per grid and line.
    `create index emergency_tasks_board_idx on emergency_tasks (incident_id, grid_id, line) where status in ('open', 'in_progress')`,
    `create index emergency_tasks_owner_idx on emergency_tasks (owner_user_id) where status in ('open', 'in_progress')`,
  ),

  '3001_emergency_risk_areas': ddl(
    `create table emergency_risk_areas (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references emergency_incidents(id),
      region_code text not null references regions(code),
      name text not null check (char_length(name) between 1 and 60),
      sealed boolean not null default false,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now())`,
    `create unique index emergency_risk_areas_name_idx on emergency_risk_areas (incident_id, region_code, name)`,
    `create table emergency_risk_area_changes (
      id bigserial primary key,
      area_id uuid not null references emergency_risk_areas(id),
      batch_id uuid not null,
      level text check (level is null or level in ('high', 'medium', 'low')),
      effective_at timestamptz not null,
      note text check (note is null or char_length(note) <= 200),
      changed_by uuid not null references users(id),
      created_at timestamptz not null default now())`,
    `create index emergency_risk_area_changes_area_idx on emergency_risk_area_changes (area_id, effective_at desc, id desc)`,
    `create index emergency_risk_area_changes_batch_idx on emergency_risk_area_changes (batch_id)`,
  ),

  '3002_emergency_notices': ddl(
    `create table emergency_notices (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references emergency_incidents(id),
      region_code text not null references regions(code),
      title text not null check (char_length(title) between 1 and 60),
      body text not null check (char_length(body) between 1 and 4000),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now())`,
    `create index emergency_notices_incident_idx on emergency_notices (incident_id, created_at desc)`,
    `create table emergency_notice_dispatch (
      notice_id uuid primary key references emergency_notices(id),
      status text not null check (status in ('queued', 'delivering', 'delivered', 'failed')),
      total integer not null check (total >= 0),
      queued integer not null default 0 check (queued >= 0),
      cursor uuid,
      started_at timestamptz not null,
      updated_at timestamptz not null,
      finished_at timestamptz,
      error text)`,
    `create index emergency_notice_dispatch_pending_idx on emergency_notice_dispatch (updated_at) where status in ('queued', 'delivering')`,
    `create table emergency_notice_deliveries (
      notice_id uuid not null references emergency_notices(id),
      household_id uuid not null references households(id),
      region_code text not null,
      county_code text not null,
      queued_at timestamptz not null,
      seen_at timestamptz,
      acked_at timestamptz,
      acked_by uuid references users(id),
      ack_channel text check (ack_channel is null or ack_channel in ('app', 'visit')),
      primary key (notice_id, household_id),
      check ((acked_at is null) = (ack_channel is null)))`,
    `create index emergency_notice_deliveries_household_idx on emergency_notice_deliveries (household_id, queued_at desc)`,
    // Households not yet reached, by area: what the grid workers go and knock on.
    `create index emergency_notice_deliveries_unreached_idx on emergency_notice_deliveries (notice_id, region_code) where acked_at is null`,
  ),

  '3003_emergency_needs_errands': ddl(
    `create table emergency_needs (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references emergency_incidents(id),
      grid_id uuid references emergency_grids(id),
      household_id uuid references households(id),
      region_code text not null references regions(code),
      county_code text not null,
      requester_user_id uuid not null references users(id),
      compound text not null check (char_length(compound) between 1 and 60),
      building text not null check (char_length(building) between 1 and 60),
      phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
      urgency text not null check (urgency in ('life_critical', 'urgent', 'normal')),
      status text not null check (status in ('open', 'claimed', 'bought', 'at_gate', 'handed_over', 'delivered', 'confirmed', 'cancelled')),
      note text check (note is null or char_length(note) <= 500),
      lat double precision check (lat between -90 and 90),
      lng double precision check (lng between -180 and 180),
      shop_name text check (shop_name is null or char_length(shop_name) between 1 and 60),
      shop_lat double precision check (shop_lat between -90 and 90),
      shop_lng double precision check (shop_lng between -180 and 180),
      claimed_by uuid references users(id),
      claimed_at timestamptz,
      case_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      check ((lat is null) = (lng is null)),
      check ((shop_lat is null) = (shop_lng is null) and (shop_lat is null or shop_name is not null)),
      check (status <> 'open' or claimed_by is null),
      check (status in ('open', 'cancelled') or claimed_by is not null))`,
    // A volunteer's list: open needs of the grids they serve, life-critical first.
    `create index emergency_needs_grid_idx on emergency_needs (grid_id, status, urgency, created_at)`,
    `create index emergency_needs_requester_idx on emergency_needs (requester_user_id, created_at desc)`,
    `create index emergency_needs_runner_idx on emergency_needs (claimed_by, status)`,
    `create index emergency_needs_incident_idx on emergency_needs (incident_id, status)`,
    `create table emergency_need_items (
      need_id uuid not null references emergency_needs(id),
      position smallint not null check (position between 1 and 20),
      kind text not null check (kind in ('medicine', 'dialysis_drug', 'infant_formula', 'food', 'daily_necessity', 'other')),
      name text not null check (char_length(name) between 1 and 60),
      strength text check (strength is null or char_length(strength) between 1 and 30),
      quantity integer not null check (quantity between 1 and 999),
      unit text check (unit is null or char_length(unit) between 1 and 10),
      to_buy boolean not null,
      primary key (need_id, position),
      check (kind not in ('medicine', 'dialysis_drug') or strength is not null))`,
    `create table emergency_errand_photos (
      id uuid primary key default gen_random_uuid(),
      need_id uuid not null references emergency_needs(id),
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      bytes bytea not null,
      uploaded_by uuid not null references users(id),
      created_at timestamptz not null default now())`,
    `create table emergency_errand_events (
      id bigserial primary key,
      need_id uuid not null references emergency_needs(id),
      action text not null,
      from_status text not null,
      to_status text not null,
      actor_id uuid not null references users(id),
      note text,
      photo_id uuid references emergency_errand_photos(id),
      at timestamptz not null)`,
    `create index emergency_errand_events_need_idx on emergency_errand_events (need_id, at)`,
  ),
  ...careMigrations,
  ...phoneNeedMigrations,
};
