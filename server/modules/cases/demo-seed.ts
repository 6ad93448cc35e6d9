import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { bulkSeedCases, type Requester } from './bulk-seed.js';
import { rebuildCaseStatistics } from './stats-rebuild.js';

/**
 * The demo's year of cases (seed 004: 3.4 万件 a year across Zhuzhou, 99.2 %
 * solved): 4,000 cases over the twelve months before today across every demo
 * village and community, routed by the default rules to the real demo units,
 * most by the 12345 hotline (罗敏 took the calls), the rest in the app by the
 * demo residents of 双江村, 汆溪村 and 钟鼓岭社区, or through Open311; recent
 * ones still open, a few overdue. Then a handful more in 双江村 and 汆溪村,
 * and the demo resident 谭德明's (13907331001) own, so the resident's "my
 * cases" and the village cadres' queues have something to show.
 */
export const DEMO_CASE_COUNT = 4000;
export const DEMO_RESIDENT_PHONE = '13907331001';
const SHUANGJIANG = '430212101201';
const CUANXI = '430281102201';
const HOTLINE_OPERATOR = 'rx_12345';
const DAY = 24 * 3600 * 1000;

/** Verified household members of the demo (read like directory.ts reads people). */
async function demoResidents(db: Executor): Promise<Requester[]> {
  const rows = await db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.phone', 'h.region_code'])
    .where('m.status', '=', 'verified')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, phone: r.phone, regionCode: r.region_code }));
}

export async function seedCasesDemo(ctx: ServiceContext): Promise<void> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const already = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (already) return;
  const village = await db.selectFrom('regions').select('code').where('level', '=', 'village').limit(1).executeTakeFirst();
  if (!village) return;
  const requesters = await demoResidents(db);
  const operator = await db.selectFrom('users').select('id').where('username', '=', HOTLINE_OPERATOR).executeTakeFirst();
  const common = { now, operatorId: operator?.id ?? null, rebuildStatistics: false } as const;
  const yearAgo = new Date(now.getTime() - 365 * DAY);

  await bulkSeedCases(db, { ...common, count: DEMO_CASE_COUNT, from: yearAgo, to: new Date(now.getTime() - 10 * 60 * 1000), requesters });
  for (const code of [SHUANGJIANG, CUANXI]) {
    const local = requesters.filter((r) => r.regionCode === code);
    await bulkSeedCases(db, { ...common, count: 12, regionPrefix: code, from: yearAgo, to: new Date(now.getTime() - 30 * DAY), requesters: local });
    // Recent ones, still with the village: its queue is not empty.
    await bulkSeedCases(db, { ...common, count: 4, regionPrefix: code, from: new Date(now.getTime() - 3 * DAY), to: new Date(now.getTime() - 3600 * 1000), requesters: local });
  }
  const resident = requesters.find((r) => r.phone === DEMO_RESIDENT_PHONE);
  if (resident) {
    const own = { ...common, regionPrefix: resident.regionCode, requesters: [resident], channel: 'app' as const };
    await bulkSeedCases(db, { ...own, count: 4, from: new Date(now.getTime() - 300 * DAY), to: new Date(now.getTime() - 20 * DAY) });
    await bulkSeedCases(db, { ...own, count: 2, from: new Date(now.getTime() - 2 * DAY), to: new Date(now.getTime() - 2 * 3600 * 1000) });
  }
  await rebuildCaseStatistics(db, { from: yearAgo, to: now });
}
