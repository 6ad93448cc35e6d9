import { sql, type Kysely, type Migration } from 'kysely';
import { trackReferenceTable } from '../../platform/reference-cache.js';

export const regionMigrations: Record<string, Migration> = {
  '0100_regions_and_units': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('regions')
        .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9]{12}([0-9]{3})?$'`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('kind', 'text')
        .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create index regions_code_pattern_idx on regions (code text_pattern_ops)`.execute(db);
      await sql`create index regions_parent_idx on regions (parent_code)`.execute(db);
      await sql`create index regions_name_trgm_idx on regions using gin (name gin_trgm_ops)`.execute(db);

      await db.schema
        .createTable('units')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('region', 'department')`))
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department_type', 'text')
        .addColumn('phone', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create unique index units_one_per_region_idx on units (region_code) where kind = 'region'`.execute(db);
      await sql`create unique index units_department_idx on units (region_code, department_type) where kind = 'department'`.execute(db);
      await sql`create index units_region_pattern_idx on units (region_code text_pattern_ops)`.execute(db);
    },
  },
  '0101_regions_unit_search': {
    async up(db: Kysely<any>) {
      // Unit names are searched by fragment (「城管」, 「双江」): trigram index, as for regions.
      await sql`create index units_name_trgm_idx on units using gin (name gin_trgm_ops)`.execute(db);
      // A department always says which kind it is; a region's own body never does.
      await sql`alter table units add constraint units_department_type_chk
        check ((kind = 'department') = (department_type is not null))`.execute(db);
    },
  },
  '0102_regions_units_reference_version': {
    async up(db: Kysely<any>) {
      // Units are cached by their readers (the case intake's router): changes bump a version.
      await trackReferenceTable('units').execute(db);
    },
  },
};
