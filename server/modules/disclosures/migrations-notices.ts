import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Feed notices delivered by a pg-boss job when the direct delivery after
 * publishing fails (the outbox of feed-notice.ts): a claim so that two
 * workers never post the same notice, the attempts made, and an index for
 * the sweep that finds what is still pending.
 */
export const noticeDeliveryMigrations: Record<string, Migration> = {
  '2001_disclosures_notice_delivery': {
    async up(db: Kysely<any>) {
      await sql`alter table disclosure_notices
        add column attempts integer not null default 0,
        add column claimed_until timestamptz`.execute(db);
      await sql`create index disclosure_notices_pending_idx on disclosure_notices (created_at) where delivered_at is null`.execute(db);
    },
  },
};
