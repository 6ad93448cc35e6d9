import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The red-flag scan compares voucher numbers and counterparties the way the
 * rules do (flag-rules.ts norm(): whitespace removed — JavaScript's \s, Unicode
 * spaces included — and lower case). Normalising a million entries' text on
 * every scan cost more than everything else the scan does in PostgreSQL, so
 * the keys are computed once, when an entry is written (repo-scan.ts).
 */
export const SCAN_SPACE = `[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+`;

export const scanKeyMigrations: Record<string, Migration> = {
  '2008_disclosures_scan_keys': {
    async up(db: Kysely<any>) {
      const space = sql.lit(SCAN_SPACE);
      await sql`alter table disclosure_entries
        add column voucher_key text generated always as (lower(regexp_replace(voucher_no, ${space}, '', 'g'))) stored,
        add column counterparty_key text generated always as (lower(regexp_replace(counterparty, ${space}, '', 'g'))) stored`.execute(db);
    },
  },
};
