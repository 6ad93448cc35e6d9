import type { Kysely, Migration } from 'kysely';
import { trackReferenceTable } from '../../platform/reference-cache.js';

/** Block 1060–1069: what the intake path reads from the reference cache (reference.ts). */
export const caseIntakeMigrations: Record<string, Migration> = {
  '1060_cases_reference_versions': {
    async up(db: Kysely<any>) {
      await trackReferenceTable('case_categories').execute(db);
      await trackReferenceTable('case_routing_rules').execute(db);
    },
  },
};
