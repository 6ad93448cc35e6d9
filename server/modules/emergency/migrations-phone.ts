import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Needs recorded by staff for a resident who phoned (3006): many of those
 * under lockdown are elderly without a smartphone. Such a need has no
 * account behind it (`requester_user_id` null, as with hotline calls: a
 * caller ID is not proof of who someone is); the caller's name and phone
 * are kept, with who recorded it. The caller follows it by the case's
 * tracking number and the last 4 digits of that phone.
 */
export const phoneNeedMigrations: Record<string, Migration> = {
  '3006_emergency_needs_phone_channel': {
    async up(db: Kysely<any>) {
      for (const s of [
        `alter table emergency_needs alter column requester_user_id drop not null`,
        `alter table emergency_needs add column channel text not null default 'app' check (channel in ('app', 'phone'))`,
        `alter table emergency_needs add column recorded_by uuid references users(id)`,
        `alter table emergency_needs add column caller_name text check (caller_name is null or char_length(caller_name) between 1 and 30)`,
        `alter table emergency_needs add constraint emergency_needs_channel_requester check ((channel = 'app') = (requester_user_id is not null))`,
        `alter table emergency_needs add constraint emergency_needs_phone_recorded check (channel = 'app' or recorded_by is not null)`,
        `create index emergency_needs_recorded_by_idx on emergency_needs (recorded_by, created_at desc) where recorded_by is not null`,
      ]) {
        await sql.raw(s).execute(db);
      }
    },
  },
};
