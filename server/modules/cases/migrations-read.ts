import { sql, type Kysely, type Migration } from 'kysely';
import { OPEN_STATUSES } from '../../../common/cases/states.js';

const open = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * Block 1040–1049: indexes of the list reads (queries.ts). The queue splits
 * the access scope into branches (the handling units; each region prefix),
 * each walking its own index newest first with the filters and sort keys
 * included, so a branch is read from the index alone and a capped count
 * does not touch the table (all-visible pages).
 */
export const caseReadMigrations: Record<string, Migration> = {
  '1040_cases_list_indexes': {
    async up(db: Kysely<any>) {
      await sql`create index if not exists cases_unit_created_idx on cases (handling_unit_id, created_at desc, id)
        include (status, confidential, category_code, region_code, priority, channel, resolution_due_at, response_due_at, responded_at)`.execute(db);
      await sql`create index if not exists cases_region_created_idx on cases (region_code text_pattern_ops, created_at desc, id)
        include (status, confidential, category_code, handling_unit_id, priority, channel, resolution_due_at, response_due_at, responded_at)`.execute(db);
    },
  },
  '1041_cases_open_region_list_index': {
    async up(db: Kysely<any>) {
      // The open cases of a region prefix alone: a village's open queue reads its few open cases, not its whole history.
      await sql`create index if not exists cases_open_region_created_idx on cases (region_code text_pattern_ops, created_at desc, id)
        include (status, confidential, category_code, handling_unit_id, priority, channel, resolution_due_at, response_due_at, responded_at)
        where status in (${open})`.execute(db);
    },
  },
  '1042_cases_drop_superseded_indexes': {
    async up(db: Kysely<any>) {
      // Every intake maintains every index of cases: the two below are prefixes of 1040's and 1041's.
      await sql`drop index if exists cases_region_pattern_idx`.execute(db);
      await sql`drop index if exists cases_open_region_idx`.execute(db);
    },
  },
  '1043_cases_scoped_search_index': {
    async up(db: Kysely<any>) {
      // The words of a case together with the keys of its scope (its county, township and village
      // prefixes, its region, its handling unit) in one GIN index (btree_gin for the scalar keys): a
      // text search under a scope intersects posting lists inside the index (queries.ts regionKey).
      // It serves a search without scope as the plain one did, so that one goes.
      await sql`create extension if not exists btree_gin`.execute(db);
      await sql`create index if not exists cases_scoped_search_idx on cases
        using gin (left(region_code, 6), left(region_code, 9), left(region_code, 12), region_code, handling_unit_id, search)`.execute(db);
      await sql`drop index if exists cases_search_idx`.execute(db);
    },
  },
};
