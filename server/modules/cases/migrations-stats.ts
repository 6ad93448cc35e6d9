import { sql, type Kysely, type Migration } from 'kysely';
import { foldDdl, monthDdl, quickFoldFunction } from './stats-fold.js';
import { openRollupDdl } from './stats-open.js';

/**
 * Statistics, second block (1050–1059).
 *
 * - 1050: the roll-ups are kept through append-only deltas (stats-fold.ts):
 *   the triggers on `cases` append to `case_stats_pending` instead of
 *   upserting the roll-up rows at commit, and `case_stats_fold()` moves the
 *   deltas in. The roll-ups themselves are unchanged and stay exact across
 *   the switch (the old trigger kept them up to the moment of the swap).
 * - 1051: the same roll-ups by month (`…_month`, `day` the month's first day),
 *   filled from the day rows; the fold now keeps both. Year views read whole
 *   months there and only the partial months' days from the day tables.
 * - 1052: the open roll-ups (stats-open.ts): open cases by key, day received
 *   and the day they become overdue, filled from the open cases and kept by
 *   the same deltas (a new `overdue_day` column) and fold. "Overdue now"
 *   reads them plus the cases becoming overdue today.
 * - 1053: the fold returns at once when nothing is pending (every read folds
 *   first; an empty fold no longer plans its big statement).
 */
export const caseStatsMigrations: Record<string, Migration> = {
  '1050_cases_statistics_deltas': {
    async up(db: Kysely<any>) {
      for (const statement of foldDdl()) await sql.raw(statement).execute(db);
    },
  },
  '1051_cases_statistics_months': {
    async up(db: Kysely<any>) {
      // Under the fold's own lock order (roll-ups), so no fold runs between the copy and the new function.
      await sql`lock table case_stats_regions, case_stats_units in exclusive mode`.execute(db);
      for (const statement of monthDdl()) await sql.raw(statement).execute(db);
    },
  },
  '1052_cases_statistics_open': {
    async up(db: Kysely<any>) {
      // No case changes meanwhile (SHARE waits for the writers in flight), so the fill and the new deltas meet
      // exactly: changes before it are in the fill and their pending rows carry no overdue day; later ones do.
      // Then the fold's lock order (roll-ups), so no fold runs with the old function after the new column exists.
      await sql`lock table cases in share mode`.execute(db);
      await sql`lock table case_stats_regions, case_stats_units, case_stats_regions_month, case_stats_units_month in exclusive mode`.execute(db);
      for (const statement of openRollupDdl()) await sql.raw(statement).execute(db);
    },
  },
  '1053_cases_statistics_fold_quick_exit': {
    async up(db: Kysely<any>) {
      await sql.raw(quickFoldFunction()).execute(db);
    },
  },
};
