import { sql, type Kysely, type Migration } from 'kysely';
import { trackReferenceTable } from '../../platform/reference-cache.js';

/** Block 1060–1069: the intake path (its reads from the reference cache, reference.ts; its write's indexes). */
export const caseIntakeMigrations: Record<string, Migration> = {
  '1060_cases_reference_versions': {
    async up(db: Kysely<any>) {
      await trackReferenceTable('case_categories').execute(db);
      await trackReferenceTable('case_routing_rules').execute(db);
    },
  },
  /**
   * The GIN indexes of `cases` (the scoped search and the title trigrams) take
   * new entries into a pending list, and the insert that finds the list full
   * merges all of it into the index while its request waits. With the default
   * 4 MB list that merge stalled an intake batch for tens of ms every few
   * seconds under load (intake p99 48–50 ms; 256 kB: 40–42 ms, the same
   * throughput). A short list also keeps searches from scanning a long one.
   */
  '1061_cases_gin_pending_list': {
    async up(db: Kysely<any>) {
      await sql`alter index cases_scoped_search_idx set (gin_pending_list_limit = 256)`.execute(db);
      await sql`alter index cases_title_trgm_idx set (gin_pending_list_limit = 256)`.execute(db);
    },
  },
};
