import type { ServiceContext } from '../../platform/context.js';
import { parentRegionCode, regionLevel, regionPrefix } from '../../../common/regions.js';
import { demoDepartments, demoOfficePhone, demoRegions } from './demo-data.js';
import { regionUnitName } from './service.js';

/**
 * Loads the Zhuzhou region tree, a unit for every region and the functional
 * departments. Idempotent (ON CONFLICT DO NOTHING on the natural keys) and
 * fast: three batch inserts in one transaction.
 */
export async function seedRegionsDemo(ctx: ServiceContext): Promise<void> {
  const regions = demoRegions();
  await ctx.db.transaction().execute(async (trx) => {
    for (const batch of chunks(regions, 1000)) {
      await trx
        .insertInto('regions')
        .values(
          batch.map((r) => ({
            code: r.code,
            name: r.name,
            level: regionLevel(r.code),
            kind: r.kind,
            parent_code: parentRegionCode(r.code),
            prefix: regionPrefix(r.code),
          })),
        )
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    for (const batch of chunks(regions, 1000)) {
      await trx
        .insertInto('units')
        .values(
          batch.map((r) => ({
            kind: 'region' as const,
            region_code: r.code,
            name: regionUnitName({ name: r.name, level: regionLevel(r.code), kind: r.kind }),
            department_type: null,
            phone: regionLevel(r.code) === 'grid' ? null : demoOfficePhone(r.code),
          })),
        )
        .onConflict((oc) => oc.column('region_code').where('kind', '=', 'region').doNothing())
        .execute();
    }
    await trx
      .insertInto('units')
      .values(
        demoDepartments().map((d) => ({
          kind: 'department' as const,
          region_code: d.regionCode,
          name: d.name,
          department_type: d.departmentType,
          phone: d.phone,
        })),
      )
      .onConflict((oc) => oc.columns(['region_code', 'department_type']).where('kind', '=', 'department').doNothing())
      .execute();
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
